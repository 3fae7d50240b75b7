// `hv pool list|start|stop|autostart|volumes`.

import { formatBytes } from '../../base/format.js';
import { poolAutostart, poolStart, poolStop } from '../../operations/pool.js';
import type { CommandContext } from '../command-spec.js';
import { printJson, table } from '../output.js';
import { flag, runOperation, withHypervisor } from './vm-common.js';

export async function list(ctx: CommandContext): Promise<number> {
  return withHypervisor(ctx, async (hv) => {
    const pools = (await hv.listPools()).sort((a, b) => a.name.localeCompare(b.name));
    if (ctx.globals.json) {
      printJson({ uri: hv.uri, pools });
      return 0;
    }
    const rows = pools.map((p) => [
      p.name,
      p.state,
      p.autostart ? 'yes' : 'no',
      p.type,
      formatBytes(p.capacityBytes),
      formatBytes(p.allocationBytes),
      formatBytes(p.availableBytes),
      p.capacityBytes > 0 ? `${Math.round((100 * p.allocationBytes) / p.capacityBytes)}%` : '-',
    ]);
    process.stdout.write(
      `${table(rows, ['NAME', 'STATE', 'AUTOSTART', 'TYPE', 'CAPACITY', 'USED', 'FREE', 'USE%'])}\n`,
    );
    return 0;
  });
}

export async function volumes(ctx: CommandContext): Promise<number> {
  const pool = ctx.positionals[0]!;
  return withHypervisor(ctx, async (hv) => {
    const vols = (await hv.listVolumes(pool)).sort((a, b) => a.name.localeCompare(b.name));
    if (ctx.globals.json) {
      printJson({ uri: hv.uri, pool, volumes: vols });
      return 0;
    }
    const rows = vols.map((v) => [
      v.name,
      v.format ?? v.type,
      formatBytes(v.capacityBytes),
      formatBytes(v.allocationBytes),
      v.path,
    ]);
    process.stdout.write(`${table(rows, ['NAME', 'FORMAT', 'CAPACITY', 'ALLOCATED', 'PATH'])}\n`);
    return 0;
  });
}

export async function start(ctx: CommandContext): Promise<number> {
  const name = ctx.positionals[0]!;
  return runOperation(ctx, poolStart, { name }, () => `Storage pool ${name} started.`);
}

export async function stop(ctx: CommandContext): Promise<number> {
  const name = ctx.positionals[0]!;
  return runOperation(ctx, poolStop, { name }, () => `Storage pool ${name} stopped.`);
}

export async function autostart(ctx: CommandContext): Promise<number> {
  const name = ctx.positionals[0]!;
  const on = !flag(ctx, 'disable');
  return runOperation(
    ctx,
    poolAutostart,
    { name, on },
    () => `Storage pool ${name} ${on ? 'will start' : 'will not start'} with the host.`,
    () => ({ autostart: on }),
  );
}
