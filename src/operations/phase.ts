// Hardening and unlocking the host (seed 000's two phases) as operations: root
// only, audited, and the same through the CLI and the console. Hardening writes
// the marker (atomically) and, when hv knows the host's configuration folder,
// regenerates its Nix with the hardened plan (every feature that may not change
// in the hardened phase is kept as it is, saying so) and names the command that
// applies it. Unlocking needs the word typed, removes the marker and regenerates
// the configuration with the setup-phase reasons.

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { probeHardware } from '../adapters/host.js';
import { HvError } from '../base/errors.js';
import { count } from '../base/format.js';
import type { HardwareFacts } from '../catalog/types.js';
import type { ChangeStatus } from '../nix/write.js';
import { currentPhase, type Phase } from '../security/phase.js';
import {
  knownConfigDirs,
  phaseStatus,
  removeHardenedMarker,
  writeHardenedMarker,
} from '../security/phase-ops.js';
import { parseAnswers } from '../wizard/answers.js';
import { type ApplyInput, type ApplyOutcome, runApply } from './apply.js';
import { problemsText, runSetup, savedFeatures } from './setup-write.js';
import type { OperationSpec } from './types.js';

/** What a person types to confirm unlocking. */
export const UNLOCK_WORD = 'unlock';

export interface PhaseInput {
  /** The host configuration folder (holding hv-answers.json); found when left out. */
  configDir?: string | undefined;
  /** Hardware facts instead of probing this machine (tests, another host's folder). */
  hardware?: HardwareFacts | undefined;
  /** Unlock only: the confirmation word as typed. */
  word?: string | undefined;
  /**
   * Apply the regenerated configuration (nixos-rebuild dry-build, test, keep?,
   * switch, with automatic revert). When hardening it runs before the marker is
   * written: once hardened, system configuration is refused.
   */
  apply?: Omit<ApplyInput, 'flake'> | undefined;
}

export interface ConfigUpdate {
  dir: string;
  host: string;
  files: Array<{ path: string; status: ChangeStatus }>;
  backupDir?: string | undefined;
  /** How to put the regenerated configuration into force (run as root). */
  apply: string[];
}

export interface PhaseChange {
  phase: Phase;
  /** False when the host already was in that phase (the configuration is still regenerated). */
  changed: boolean;
  marker: string;
  config?: ConfigUpdate | undefined;
  /** What applying it did, when asked to. */
  applied?: ApplyOutcome | undefined;
  /** Why no configuration was regenerated, when none was. */
  configNote?: string | undefined;
}

function chooseConfigDir(input: PhaseInput, env: Record<string, string | undefined>) {
  if (input.configDir) {
    const dir = resolvePath(input.configDir);
    if (!existsSync(join(dir, 'hv-answers.json'))) {
      throw new HvError('not-found', `${dir} holds no hv-answers.json, so hv did not generate it`, {
        fix: 'give the folder `hv setup` wrote (--config DIR), or leave --config out',
      });
    }
    return dir;
  }
  return knownConfigDirs(env)[0];
}

function loadSaved(dir: string) {
  const file = join(dir, 'hv-answers.json');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new HvError('invalid-input', `${file} is not valid JSON: ${(e as Error).message}`, {
      fix: 'run `hv setup` for this folder again to rewrite it',
    });
  }
  const parsed = parseAnswers(raw);
  if (!parsed.ok) {
    throw new HvError(
      'invalid-input',
      problemsText(`${file} has ${count(parsed.problems.length, 'problem')}`, parsed.problems),
      { fix: 'fix the answers (hv setup validate FILE), then try again' },
    );
  }
  return parsed.answers;
}

/**
 * Regenerates dir for the phase. A dry run comes first, so a refused write (a file
 * edited by hand) stops everything before the marker changes.
 */
async function prepare(dir: string, phase: Phase, input: PhaseInput) {
  const answers = loadSaved(dir);
  const hardware = input.hardware ?? (await probeHardware());
  const current = phase === 'hardened' ? savedFeatures(dir, hardware) : undefined;
  const request = { answers, hardware, phase, current, outDir: dir, force: false };
  runSetup({ ...request, dryRun: true });
  return () => {
    const r = runSetup({ ...request, dryRun: false });
    const host = answers.host.hostname;
    return {
      dir,
      host,
      files: r.changes.map((c) => ({ path: c.file.path, status: c.status })),
      backupDir: r.backupDir,
      apply: ['nixos-rebuild', 'switch', '--flake', `${dir}#${host}`],
    } satisfies ConfigUpdate;
  };
}

