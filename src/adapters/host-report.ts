// What the setup wizard's hardware step shows: the facts resolve() checks
// (host.ts) plus the details behind them (which CPU flag, /dev/kvm, how many
// IOMMU groups, disks, interfaces, GPUs). Reads /proc and /sys; every probe
// degrades to "absent".
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { HardwareFacts } from '../base/hardware.js';
import { probeHardware } from './host.js';

export interface HardwareReport {
  facts: HardwareFacts;
  /** Where the facts came from: this machine, or a --hardware file. */
  source: 'probed' | string;
  cpuFlag?: 'vmx' | 'svm' | undefined;
  kvmDevice?: boolean;
  iommuGroups?: number;
  disks?: Array<{ name: string; sizeGiB: number; rotational: boolean }>;
  nicNames?: string[];
  /** PCI vendor:device of each display controller. */
  gpuIds?: string[];
}

const read = (p: string) => {
  try {
    return readFileSync(p, 'utf8').trim();
  } catch {
    return '';
  }
};
const list = (p: string) => {
  try {
    return readdirSync(p).sort();
  } catch {
    return [];
  }
};

export function cpuVirtFlag(cpuinfo: string): 'vmx' | 'svm' | undefined {
  const flags = /^flags\s*:\s*(.*)$/m.exec(cpuinfo)?.[1]?.split(/\s+/) ?? [];
  if (flags.includes('vmx')) return 'vmx';
  if (flags.includes('svm')) return 'svm';
  return undefined;
}

function disks(): HardwareReport['disks'] {
  return list('/sys/block')
    .filter((d) => !/^(loop|ram|zram|dm-|md|sr|fd)/.test(d))
    .map((name) => ({
      name,
      // /sys/block/X/size counts 512-byte sectors whatever the disk's own sector size.
      sizeGiB: Math.round((Number(read(`/sys/block/${name}/size`)) * 512) / 2 ** 30),
      rotational: read(`/sys/block/${name}/queue/rotational`) === '1',
    }))
    .filter((d) => d.sizeGiB > 0);
}

function gpuIds(): string[] {
  return list('/sys/bus/pci/devices')
    .filter((d) => read(`/sys/bus/pci/devices/${d}/class`).startsWith('0x03'))
    .map((d) => {
      const id = (f: string) => read(`/sys/bus/pci/devices/${d}/${f}`).replace(/^0x/, '');
      return `${id('vendor')}:${id('device')}`;
    });
}

export async function probeHardwareReport(): Promise<HardwareReport> {
  const facts = await probeHardware();
  return {
    facts,
    source: 'probed',
    cpuFlag: cpuVirtFlag(read('/proc/cpuinfo')),
    kvmDevice: existsSync('/dev/kvm'),
    iommuGroups: list('/sys/kernel/iommu_groups').length,
    disks: disks(),
    nicNames: list('/sys/class/net').filter((n) => existsSync(`/sys/class/net/${n}/device`)),
    gpuIds: gpuIds(),
  };
}

// systemd-detect-virt's names for containers (the rest are virtual machines).
const containers = new Set([
  'docker',
  'podman',
  'lxc',
  'lxc-libvirt',
  'systemd-nspawn',
  'openvz',
  'rkt',
  'wsl',
  'proot',
  'pouch',
]);

/** Plain lines for the screen and `hv setup hardware`: the facts and what they mean. */
export function describeHardware(r: HardwareReport): string[] {
  const f = r.facts;
  const lines = [
    `CPU virtualization: ${f.cpuVirtualization ? 'yes' : 'no'}${r.cpuFlag ? ` (${r.cpuFlag} flag)` : r.source === 'probed' ? ' (no vmx/svm flag)' : ''}${r.kvmDevice === undefined ? '' : r.kvmDevice ? ', /dev/kvm present' : ', no /dev/kvm'}`,
    `IOMMU: ${f.iommu ? 'yes' : 'no'}${r.iommuGroups === undefined ? '' : ` (${r.iommuGroups} groups)`}`,
    `Memory: ${f.ramGiB} GiB   CPU cores: ${f.cores}`,
    `Disks: ${r.disks === undefined ? '(not probed)' : r.disks.length === 0 ? 'none found' : r.disks.map((d) => `${d.name} ${d.sizeGiB} GiB${d.rotational ? ' HDD' : ''}`).join(', ')}`,
    `Network interfaces: ${f.nics}${r.nicNames?.length ? ` (${r.nicNames.join(', ')})` : ''}`,
    `GPUs: ${f.gpus}${r.gpuIds?.length ? ` (${r.gpuIds.join(', ')})` : ''}`,
    `Running on: ${f.virtualization === 'none' ? 'bare metal' : `${f.virtualization} (${containers.has(f.virtualization) ? 'a container' : 'a virtual machine'})`}   root filesystem: ${f.rootFilesystem}`,
  ];
  return lines;
}

/** What the facts mean for the features, in plain words. */
export function hardwareConsequences(f: HardwareFacts): string[] {
  const out: string[] = [];
  if (!f.cpuVirtualization) {
    out.push(
      'No hardware virtualization: VMs run emulated and slowly; enable VT-x/AMD-V in the firmware if the CPU has it.',
    );
  }
  if (!f.iommu) out.push('No IOMMU: passing devices (GPUs, network cards) to VMs is unavailable.');
  if (f.virtualization === 'vmware') {
    out.push(
      'This is a VMware virtual machine: the "VMware guest" role adds its tools and drivers.',
    );
  } else if (f.virtualization !== 'none') {
    out.push(`Inside ${f.virtualization}: features that need real hardware are unavailable.`);
  }
  if (f.rootFilesystem !== 'btrfs')
    out.push('Root is not btrfs: snapshots and deduplication are unavailable.');
  return out;
}
