import { HvError } from '../../errors.js';
import type { CommandContext } from '../commands.js';

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
  const { runConsole } = await import('../../screens/run.js');
  return runConsole(ctx.globals);
}
