import type { Feature } from '../types.js';

export const platformFeatures: Feature[] = [
  {
    id: 'vmwareGuest',
    title: 'Running inside VMware',
    description:
      'Adapts the host to running as a VMware virtual machine: installs open-vm-tools (clean shutdown, time sync, guest information for vSphere), loads the VMware drivers for sockets, memory ballooning and graphics, keeps the Intel graphics drivers away, and switches off Bluetooth and laptop power management, which make no sense in a VM.',
    category: 'platform',
    risk: 'low',
    impacts: [
      'vmtoolsd lets the VMware administrator shut down the host and, with guest operations, run programs and copy files in it.',
      'Bluetooth, TLP and power-profiles-daemon are forced off even if another module turns them on.',
      'VMs inside need nested virtualization switched on for this VM in VMware ("Expose hardware assisted virtualization").',
    ],
    mitigations: [
      'Whoever administers VMware already controls this VM completely; the tools add no new party.',
    ],
    requires: [{ kind: 'vmware-guest' }],
    depends: [],
    conflicts: [],
    minLevel: 'beginner',
    hardenedMutable: false,
    option: 'hypervisor.platform.vmwareGuest',
    params: {
      headless: {
        type: 'bool',
        default: true,
        title: 'No graphical desktop',
        help: 'Uses the smaller open-vm-tools without desktop integration. Turn off when this VM runs a desktop (copy-paste, display resizing).',
      },
    },
    profiles: [],
    roles: { 'vmware-guest': 'on' },
  },
  {
    id: 'iommu',
    title: 'IOMMU for device passthrough',
    description:
      'Turns on the IOMMU (Intel VT-d; AMD-Vi is on by default) and loads the VFIO drivers, so whole PCI devices (graphics cards, network cards, disk controllers) can be handed to VMs safely. Needed by GPU passthrough and SR-IOV.',
    category: 'platform',
    risk: 'low',
    impacts: [
      'Takes effect after a reboot; afterwards the groups appear under /sys/kernel/iommu_groups.',
      'Some older boards have IOMMU bugs that cause boot problems or device errors; the firmware setting (VT-d / AMD-Vi) must also be on.',
      "Passthrough mode (iommu=pt) is faster but leaves the host's own devices without DMA protection.",
    ],
    mitigations: [
      'The IOMMU also protects the host from devices that try to read memory they should not (DMA attacks).',
      'If the host does not boot, choose the previous generation in the boot menu.',
    ],
    // "IOMMU groups present" needs this feature's kernel setting first on Intel, so
    // it cannot be a requirement here; the CPU and firmware can only be checked after.
    requires: [{ kind: 'cpu-virtualization' }, { kind: 'bare-metal' }],
    depends: [],
    conflicts: [],
    minLevel: 'intermediate',
    hardenedMutable: false,
    option: 'hypervisor.platform.iommu',
    params: {
      passthroughMode: {
        type: 'bool',
        default: false,
        title: 'Passthrough mode (iommu=pt)',
        help: 'Skips translation for devices the host keeps: a little faster, but those devices lose DMA protection.',
      },
    },
    profiles: ['full'],
  },
  {
    id: 'guestTpm',
    title: 'TPM and UEFI for VMs',
    description:
      'Provides a software TPM (swtpm) that VMs can use, for Windows 11, BitLocker and measured boot. UEFI firmware from QEMU is available to every VM without extra settings; Secure Boot depends on the firmware variants QEMU ships.',
    category: 'platform',
    risk: 'minimal',
    impacts: [
      'Each VM with a TPM gets its own TPM state under /var/lib/libvirt/swtpm; losing it makes BitLocker ask for its recovery key.',
    ],
    mitigations: ['The TPM state is backed up with /var/lib/libvirt by the local backup.'],
    requires: [],
    depends: [],
    conflicts: [],
    minLevel: 'beginner',
    hardenedMutable: false,
    option: 'hypervisor.platform.guestTpm',
    params: {},
    profiles: ['balanced', 'full'],
  },
  {
    id: 'ksm',
    title: 'Share identical memory between VMs (KSM)',
    description:
      'The kernel looks for memory pages that are identical across VMs (the same operating system loaded many times) and keeps one copy, so more VMs fit in the same RAM.',
    category: 'platform',
    risk: 'moderate',
    impacts: [
      'A VM can learn, by timing memory writes, whether another VM holds a given page: a known side channel between VMs.',
      'Scanning costs some CPU time continuously.',
    ],
    mitigations: ['Leave it off when VMs belong to parties that must not learn about each other.'],
    requires: [],
    depends: [],
    conflicts: [],
    minLevel: 'intermediate',
    hardenedMutable: false,
    option: 'hypervisor.platform.ksm',
    params: {},
    profiles: [],
    roles: { lab: 'on' },
  },
  {
    id: 'autoUpgrade',
    title: 'Automatic updates',
    description:
      'Updates NixOS on a schedule and switches to the new version; security fixes arrive without anyone having to remember. A reboot happens only if you allow it and only when the kernel or boot settings changed.',
    category: 'platform',
    risk: 'low',
    impacts: [
      'An update can change software behaviour while nobody is watching; libvirt may restart, but running VMs keep running.',
      'With reboots allowed, VMs are shut down or suspended (as set for host shutdown) and started again.',
      'For a configuration in a flake, only the inputs the flake locks are used; name the flake so the update can refresh them.',
    ],
    mitigations: [
      'Every update is a new NixOS generation: choose the previous one in the boot menu, or run "nixos-rebuild switch --rollback", to undo it.',
      'Reboots stay off unless you allow them.',
    ],
    requires: [],
    depends: [],
    conflicts: [],
    minLevel: 'beginner',
    hardenedMutable: false,
    option: 'hypervisor.platform.autoUpgrade',
    params: {
      dates: {
        type: 'string',
        default: '04:40',
        pattern: /^[A-Za-z0-9 :*,./~-]+$/,
        patternMessage: 'expected a systemd calendar time such as "04:40" or "Sun 03:00"',
        title: 'When',
        help: 'A systemd calendar time; a random delay of up to 30 minutes spreads the load on the mirrors.',
      },
      allowReboot: {
        type: 'bool',
        default: false,
        title: 'Reboot when needed',
        help: 'Reboots after an update that changed the kernel or boot settings; otherwise those changes wait for the next reboot.',
      },
      flake: {
        type: 'string',
        pattern: /^\S+$/,
        patternMessage:
          'expected a flake reference such as /etc/nixos#hv-01 or github:me/hosts#hv-01',
        example: '/etc/nixos#hv-01',
        title: 'Flake to update from',
        help: 'The flake and host name to build. Leave empty for a configuration using channels.',
      },
    },
    profiles: ['balanced', 'full'],
    roles: { lab: 'off' },
  },
  {
    id: 'podman',
    title: 'Containers (Podman)',
    description:
      'Installs Podman to run containers next to the VMs, without a central daemon and, for ordinary users, without root. Containers find each other by name on the default network, and unused images are cleaned up weekly.',
    category: 'platform',
    risk: 'low',
    impacts: [
      'Containers share the host kernel: a kernel bug can let a container escape, which is not the case for a VM.',
      'Ports a container publishes are opened by Podman itself.',
      'DNS for containers opens UDP port 53 on the podman0 interface.',
    ],
    mitigations: [
      'Rootless containers (run by an ordinary user) cannot get more rights than that user.',
      'Weekly pruning removes stopped containers and dangling images, so old vulnerable images do not linger.',
    ],
    requires: [],
    depends: [],
    conflicts: ['lockKernelModules'],
    minLevel: 'intermediate',
    hardenedMutable: false,
    option: 'hypervisor.platform.podman',
    params: {
      dnsEnabled: {
        type: 'bool',
        default: true,
        title: 'Container name resolution',
        help: 'Containers on the default network can reach each other by name.',
      },
      autoPrune: {
        type: 'bool',
        default: true,
        title: 'Clean up weekly',
        help: 'Removes stopped containers, unused networks and dangling images every week.',
      },
      dockerCompat: {
        type: 'bool',
        default: false,
        title: 'Provide a "docker" command',
        help: 'Adds docker as an alias for podman, for scripts that expect Docker. Cannot be combined with real Docker.',
      },
    },
    profiles: ['full'],
    roles: { lab: 'on' },
  },
];
