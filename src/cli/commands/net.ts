// `hv net list|start|stop|autostart`.
import { netAutostart, netStart, netStop } from '../../operations/net.js';
import type { CommandContext } from '../command-spec.js';
import { printJson, table } from '../output.js';
import { flag, runOperation, withHypervisor } from './vm-common.js';

export async function list(ctx: CommandContext): Promise<number> {
  return withHypervisor(ctx, async (hv) => {
    const nets = (await hv.listNetworks()).sort((a, b) => a.name.localeCompare(b.name));
    if (ctx.globals.json) {
      printJson({ uri: hv.uri, networks: nets });
      return 0;
    }
    const rows = nets.map((n) => [
      n.name,
      n.active ? 'active' : 'inactive',
      n.autostart ? 'yes' : 'no',
      n.forward ?? 'isolated',
      n.bridge ?? '-',
    ]);
    process.stdout.write(`${table(rows, ['NAME', 'STATE', 'AUTOSTART', 'FORWARD', 'BRIDGE'])}\n`);
    return 0;
  });
}

export async function start(ctx: CommandContext): Promise<number> {
  const name = ctx.positionals[0]!;
  return runOperation(ctx, netStart, { name }, () => `Network ${name} started.`);
}

export async function stop(ctx: CommandContext): Promise<number> {
  const name = ctx.positionals[0]!;
  return runOperation(
    ctx,
    netStop,
    { name },
    () => `Network ${name} stopped (VMs on it have no network until it starts again).`,
  );
}

export async function autostart(ctx: CommandContext): Promise<number> {
  const name = ctx.positionals[0]!;
  const on = !flag(ctx, 'disable');
  return runOperation(
    ctx,
    netAutostart,
    { name, on },
    () => `Network ${name} ${on ? 'will start' : 'will not start'} with the host.`,
    () => ({ autostart: on }),
  );
}
