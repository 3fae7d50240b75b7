import { HvError } from '../../errors.js';
import type { CommandContext } from '../commands.js';

/**
 * Imports with `fetch` hidden. Ink's layout engine (yoga-layout) loads its
 * embedded wasm with fetch() on a data: URL when fetch exists, which makes Node
 * load its whole HTTP client (undici, ~60 ms) for nothing; without fetch it
 * decodes the same bytes directly. The descriptor is restored right after.
 */
async function importWithoutFetch<T>(load: () => Promise<T>): Promise<T> {
  const desc = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (!desc?.configurable) return load();
  Object.defineProperty(globalThis, 'fetch', {
    value: undefined,
    configurable: true,
    writable: true,
  });
  try {
    return await load();
  } finally {
    Object.defineProperty(globalThis, 'fetch', desc);
  }
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
  const { runConsole } = await importWithoutFetch(() => import('../../screens/run.js'));
  return runConsole(ctx.globals);
}
