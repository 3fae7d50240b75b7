// `hv connections list|add|remove|use`: saved libvirt connections and their status.
import {
  addConnection,
  connectionStatuses,
  removeConnection,
  selectConnection,
} from '../../operations/connections.js';
import type { CommandContext } from '../command-spec.js';
import { printJson, table } from '../output.js';

export async function list(ctx: CommandContext): Promise<number> {
  const all = await connectionStatuses();
  if (ctx.globals.json) {
    printJson({ connections: all });
    return 0;
  }
  const rows = all.map((c) => [c.current ? '*' : ' ', c.name, c.uri, c.status, c.detail ?? '']);
  process.stdout.write(`${table(rows, [' ', 'NAME', 'URI', 'STATUS', 'DETAIL'])}\n`);
  return 0;
}

export async function add(ctx: CommandContext): Promise<number> {
  const [name, uri] = ctx.positionals as [string, string];
  const c = addConnection(name, uri);
  if (ctx.globals.json) printJson({ ok: true, connection: c });
  else
    process.stdout.write(`Saved ${c.name} (${c.uri}). Use it with: hv connections use ${c.name}\n`);
  return 0;
}

export async function remove(ctx: CommandContext): Promise<number> {
  const name = ctx.positionals[0]!;
  removeConnection(name);
  if (ctx.globals.json) printJson({ ok: true, removed: name });
  else process.stdout.write(`Removed ${name}.\n`);
  return 0;
}

export async function use(ctx: CommandContext): Promise<number> {
  const name = ctx.positionals[0]!;
  const c = selectConnection(name);
  if (ctx.globals.json) printJson({ ok: true, current: c });
  else {
    process.stdout.write(
      `hv now uses ${c.name} (${c.uri}) unless --connect, --demo or LIBVIRT_DEFAULT_URI says otherwise.\n`,
    );
  }
  return 0;
}
