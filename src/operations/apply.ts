// Applying a written configuration, ESXi-style: `nixos-rebuild dry-build`, then
// `test` (active now, not yet the boot default), then "keep this configuration?"
// which reverts by itself when nobody answers in time (a lost SSH session cannot
// answer), then `switch`. The runner, the clock and the answer are injected, so
// the whole sequence is tested without NixOS; as an OperationSpec it goes through
// execute(): phase and root checks, the audit line and the journal.
import type { Hypervisor } from '../adapters/hypervisor.js';
import type { LineSink, NixosRunner } from '../adapters/nixos.js';
import { rebuildArgs, revertCommand, rollbackArgs } from '../adapters/nixos.js';
import { HvError } from '../base/errors.js';
import { shellQuote } from '../base/shell.js';
import type { EquivalentCommand, OperationContext, OperationSpec } from './types.js';

export const applyStages = ['dry-build', 'test', 'confirm', 'switch'] as const;
export type ApplyStage = (typeof applyStages)[number];
export type RunStage = Exclude<ApplyStage, 'confirm'>;

export type ApplyEvent =
  | { type: 'stage'; stage: ApplyStage }
  | { type: 'line'; text: string }
  | { type: 'confirm'; deadline: number }
  | { type: 'reverting'; why: 'timeout' | 'declined' };

export type ApplyOutcome =
  | { kind: 'switched' }
  | { kind: 'reverted'; why: 'timeout' | 'declined' }
  | {
      kind: 'failed';
      stage: RunStage | 'revert';
      exitCode: number;
      /** The lines that say what went wrong (errors first, else the last lines). */
      errorLines: string[];
    };

export const DEFAULT_CONFIRM_SECONDS = 60;

/** HV_CONFIRM_SECONDS shortens the automatic revert (tests); 60 s otherwise. */
export function confirmSeconds(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.HV_CONFIRM_SECONDS);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_CONFIRM_SECONDS;
}

