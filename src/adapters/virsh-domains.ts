// Domain work over virsh that takes more than one command: the detail view,
// define from XML, delete (with its storage) and clone.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HvError } from '../base/errors.js';
import type {
  CloneOptions,
  CloneResult,
  DomainInfo,
  DomainRef,
  DomainState,
} from './hypervisor.js';
import { classifyLibvirtError, libvirtReason } from './libvirt-errors.js';
import { parseDomainInfo, parseDominfo, parseLines, parseVolume } from './virsh-parse.js';
import type { Virsh } from './virsh-port.js';
import {
  child,
  elements,
  parseXml,
  removeChildren,
  serializeXml,
  setText,
  textOf,
  type XmlElement,
} from './virsh-xml.js';

/** The error for a domain command that printed nothing: a clear not-found, or what libvirt said. */
export function domainError(stderr: string, uri: string, dom: DomainRef): HvError {
  const e = classifyLibvirtError(stderr || 'Domain not found', uri);
  if (e.kind !== 'not-found') return e;
  return new HvError('not-found', `no VM named "${dom}" on ${uri}`, {
    fix: 'list the VMs with `hv vm list` (names are case-sensitive)',
    detail: stderr.trim() || undefined,
  });
}

/** What a virsh domain command does, in the words hv's messages use. */
const doing: Record<string, string> = {
  start: 'start',
  shutdown: 'shut down',
  reboot: 'reboot',
  destroy: 'force off',
  suspend: 'pause',
  resume: 'resume',
  managedsave: 'save',
  autostart: 'change autostart of',
  dumpxml: 'read the XML of',
  'snapshot-create-as': 'snapshot',
  'snapshot-revert': 'revert',
  'snapshot-delete': 'delete a snapshot of',
};

/** Runs one virsh command about a domain, with a clear not-found or wrong-state message. */
export async function domExec(
  v: Virsh,
  dom: DomainRef,
  args: readonly string[],
  opts: { timeoutMs?: number } = {},
): Promise<string> {
  try {
    return await v.exec(args, opts);
  } catch (e) {
    throw clarifyDomainError(e, v.uri, dom, doing[args[0] ?? '']);
  }
}

/**
 * Names the VM in not-found and wrong-state errors from virsh or the binding, in
 * one shape whichever answered: `cannot start "web-02": domain is already running`
 * (virsh's own "Failed to start domain 'web-02'" line is replaced, its reason kept).
 */
export function clarifyDomainError(
  e: unknown,
  uri: string,
  dom: DomainRef,
  action?: string,
): unknown {
  if (!(e instanceof HvError)) return e;
  if (e.kind === 'not-found' && /domain/i.test(e.detail ?? e.message)) {
    return domainError(e.detail ?? '', uri, dom);
  }
  if (e.kind === 'invalid-state') {
    const why = libvirtReason(e.detail ?? e.message);
    return new HvError(
      'invalid-state',
      action ? `cannot ${action} "${dom}": ${why}` : `"${dom}": ${why}`,
      {
        fix: 'check its state with `hv vm list`',
        ...(e.detail ? { detail: e.detail } : {}),
      },
    );
  }
  return e;
}

export async function domainInfo(v: Virsh, dom: DomainRef): Promise<DomainInfo> {
  const {
    outputs: [info = '', xml = '', snaps = ''],
    stderr,
  } = await v.script([
    ['dominfo', '--domain', dom],
    ['dumpxml', '--domain', dom],
    ['snapshot-list', '--domain', dom, '--name'],
  ]);
  const parsed =
    info.trim() && xml.trim() ? parseDomainInfo(info, xml, parseLines(snaps).length) : undefined;
  if (!parsed) throw domainError(stderr, v.uri, dom);
  return parsed;
}

/** Refuses unless the domain is in one of the given states. */
export async function requireDomainState(
  v: Virsh,
  dom: DomainRef,
  allowed: readonly DomainState[],
  doing: string,
): Promise<{ name: string; uuid: string; state: DomainState }> {
  const {
    outputs: [info = ''],
    stderr,
  } = await v.script([['dominfo', '--domain', dom]]);
  const d = parseDominfo(info, '');
  if (!d) throw domainError(stderr, v.uri, dom);
  if (!allowed.includes(d.state)) {
    const running = d.state === 'running' || d.state === 'paused' || d.state === 'blocked';
    throw new HvError('invalid-state', `cannot ${doing} "${d.name}" while it is ${d.state}`, {
      fix: running
        ? `shut it down first (hv vm shutdown "${d.name}"), or force it off (hv vm destroy "${d.name}")`
        : `it must be ${allowed.join(' or ')}`,
    });
  }
  return d;
}

