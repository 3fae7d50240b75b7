// VM templates (pure data): sizes and the hardware each guest OS wants. The sizes
// for ubuntu-server, debian-12, alpine, windows-10 and windows-server-2022 are
// REFERENCE.md's; fedora and nixos have no figure there, so they get the same
// as debian-12 (both installers ask for 2 GiB RAM and ~15-20 GiB of disk).
import { HvError } from '../base/errors.js';

export interface VmTemplate {
  id: string;
  title: string;
  os: 'linux' | 'windows';
  vcpus: number;
  memoryMiB: number;
  diskGiB: number;
  firmware: 'bios' | 'efi';
  secureBoot: boolean;
  /** A TPM 2.0 (swtpm emulator): Windows 11 needs it, Windows 10/2022 use it for BitLocker. */
  tpm: boolean;
  /** Windows installs without virtio drivers see SATA disks and e1000e NICs. */
  diskBus: 'virtio' | 'sata';
  nicModel: 'virtio' | 'e1000e';
  /** libosinfo id, recorded in the domain metadata for tools that read it. */
  osinfo: string;
  notes: string;
}

const linux = {
  os: 'linux',
  firmware: 'bios',
  secureBoot: false,
  tpm: false,
  diskBus: 'virtio',
  nicModel: 'virtio',
} as const;

const windows = {
  os: 'windows',
  firmware: 'efi',
  secureBoot: true,
  tpm: true,
  diskBus: 'sata',
  nicModel: 'e1000e',
} as const;

export const templates: readonly VmTemplate[] = [
  {
    id: 'debian-12',
    title: 'Debian 12 (bookworm)',
    ...linux,
    vcpus: 2,
    memoryMiB: 2048,
    diskGiB: 20,
    osinfo: 'http://debian.org/debian/12',
    notes: 'netinst ISO; virtio disk and network',
  },
  {
    id: 'ubuntu-server-24.04',
    title: 'Ubuntu Server 24.04 LTS',
    ...linux,
    vcpus: 2,
    memoryMiB: 2048,
    diskGiB: 20,
    osinfo: 'http://ubuntu.com/ubuntu/24.04',
    notes: 'live-server ISO; virtio disk and network',
  },
  {
    id: 'alpine',
    title: 'Alpine Linux (virt)',
    ...linux,
    vcpus: 1,
    memoryMiB: 512,
    diskGiB: 5,
    osinfo: 'http://alpinelinux.org/alpinelinux/3.20',
    notes: 'small routers and services; the "virt" ISO',
  },
  {
    id: 'fedora',
    title: 'Fedora Server',
    ...linux,
    vcpus: 2,
    memoryMiB: 2048,
    diskGiB: 20,
    osinfo: 'http://fedoraproject.org/fedora/41',
    notes: 'Server or Everything netinstall ISO',
  },
  {
    id: 'nixos',
    title: 'NixOS (minimal ISO)',
    ...linux,
    vcpus: 2,
    memoryMiB: 2048,
    diskGiB: 20,
    osinfo: 'http://nixos.org/nixos/24.11',
    notes: 'the minimal ISO; install with nixos-install',
  },
  {
    id: 'windows-10',
    title: 'Windows 10',
    ...windows,
    vcpus: 2,
    memoryMiB: 4096,
    diskGiB: 60,
    osinfo: 'http://microsoft.com/win/10',
    notes: 'UEFI with Secure Boot and a TPM 2.0; SATA disk and e1000e NIC (no drivers needed)',
  },
  {
    id: 'windows-server-2022',
    title: 'Windows Server 2022',
    ...windows,
    vcpus: 4,
    memoryMiB: 8192,
    diskGiB: 80,
    osinfo: 'http://microsoft.com/win/2k22',
    notes: 'UEFI with Secure Boot and a TPM 2.0; SATA disk and e1000e NIC (no drivers needed)',
  },
];

export function findTemplate(id: string): VmTemplate {
  const t = templates.find((x) => x.id === id);
  if (!t) {
    throw new HvError('usage', `there is no VM template "${id}"`, {
      fix: `choose one of: ${templates.map((x) => x.id).join(', ')} (hv vm templates)`,
    });
  }
  return t;
}

const units: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1000,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1000 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1000 ** 3,
  gib: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1000 ** 4,
  tib: 1024 ** 4,
};

/**
 * "2G", "512MiB", "1.5 GiB", "20480M" -> bytes. A bare number means `bareUnit`
 * (MiB for memory, GiB for disks, as people type them).
 */
export function parseSize(text: string, bareUnit: 'm' | 'g', what: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  const unit = m?.[2]?.toLowerCase() ?? '';
  const mult = unit === '' ? units[bareUnit] : units[unit];
  if (!m || mult === undefined) {
    throw new HvError('usage', `"${text}" is not a size for ${what}`, {
      fix: 'write it like 2G, 512M or 20GiB',
    });
  }
  const bytes = Math.round(Number(m[1]) * mult);
  if (!Number.isSafeInteger(bytes) || bytes <= 0) {
    throw new HvError('usage', `${what} must be above zero`);
  }
  return bytes;
}