export interface ApplyInput {
  /** DIR#hostname */
  flake: string;
  /** Start here (a retry after a failure). */
  from?: ApplyStage;
  runner: NixosRunner;
  confirmSeconds: number;
  /** The person's answer to "keep this configuration?": true keeps, false reverts now. */
  askKeep: (deadline: number) => Promise<boolean>;
  onEvent: (e: ApplyEvent) => void;
  /** Resolves after ms, or rejects when aborted. Injected so tests own the clock. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  now?: () => number;
  signal?: AbortSignal;
}

const realSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      reject(new Error('aborted'));
    });
  });

const relevant =
  /\berror\b|\bfailed\b|cannot|could not|not found|denied|assertion|undefined variable|infinite recursion/i;

/** The lines worth showing after a failure: the error lines, else the last ones. */
export function errorLines(lines: readonly string[], max = 8): string[] {
  const errors = lines.filter((l) => relevant.test(l));
  return (errors.length > 0 ? errors : lines.filter((l) => l.trim() !== '')).slice(-max);
}

export async function runApply(i: ApplyInput): Promise<ApplyOutcome> {
  const sleep = i.sleep ?? realSleep;
  const now = i.now ?? Date.now;
  const start = applyStages.indexOf(i.from ?? 'dry-build');
  for (const stage of applyStages.slice(start)) {
    i.onEvent({ type: 'stage', stage });
    if (stage === 'confirm') {
      const deadline = now() + i.confirmSeconds * 1000;
      i.onEvent({ type: 'confirm', deadline });
      const timer = new AbortController();
      const answer = await Promise.race([
        i.askKeep(deadline),
        sleep(i.confirmSeconds * 1000, timer.signal).then(
          () => 'timeout' as const,
          () => new Promise<never>(() => undefined),
        ),
      ]);
      timer.abort();
      if (answer === true) continue;
      const why = answer === 'timeout' ? 'timeout' : 'declined';
      i.onEvent({ type: 'reverting', why });
      const lines: string[] = [];
      const code = await i.runner.revert(collect(lines, i.onEvent), i.signal);
      if (code !== 0)
        return { kind: 'failed', stage: 'revert', exitCode: code, errorLines: errorLines(lines) };
      return { kind: 'reverted', why };
    }
    const lines: string[] = [];
    const code = await i.runner.rebuild(stage, i.flake, collect(lines, i.onEvent), i.signal);
    if (code !== 0) return { kind: 'failed', stage, exitCode: code, errorLines: errorLines(lines) };
  }
  return { kind: 'switched' };
}

function collect(lines: string[], onEvent: (e: ApplyEvent) => void): LineSink {
  return (text) => {
    lines.push(text);
    onEvent({ type: 'line', text });
  };
}

/**
 * Undoing after a failure: nothing after dry-build (it changes nothing), the
 * previous configuration re-activated after test, the previous generation after
 * switch (nixos-rebuild switch --rollback).
 */
export function rollbackKind(stage: RunStage | 'revert'): 'nothing' | 'revert' | 'rollback' {
  if (stage === 'dry-build') return 'nothing';
  return stage === 'switch' ? 'rollback' : 'revert';
}

export function applyCommands(flake: string): EquivalentCommand[] {
  return (['dry-build', 'test', 'switch'] as const).map((a) => ({
    tool: 'nixos-rebuild',
    args: rebuildArgs(a, flake),
  }));
}

/** The exact command a normal user runs instead (hv never calls sudo itself). */
export const sudoApplyCommand = (flake: string) =>
  ['sudo', 'nixos-rebuild', ...rebuildArgs('switch', flake)].map(shellQuote).join(' ');

export const applyOperation: OperationSpec<ApplyInput, ApplyOutcome> = {
  id: 'host.apply-config',
  title: 'apply the NixOS configuration',
  privilege: 'system',
  kind: 'system-config',
  risk: 'high',
  destructive: false,
  audited: true,
  target: (i) => i.flake,
  auditArgs: (i) => ({ from: i.from ?? 'dry-build', confirmSeconds: i.confirmSeconds }),
  commands: (i) =>
    applyCommands(i.flake).slice(i.from === 'switch' ? 2 : i.from === 'test' ? 1 : 0),
  run: (i) => runApply(i),
};

export interface RollbackInput {
  flake: string;
  kind: 'revert' | 'rollback';
  runner: NixosRunner;
  onLine: LineSink;
}

export const rollbackOperation: OperationSpec<RollbackInput, number> = {
  id: 'host.rollback-config',
  title: 'go back to the previous NixOS configuration',
  privilege: 'system',
  kind: 'system-config',
  risk: 'moderate',
  destructive: false,
  audited: true,
  target: (i) => i.flake,
  auditArgs: (i) => ({ kind: i.kind }),
  commands: (i) =>
    i.kind === 'rollback'
      ? [{ tool: 'nixos-rebuild', args: rollbackArgs() }]
      : [{ tool: 'sudo', args: [revertCommand().file, ...revertCommand().args] }],
  run: async (i) => {
    const code = await (i.kind === 'rollback'
      ? i.runner.rollback(i.onLine)
      : i.runner.revert(i.onLine));
    if (code !== 0) throw new HvError('failed', `going back failed (exit ${code})`);
    return code;
  },
};

/** Setup needs no libvirt: any use of this stand-in is a bug, said loudly. */
export const noHypervisor: Hypervisor = new Proxy({ uri: 'localhost' } as Hypervisor, {
  get(target, prop) {
    if (prop in target) return target[prop as keyof Hypervisor];
    if (prop === 'then') return undefined;
    return () => {
      throw new HvError('unsupported', `setup does not use libvirt (asked for ${String(prop)})`);
    };
  },
});

export function localContext(o: {
  phase: OperationContext['phase'];
  user: string;
  isRoot: boolean;
  env: OperationContext['env'];
}): OperationContext {
  return { hypervisor: noHypervisor, uri: 'localhost', ...o };
}