async function applyConfig(input: PhaseInput, config: ConfigUpdate | undefined) {
  if (!input.apply || !config) return undefined;
  return runApply({ ...input.apply, flake: `${config.dir}#${config.host}` });
}

const notApplied = (o: ApplyOutcome) =>
  o.kind === 'reverted'
    ? `it was reverted (${o.why === 'timeout' ? 'not confirmed in time' : 'you chose not to keep it'})`
    : o.kind === 'failed'
      ? `nixos-rebuild failed at ${o.stage} (exit ${o.exitCode})`
      : 'it was not applied';

const noConfigNote =
  'no configuration folder of hv was found (none given with --config, none recorded, no /etc/nixos/hv-answers.json), so only the marker changed';

export const hardenOp: OperationSpec<PhaseInput, PhaseChange> = {
  id: 'phase.harden',
  title: 'harden this host',
  privilege: 'system',
  kind: 'phase',
  risk: 'low',
  destructive: false,
  audited: true,
  target: (i) => i.configDir ?? 'host phase',
  auditArgs: (i) => (i.configDir ? { configDir: i.configDir } : {}),
  commands: (i) => [
    { tool: 'hv', args: ['phase', 'harden', ...(i.configDir ? ['--config', i.configDir] : [])] },
  ],
  run: async (input, ctx) => {
    const was = currentPhase(ctx.env as NodeJS.ProcessEnv);
    const dir = chooseConfigDir(input, ctx.env);
    const write = dir ? await prepare(dir, 'hardened', input) : undefined;
    const config = write?.();
    const applied = await applyConfig(input, config);
    if (applied && applied.kind !== 'switched') {
      throw new HvError(
        'failed',
        `the hardened configuration was written to ${config?.dir} but ${notApplied(applied)}, so the host stays in the setup phase`,
        {
          fix: 'fix what nixos-rebuild reported, then run `sudo hv phase harden` again',
          detail: applied.kind === 'failed' ? applied.errorLines.join('\n') : undefined,
        },
      );
    }
    const marker = writeHardenedMarker(
      {
        since: was === 'hardened' ? phaseStatus(ctx.env).since : undefined,
        by: ctx.user,
        configDir: dir,
      },
      ctx.env,
    );
    return {
      phase: 'hardened',
      changed: was !== 'hardened',
      marker,
      config,
      applied,
      ...(dir ? {} : { configNote: noConfigNote }),
    };
  },
};

export const unlockOp: OperationSpec<PhaseInput, PhaseChange> = {
  id: 'phase.unlock',
  title: 'unlock this host (back to the setup phase)',
  privilege: 'system',
  kind: 'phase',
  risk: 'moderate',
  destructive: false,
  audited: true,
  target: (i) => i.configDir ?? 'host phase',
  // The word itself is not worth keeping; whether it matched is in the result.
  auditArgs: (i) => (i.configDir ? { configDir: i.configDir } : {}),
  commands: (i) => [
    {
      tool: 'hv',
      args: [
        'phase',
        'unlock',
        '--confirm',
        UNLOCK_WORD,
        ...(i.configDir ? ['--config', i.configDir] : []),
      ],
    },
  ],
  run: async (input, ctx) => {
    if (input.word?.trim() !== UNLOCK_WORD) {
      throw new HvError(
        'usage',
        input.word === undefined
          ? 'unlocking needs the word typed to confirm'
          : `the confirmation did not match: type "${UNLOCK_WORD}" to unlock`,
        { fix: `run it in a terminal and type ${UNLOCK_WORD}, or pass --confirm ${UNLOCK_WORD}` },
      );
    }
    const status = phaseStatus(ctx.env);
    const dir = chooseConfigDir(input, ctx.env);
    const write = dir ? await prepare(dir, 'setup', input) : undefined;
    const changed = removeHardenedMarker(ctx.env);
    const config = write?.();
    // Unlocked already: a failed apply leaves the host unlocked, which the result says.
    const applied = await applyConfig(input, config);
    return {
      phase: 'setup',
      changed,
      marker: status.marker,
      config,
      applied,
      ...(dir ? {} : { configNote: noConfigNote }),
    };
  },
};
