import { packageVersion } from '../../adapters/package-root.js';
import type { CommandContext } from '../command-spec.js';
import { printJson } from '../output.js';

export async function run(ctx: CommandContext): Promise<number> {
  const version = packageVersion();
  if (ctx.globals.json) printJson({ version, node: process.versions.node });
  else process.stdout.write(`hv ${version}\n`);
  return 0;
}
