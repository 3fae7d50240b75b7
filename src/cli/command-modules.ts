// The one place that imports the command modules, each only when its command runs
// (esbuild makes each its own chunk). The table in commands.ts names a module and
// an export; this turns that into the function to call.
import { HvError } from '../base/errors.js';
import type { CommandContext, CommandSpec } from './command-spec.js';

type CommandFunction = (ctx: CommandContext) => Promise<number>;

export const commandModules: Record<string, () => Promise<object>> = {
  audit: () => import('./commands/audit.js'),
  connections: () => import('./commands/connections.js'),
  console: () => import('./commands/console.js'),
  demo: () => import('./commands/demo.js'),
  doctor: () => import('./commands/doctor.js'),
  features: () => import('./commands/features.js'),
  help: () => import('./commands/help.js'),
  host: () => import('./commands/host.js'),
  learn: () => import('./commands/learn.js'),
  net: () => import('./commands/net.js'),
  phase: () => import('./commands/phase.js'),
  pool: () => import('./commands/pool.js'),
  progress: () => import('./commands/progress.js'),
  settings: () => import('./commands/settings.js'),
  setup: () => import('./commands/setup.js'),
  version: () => import('./commands/version.js'),
  vm: () => import('./commands/vm.js'),
  'vm-create': () => import('./commands/vm-create.js'),
  'vm-snapshot': () => import('./commands/vm-snapshot.js'),
};

export async function loadHandler(
  spec: Pick<CommandSpec, 'handler' | 'path'>,
): Promise<CommandFunction> {
  const load = commandModules[spec.handler.module];
  const fn = load ? ((await load()) as Record<string, unknown>)[spec.handler.export] : undefined;
  if (typeof fn !== 'function') {
    // A table entry that names no function: a bug in hv, never the user's input.
    throw new HvError(
      'failed',
      `hv ${spec.path.join(' ')} has no code (${spec.handler.module}.${spec.handler.export})`,
    );
  }
  return fn as CommandFunction;
}
