import type { Feature } from '../types.js';
import { ipv4OrCidr, ipv4OrCidrMessage } from './patterns.js';

export const experimentalFeatures: Feature[] = [
  {
    id: 'liveMigration',
    title: 'Live migration between hosts',
    description:
      "Moves running VMs between this host and other hv hosts without stopping them. libvirt connects over SSH; the VM's memory is streamed over ports 49152-49215, which only the peer hosts you list may reach.",
    category: 'experimental',
    risk: 'high',
    impacts: [
      'VM memory, including any secrets inside it, crosses the network unencrypted unless you migrate with --tunnelled.',
      'Peer hosts can push VMs onto this host; a compromised peer can place a VM of its choosing here.',
      'Both hosts need compatible CPUs and access to the same disks (shared storage) or a full disk copy.',
    ],
    mitigations: [
      'The migration ports are open only to the listed peers (nftables rule from "Keep VM networks apart").',
      'Use --tunnelled or a dedicated migration network to keep memory contents off shared networks.',
      'Control happens over key-only SSH, so only holders of an authorised key can start a migration.',
    ],
    requires: [{ kind: 'cpu-virtualization' }],
    // Deliberate addition: migration control runs over SSH (qemu+ssh://).
    depends: ['microSegmentation', 'sshHardening'],
    conflicts: [],
    minLevel: 'expert',
    hardenedMutable: false,
    option: 'hypervisor.experimental.liveMigration',
    params: {
      peers: {
        type: 'string-list',
        default: [],
        itemPattern: ipv4OrCidr,
        patternMessage: ipv4OrCidrMessage,
        title: 'Peer hosts',
        help: 'Addresses of the hosts allowed to send VMs here. With none listed, this host can send VMs away but not receive them.',
      },
    },
    profiles: [],
  },
  {
    id: 'gpuPassthrough',
    title: 'Graphics card passthrough',
    description:
      'Reserves a graphics card (or other PCI device) for VMs at boot with the vfio-pci driver, so a VM can use it directly at full speed: gaming, CAD, machine learning.',
    category: 'experimental',
    risk: 'high',
    impacts: [
      'The host cannot use a reserved card at all, not even for its own console; keep a second card or use the serial console.',
      'The VM drives real hardware: a crash can hang the card until the host reboots, and some cards do not reset cleanly.',
      'Every device in the same IOMMU group must go to the same VM.',
    ],
    mitigations: [
      "The IOMMU keeps the card's memory access inside its VM.",
      'If the host does not boot, choose the previous generation in the boot menu.',
    ],
    requires: [{ kind: 'iommu' }, { kind: 'gpu' }, { kind: 'bare-metal' }],
    // Deliberate change: the original made this depend on sriov. Passthrough needs the
    // IOMMU and VFIO, not SR-IOV, so it depends on the iommu feature instead.
    depends: ['iommu'],
    conflicts: [],
    minLevel: 'expert',
    hardenedMutable: false,
    option: 'hypervisor.experimental.gpuPassthrough',
    params: {
      pciIds: {
        type: 'string-list',
        default: [],
        itemPattern: /^[0-9a-fA-F]{4}:[0-9a-fA-F]{4}$/,
        patternMessage:
          'expected a vendor:device ID such as 10de:1b80 (lspci -nn shows them in brackets)',
        title: 'Devices to reserve',
        help: 'vendor:device IDs of the card and its audio function. Empty reserves nothing at boot; libvirt then detaches the device when a VM starts.',
      },
      blacklistDrivers: {
        type: 'string-list',
        default: [],
        itemPattern: /^[a-z0-9_]+$/,
        patternMessage: 'expected a kernel driver name such as nouveau or amdgpu',
        title: 'Host drivers to keep away',
        help: 'Drivers that must never grab the card (e.g. nouveau, nvidia, amdgpu, radeon). Only list drivers no other card in the host needs.',
      },
    },
    profiles: [],
  },
  {
    id: 'nestedVirt',
    title: 'Nested virtualization',
    description:
      'Lets VMs run their own VMs with hardware acceleration (KVM inside KVM), for labs, CI of hypervisors, or running hv inside a VM.',
    category: 'experimental',
    risk: 'moderate',
    impacts: [
      'The KVM module exposes more of its code to guests, which widens the attack surface between VM and host.',
      'Takes effect once the KVM module reloads, in practice after a reboot.',
      'Live migration of VMs that use nesting is unreliable.',
    ],
    mitigations: [
      'A VM only uses nesting if its CPU model passes the virtualization flag (host-passthrough or the vmx/svm feature).',
    ],
    requires: [{ kind: 'cpu-virtualization' }],
    depends: [],
    conflicts: [],
    minLevel: 'intermediate',
    hardenedMutable: false,
    option: 'hypervisor.experimental.nestedVirt',
    params: {},
    profiles: ['full'],
    roles: { lab: 'on' },
  },
];
