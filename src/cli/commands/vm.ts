// `hv vm ...`: list, info, lifecycle (one or several VMs), autostart, delete,
// clone and migrate. Create/backup/restore are in vm-create.ts, snapshots in
// vm-snapshot.ts. Every change goes through execute() (operations/vm.ts).
import type { DomainInfo } from '../../adapters/hypervisor.js';
import { HvError, isHvError } from '../../base/errors.js';
import { formatMemory } from '../../base/format.js';
import { commandLine } from '../../base/shell.js';
import { operationContext } from '../../operations/context.js';
import { execute } from '../../operations/execute.js';
import {
  type LifecycleAction,
  vmAutostart,
  vmClone,
  vmDelete,
  vmLifecycle,
  vmMigrate,
} from '../../operations/vm.js';
import type { CommandContext } from '../command-spec.js';
import { exitCodeFor } from '../exit-codes.js';
import { printJson, table } from '../output.js';
import { confirmByName, flag, runOperation, str, withHypervisor } from './vm-common.js';

export async function list(ctx: CommandContext): Promise<number> {
  return withHypervisor(ctx, async (hv) => {
    const vms = await hv.listDomains();
    vms.sort((a, b) => a.name.localeCompare(b.name));
    if (ctx.globals.json) {
      printJson({ uri: hv.uri, vms });
      return 0;
    }
    const rows = vms.map((v) => [
      v.name,
      v.state,
      String(v.vcpus),
      formatMemory(v.memoryKiB),
      v.autostart ? 'yes' : 'no',
    ]);
    process.stdout.write(`${table(rows, ['NAME', 'STATE', 'VCPUS', 'MEMORY', 'AUTOSTART'])}\n`);
    return 0;
  });
}

function infoText(d: DomainInfo): string {
  const lines = [
    `Name:       ${d.name}`,
    `UUID:       ${d.uuid}`,
    `State:      ${d.state}${d.hasManagedSave ? ' (saved state: starts where it left off)' : ''}`,
    `vCPUs:      ${d.vcpus}`,
    `Memory:     ${formatMemory(d.memoryKiB)}`,
    `Autostart:  ${d.autostart ? 'yes' : 'no'}`,
    `Persistent: ${d.persistent ? 'yes' : 'no'}`,
    `Firmware:   ${d.firmware === 'efi' ? 'UEFI' : 'BIOS'}`,
    `Type:       ${d.domainType}${d.arch ? ` ${d.arch}` : ''}${d.machine ? ` (${d.machine})` : ''}`,
    `Snapshots:  ${d.snapshotCount}`,
  ];
  if (d.description) lines.push(`About:      ${d.description}`);
  lines.push('', 'Disks:');
  if (d.disks.length === 0) lines.push('  (none)');
  for (const k of d.disks) {
    lines.push(
      `  ${k.target}  ${k.device}${k.bus ? ` ${k.bus}` : ''}  ${k.source ?? '(empty)'}${k.format ? ` [${k.format}]` : ''}${k.readonly ? ' read-only' : ''}`,
    );
  }
  lines.push('', 'Network interfaces:');
  if (d.nics.length === 0) lines.push('  (none)');
  for (const n of d.nics) {
    lines.push(
      `  ${n.mac || '(auto)'}  ${n.type}${n.source ? ` ${n.source}` : ''}${n.model ? ` (${n.model})` : ''}`,
    );
  }
  return lines.join('\n');
}

export async function info(ctx: CommandContext): Promise<number> {
  const name = ctx.positionals[0]!;
  return withHypervisor(ctx, async (hv) => {
    const d = await hv.domainInfo(name);
    if (ctx.globals.json) printJson({ uri: hv.uri, vm: d });
    else if (flag(ctx, 'xml')) process.stdout.write(d.xml.endsWith('\n') ? d.xml : `${d.xml}\n`);
    else process.stdout.write(`${infoText(d)}\n`);
    return 0;
  });
}

const doneText: Record<LifecycleAction, string> = {
  start: 'started',
  shutdown: 'was asked to shut down (the guest decides when)',
  reboot: 'was asked to reboot',
  destroy: 'was forced off',
  suspend: 'is paused',
  resume: 'is running again',
  save: 'was saved and stopped (start or restore it to continue)',
  restore: 'was restored from its saved state',
};

