// VM backup to a directory (its XML, its disks and hv-backup.json) and restore.
// Consistency: a shut-off VM's disks are copied as they are (through libvirt's
// storage API, so no file permissions are needed); a running or paused VM is
// copied by libvirt's backup job (virsh-backup-job.ts), a point-in-time image
// taken while the guest runs. Where neither can work (the test driver has no
// disk contents and no backup job; an old QEMU has no backup job) hv refuses and
// says why, rather than copy a disk that is being written. A backup that fails
// leaves the directory as it found it.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../base/atomic.js';
import { HvError } from '../base/errors.js';
import type {
  BackupDisk,
  BackupManifest,
  BackupOptions,
  DomainRef,
  RestoreOptions,
} from './hypervisor.js';
import { runBackupJob } from './virsh-backup-job.js';
import {
  defineXml,
  domainError,
  freshIdentity,
  ownDisks,
  pointDiskAt,
  volumeStem,
} from './virsh-domains.js';
import { parseDominfo, parseInfoBlock } from './virsh-parse.js';
import type { Virsh } from './virsh-port.js';
import { child, elements, parseXml, serializeXml, type XmlElement } from './virsh-xml.js';

export const MANIFEST = 'hv-backup.json';
const long = { timeoutMs: 6 * 3600_000 };

const manifestSchema = z.object({
  version: z.literal(1),
  domain: z.string(),
  uuid: z.string(),
  createdAt: z.string(),
  uri: z.string(),
  method: z.enum(['offline-copy', 'backup-job']),
  xmlFile: z.string(),
  disks: z.array(
    z.object({
      target: z.string(),
      source: z.string(),
      file: z.string(),
      format: z.string(),
      bytes: z.number(),
      capacityBytes: z.number().optional(),
      pool: z.string().optional(),
      volume: z.string().optional(),
    }),
  ),
});
type Disk = BackupDisk;

/** An empty directory for the backup; `created` when hv made it (so a failure may remove it). */
function prepareDir(dir: string): { abs: string; created: boolean } {
  const abs = resolve(dir);
  const existed = existsSync(abs);
  if (existed) {
    if (!statSync(abs).isDirectory()) {
      throw new HvError('invalid-input', `${abs} is a file, not a directory`);
    }
    if (readdirSync(abs).length > 0) {
      throw new HvError('invalid-input', `${abs} is not empty`, {
        fix: 'back up into a new or empty directory (each backup gets its own)',
      });
    }
  }
  mkdirSync(abs, { recursive: true, mode: 0o700 });
  return { abs, created: !existed };
}

/** Undoes a failed backup: the directory was new or empty, so all in it is hv's. */
function discardPartial({ abs, created }: { abs: string; created: boolean }): void {
  if (created) {
    rmSync(abs, { recursive: true, force: true });
    return;
  }
  for (const f of readdirSync(abs)) rmSync(join(abs, f), { recursive: true, force: true });
}

export async function backupDomain(
  v: Virsh,
  dom: DomainRef,
  dir: string,
  opts: BackupOptions,
): Promise<BackupManifest> {
  const {
    outputs: [info = '', xmlText = ''],
    stderr,
  } = await v.script([
    ['dominfo', '--domain', dom],
    ['dumpxml', '--inactive', '--domain', dom],
  ]);
  const d = parseDominfo(info, '');
  if (!d || !xmlText.trim()) throw domainError(stderr, v.uri, dom);
  const xml = parseXml(xmlText);
  const live = d.state === 'running' || d.state === 'paused' || d.state === 'blocked';
  if (xml.attrs.type === 'test') {
    throw new HvError(
      'unsupported',
      `cannot back up "${d.name}": the demo runs libvirt's test driver, whose disks have no contents to copy${live ? ' and which has no backup job for a running VM' : ''}`,
      {
        fix: `practise backups on qemu:///session (QEMU as your own user, no root): hv vm backup NAME DIR --connect qemu:///session; there a running VM is copied by libvirt's backup job and a shut-off one through the storage API`,
      },
    );
  }
  const disks = ownDisks(xml);
  const target = prepareDir(dir);
  try {
    return await copyDisks(v, d, xml, xmlText, disks, target.abs, live, opts);
  } catch (e) {
    discardPartial(target);
    throw e;
  }
}

