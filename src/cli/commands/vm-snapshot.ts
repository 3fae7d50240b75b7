// `hv vm snapshot list|create|revert|delete`.
import { flattenSnapshotTree, snapshotTree } from '../../adapters/hypervisor.js';
import { snapshotCreate, snapshotDelete, snapshotRevert } from '../../operations/vm.js';
import type { CommandContext } from '../command-spec.js';
import { printJson } from '../output.js';
import { confirmByName, flag, runOperation, str, withHypervisor } from './vm-common.js';

export async function list(ctx: CommandContext): Promise<number> {
  const name = ctx.positionals[0]!;
  return withHypervisor(ctx, async (hv) => {
    const snaps = await hv.listSnapshots(name);
    const tree = snapshotTree(snaps);
    if (ctx.globals.json) {
      printJson({ uri: hv.uri, vm: name, snapshots: snaps, tree });
      return 0;
    }
    if (snaps.length === 0) {
      process.stdout.write(`${name} has no snapshots. Take one: hv vm snapshot create "${name}"\n`);
      return 0;
    }
    for (const n of flattenSnapshotTree(tree)) {
      const indent = n.depth === 0 ? '' : `${'  '.repeat(n.depth - 1)}└─ `;
      process.stdout.write(
        `${indent}${n.name}${n.current ? '  (current)' : ''}  ${n.createdAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}  ${n.state}${n.description ? `  — ${n.description}` : ''}\n`,
      );
    }
    return 0;
  });
}

export async function create(ctx: CommandContext): Promise<number> {
  const [name, snapshot] = ctx.positionals as [string, string | undefined];
  const description = str(ctx, 'description');
  return runOperation(
    ctx,
    snapshotCreate,
    { name, ...(snapshot ? { snapshot } : {}), ...(description ? { description } : {}) },
    (s) => `Took snapshot "${s.name}" of ${name}.`,
    (s) => ({ snapshot: s }),
  );
}

export async function revert(ctx: CommandContext): Promise<number> {
  const [name, snapshot] = ctx.positionals as [string, string];
  await confirmByName(
    ctx,
    name,
    `Reverting "${name}" to snapshot "${snapshot}" discards its current state`,
  );
  return runOperation(
    ctx,
    snapshotRevert,
    { name, snapshot },
    () => `${name} is back at snapshot "${snapshot}".`,
  );
}

export async function remove(ctx: CommandContext): Promise<number> {
  const [name, snapshot] = ctx.positionals as [string, string];
  const children = flag(ctx, 'children');
  return runOperation(
    ctx,
    snapshotDelete,
    { name, snapshot, children },
    () => `Deleted snapshot "${snapshot}"${children ? ' and its children' : ''} of ${name}.`,
  );
}
