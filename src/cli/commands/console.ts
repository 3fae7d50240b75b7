import { HvError } from '../../base/errors.js';
import type { ConsoleOptions } from '../../screens/run.js';
import type { CommandContext } from '../command-spec.js';
import type { GlobalOptions } from '../globals.js';

/**
 * Loads the console's Ink chunk with CI / CONTINUOUS_INTEGRATION hidden: Ink
 * decides once, at import, that in CI it draws only the last frame. This is an
 * interactive terminal (checked by the caller), so a CI variable inherited from
 * the surroundings must not freeze it. Restored right after.
 */
async function importForTerminal<T>(load: () => Promise<T>): Promise<T> {
  const saved = ['CI', 'CONTINUOUS_INTEGRATION']
    .filter((k) => k in process.env)
    .map((k) => [k, process.env[k]] as const);
  for (const [k] of saved) delete process.env[k];
  try {
    return await load();
  } finally {
    for (const [k, v] of saved) process.env[k] = v;
  }
}

/** Opens the console for another command (`hv setup`): same checks, another start. */
export async function openConsole(globals: GlobalOptions, opts: ConsoleOptions): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new HvError('usage', 'the setup wizard needs a terminal, and this is not one', {
      fix: 'run it in a terminal, or use an answers file: hv setup --answers FILE --non-interactive (hv setup schema shows the format)',
    });
  }
  const { runConsole } = await importForTerminal(() => import('../../screens/run.js'));
  return runConsole(globals, opts);
}

export async function run(ctx: CommandContext): Promise<number> {
  if (ctx.globals.plain) {
    const { runPlain } = await import('../plain.js');
    return runPlain(ctx.globals);
  }
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new HvError('usage', 'the interactive console needs a terminal, and this is not one', {
      fix: 'run hv in a terminal; for scripts use subcommands (hv --help) with --json, or hv --plain for a line-by-line menu',
    });
  }
  const { runConsole } = await importForTerminal(() => import('../../screens/run.js'));
  return runConsole(ctx.globals);
}
