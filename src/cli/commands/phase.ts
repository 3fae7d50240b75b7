// `hv phase [status|harden|unlock]`: seed 000's two phases from the command line.
// Harden and unlock are operations (operations/phase.ts) run through execute(),
// so a normal user gets the exact sudo command and every attempt is audited.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { createNixosRunner } from '../../adapters/nixos.js';
import { sudoCommand } from '../../adapters/privilege.js';
import { HvError } from '../../base/errors.js';
import { count } from '../../base/format.js';
import { shellQuote } from '../../base/shell.js';
import type { HardwareFacts } from '../../catalog/types.js';
import { type ApplyEvent, confirmSeconds } from '../../operations/apply.js';
import { execute } from '../../operations/execute.js';
import { localContext } from '../../operations/host.js';
import { hardenOp, type PhaseChange, UNLOCK_WORD, unlockOp } from '../../operations/phase.js';
import { knownConfigDirs, phaseStatus } from '../../security/phase-ops.js';
import type { CommandContext } from '../command-spec.js';
import { printJson } from '../output.js';

const opt = (ctx: CommandContext, name: string) => {
  const v = ctx.options[name];
  return typeof v === 'string' ? v : undefined;
};

/** The command line as typed, for "run this with sudo instead". */
export const sudoLine = () => sudoCommand(process.argv.slice(2));

/** Asks one question on the terminal (stderr, so --json output stays clean). */
export async function ask(question: string): Promise<string | undefined> {
  if (!process.stdin.isTTY) return undefined;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

async function hardwareFrom(file: string | undefined): Promise<HardwareFacts | undefined> {
  if (!file) return undefined;
  const { HardwareFactsSchema } = await import('../../adapters/host.js');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new HvError(
      'invalid-input',
      `cannot read the hardware file ${file}: ${(e as Error).message}`,
      {
        fix: '`hv setup hardware --json` prints one for this machine',
      },
    );
  }
  const r = HardwareFactsSchema.safeParse(raw);
  if (!r.success) {
    throw new HvError('invalid-input', `${file} is not a hardware description`, {
      fix: '`hv setup hardware --json` prints one for this machine',
    });
  }
  return r.data;
}

const allowedWords = 'starting, stopping and pausing VMs, consoles, backups and viewing';
const refusedWords = 'creating, deleting and changing VMs, and system configuration';

