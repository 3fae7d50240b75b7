// VM backup to a directory (its XML, its disks and hv-backup.json) and restore.
// Consistency: a shut-off VM's disks are copied as they are (through libvirt's
// storage API, so no file permissions are needed); a running or paused VM is
// copied by libvirt's backup job (`virsh backup-begin`, push mode), which gives a
// point-in-time image while the guest runs. Where neither can work (the test
// driver has no disk contents; an old QEMU has no backup job) hv refuses and says
// why, rather than copy a disk that is being written.
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
import { HvError } from '../errors.js';
import { writeFileAtomic } from '../state/atomic.js';
import type {
  BackupDisk,
  BackupManifest,
  BackupOptions,
  DomainRef,
  RestoreOptions,
} from './hypervisor.js';
import type { Virsh } from './virsh.js';
import {
  defineXml,
  domainError,
  freshIdentity,
  ownDisks,
  pointDiskAt,
  volumeStem,
  withTempFile,
} from './virsh-domains.js';
import { parseDominfo, parseInfoBlock } from './virsh-parse.js';
import { child, elements, parseXml, serializeXml, xmlEscape } from './virsh-xml.js';

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

function prepareDir(dir: string): string {
  const abs = resolve(dir);
  if (existsSync(abs)) {
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
  return abs;
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
  if (xml.attrs.type === 'test') {
    throw new HvError(
      'unsupported',
      `cannot back up "${d.name}": the demo's test driver has no disk contents to copy`,
      {
        fix: 'backups work on a real QEMU/KVM host (qemu:///system or qemu:///session)',
      },
    );
  }
  const live = d.state === 'running' || d.state === 'paused' || d.state === 'blocked';
  const disks = ownDisks(xml);
  const abs = prepareDir(dir);
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
    await backupJob(v, d.uuid, d.name, xml, manifestDisks, abs, opts);
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

/** The push-mode backup XML: own disks to files in the directory, the rest skipped. */
export function backupJobXml(
  allDisks: readonly { target: string; own: boolean }[],
  files: ReadonlyMap<string, { path: string; format: string }>,
): string {
  const lines = allDisks.map(({ target, own }) => {
    const f = files.get(target);
    if (!own || !f) return `    <disk name='${xmlEscape(target)}' backup='no'/>`;
    return [
      `    <disk name='${xmlEscape(target)}' backup='yes' type='file'>`,
      `      <target file='${xmlEscape(f.path)}'/>`,
      `      <driver type='${f.format === 'qcow2' ? 'qcow2' : 'raw'}'/>`,
      '    </disk>',
    ].join('\n');
  });
  return `<domainbackup mode='push'>\n  <disks>\n${lines.join('\n')}\n  </disks>\n</domainbackup>\n`;
}

async function backupJob(
  v: Virsh,
  uuid: string,
  name: string,
  xml: ReturnType<typeof parseXml>,
  disks: Disk[],
  dir: string,
  opts: BackupOptions,
): Promise<void> {
  const own = new Set(disks.map((d) => d.target));
  const all = elements(child(xml, 'devices'), 'disk').map((d) => {
    const target = child(d, 'target')?.attrs.dev ?? '';
    return { target, own: own.has(target) };
  });
  const files = new Map(
    disks.map((d) => [d.target, { path: join(dir, d.file), format: d.format }]),
  );
  try {
    await withTempFile(backupJobXml(all, files), (file) =>
      v.exec(['backup-begin', '--domain', uuid, '--backupxml', file]),
    );
  } catch (e) {
    if (e instanceof HvError && e.kind === 'unsupported') {
      throw new HvError(
        'unsupported',
        `cannot back up "${name}" while it runs: this libvirt/QEMU has no backup job`,
        {
          fix: `shut it down first (hv vm shutdown "${name}"); a shut-off VM is copied consistently`,
          detail: e.detail,
        },
      );
    }
    throw e;
  }
  // Poll the job; the completed job's record says whether it succeeded.
  for (;;) {
    if (opts.signal?.aborted) {
      await v.exec(['domjobabort', '--domain', uuid]).catch(() => undefined);
      throw new HvError('failed', 'backup cancelled');
    }
    const f = parseInfoBlock(await v.exec(['domjobinfo', '--domain', uuid]));
    const type = f.get('Job type') ?? 'None';
    if (type === 'None') break;
    const done = Number.parseFloat(f.get('Data processed') ?? '');
    const total = Number.parseFloat(f.get('Data total') ?? '');
    if (total > 0 && Number.isFinite(done)) {
      opts.onProgress?.({
        percent: Math.min(99, Math.round((100 * done) / total)),
        message: 'copying',
      });
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const completed = parseInfoBlock(
    await v.exec(['domjobinfo', '--domain', uuid, '--completed']).catch(() => ''),
  );
  const result = completed.get('Job type');
  if (result && result !== 'Completed') {
    throw new HvError('failed', `libvirt's backup job for "${name}" ended as ${result}`, {
      detail: [...completed].map(([k, val]) => `${k}: ${val}`).join('\n'),
    });
  }
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