/** A private temporary file for commands that read XML from a path (define, backup-begin). */
export async function withTempFile<T>(
  content: string,
  fn: (path: string) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'hv-xml-'));
  const path = join(dir, 'doc.xml');
  try {
    writeFileSync(path, content, { mode: 0o600 });
    return await fn(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function defineXml(v: Virsh, xml: string): Promise<{ name: string; uuid: string }> {
  let name: string | undefined;
  try {
    name = textOf(child(parseXml(xml), 'name'))?.trim();
  } catch (e) {
    throw new HvError(
      'invalid-input',
      `the domain XML is not well-formed: ${(e as Error).message}`,
    );
  }
  if (!name) throw new HvError('invalid-input', 'the domain XML has no <name>');
  const vmName = name;
  return withTempFile(xml, async (path) => {
    await v.exec(['define', '--file', path, '--validate']);
    const uuid = (await v.exec(['domuuid', '--domain', vmName])).trim();
    return { name: vmName, uuid };
  });
}

/** The domain's own disks (not CD-ROMs or floppies), with a source. */
export function ownDisks(dom: XmlElement): XmlElement[] {
  return elements(child(dom, 'devices'), 'disk').filter(
    (d) => (d.attrs.device ?? 'disk') === 'disk' && child(d, 'source') !== undefined,
  );
}

export async function undefineDomain(
  v: Virsh,
  dom: DomainRef,
  opts: { removeStorage?: boolean },
): Promise<{ name: string; uuid: string; removedVolumes: string[] }> {
  const d = await requireDomainState(v, dom, ['shut off', 'crashed'], 'delete');
  const xml = parseXml(await v.exec(['dumpxml', '--inactive', '--domain', d.uuid]));
  const os = child(xml, 'os');
  // QEMU refuses to undefine a UEFI guest whose variable store exists unless told
  // what to do with it; libvirt records that store as <nvram>. The test driver
  // refuses the flag, and never has one.
  const hasNvram = child(os, 'nvram') !== undefined;
  const targets = ownDisks(xml)
    .map((disk) => child(disk, 'target')?.attrs.dev)
    .filter((t): t is string => Boolean(t));
  const args = [
    'undefine',
    '--domain',
    d.uuid,
    '--managed-save',
    '--snapshots-metadata',
    ...(hasNvram ? ['--nvram'] : []),
    ...(opts.removeStorage && targets.length > 0 ? ['--storage', targets.join(',')] : []),
  ];
  // virsh --quiet does not say which volumes it removed: ask libvirt before and after.
  const paths = ownDisks(xml)
    .map((disk) => child(disk, 'source')?.attrs.file ?? child(disk, 'source')?.attrs.dev)
    .filter((p): p is string => Boolean(p));
  const inPool = async () => {
    if (!opts.removeStorage || paths.length === 0) return [];
    const { outputs } = await v.script(paths.map((p) => ['vol-key', p]));
    return paths.filter((_, i) => outputs[i]?.trim());
  };
  const before = await inPool();
  await v.exec(args);
  const after = new Set(await inPool());
  return { name: d.name, uuid: d.uuid, removedVolumes: before.filter((p) => !after.has(p)) };
}

/** A file-name-safe stem for volumes named after a VM (VM names may hold anything). */
export function volumeStem(vmName: string): string {
  const ascii = vmName
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '')
    .slice(0, 40);
  let h = 0;
  for (const ch of vmName) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  const tag = h.toString(36).slice(0, 5);
  return ascii === vmName ? ascii : `${ascii || 'vm'}-${tag}`;
}

interface SourceVolume {
  disk: XmlElement;
  target: string;
  pool: string;
  volume: string;
  format?: string;
}

/** Finds the pool and volume of each own disk; refuses disks outside any pool. */
export async function diskVolumes(v: Virsh, dom: XmlElement): Promise<SourceVolume[]> {
  const disks = ownDisks(dom);
  const paths = disks.map((d) => {
    const src = child(d, 'source')!;
    return d.attrs.type === 'volume' ? undefined : (src.attrs.file ?? src.attrs.dev);
  });
  const cmds = paths.flatMap((p) =>
    p
      ? [
          ['vol-pool', p],
          ['vol-name', p],
        ]
      : [],
  );
  const { outputs } = cmds.length ? await v.script(cmds) : { outputs: [] as string[] };
  let k = 0;
  return disks.map((disk, i) => {
    const target = child(disk, 'target')?.attrs.dev ?? `disk${i}`;
    const src = child(disk, 'source')!;
    const format = child(disk, 'driver')?.attrs.type;
    const base = format ? { format } : {};
    if (disk.attrs.type === 'volume') {
      return { disk, target, pool: src.attrs.pool ?? '', volume: src.attrs.volume ?? '', ...base };
    }
    const pool = outputs[k++]?.trim() ?? '';
    const volume = outputs[k++]?.trim() ?? '';
    if (!pool || !volume) {
      throw new HvError('unsupported', `disk ${target} (${paths[i]}) is not in a storage pool`, {
        fix: 'hv copies disks through libvirt storage pools: define a pool for its directory (virsh pool-define-as NAME dir --target DIR), then try again',
      });
    }
    return { disk, target, pool, volume, ...base };
  });
}

function extensionOf(volume: string, format: string | undefined): string {
  const m = /\.(qcow2|img|raw|vmdk|vdi)$/i.exec(volume);
  return m ? m[1]!.toLowerCase() : format === 'raw' ? 'img' : (format ?? 'qcow2');
}

/** Copies a volume (same pool: vol-clone; other pool: vol-create-from). Returns its path. */
async function copyVolume(
  v: Virsh,
  from: { pool: string; volume: string },
  toPool: string,
  toName: string,
): Promise<string> {
  try {
    return await copyVolumeOnce(v, from, toPool, toName);
  } catch (e) {
    if (e instanceof HvError && /not enough free space|no space left/i.test(e.detail ?? '')) {
      throw new HvError(
        'failed',
        `pool "${toPool}" has too little free space to copy ${from.volume}`,
        {
          fix: 'free some space, or copy into another pool (--pool NAME); `hv pool list` shows free space',
          detail: e.detail,
        },
      );
    }
    throw e;
  }
}

async function copyVolumeOnce(
  v: Virsh,
  from: { pool: string; volume: string },
  toPool: string,
  toName: string,
): Promise<string> {
  const long = { timeoutMs: 6 * 3600_000 };
  if (toPool === from.pool) {
    await v.exec(
      ['vol-clone', '--pool', from.pool, '--vol', from.volume, '--newname', toName],
      long,
    );
  } else {
    const src = parseXml(await v.exec(['vol-dumpxml', '--pool', from.pool, '--vol', from.volume]));
    setText(child(src, 'name')!, toName);
    removeChildren(src, (c) => c.name === 'key');
    const target = child(src, 'target');
    if (target) removeChildren(target, (c) => c.name === 'path');
    await withTempFile(serializeXml(src), (file) =>
      v.exec(
        [
          'vol-create-from',
          '--pool',
          toPool,
          '--file',
          file,
          '--inputpool',
          from.pool,
          '--vol',
          from.volume,
        ],
        long,
      ),
    );
  }
  return (await v.exec(['vol-path', '--pool', toPool, '--vol', toName])).trim();
}

/** Removes identity from a domain XML so libvirt assigns a new UUID and MACs. */
export function freshIdentity(dom: XmlElement, newName: string): void {
  setText(child(dom, 'name')!, newName);
  removeChildren(dom, (c) => c.name === 'uuid');
  for (const nic of elements(child(dom, 'devices'), 'interface')) {
    removeChildren(nic, (c) => c.name === 'mac' || c.name === 'target');
  }
  // libvirt names a new UEFI variable store after the new domain when none is given.
  const os = child(dom, 'os');
  if (os) removeChildren(os, (c) => c.name === 'nvram');
}

export async function cloneDomain(
  v: Virsh,
  dom: DomainRef,
  newName: string,
  opts: CloneOptions,
): Promise<CloneResult> {
  if (!newName.trim()) throw new HvError('usage', 'the clone needs a name');
  const src = await requireDomainState(v, dom, ['shut off'], 'clone');
  const {
    outputs: [taken = ''],
  } = await v.script([['domuuid', '--domain', newName]]);
  if (taken.trim()) {
    throw new HvError('invalid-input', `a VM named "${newName}" already exists`, {
      fix: 'choose another name for the clone',
    });
  }
  const xml = parseXml(await v.exec(['dumpxml', '--inactive', '--domain', src.uuid]));
  const volumes = await diskVolumes(v, xml);
  const stem = volumeStem(newName);
  const created: Array<{ pool: string; name: string }> = [];
  try {
    for (const vol of volumes) {
      const pool = opts.pool ?? vol.pool;
      const name = `${stem}-${vol.target}.${extensionOf(vol.volume, vol.format)}`;
      const path = await copyVolume(v, vol, pool, name);
      created.push({ pool, name });
      pointDiskAt(vol.disk, path, pool, name);
    }
    freshIdentity(xml, newName);
    const r = await defineXml(v, serializeXml(xml));
    return { ...r, volumes: created.map((c) => `${c.pool}/${c.name}`) };
  } catch (e) {
    // Leave nothing half-made: the copies go when the clone could not be defined.
    if (created.length) {
      await v.script(created.map((c) => ['vol-delete', '--pool', c.pool, '--vol', c.name]));
    }
    throw e;
  }
}

/** Points a disk element at a new volume, keeping its type (file, block or volume). */
export function pointDiskAt(disk: XmlElement, path: string, pool: string, volume: string): void {
  const src = child(disk, 'source');
  if (!src) return;
  if (disk.attrs.type === 'volume') src.attrs = { ...src.attrs, pool, volume };
  else if (disk.attrs.type === 'block') src.attrs = { ...src.attrs, dev: path };
  else src.attrs = { ...src.attrs, file: path };
}

/** vol-dumpxml for one volume, parsed. */
export async function volumeInfo(v: Virsh, pool: string, name: string) {
  const vol = parseVolume(await v.exec(['vol-dumpxml', '--pool', pool, '--vol', name]), pool);
  if (!vol) throw new HvError('not-found', `no volume "${name}" in pool "${pool}"`);
  return vol;
}
