// The setup pipeline shared by the wizard and `hv setup --answers`: answers ->
// plan -> files -> (diff) -> safe write. One pipeline, so both produce the same
// bytes for the same answers.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { packageRoot, packageVersion } from '../adapters/package-root.js';
import { HvError } from '../base/errors.js';
import type { Phase } from '../base/phase.js';
import { features } from '../catalog/features.js';
import { type Plan, resolve } from '../catalog/resolve.js';
import type { HardwareFacts } from '../catalog/types.js';
import { generate } from '../nix/generate.js';
import { applyWrites, type FileChange, planWrites } from '../nix/write.js';
import { type Answers, parseAnswers } from '../wizard/answers.js';

export interface SetupRequest {
  answers: Answers;
  hardware: HardwareFacts;
  phase: Phase;
  /**
   * Hardened phase: the features on in the configuration in force, which the phase
   * keeps as they are. Left out, they are read from outDir's saved hv-answers.json.
   */
  current?: readonly string[] | undefined;
  outDir: string;
  dryRun: boolean;
  force: boolean;
}

export interface SetupResult {
  plan: Plan;
  changes: FileChange[];
  written: boolean;
  backupDir?: string | undefined;
}

function readTemplates(): Array<{ path: string; content: string }> {
  const dir = join(packageRoot(), 'nix-templates');
  const out: Array<{ path: string; content: string }> = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.nix'))
        out.push({ path: relative(dir, p), content: readFileSync(p, 'utf8') });
    }
  };
  walk(dir);
  return out;
}

export function planSetup(
  answers: Answers,
  hardware: HardwareFacts,
  phase: Phase,
  current?: readonly string[],
): Plan {
  return resolve({
    features,
    profile: answers.profile,
    role: answers.role,
    riskTolerance: answers.riskTolerance,
    choices: answers.features as Record<string, { enable?: boolean } & Record<string, unknown>>,
    acknowledged: answers.acknowledged,
    hardware,
    phase,
    ...(current === undefined ? {} : { current }),
    sshKeys: answers.host.sshKeys.length,
  });
}

export function runSetup(req: SetupRequest): SetupResult {
  const current =
    req.current ?? (req.phase === 'hardened' ? savedFeatures(req.outDir, req.hardware) : undefined);
  const plan = planSetup(req.answers, req.hardware, req.phase, current);
  if (plan.problems.length > 0) {
    throw new HvError(
      'invalid-input',
      problemsText('the answers cannot be applied as they are', plan.problems),
      {
        fix: 'change the answers as each line says, then run hv setup again',
      },
    );
  }
  const host = req.answers.host.hostname;
  const hardwareConfig = existsSync(join(req.outDir, 'hosts', host, 'hardware-configuration.nix'))
    ? 'host'
    : existsSync(join(req.outDir, 'hardware-configuration.nix'))
      ? 'top'
      : 'none';
  const files = generate({
    answers: req.answers,
    plan,
    features,
    version: packageVersion(),
    templates: readTemplates(),
    hardwareConfig,
    existingConfig: existsSync(join(req.outDir, 'configuration.nix')),
  });
  const changes = planWrites(req.outDir, files, { force: req.force });
  const refused = changes.filter((c) => c.status === 'refused');
  if (refused.length > 0) {
    throw new HvError(
      'invalid-input',
      problemsText(
        `nothing was written to ${req.outDir}`,
        refused.map((c) => ({ path: c.file.path, message: c.note ?? 'refused' })),
      ),
      {
        fix: 'see each file above; --force replaces hand-edited files hv wrote (keeping a backup)',
      },
    );
  }
  if (req.dryRun) return { plan, changes, written: false };
  const backupDir = applyWrites(req.outDir, changes);
  return { plan, changes, written: true, backupDir };
}

export function problemsText(
  head: string,
  problems: ReadonlyArray<{ path: string; message: string }>,
): string {
  return [`${head}:`, ...problems.map((p) => `  ${p.path}: ${p.message}`)].join('\n');
}

/**
 * The features on in the configuration saved in outDir (its hv-answers.json, as
 * planned in the setup phase): what the hardened phase keeps. None when there is
 * no saved configuration, so hardening a fresh folder turns nothing on.
 */
export function savedFeatures(outDir: string, hardware: HardwareFacts): string[] {
  const file = join(outDir, 'hv-answers.json');
  if (!existsSync(file)) return [];
  try {
    const parsed = parseAnswers(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.ok ? planSetup(parsed.answers, hardware, 'setup').enabled : [];
  } catch {
    return [];
  }
}
