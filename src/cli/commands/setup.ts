import { existsSync, readFileSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { z } from 'zod';
import { HardwareFactsSchema, probeHardware } from '../../adapters/host.js';
import { defaultConfigDir } from '../../adapters/nixos.js';
import { HvError } from '../../base/errors.js';
import { count } from '../../base/format.js';
import { features } from '../../catalog/features.js';
import { describeReason } from '../../catalog/resolve.js';
import type { HardwareFacts } from '../../catalog/types.js';
import { planSetup, problemsText, runSetup } from '../../operations/setup-write.js';
import { currentPhase, isSetupComplete, setupCompleteMarker } from '../../security/phase.js';
import type { SetupLaunch } from '../../state/setup-launch.js';
import { type Answers, answersSchema, parseAnswers } from '../../wizard/answers.js';
import type { CommandContext } from '../command-spec.js';
import { printJson } from '../output.js';

function readJsonFile(file: string, what: string): unknown {
  if (!existsSync(file)) {
    throw new HvError('not-found', `${what} ${file} does not exist`, { fix: 'check the path' });
  }
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new HvError(
      'invalid-input',
      `${what} ${file} is not valid JSON: ${(e as Error).message}`,
      {
        fix: 'fix the JSON syntax (`hv setup schema` prints the expected format)',
      },
    );
  }
}

function loadAnswers(file: string): Answers {
  const parsed = parseAnswers(readJsonFile(file, 'the answers file'));
  if (!parsed.ok) {
    throw new HvError(
      'invalid-input',
      problemsText(`${file} has ${count(parsed.problems.length, 'problem')}`, parsed.problems),
      {
        fix: '`hv setup schema` prints the expected format',
      },
    );
  }
  return parsed.answers;
}

async function loadHardware(file: string | undefined): Promise<HardwareFacts> {
  if (!file) return probeHardware();
  const r = HardwareFactsSchema.safeParse(readJsonFile(file, 'the hardware file'));
  if (!r.success) {
    throw new HvError(
      'invalid-input',
      problemsText(
        `${file} is not a hardware description`,
        r.error.issues.map((i) => ({
          path: i.path.join('.') || '(top level)',
          message: i.message,
        })),
      ),
      { fix: '`hv setup hardware --json` prints one for this machine' },
    );
  }
  return r.data;
}

/** Without --out: /etc/nixos as root on NixOS, else a folder of the user's. */
export function defaultOutDir(): string {
  return defaultConfigDir().dir;
}

const opt = (ctx: CommandContext, name: string) => {
  const v = ctx.options[name];
  return typeof v === 'string' ? v : undefined;
};

/** `hv setup` without --non-interactive: the wizard, full-screen (also on tty1 at first boot). */
async function wizard(ctx: CommandContext): Promise<number> {
  const firstBoot = ctx.options['first-boot'] === true;
  if (ctx.globals.json || ctx.globals.plain || ctx.options['dry-run']) {
    const flag = ctx.globals.json ? '--json' : ctx.globals.plain ? '--plain' : '--dry-run';
    throw new HvError('usage', `${flag} works with answer files, not with the setup wizard`, {
      fix: `hv setup --answers FILE --non-interactive ${flag} (the wizard shows the diff before writing anyway)`,
    });
  }
  if (firstBoot && isSetupComplete()) {
    process.stdout.write(`Setup is already complete (${setupCompleteMarker()}); nothing to do.\n`);
    return 0;
  }
  const answersFile = opt(ctx, 'answers');
  const hardwareFile = opt(ctx, 'hardware');
  const outDir = opt(ctx, 'out');
  const launch: SetupLaunch = {
    standalone: true,
    firstBoot,
    force: ctx.options.force === true,
    ...(outDir ? { outDir: resolvePath(outDir) } : {}),
    ...(hardwareFile
      ? { hardware: { facts: await loadHardware(hardwareFile), file: hardwareFile } }
      : {}),
    ...(answersFile ? { answers: { answers: loadAnswers(answersFile), file: answersFile } } : {}),
  };
  const { openConsole } = await import('./console.js');
  return openConsole(ctx.globals, { stack: ['setup'], connect: false, setupLaunch: launch });
}