async function copyDisks(
  v: Virsh,
  d: { uuid: string; name: string },
  xml: XmlElement,
  xmlText: string,
  disks: XmlElement[],
  abs: string,
  live: boolean,
  opts: BackupOptions,
): Promise<BackupManifest> {
  const targets = disks.map((disk) => child(disk, 'target')?.attrs.dev ?? '');
  const { outputs: facts } = await v.script(
    disks.flatMap((disk, i) => {
      const src = child(disk, 'source')!;
      const path = src.attrs.file ?? src.attrs.dev ?? '';
      return [
        ['domblkinfo', '--domain', d.uuid, '--device', targets[i]!],
        ['vol-pool', path],
        ['vol-name', path],
      ];
    }),
  );
  const manifestDisks: Disk[] = disks.map((disk, i) => {
    const src = child(disk, 'source')!;
    const format = child(disk, 'driver')?.attrs.type ?? 'raw';
    const cap = Number(parseInfoBlock(facts[3 * i] ?? '').get('Capacity'));
    const isVol = disk.attrs.type === 'volume';
    const pool = isVol ? src.attrs.pool : facts[3 * i + 1]?.trim();
    const volume = isVol ? src.attrs.volume : facts[3 * i + 2]?.trim();
    return {
      target: targets[i]!,
      source: isVol ? `${pool}/${volume}` : (src.attrs.file ?? src.attrs.dev ?? ''),
      file: `${targets[i]}.${format === 'qcow2' ? 'qcow2' : 'img'}`,
      format,
      bytes: 0,
      ...(Number.isFinite(cap) && cap > 0 ? { capacityBytes: cap } : {}),
      ...(pool ? { pool } : {}),
      ...(volume ? { volume } : {}),
    };
  });

  let method: BackupManifest['method'];
  if (live) {
    method = 'backup-job';
    // A VM without disks of its own has only its XML to keep.
    if (manifestDisks.length > 0) {
      const allTargets = elements(child(xml, 'devices'), 'disk').map(
        (el) => child(el, 'target')?.attrs.dev ?? '',
      );
      await runBackupJob(v, d, allTargets, manifestDisks, (disk) => join(abs, disk.file), opts);
    }
  } else {
    method = 'offline-copy';
    for (const [i, disk] of manifestDisks.entries()) {
      opts.onProgress?.({
        percent: Math.round((100 * i) / manifestDisks.length),
        message: `copying ${disk.target}`,
      });
      const out = join(abs, disk.file);
      if (disk.pool && disk.volume) {
        await v.exec(
          ['vol-download', '--pool', disk.pool, '--vol', disk.volume, '--file', out, '--sparse'],
          long,
        );
      } else {
        try {
          copyFileSync(disk.source, out);
        } catch (e) {
          throw new HvError('permission', `cannot read ${disk.source} (disk ${disk.target})`, {
            fix: 'put the disk in a libvirt storage pool (hv then copies it through libvirt), or run the backup as a user who can read it',
            detail: (e as Error).message,
          });
        }
      }
    }
  }
  for (const disk of manifestDisks) disk.bytes = statSync(join(abs, disk.file)).size;
  writeFileAtomic(join(abs, 'domain.xml'), xmlText, 0o600);
  const manifest: BackupManifest = {
    version: 1,
    domain: d.name,
    uuid: d.uuid,
    createdAt: new Date().toISOString(),
    uri: v.uri,
    method,
    xmlFile: 'domain.xml',
    disks: manifestDisks,
  };
  writeFileAtomic(join(abs, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, 0o600);
  opts.onProgress?.({ percent: 100, message: 'backup complete' });
  return manifest;
}

export function readManifest(dir: string): BackupManifest {
  const file = join(resolve(dir), MANIFEST);
  if (!existsSync(file)) {
    throw new HvError('not-found', `${resolve(dir)} holds no hv backup (${MANIFEST} is missing)`, {
      fix: 'give the directory `hv vm backup` wrote',
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new HvError('invalid-input', `${file} is not valid JSON`, {
      detail: (e as Error).message,
    });
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    throw new HvError('invalid-input', `${file} is not an hv backup manifest`, {
      detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    });
  }
  for (const d of parsed.data.disks) {
    if (d.file.includes('/') || !existsSync(join(resolve(dir), d.file))) {
      throw new HvError('invalid-input', `the backup is incomplete: ${d.file} is missing`);
    }
  }
  return parsed.data as BackupManifest;
}

export async function restoreBackup(
  v: Virsh,
  dir: string,
  opts: RestoreOptions,
): Promise<{ name: string; uuid: string }> {
  const abs = resolve(dir);
  const m = readManifest(abs);
  const xml = parseXml(readFileSync(join(abs, m.xmlFile), 'utf8'));
  const name = opts.newName ?? m.domain;
  const { outputs } = await v.script([
    ['domuuid', '--domain', name],
    ['domname', '--domain', m.uuid],
  ]);
  if (outputs[0]?.trim()) {
    throw new HvError('invalid-state', `a VM named "${name}" exists already`, {
      fix: 'restore under another name (--name NEW), or delete that VM first',
    });
  }
  if (opts.newName !== undefined) freshIdentity(xml, opts.newName);
  else if (outputs[1]?.trim()) {
    // Same UUID under another name: let libvirt assign a new identity.
    freshIdentity(xml, name);
  }
  const byTarget = new Map(ownDisks(xml).map((d) => [child(d, 'target')?.attrs.dev ?? '', d]));
  const stem = volumeStem(name);
  const created: Array<{ pool: string; volume: string }> = [];
  const copiedFiles: string[] = [];
  try {
    for (const disk of m.disks) {
      const el = byTarget.get(disk.target);
      if (!el) continue;
      const file = join(abs, disk.file);
      const pool = opts.pool ?? disk.pool;
      if (pool) {
        const volume =
          opts.newName === undefined && !opts.pool && disk.volume
            ? disk.volume
            : `${stem}-${disk.target}.${disk.format === 'qcow2' ? 'qcow2' : 'img'}`;
        const capacity = Math.max(disk.capacityBytes ?? 0, disk.bytes, 1);
        await v.exec([
          'vol-create-as',
          '--pool',
          pool,
          '--name',
          volume,
          '--capacity',
          `${capacity}b`,
          '--format',
          disk.format === 'qcow2' ? 'qcow2' : 'raw',
        ]);
        created.push({ pool, volume });
        await v.exec(
          ['vol-upload', '--pool', pool, '--vol', volume, '--file', file, '--sparse'],
          long,
        );
        const path = (await v.exec(['vol-path', '--pool', pool, '--vol', volume])).trim();
        pointDiskAt(el, path, pool, volume);
      } else {
        const target = isAbsolute(disk.source) ? disk.source : '';
        if (!target || existsSync(target)) {
          throw new HvError(
            'invalid-state',
            `cannot put disk ${disk.target} back at ${disk.source || '(unknown)'}: a file is there`,
            {
              fix: 'restore into a storage pool with --pool NAME',
            },
          );
        }
        mkdirSync(dirname(target), { recursive: true });
        copyFileSync(file, target);
        copiedFiles.push(target);
        pointDiskAt(el, target, '', basename(target));
      }
    }
    return await defineXml(v, serializeXml(xml));
  } catch (e) {
    if (created.length) {
      await v.script(created.map((c) => ['vol-delete', '--pool', c.pool, '--vol', c.volume]));
    }
    for (const f of copiedFiles) rmSync(f, { force: true });
    throw e;
  }
}
