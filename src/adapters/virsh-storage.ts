// Networks, storage pools and volumes over virsh: names first, then one script
// for the details of all of them (two spawns however many there are).
import { HvError } from '../base/errors.js';
import type { NetworkInfo, PoolInfo, VolumeInfo, VolumeSpec } from './hypervisor.js';
import { classifyLibvirtError } from './libvirt-errors.js';
import { parseLines, parseNetwork, parsePool, parseVolList, parseVolume } from './virsh-parse.js';
import type { Virsh } from './virsh-port.js';

export async function listNetworks(v: Virsh): Promise<NetworkInfo[]> {
  const names = parseLines(await v.exec(['net-list', '--all', '--name']));
  if (names.length === 0) return [];
  const { outputs } = await v.script(
    names.flatMap((n) => [
      ['net-info', '--network', n],
      ['net-dumpxml', '--network', n],
    ]),
  );
  const out: NetworkInfo[] = [];
  names.forEach((_, i) => {
    const net = parseNetwork(outputs[2 * i] ?? '', outputs[2 * i + 1] ?? '');
    if (net) out.push(net);
  });
  return out;
}

export async function listPools(v: Virsh): Promise<PoolInfo[]> {
  const names = parseLines(await v.exec(['pool-list', '--all', '--name']));
  if (names.length === 0) return [];
  const { outputs } = await v.script(
    names.flatMap((p) => [
      ['pool-info', '--pool', p, '--bytes'],
      ['pool-dumpxml', '--pool', p],
      ['vol-list', '--pool', p],
    ]),
  );
  const out: PoolInfo[] = [];
  names.forEach((_, i) => {
    const info = outputs[3 * i] ?? '';
    const active = /State:\s*running/.test(info);
    const count = active ? parseVolList(outputs[3 * i + 2] ?? '').length : undefined;
    const pool = parsePool(info, outputs[3 * i + 1] ?? '', count);
    if (pool) out.push(pool);
  });
  return out;
}

function poolError(stderr: string, uri: string, pool: string): HvError {
  const e = classifyLibvirtError(stderr || 'Storage pool not found', uri);
  if (e.kind === 'not-found' && /pool/i.test(stderr || 'pool')) {
    return new HvError('not-found', `no storage pool named "${pool}" on ${uri}`, {
      fix: 'list the pools with `hv pool list`',
      detail: stderr.trim() || undefined,
    });
  }
  if (/not active/i.test(stderr)) {
    return new HvError('invalid-state', `storage pool "${pool}" is not running`, {
      fix: `start it: hv pool start "${pool}"`,
      detail: stderr.trim(),
    });
  }
  return e;
}

export async function listVolumes(v: Virsh, pool: string): Promise<VolumeInfo[]> {
  const {
    outputs: [list = ''],
    stderr,
  } = await v.script([['vol-list', '--pool', pool]]);
  if (!list.trim() && stderr.trim()) throw poolError(stderr, v.uri, pool);
  const names = parseVolList(list);
  if (names.length === 0) return [];
  const { outputs } = await v.script(names.map((n) => ['vol-dumpxml', '--pool', pool, '--vol', n]));
  return outputs
    .map((xml) => parseVolume(xml, pool))
    .filter((x): x is VolumeInfo => x !== undefined);
}

export async function createVolume(v: Virsh, pool: string, spec: VolumeSpec): Promise<VolumeInfo> {
  if (!/^[^/\0]+$/.test(spec.name)) {
    throw new HvError('invalid-input', `"${spec.name}" cannot be a volume name`, {
      fix: 'use a name without "/"',
    });
  }
  if (!Number.isSafeInteger(spec.capacityBytes) || spec.capacityBytes <= 0) {
    throw new HvError('invalid-input', 'a volume needs a size above zero');
  }
  const {
    outputs: [, xml = ''],
    stderr,
  } = await v.script([
    [
      'vol-create-as',
      '--pool',
      pool,
      '--name',
      spec.name,
      '--capacity',
      `${spec.capacityBytes}b`,
      '--format',
      spec.format ?? 'qcow2',
    ],
    ['vol-dumpxml', '--pool', pool, '--vol', spec.name],
  ]);
  const vol = parseVolume(xml, pool);
  if (!vol || stderr.trim()) {
    if (/not enough free space|No space/i.test(stderr)) {
      throw new HvError('failed', `pool "${pool}" has too little free space for ${spec.name}`, {
        fix: 'choose a smaller disk (--disk SIZE) or another pool (--pool NAME); `hv pool list` shows free space',
        detail: stderr.trim(),
      });
    }
    if (/already exists|exists already/i.test(stderr)) {
      throw new HvError('invalid-input', `pool "${pool}" already has a volume "${spec.name}"`, {
        fix: 'choose another VM name, or delete the old volume',
        detail: stderr.trim(),
      });
    }
    throw poolError(stderr, v.uri, pool);
  }
  return vol;
}
