import type { Feature } from '../types.js';

export const userExperienceFeatures: Feature[] = [
  {
    id: 'webDashboard',
    title: 'Web console (Cockpit)',
    description:
      "Runs Cockpit, a web page for the host: load, logs, services, storage, networking and a terminal, with a login using the host's own accounts. It shows what is happening now; history and graphs come from Grafana.",
    category: 'user-experience',
    risk: 'moderate',
    impacts: [
      "A login page using the host's passwords; administrators who log in can run anything as root from the browser.",
      'The VM pages of Cockpit (cockpit-machines) are a separate plugin that hv does not install; VMs are managed with hv.',
      'Served over HTTPS with a self-signed certificate until you install your own, so browsers warn on first visit.',
    ],
    mitigations: [
      'The port stays closed in the firewall unless you open it; reach it over Tailscale or an SSH tunnel instead.',
      "Only the addresses listed (plus this host's name and localhost) are accepted as origins, which blocks cross-site attacks.",
    ],
    requires: [],
    // Deliberate change: the original tied the dashboard to metrics. Cockpit reads live
    // figures from the host itself, so it does not need the node exporter.
    depends: [],
    conflicts: [],
    minLevel: 'intermediate',
    hardenedMutable: false,
    option: 'hypervisor.userExperience.webDashboard',
    params: {
      port: {
        type: 'port',
        default: 9090,
        title: 'Port',
        help: "Cockpit's usual port is 9090 (Prometheus moves aside for it).",
      },
      openFirewall: {
        type: 'bool',
        default: false,
        title: 'Open the port to the network',
        help: 'Makes the login page reachable from every network the host is on.',
      },
      origins: {
        type: 'string-list',
        default: [],
        itemPattern: /^https:\/\/[A-Za-z0-9.-]+(:\d+)?$/,
        patternMessage: 'expected an https:// address such as https://hv-01.example.org:9090',
        title: 'Other addresses it is opened by',
        help: 'Extra https:// addresses you type in the browser to reach it (for example a full domain name).',
      },
    },
    profiles: ['full'],
  },
  {
    id: 'cliEnhancements',
    title: 'Command-line conveniences',
    description:
      'Points virsh and other libvirt tools at the system\'s VMs by default (not the per-user session), adds short commands such as "vms" for the VM list, and installs virt-top, htop, jq and tmux.',
    category: 'user-experience',
    risk: 'low',
    impacts: [
      'LIBVIRT_DEFAULT_URI is set to qemu:///system for every login, so a plain "virsh list" shows the host\'s VMs.',
      'Adds shell aliases: vms, vmstart, vmstop and vmconsole.',
    ],
    mitigations: [
      'Only members of the libvirtd group can use the system connection; for everyone else virsh still asks for authentication.',
    ],
    requires: [],
    depends: [],
    conflicts: [],
    minLevel: 'beginner',
    hardenedMutable: true,
    option: 'hypervisor.userExperience.cliEnhancements',
    params: {},
    profiles: ['balanced', 'full'],
    roles: { workstation: 'on' },
  },
  {
    id: 'interactiveWizards',
    title: 'Guidance at login',
    description:
      'Shows a short message at every login saying this host is run with hv and which commands start the console, the setup and the help.',
    category: 'user-experience',
    risk: 'minimal',
    impacts: ["Replaces the login message (motd) with hv's."],
    mitigations: [
      'The message names no versions or accounts, so it tells a visitor nothing useful about the host.',
    ],
    requires: [],
    depends: [],
    conflicts: [],
    minLevel: 'beginner',
    hardenedMutable: true,
    option: 'hypervisor.userExperience.interactiveWizards',
    params: {},
    profiles: ['minimal', 'balanced', 'full'],
  },
  {
    id: 'usbRedirection',
    title: 'USB devices into VMs from this desk',
    description:
      'Lets people sitting at this machine pass a USB device (a stick, a token, a phone) into a VM through the SPICE viewer, without root.',
    category: 'user-experience',
    risk: 'moderate',
    impacts: [
      'Installs a setuid helper that lets local users hand USB devices to VMs; while passed through, the host cannot use the device.',
      'A VM given a USB device can read and write it, and can attack it through its firmware.',
    ],
    mitigations: [
      'Only devices a person picks in the viewer are passed on, and only while the viewer is open.',
    ],
    requires: [],
    depends: [],
    conflicts: [],
    minLevel: 'intermediate',
    hardenedMutable: false,
    option: 'hypervisor.userExperience.usbRedirection',
    params: {},
    profiles: [],
    roles: { workstation: 'on', server: 'off' },
  },
  {
    id: 'serialConsole',
    title: 'Serial console',
    description:
      "Sends boot messages and a login prompt to a serial port as well as the screen, for servers managed through IPMI serial-over-LAN or a serial cable. hv's plain mode works there too.",
    category: 'user-experience',
    risk: 'low',
    impacts: [
      "Whoever can reach the serial port (often through the server's management controller) gets a login prompt.",
      'The screen stays the main console: boot progress lines appear there, while the serial port gets kernel messages and its own login prompt.',
    ],
    mitigations: [
      'A login on the serial port still needs a password; keep the management controller on a separate network.',
    ],
    requires: [],
    depends: [],
    conflicts: [],
    minLevel: 'intermediate',
    hardenedMutable: false,
    option: 'hypervisor.userExperience.serialConsole',
    params: {
      device: {
        type: 'string',
        default: 'ttyS0',
        pattern: /^tty[A-Za-z]+[0-9]+$/,
        patternMessage: 'expected a serial device name such as ttyS0 or ttyS1',
        title: 'Serial port',
        help: 'ttyS0 is the first serial port; IPMI serial-over-LAN is often ttyS1.',
      },
      baud: {
        type: 'enum',
        values: ['9600', '19200', '38400', '57600', '115200'],
        default: '115200',
        title: 'Speed (baud)',
        help: 'Must match the other end; 115200 is the usual setting.',
      },
    },
    profiles: [],
  },
];