export async function run(ctx: CommandContext): Promise<number> {
  const answersFile = opt(ctx, 'answers');
  if (!ctx.options['non-interactive']) return wizard(ctx);
  if (!answersFile) {
    throw new HvError('usage', '--non-interactive needs --answers FILE', {
      fix: 'hv setup --answers answers.json --non-interactive [--out DIR] [--dry-run]',
    });
  }
  const answers = loadAnswers(answersFile);
  const hardware = await loadHardware(opt(ctx, 'hardware'));
  const outDir = resolvePath(opt(ctx, 'out') ?? defaultOutDir());
  const dryRun = ctx.options['dry-run'] === true;
  const result = runSetup({
    answers,
    hardware,
    phase: currentPhase(),
    outDir,
    dryRun,
    force: ctx.options.force === true,
  });
  const byId = new Map(features.map((f) => [f.id, f]));
  if (ctx.globals.json) {
    printJson({
      ok: true,
      outDir,
      dryRun,
      written: result.written,
      backupDir: result.backupDir,
      features: result.plan.items.map((i) => ({
        id: i.id,
        enabled: i.enabled,
        reason: i.reason,
        why: describeReason(i.reason, byId),
      })),
      files: result.changes.map((c) => ({
        path: c.file.path,
        status: c.status,
        note: c.note,
        diff: c.diff,
      })),
    });
    return 0;
  }
  const out = process.stdout;
  out.write(`Features on (${result.plan.enabled.length}):\n`);
  for (const i of result.plan.items.filter((x) => x.enabled)) {
    const f = byId.get(i.id)!;
    out.write(`  + ${f.id} [${f.risk}]: ${describeReason(i.reason, byId)}\n`);
  }
  const notable = result.plan.items.filter(
    (i) => !i.enabled && i.reason.kind.startsWith('blocked'),
  );
  if (notable.length > 0) {
    out.write('Held back:\n');
    for (const i of notable) out.write(`  - ${i.id}: ${describeReason(i.reason, byId)}\n`);
  }
  if (dryRun) {
    out.write(`\nDry run: nothing written. Changes for ${outDir}:\n`);
    for (const c of result.changes) {
      if (c.status === 'create' || c.status === 'update') out.write(c.diff);
      else out.write(`${c.file.path}: ${c.status}${c.note ? ` (${c.note})` : ''}\n`);
    }
    return 0;
  }
  out.write(`\nWrote ${outDir}:\n`);
  for (const c of result.changes)
    out.write(`  ${c.status.padEnd(9)} ${c.file.path}${c.note ? `  (${c.note})` : ''}\n`);
  if (result.backupDir) out.write(`Previous versions kept in ${join(outDir, result.backupDir)}\n`);
  out.write(
    `\nNext: on the host, nixos-rebuild switch --flake ${outDir}#${answers.host.hostname}\n`,
  );
  return 0;
}

export async function schema(): Promise<number> {
  printJson(z.toJSONSchema(answersSchema, { io: 'input', unrepresentable: 'any' }));
  return 0;
}

export async function validate(ctx: CommandContext): Promise<number> {
  const file = ctx.positionals[0]!;
  const parsed = parseAnswers(readJsonFile(file, 'the answers file'));
  let problems = parsed.ok ? [] : parsed.problems;
  if (parsed.ok) {
    const hardware = await loadHardware(opt(ctx, 'hardware'));
    problems = planSetup(parsed.answers, hardware, currentPhase()).problems;
  }
  if (ctx.globals.json) printJson({ ok: problems.length === 0, file, problems });
  else if (problems.length === 0) process.stdout.write(`${file}: valid\n`);
  else
    process.stderr.write(
      `${problemsText(`${file} has ${count(problems.length, 'problem')}`, problems)}\n`,
    );
  return problems.length === 0 ? 0 : 2;
}

export async function hardware(ctx: CommandContext): Promise<number> {
  if (ctx.globals.json) {
    printJson(await probeHardware());
    return 0;
  }
  const { probeHardwareReport, describeHardware, hardwareConsequences } = await import(
    '../../adapters/host-report.js'
  );
  const report = await probeHardwareReport();
  const lines = [
    ...describeHardware(report),
    ...hardwareConsequences(report.facts).map((l) => `- ${l}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
