import type { Feature } from '../types.js';
import { absolutePath, absolutePathMessage } from './patterns.js';

export const storageFeatures: Feature[] = [
  {
    id: 'encryption',
    title: 'Check that VM storage is encrypted',
    description:
      'Installs the disk-encryption tools (cryptsetup) and warns at every rebuild while no encrypted (LUKS) disk is configured, because VM disk images are only as safe at rest as the disk they are stored on. Encrypting an existing disk is done at installation time; hv does not reformat anything.',
    category: 'storage',
    risk: 'minimal',
    impacts: [
      'Adds cryptsetup to the system; nothing is encrypted or reformatted by this switch.',
      'On a host without LUKS every rebuild prints a warning until the disks are encrypted.',
    ],
    mitigations: [
      'An encrypted disk protects VM images when a disk or the whole machine is stolen or returned for repair.',
    ],
    requires: [],
    depends: [],
    conflicts: [],
    minLevel: 'beginner',
    hardenedMutable: false,
    option: 'hypervisor.storage.encryption',
    params: {},
    profiles: ['balanced', 'full'],
  },
  {
    id: 'deduplication',
    title: 'Deduplicate the btrfs disk (bees)',
    description:
      'Runs bees in the background to find identical blocks on the btrfs filesystem and store them once. VM images cloned from the same template share most of their data, so this can save much space.',
    category: 'storage',
    risk: 'low',
    impacts: [
      'bees runs as root with full access to the filesystem it deduplicates.',
      'Its hash table stays in RAM permanently (1 GiB by default), and scanning costs CPU and disk time, most of all on the first pass.',
    ],
    mitigations: [
      'Deduplication is transparent: files read back exactly as written, and btrfs copies a shared block before anyone changes it.',
      'A smaller hash table uses less memory at the cost of finding fewer duplicates.',
    ],
    requires: [{ kind: 'btrfs-root' }, { kind: 'ram', minGiB: 8 }],
    depends: [],
    conflicts: [],
    minLevel: 'intermediate',
    hardenedMutable: false,
    option: 'hypervisor.storage.deduplication',
    params: {
      hashTableMiB: {
        type: 'int',
        default: 1024,
        min: 128,
        max: 16384,
        unit: 'MiB',
        title: 'Memory for the hash table',
        help: "RAM locked for bees' table; rounded down to a multiple of 16. About 128 MiB per TiB of unique data finds large duplicates, 1024 MiB finds small ones.",
      },
    },
    profiles: ['full'],
  },
  {
    id: 'remoteStorage',
    title: 'VM disks on network storage (NFS)',
    description:
      'Mounts an NFS share from a storage server (a NAS) where VM disk images can live, so several hosts can use the same images and a host failure does not take the disks with it.',
    category: 'storage',
    risk: 'moderate',
    impacts: [
      'NFS traffic, including VM disk contents, crosses the network unencrypted unless the storage server uses Kerberos.',
      'The storage server can read and change every VM disk stored on it; if it is down, those VMs stop or hang.',
    ],
    mitigations: [
      'Keep storage traffic on a separate, trusted network or VLAN.',
      'The share is mounted on first use, so the host still boots when the storage server is unreachable.',
    ],
    requires: [],
    depends: [],
    conflicts: [],
    minLevel: 'intermediate',
    hardenedMutable: false,
    option: 'hypervisor.storage.remoteStorage',
    params: {
      nfsExport: {
        type: 'string',
        pattern: /^[A-Za-z0-9.-]+:\/[A-Za-z0-9._/-]*$/,
        patternMessage: 'expected server:/path, such as nas.lan:/export/vms',
        example: 'nas.lan:/export/vms',
        title: 'NFS share',
        help: 'The server and exported path, written server:/path.',
      },
      mountPoint: {
        type: 'string',
        default: '/var/lib/libvirt/images/remote',
        pattern: absolutePath,
        patternMessage: absolutePathMessage,
        title: 'Mount point',
        help: 'Where the share appears on this host; point a libvirt storage pool at it.',
      },
      nfsVersion: {
        type: 'enum',
        values: ['4.2', '4.1', '3'],
        default: '4.2',
        title: 'NFS version',
        help: 'Use the newest version your storage server supports.',
      },
    },
    profiles: [],
  },
  {
    id: 'virtiofs',
    title: 'Share host folders with VMs (virtiofs)',
    description:
      'Makes virtiofsd available to libvirt, so a VM can mount a folder of the host directly, much faster than a network share. Which folder goes to which VM is set per VM.',
    category: 'storage',
    risk: 'low',
    impacts: [
      'A VM given a folder can read and, unless shared read-only, change everything in it.',
    ],
    mitigations: [
      'Nothing is shared until you add a shared folder to a VM; share the smallest folder that does the job.',
    ],
    requires: [],
    depends: [],
    conflicts: [],
    minLevel: 'intermediate',
    hardenedMutable: false,
    option: 'hypervisor.storage.virtiofs',
    params: {},
    profiles: ['full'],
  },
];
