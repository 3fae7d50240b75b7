import { type CheckStatus, runDoctorChecks } from '../../adapters/doctor.js';
import type { CommandContext } from '../command-spec.js';
import { printJson } from '../output.js';

// Text + symbol, never colour alone.
const mark: Record<CheckStatus, string> = {
  ok: '[ ok ]',
  warn: '[warn]',
  fail: '[FAIL]',
  info: '[info]',
};

export async function run(ctx: CommandContext): Promise<number> {
  const checks = await runDoctorChecks();
  const failed = checks.some((c) => c.status === 'fail');
  if (ctx.globals.json) {
    printJson({ ok: !failed, checks });
  } else {
    for (const c of checks) {
      process.stdout.write(`${mark[c.status]} ${c.title}: ${c.summary}\n`);
      if (c.fix && c.status !== 'ok') process.stdout.write(`       fix: ${c.fix}\n`);
    }
    process.stdout.write(
      failed ? '\nSome checks failed; see the fixes above.\n' : '\nhv can run on this machine.\n',
    );
  }
  return failed ? 1 : 0;
}
