// A running VM's disks copied by libvirt's push-mode backup job (`virsh
// backup-begin`): a point-in-time copy taken while the guest runs. The copy is
// crash-consistent, like the disk at the instant power was cut: journaling file
// systems recover; databases recover as after a crash. Where libvirt or QEMU has
// no backup job, or the VM changed state meanwhile, hv says which, precisely.
import { HvError } from '../base/errors.js';
import type { BackupDisk, BackupOptions } from './hypervisor.js';
import { libvirtReason } from './libvirt-errors.js';
import { withTempFile } from './virsh-domains.js';
import { parseInfoBlock } from './virsh-parse.js';
import type { Virsh } from './virsh-port.js';
import { xmlEscape } from './virsh-xml.js';

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

const units: Record<string, number> = {
  B: 1,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
  TiB: 1024 ** 4,
};

/** "449.000 MiB" (virsh domjobinfo) in bytes; undefined when it is not a size. */
export function parseJobSize(text: string | undefined): number | undefined {
  const m = /^([\d.]+)\s*(B|KiB|MiB|GiB|TiB)$/.exec(text?.trim() ?? '');
  if (!m) return undefined;
  const n = Number.parseFloat(m[1]!);
  return Number.isFinite(n) ? n * units[m[2]!]! : undefined;
}

export interface JobState {
  /** None (no job), Unbounded/Bounded (running), Completed, Failed, Cancelled. */
  type: string;
  /** Backup, Save, Outgoing migration, ... */
  operation?: string;
  percent?: number;
}

/**
 * `virsh domjobinfo` output. A backup job counts "File processed/total"; other
 * jobs "Data processed/total"; both with units that may differ ("449.000 MiB"
 * of "2.000 GiB"), so they are compared in bytes.
 */
export function parseJobInfo(out: string): JobState {
  const f = parseInfoBlock(out);
  const done = parseJobSize(f.get('File processed') ?? f.get('Data processed'));
  const total = parseJobSize(f.get('File total') ?? f.get('Data total'));
  const operation = f.get('Operation');
  return {
    type: f.get('Job type') ?? 'None',
    ...(operation ? { operation } : {}),
    ...(done !== undefined && total !== undefined && total > 0
      ? { percent: Math.min(100, Math.round((100 * done) / total)) }
      : {}),
  };
}

/** Why `virsh backup-begin` refused, in words that say what to do instead. */
export function explainBackupBeginError(e: HvError, name: string): HvError {
  const text = e.detail ?? e.message;
  const base = { ...(e.detail ? { detail: e.detail } : {}) };
  if (/not supported by the connection driver/i.test(text)) {
    return new HvError(
      'unsupported',
      `cannot back up "${name}" while it runs: this libvirt driver has no backup job (${libvirtReason(text)})`,
      {
        ...base,
        fix: `shut it down first (hv vm shutdown "${name}"), then back it up: a shut-off VM is copied as it is; live backups need libvirt 7.2+ with QEMU 4.2+`,
      },
    );
  }
  if (/inactive domain|domain is not running/i.test(text)) {
    return new HvError(
      'invalid-state',
      `"${name}" stopped while hv was starting its backup; nothing was copied`,
      { ...base, fix: `run the backup again: a shut-off VM is copied as it is` },
    );
  }
  if (
    /another job|job .* is already|already in progress|cannot acquire state change lock/i.test(text)
  ) {
    return new HvError(
      'invalid-state',
      `"${name}" is busy with another job (a backup, migration or save): ${libvirtReason(text)}`,
      {
        ...base,
        fix: `wait for it to finish (virsh domjobinfo "${name}"), or cancel it (virsh domjobabort "${name}")`,
      },
    );
  }
  return new HvError(e.kind, `cannot back up "${name}" while it runs: ${libvirtReason(text)}`, {
    ...base,
    ...(e.fix ? { fix: e.fix } : {}),
  });
}

/**
 * Starts the job for the VM's own disks, follows it to the end (progress from
 * domjobinfo) and checks the completed job's record. On any failure or cancel
 * the job is aborted, so no copy goes on behind hv's back.
 */
export async function runBackupJob(
  v: Virsh,
  vm: { uuid: string; name: string },
  allTargets: readonly string[],
  disks: readonly BackupDisk[],
  pathOf: (d: BackupDisk) => string,
  opts: BackupOptions,
): Promise<void> {
  const own = new Set(disks.map((d) => d.target));
  const files = new Map(disks.map((d) => [d.target, { path: pathOf(d), format: d.format }]));
  const xml = backupJobXml(
    allTargets.map((target) => ({ target, own: own.has(target) })),
    files,
  );
  try {
    await withTempFile(xml, (file) =>
      v.exec(['backup-begin', '--domain', vm.uuid, '--backupxml', file]),
    );
  } catch (e) {
    throw e instanceof HvError ? explainBackupBeginError(e, vm.name) : e;
  }
  try {
    for (;;) {
      if (opts.signal?.aborted) throw new HvError('failed', 'backup cancelled');
      const job = parseJobInfo(await v.exec(['domjobinfo', '--domain', vm.uuid]));
      if (job.type === 'None') break;
      if (job.percent !== undefined) {
        opts.onProgress?.({ percent: Math.min(99, job.percent), message: 'copying' });
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (e) {
    await v.exec(['domjobabort', '--domain', vm.uuid]).catch(() => undefined);
    throw e;
  }
  const out = await v.exec(['domjobinfo', '--domain', vm.uuid, '--completed']).catch(() => '');
  const done = parseJobInfo(out);
  // The record is of the last job that ended; only a backup's says how this one went.
  const ended = done.type !== 'None' && done.type !== 'Completed';
  if (ended && (done.operation === undefined || done.operation === 'Backup')) {
    throw new HvError('failed', `libvirt's backup job for "${vm.name}" ended as ${done.type}`, {
      fix: 'see the VM log (~/.cache/libvirt/qemu/log/ on qemu:///session, /var/log/libvirt/qemu/ on qemu:///system)',
      detail: out.trim(),
    });
  }
}