export async function status(ctx: CommandContext): Promise<number> {
  const s = phaseStatus();
  if (ctx.globals.json) {
    printJson({
      ...s,
      allows:
        s.phase === 'hardened'
          ? ['view', 'lifecycle', 'console', 'backup']
          : ['everything (within your privileges)'],
      refuses: s.phase === 'hardened' ? ['create', 'delete', 'modify', 'system-config'] : [],
    });
    return 0;
  }
  const out: string[] = [];
  if (s.phase === 'hardened') {
    out.push(
      `Phase: hardened${s.since ? ` since ${s.since}` : ''}${s.by ? ` (by ${s.by})` : ''}`,
      `  Allowed: ${allowedWords}.`,
      `  Refused: ${refusedWords}.`,
      `  Marker:  ${s.marker}`,
      ...(s.configDir ? [`  Configuration: ${s.configDir}`] : []),
      '  To make changes: sudo hv phase unlock (you type the word to confirm), then harden again.',
    );
  } else {
    out.push(
      'Phase: setup (permissive: every operation your privileges allow)',
      `  Marker:  ${s.marker} (absent)`,
      '  When the host is configured: sudo hv phase harden',
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

function report(ctx: CommandContext, r: PhaseChange, verb: string): number {
  if (ctx.globals.json) {
    printJson({ ok: true, ...r });
    return 0;
  }
  const lines = [
    r.changed
      ? `Host ${verb}: phase is now ${r.phase}.`
      : `The host already was in the ${r.phase} phase.`,
    `  Marker: ${r.marker}${r.phase === 'setup' ? ' (removed)' : ''}`,
  ];
  if (r.config) {
    const changed = r.config.files.filter((f) => f.status === 'create' || f.status === 'update');
    lines.push(
      `Configuration ${r.config.dir} regenerated for the ${r.phase} phase (${count(changed.length, 'file')} changed):`,
      ...changed.map((f) => `  ${f.status.padEnd(8)} ${f.path}`),
      ...(r.config.backupDir
        ? [`  Previous versions kept in ${join(r.config.dir, r.config.backupDir)}`]
        : []),
      r.applied?.kind === 'switched'
        ? 'Applied: the system now runs it.'
        : `To apply it now: ${process.getuid?.() === 0 ? '' : 'sudo '}${r.config.apply.map(shellQuote).join(' ')}`,
    );
  } else if (r.configNote) {
    lines.push(`Note: ${r.configNote}. Pass --config DIR to regenerate a configuration too.`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/**
 * Whether to apply the regenerated configuration: --apply says yes; on a terminal,
 * as root, on NixOS, with a configuration folder to apply, hv offers it.
 */
async function applyHooks(ctx: CommandContext, verb: string) {
  const runner = createNixosRunner();
  const local = localContext();
  const hasConfig = opt(ctx, 'config') !== undefined || knownConfigDirs().length > 0;
  let want = ctx.options.apply === true;
  if (!want && local.isRoot && !ctx.globals.json && hasConfig && runner.locate()) {
    const a = await ask(
      `After ${verb}, apply the regenerated configuration with nixos-rebuild (dry-build, test, keep?, switch)? [y/N] `,
    );
    want = a?.trim().toLowerCase().startsWith('y') === true;
  }
  if (!want) return undefined;
  const say = (line: string) => process.stderr.write(`${line}\n`);
  return {
    runner,
    confirmSeconds: confirmSeconds(),
    askKeep: (deadline: number) => askBefore(deadline),
    onEvent: (e: ApplyEvent) => {
      if (e.type === 'stage') say(`== ${e.stage}`);
      else if (e.type === 'line') say(`   ${e.text}`);
      else if (e.type === 'reverting') say(`== reverting (${e.why})`);
    },
  };
}

/** "Keep it?" with a deadline: no answer in time counts as no (the apply flow reverts). */
async function askBefore(deadline: number): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const timer = setTimeout(() => rl.close(), Math.max(0, deadline - Date.now()));
  try {
    const seconds = Math.round((deadline - Date.now()) / 1000);
    const a = await rl.question(
      `The new configuration is active. Keep it? Type yes within ${seconds}s, or it is reverted: `,
    );
    return a.trim().toLowerCase() === 'yes';
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    rl.close();
  }
}

export async function harden(ctx: CommandContext): Promise<number> {
  const r = await execute(
    hardenOp,
    {
      configDir: opt(ctx, 'config'),
      hardware: await hardwareFrom(opt(ctx, 'hardware')),
      apply: await applyHooks(ctx, 'hardening'),
    },
    localContext(),
    { sudoCommand: sudoLine() },
  );
  return report(ctx, r, 'hardened');
}

export async function unlock(ctx: CommandContext): Promise<number> {
  const local = localContext();
  // Not root: say so before asking for the word (execute() refuses with the sudo line).
  let word = opt(ctx, 'confirm');
  if (word === undefined && local.isRoot && !ctx.globals.json) {
    word = await ask(
      `Unlocking allows creating, deleting and changing VMs and the system again.\nType "${UNLOCK_WORD}" to confirm: `,
    );
  }
  const r = await execute(
    unlockOp,
    {
      configDir: opt(ctx, 'config'),
      hardware: await hardwareFrom(opt(ctx, 'hardware')),
      word,
      apply: word === UNLOCK_WORD && local.isRoot ? await applyHooks(ctx, 'unlocking') : undefined,
    },
    local,
    { sudoCommand: sudoLine() },
  );
  return report(ctx, r, 'unlocked');
}
