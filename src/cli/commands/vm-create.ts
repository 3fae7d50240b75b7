// `hv vm templates`, `hv vm create`, `hv vm backup`, `hv vm restore --from DIR`.

import { parseSize, templates } from '../../adapters/templates.js';
import { count } from '../../base/format.js';
import { vmBackup, vmRestoreBackup } from '../../operations/vm.js';
import { vmCreate } from '../../operations/vm-create.js';
import type { CommandContext } from '../command-spec.js';
import { printJson, table } from '../output.js';
import { positiveInt, runOperation, str } from './vm-common.js';

export async function listTemplates(ctx: CommandContext): Promise<number> {
  if (ctx.globals.json) {
    printJson({ templates });
    return 0;
  }
  const rows = templates.map((t) => [
    t.id,
    String(t.vcpus),
    t.memoryMiB >= 1024 ? `${t.memoryMiB / 1024} GiB` : `${t.memoryMiB} MiB`,
    `${t.diskGiB} GiB`,
    t.firmware === 'efi' ? `UEFI${t.secureBoot ? '+SB' : ''}${t.tpm ? '+TPM' : ''}` : 'BIOS',
    t.title,
  ]);
  process.stdout.write(
    `${table(rows, ['TEMPLATE', 'VCPUS', 'MEMORY', 'DISK', 'FIRMWARE', 'OS'])}\n`,
  );
  return 0;
}

export async function create(ctx: CommandContext): Promise<number> {
  const name = ctx.positionals[0]!;
  const template = str(ctx, 'template') ?? 'debian-12';
  const memory = str(ctx, 'memory');
  const disk = str(ctx, 'disk');
  const vcpus = positiveInt(str(ctx, 'vcpus'), '--vcpus');
  const pool = str(ctx, 'pool');
  const network = str(ctx, 'network');
  const iso = str(ctx, 'iso');
  const input = {
    name,
    template,
    ...(vcpus === undefined ? {} : { vcpus }),
    ...(memory === undefined ? {} : { memoryBytes: parseSize(memory, 'm', '--memory') }),
    ...(disk === undefined ? {} : { diskBytes: parseSize(disk, 'g', '--disk') }),
    ...(pool === undefined ? {} : { pool }),
    ...(network === undefined ? {} : { network }),
    ...(iso === undefined ? {} : { iso }),
  };
  return runOperation(
    ctx,
    vmCreate,
    input,
    (out) =>
      `Created ${out.name} from ${template}: disk ${out.pool}/${out.volume}${out.network ? `, network ${out.network}` : ', no network'}. Start it with: hv vm start "${out.name}"`,
    (out) => ({ vm: out }),
  );
}

export async function backup(ctx: CommandContext): Promise<number> {
  const [name, dir] = ctx.positionals as [string, string];
  const onProgress =
    ctx.globals.json || !process.stderr.isTTY
      ? undefined
      : (p: { percent?: number; message?: string }) =>
          process.stderr.write(`\r${p.message ?? 'backing up'} ${p.percent ?? ''}%   `);
  return runOperation(
    ctx,
    vmBackup,
    { name, dir, ...(onProgress ? { onProgress } : {}) },
    (m) =>
      `${onProgress ? '\n' : ''}Backed up ${m.domain} to ${dir} (${count(m.disks.length, 'disk')}, ${m.method === 'backup-job' ? "libvirt's backup job while it ran" : 'copied while shut off'}).`,
    (m) => ({ backup: m }),
  );
}

export async function restoreBackup(ctx: CommandContext): Promise<number> {
  const dir = str(ctx, 'from')!;
  const newName = str(ctx, 'name') ?? ctx.positionals[0];
  const pool = str(ctx, 'pool');
  return runOperation(
    ctx,
    vmRestoreBackup,
    { dir, ...(newName ? { newName } : {}), ...(pool ? { pool } : {}) },
    (r) => `Restored ${r.name} from ${dir}.`,
    (r) => ({ vm: r }),
  );
}
