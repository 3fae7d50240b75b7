// Hardware and guest probes for the setup plan: what the catalog's requirements
// are checked against. Reads /proc and /sys; every probe degrades to "absent".
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { z } from 'zod';
import type { HardwareFacts } from '../base/hardware.js';
import { run } from './run.js';
import { findExecutable } from './which.js';

const read = (p: string) => {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return '';
  }
};
const list = (p: string) => {
  try {
    return readdirSync(p);
  } catch {
    return [];
  }
};

export function parseMemTotalGiB(meminfo: string): number {
  const kib = Number(/^MemTotal:\s+(\d+)\s+kB/m.exec(meminfo)?.[1] ?? 0);
  return Math.round((kib / 1024 / 1024) * 10) / 10;
}

/** Physical NICs: interfaces backed by a device (virtual ones like lo, virbr0 are not). */
function physicalNics(): number {
  return list('/sys/class/net').filter((n) => existsSync(`/sys/class/net/${n}/device`)).length;
}

/** PCI display controllers (class 0x03xxxx). */
function gpus(): number {
  return list('/sys/bus/pci/devices').filter((d) =>
    read(`/sys/bus/pci/devices/${d}/class`).startsWith('0x03'),
  ).length;
}

function rootFilesystem(): string {
  const line = read('/proc/mounts')
    .split('\n')
    .find((l) => l.split(' ')[1] === '/');
  return line?.split(' ')[2] ?? 'unknown';
}

async function detectVirt(): Promise<string> {
  if (findExecutable('systemd-detect-virt')) {
    const r = await run('systemd-detect-virt', [], { timeoutMs: 3000 }).catch(() => undefined);
    const v = r?.stdout.trim();
    if (v) return v;
  }
  const vendor = read('/sys/class/dmi/id/sys_vendor').toLowerCase();
  if (vendor.includes('vmware')) return 'vmware';
  if (vendor.includes('qemu')) return 'kvm';
  return existsSync('/.dockerenv') ? 'docker' : 'none';
}

export async function probeHardware(): Promise<HardwareFacts> {
  const flags = /^flags\s*:\s*(.*)$/m.exec(read('/proc/cpuinfo'))?.[1]?.split(' ') ?? [];
  const kvm = existsSync('/dev/kvm');
  return {
    cpuVirtualization: (flags.includes('vmx') || flags.includes('svm')) && kvm,
    iommu: list('/sys/kernel/iommu_groups').length > 0,
    ramGiB: parseMemTotalGiB(read('/proc/meminfo')),
    cores: cpus().length,
    nics: physicalNics(),
    gpus: gpus(),
    virtualization: await detectVirt(),
    rootFilesystem: rootFilesystem(),
  };
}

/** For --hardware FILE: describe another machine (or pin facts for tests). */
export const HardwareFactsSchema = z.strictObject({
  cpuVirtualization: z.boolean(),
  iommu: z.boolean(),
  ramGiB: z.number().nonnegative(),
  cores: z.number().int().positive(),
  nics: z.number().int().nonnegative(),
  gpus: z.number().int().nonnegative(),
  virtualization: z.string().min(1),
  rootFilesystem: z.string().min(1),
});
