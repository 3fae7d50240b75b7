import type { Feature } from '../types.js';
import { userName, userNameMessage } from './patterns.js';

export const coreFeatures: Feature[] = [
  {
    id: 'vmManagement',
    title: 'Virtual machines (libvirt and QEMU/KVM)',
    description:
      'Runs libvirt with QEMU/KVM so this machine can create, start and stop virtual machines. hv itself, virsh and virt-manager all talk to it. QEMU runs as its own unprivileged account, not as root.',
    category: 'core',
    risk: 'minimal',
    impacts: [
      'Starts the libvirtd service and creates the "libvirtd" group; members of that group control every VM on the host.',
      'QEMU processes run as the "qemu-libvirtd" account, so disk images outside libvirt\'s own folders must be readable by it.',
      'Without CPU virtualization (Intel VT-x / AMD-V) VMs still run, but emulated and many times slower.',
    ],
    mitigations: [
      'QEMU does not run as root (virtualisation.libvirtd.qemu.runAsRoot = false), so a compromised VM process has no root rights on the host.',
      'Only people you add to the libvirtd group (see "Access without sudo") can manage VMs.',
    ],
    requires: [],
    depends: [],
    conflicts: [],
    minLevel: 'beginner',
    hardenedMutable: false,
    required: true,
    option: 'hypervisor.core.vmManagement',
    params: {
      onBoot: {
        type: 'enum',
        values: ['start', 'ignore'],
        default: 'start',
        title: 'When the host boots',
        help: '"start" restarts the VMs that were running (and those marked autostart); "ignore" starts only the autostart ones.',
      },
      onShutdown: {
        type: 'enum',
        values: ['shutdown', 'suspend'],
        default: 'shutdown',
        title: 'When the host shuts down',
        help: '"shutdown" asks each VM to shut down cleanly; "suspend" saves its memory to disk and resumes it after boot, which needs free disk space as large as the VM\'s memory.',
      },
      shutdownTimeout: {
        type: 'int',
        default: 300,
        min: 10,
        max: 3600,
        unit: 'seconds',
        title: 'Time VMs get to shut down',
        help: 'How long the host waits for the VMs to stop before it powers off anyway.',
      },
    },
    profiles: ['minimal', 'balanced', 'full'],
  },
  {
    id: 'privilegeSeparation',
    title: 'Access without sudo',
    description:
      'VM work goes through the libvirtd group, so everyday tasks never need sudo; changing the system itself still needs root and hv says so clearly. Only members of the wheel group may run sudo at all.',
    category: 'core',
    risk: 'minimal',
    impacts: [
      'The accounts you list become members of the libvirtd group and can create, change and delete any VM without a password prompt.',
      'sudo becomes executable only by members of the wheel group (security.sudo.execWheelOnly).',
      "Creates the groups hypervisor-users (view VMs), hypervisor-operators (also start, stop, consoles, snapshots and backups) and hypervisor-admins (everything, like libvirtd), and turns on libvirt's polkit access checks so each group gets exactly that.",
      'While the host is in the hardened phase, libvirt refuses to create, change or delete VM, network and storage definitions for everyone but root, also through virsh and virt-manager.',
    ],
    mitigations: [
      'List only the people who should manage VMs; everyone else needs root for anything hv does.',
      'System changes (NixOS configuration, phase changes) always need root and are shown before they are applied.',
    ],
    requires: [],
    depends: ['vmManagement'],
    conflicts: [],
    minLevel: 'beginner',
    hardenedMutable: false,
    required: true,
    option: 'hypervisor.core.privilegeSeparation',
    params: {
      vmUsers: {
        type: 'string-list',
        default: [],
        itemPattern: userName,
        patternMessage: userNameMessage,
        title: 'Who may manage VMs',
        help: 'Local accounts to add to the libvirtd group. Each must be an account that exists on this host.',
      },
    },
    profiles: ['minimal', 'balanced', 'full'],
  },
  {
    id: 'auditLogging',
    title: 'Audit trail of VM and configuration changes',
    description:
      'Records who changed VM definitions, disk images, the NixOS configuration or hv\'s own state, using the Linux audit system. libvirt also reports each VM start, stop and device change to it. Search the records with "ausearch -k hv-libvirt".',
    category: 'core',
    risk: 'minimal',
    impacts: [
      'Runs the audit daemon (auditd); records go to /var/log/audit and take some disk space on busy hosts.',
      'With "lock the audit rules" on, the rules cannot be changed or switched off until the next reboot, not even by root.',
    ],
    mitigations: [
      'Only changes are watched (writes and attribute changes), not every read, which keeps the log small.',
      'auditd rotates its own log files, so the log cannot fill the disk unchecked.',
    ],
    requires: [],
    depends: [],
    conflicts: [],
    minLevel: 'beginner',
    hardenedMutable: false,
    option: 'hypervisor.core.auditLogging',
    params: {
      lockRules: {
        type: 'bool',
        default: false,
        title: 'Lock the audit rules until reboot',
        help: 'Stops anyone, root included, from removing the rules on the running system. Changing them then needs a reboot.',
      },
    },
    profiles: ['minimal', 'balanced', 'full'],
  },
];
