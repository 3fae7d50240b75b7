// Creating a VM from a template: the disk is a new volume in a pool, the domain
// XML comes from the pure builder (domain-xml.ts), and a failed define removes
// the volume again so nothing is left half-made.
import { buildDomainXml, specFromTemplate } from '../adapters/domain-xml.js';
import type { Hypervisor, PoolInfo } from '../adapters/hypervisor.js';
import { findTemplate } from '../adapters/templates.js';
import { volumeStem } from '../adapters/virsh-domains.js';
import { HvError } from '../base/errors.js';
import type { OperationSpec } from './types.js';

export interface CreateInput {
  name: string;
  template: string;
  vcpus?: number;
  memoryBytes?: number;
  diskBytes?: number;
  /** Default: a running pool named "default", else the first running pool. */
  pool?: string;
  /** A libvirt network, 'user' (QEMU user networking), 'none'; default: "default" when it exists. */
  network?: string;
  /** An installer ISO: a path, or POOL/VOLUME. */
  iso?: string;
}

export interface CreateResult {
  name: string;
  uuid: string;
  volume: string;
  path: string;
  pool: string;
  network: string | undefined;
}

export function choosePool(pools: readonly PoolInfo[], wanted: string | undefined): PoolInfo {
  if (wanted !== undefined) {
    const p = pools.find((x) => x.name === wanted);
    if (!p) {
      throw new HvError('not-found', `no storage pool named "${wanted}"`, {
        fix: 'list the pools with `hv pool list`',
      });
    }
    if (!p.active) {
      throw new HvError('invalid-state', `storage pool "${wanted}" is not running`, {
        fix: `start it: hv pool start "${wanted}"`,
      });
    }
    return p;
  }
  const running = pools.filter((p) => p.active);
  const p = running.find((x) => x.name === 'default') ?? running[0];
  if (!p) {
    throw new HvError('invalid-state', 'there is no running storage pool for the disk', {
      fix: 'start one (hv pool start NAME) or define one: virsh pool-define-as default dir --target /var/lib/libvirt/images',
    });
  }
  return p;
}

async function resolveIso(hv: Hypervisor, iso: string | undefined): Promise<string | undefined> {
  if (iso === undefined) return undefined;
  if (iso.startsWith('/')) return iso;
  const slash = iso.indexOf('/');
  if (slash <= 0) {
    throw new HvError('usage', `"${iso}" is neither a path nor POOL/VOLUME`, {
      fix: 'give the ISO as /path/to/file.iso or as POOL/VOLUME (hv pool volumes POOL)',
    });
  }
  const pool = iso.slice(0, slash);
  const name = iso.slice(slash + 1);
  const vol = (await hv.listVolumes(pool)).find((v) => v.name === name);
  if (!vol) {
    throw new HvError('not-found', `no volume "${name}" in pool "${pool}"`, {
      fix: `list them with: hv pool volumes "${pool}"`,
    });
  }
  return vol.path;
}

export async function createVm(hv: Hypervisor, i: CreateInput): Promise<CreateResult> {
  const t = findTemplate(i.template);
  const [caps, pools, nets, exists] = await Promise.all([
    hv.capabilities(),
    hv.listPools(),
    hv.listNetworks(),
    hv.domainInfo(i.name).then(
      () => true,
      (e) => {
        if (e instanceof HvError && e.kind === 'not-found') return false;
        throw e;
      },
    ),
  ]);
  if (exists) {
    throw new HvError('invalid-input', `a VM named "${i.name}" already exists`, {
      fix: 'choose another name',
    });
  }
  const pool = choosePool(pools, i.pool);
  let network: string | undefined;
  if (i.network === 'none') network = undefined;
  else if (i.network === 'user') network = 'user';
  else if (i.network !== undefined) {
    if (!nets.some((n) => n.name === i.network)) {
      throw new HvError('not-found', `no network named "${i.network}"`, {
        fix: 'list the networks with `hv net list`, or use --network user / none',
      });
    }
    network = i.network;
  } else {
    network = nets.some((n) => n.name === 'default')
      ? 'default'
      : hv.uri.includes('/session')
        ? 'user'
        : undefined;
  }
  const domainType = caps.domainTypes[0] ?? 'qemu';
  const isoPath = await resolveIso(hv, i.iso);
  // Validate everything that can be checked before a volume exists.
  const probe = specFromTemplate(t, {
    name: i.name,
    domainType,
    arch: caps.arch,
    ...(i.vcpus === undefined ? {} : { vcpus: i.vcpus }),
    ...(i.memoryBytes === undefined ? {} : { memoryBytes: i.memoryBytes }),
  });
  buildDomainXml(probe);
  const vol = await hv.createVolume(pool.name, {
    name: `${volumeStem(i.name)}.qcow2`,
    capacityBytes: i.diskBytes ?? t.diskGiB * 1024 ** 3,
    format: 'qcow2',
  });
  try {
    const xml = buildDomainXml(
      specFromTemplate(t, {
        name: i.name,
        domainType,
        arch: caps.arch,
        diskPath: vol.path,
        diskFormat: 'qcow2',
        ...(isoPath === undefined ? {} : { isoPath }),
        ...(network === undefined ? {} : { network }),
        ...(i.vcpus === undefined ? {} : { vcpus: i.vcpus }),
        ...(i.memoryBytes === undefined ? {} : { memoryBytes: i.memoryBytes }),
      }),
    );
    const r = await hv.defineXml(xml);
    return { ...r, volume: vol.name, path: vol.path, pool: pool.name, network };
  } catch (e) {
    await hv.deleteVolume(pool.name, vol.name).catch(() => undefined);
    throw e;
  }
}

export const vmCreate: OperationSpec<CreateInput, CreateResult> = {
  id: 'vm.create',
  title: 'create a VM',
  privilege: 'vm',
  kind: 'create',
  risk: 'low',
  destructive: false,
  audited: true,
  target: (i) => i.name,
  auditArgs: (i) => ({
    template: i.template,
    ...(i.vcpus ? { vcpus: i.vcpus } : {}),
    ...(i.memoryBytes ? { memoryBytes: i.memoryBytes } : {}),
    ...(i.diskBytes ? { diskBytes: i.diskBytes } : {}),
    ...(i.pool ? { pool: i.pool } : {}),
    ...(i.network ? { network: i.network } : {}),
  }),
  commands: (i, c) => {
    const t = findTemplate(i.template);
    return [
      {
        tool: 'virsh',
        args: [
          '-c',
          c.uri,
          'vol-create-as',
          i.pool ?? 'default',
          `${volumeStem(i.name)}.qcow2`,
          `${i.diskBytes ?? t.diskGiB * 1024 ** 3}b`,
          '--format',
          'qcow2',
        ],
      },
      { tool: 'virsh', args: ['-c', c.uri, 'define', `${volumeStem(i.name)}.xml`] },
    ];
  },
  run: (i, c) => createVm(c.hypervisor, i),
};