/** One or several VMs: each through execute(), then a summary; exit code of the first failure. */
async function lifecycle(ctx: CommandContext, action: LifecycleAction): Promise<number> {
  const spec = vmLifecycle[action];
  const names = ctx.positionals;
  return withHypervisor(ctx, async (hv) => {
    const results: Array<{ name: string; ok: boolean; error?: Record<string, unknown> }> = [];
    let code = 0;
    for (const name of names) {
      try {
        await execute(spec, { name }, operationContext(hv));
        results.push({ name, ok: true });
        if (!ctx.globals.json) process.stdout.write(`${name} ${doneText[action]}.\n`);
      } catch (e) {
        const err = isHvError(e) ? e : new HvError('failed', String(e));
        if (code === 0) code = exitCodeFor(err.kind);
        results.push({ name, ok: false, error: err.toJSON() });
        if (names.length === 1) throw err;
        if (!ctx.globals.json) {
          process.stderr.write(
            `hv: ${name}: ${err.message}\n${err.fix ? `  fix: ${err.fix}\n` : ''}`,
          );
        }
      }
    }
    const commands = names.flatMap((name) =>
      spec.commands({ name }, { uri: hv.uri }).map(commandLine),
    );
    if (ctx.globals.json) {
      printJson(
        names.length === 1
          ? { ok: true, operation: spec.id, target: names[0], commands }
          : { ok: code === 0, operation: spec.id, results, commands },
      );
    } else if (names.length > 1) {
      const ok = results.filter((r) => r.ok).length;
      process.stdout.write(`${ok} of ${names.length} VMs ${doneText[action].split(' (')[0]}.\n`);
    }
    return code;
  });
}

export const start = (ctx: CommandContext) => lifecycle(ctx, 'start');
export const shutdown = (ctx: CommandContext) => lifecycle(ctx, 'shutdown');
export const reboot = (ctx: CommandContext) => lifecycle(ctx, 'reboot');
export const destroy = (ctx: CommandContext) => lifecycle(ctx, 'destroy');
export const suspend = (ctx: CommandContext) => lifecycle(ctx, 'suspend');
export const resume = (ctx: CommandContext) => lifecycle(ctx, 'resume');
export const save = (ctx: CommandContext) => lifecycle(ctx, 'save');

export async function restore(ctx: CommandContext): Promise<number> {
  if (str(ctx, 'from') !== undefined) {
    const { restoreBackup } = await import('./vm-create.js');
    return restoreBackup(ctx);
  }
  if (ctx.positionals.length === 0) {
    throw new HvError('usage', 'restore what?', {
      fix: 'hv vm restore NAME (its saved state) or hv vm restore --from DIR (a backup)',
    });
  }
  return lifecycle(ctx, 'restore');
}

export async function autostart(ctx: CommandContext): Promise<number> {
  const name = ctx.positionals[0]!;
  const on = !flag(ctx, 'disable');
  return runOperation(
    ctx,
    vmAutostart,
    { name, on },
    () => `${name} ${on ? 'will start' : 'will not start'} with the host.`,
    () => ({ autostart: on }),
  );
}

export async function remove(ctx: CommandContext): Promise<number> {
  const name = ctx.positionals[0]!;
  const removeStorage = flag(ctx, 'remove-storage');
  await confirmByName(
    ctx,
    name,
    `Deleting VM "${name}"${removeStorage ? ' and its disks' : ' (its disks are kept)'}`,
  );
  return runOperation(
    ctx,
    vmDelete,
    { name, removeStorage },
    (out) =>
      `Deleted ${name}.${out.removedVolumes.length ? ` Removed: ${out.removedVolumes.join(', ')}` : removeStorage ? '' : ' Its disks were kept.'}`,
    (out) => ({ removedVolumes: out.removedVolumes }),
  );
}

export async function clone(ctx: CommandContext): Promise<number> {
  const [name, newName] = ctx.positionals as [string, string];
  const pool = str(ctx, 'pool');
  return runOperation(
    ctx,
    vmClone,
    { name, newName, ...(pool ? { pool } : {}) },
    (out) =>
      `Cloned ${name} as ${out.name}${out.volumes.length ? ` (disks: ${out.volumes.join(', ')})` : ''}.`,
    (out) => ({ clone: out }),
  );
}

export async function migrate(ctx: CommandContext): Promise<number> {
  const name = ctx.positionals[0]!;
  const to = str(ctx, 'to');
  if (!to)
    throw new HvError('usage', 'migrate needs --to URI', {
      fix: 'hv vm migrate NAME --to qemu+ssh://other/system',
    });
  const live = !flag(ctx, 'offline');
  let last = -1;
  const onProgress = ctx.globals.json
    ? undefined
    : (p: { percent?: number }) => {
        if (p.percent !== undefined && p.percent !== last && process.stderr.isTTY) {
          last = p.percent;
          process.stderr.write(`\rmigrating ${name}: ${p.percent}%`);
        }
      };
  return runOperation(
    ctx,
    vmMigrate,
    { name, to, live, ...(onProgress ? { onProgress } : {}) },
    () => `${last >= 0 ? '\n' : ''}Migrated ${name} to ${to}.`,
    () => ({ to, live }),
  );
}
