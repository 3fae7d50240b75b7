import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { NixosRunner, RebuildAction } from '../adapters/nixos.js';
import { journal } from '../state/journal.js';
import {
  type ApplyEvent,
  type ApplyInput,
  applyOperation,
  errorLines,
  localContext,
  rollbackKind,
  runApply,
  sudoApplyCommand,
} from './apply.js';
import { execute } from './execute.js';

// A fake of our own NixosRunner port: scripted exit codes and output per action.
function fakeRunner(script: Partial<Record<RebuildAction | 'revert' | 'rollback', number>> = {}) {
  const calls: string[] = [];
  const step = (name: RebuildAction | 'revert' | 'rollback', onLine: (l: string) => void) => {
    calls.push(name);
    const code = script[name] ?? 0;
    onLine(`building the system configuration (${name})...`);
    if (code !== 0) {
      onLine('some noise');
      onLine(`error: attribute 'hypervisor.nope' missing (${name})`);
      onLine('more noise');
    }
    return Promise.resolve(code);
  };
  const runner: NixosRunner = {
    locate: () => '/run/current-system/sw/bin/nixos-rebuild',
    rebuild: (action, _flake, onLine) => step(action, onLine),
    revert: (onLine) => step('revert', onLine),
    rollback: (onLine) => step('rollback', onLine),
  };
  return { runner, calls };
}

// A clock the test advances: sleep() resolves only when the test says time is up.
function manualClock() {
  let fire: (() => void) | undefined;
  return {
    sleep: (_ms: number, signal: AbortSignal) =>
      new Promise<void>((resolve, reject) => {
        fire = resolve;
        signal.addEventListener('abort', () => reject(new Error('aborted')));
      }),
    timeUp: () => fire?.(),
    now: () => 1_000_000,
  };
}

function input(runner: NixosRunner, over: Partial<ApplyInput> = {}) {
  const events: ApplyEvent[] = [];
  let answer: ((keep: boolean) => void) | undefined;
  const clock = manualClock();
  const i: ApplyInput = {
    flake: '/etc/nixos#hv-01',
    runner,
    confirmSeconds: 60,
    askKeep: () =>
      new Promise<boolean>((r) => {
        answer = r;
      }),
    onEvent: (e) => events.push(e),
    sleep: clock.sleep,
    now: clock.now,
    ...over,
  };
  const stages = () => events.filter((e) => e.type === 'stage').map((e) => e.stage);
  const waitForConfirm = async () => {
    for (let n = 0; n < 100 && !events.some((e) => e.type === 'confirm'); n++) {
      await new Promise((r) => setImmediate(r));
    }
  };
  return { i, events, stages, clock, keep: (k: boolean) => answer?.(k), waitForConfirm };
}

describe('apply: dry-build, test, keep?, switch', () => {
  it('switches after the person keeps the tested configuration', async () => {
    const { runner, calls } = fakeRunner();
    const t = input(runner);
    const done = runApply(t.i);
    await t.waitForConfirm();
    expect(calls).toEqual(['dry-build', 'test']);
    expect(t.events).toContainEqual({ type: 'confirm', deadline: 1_000_000 + 60_000 });
    t.keep(true);
    await expect(done).resolves.toEqual({ kind: 'switched' });
    expect(calls).toEqual(['dry-build', 'test', 'switch']);
    expect(t.stages()).toEqual(['dry-build', 'test', 'confirm', 'switch']);
    expect(t.events).toContainEqual({
      type: 'line',
      text: 'building the system configuration (switch)...',
    });
  });

  it('reverts by itself when nobody answers in time, and never switches', async () => {
    const { runner, calls } = fakeRunner();
    const t = input(runner);
    const done = runApply(t.i);
    await t.waitForConfirm();
    t.clock.timeUp();
    await expect(done).resolves.toEqual({ kind: 'reverted', why: 'timeout' });
    expect(calls).toEqual(['dry-build', 'test', 'revert']);
    expect(t.events).toContainEqual({ type: 'reverting', why: 'timeout' });
  });

  it('reverts at once when the person says no', async () => {
    const { runner, calls } = fakeRunner();
    const t = input(runner);
    const done = runApply(t.i);
    await t.waitForConfirm();
    t.keep(false);
    await expect(done).resolves.toEqual({ kind: 'reverted', why: 'declined' });
    expect(calls).toEqual(['dry-build', 'test', 'revert']);
  });

  it('stops at a failure with the lines that explain it; retry resumes at that stage', async () => {
    const { runner, calls } = fakeRunner({ test: 1 });
    const t = input(runner);
    const out = await runApply(t.i);
    expect(out).toEqual({
      kind: 'failed',
      stage: 'test',
      exitCode: 1,
      errorLines: ["error: attribute 'hypervisor.nope' missing (test)"],
    });
    expect(calls).toEqual(['dry-build', 'test']);
    expect(rollbackKind('test')).toBe('revert');
    expect(rollbackKind('dry-build')).toBe('nothing');
    expect(rollbackKind('switch')).toBe('rollback');

    const ok = fakeRunner();
    const retry = input(ok.runner, { from: 'test' });
    const done = runApply(retry.i);
    await retry.waitForConfirm();
    retry.keep(true);
    await expect(done).resolves.toEqual({ kind: 'switched' });
    expect(ok.calls).toEqual(['test', 'switch']);
  });

  it('picks error lines, else the last lines', () => {
    expect(errorLines(['a', 'error: x', 'b', 'builder failed'])).toEqual([
      'error: x',
      'builder failed',
    ]);
    expect(errorLines(['a', '', 'b'], 1)).toEqual(['b']);
  });
});

describe('apply as an operation', () => {
  let log: string;
  beforeEach(() => {
    log = join(mkdtempSync(join(tmpdir(), 'hv-apply-')), 'audit.jsonl');
    journal.getState().clear();
  });
  const ctx = (isRoot: boolean, phase: 'setup' | 'hardened' = 'setup') =>
    localContext({ phase, user: 'ada', isRoot, env: { HV_AUDIT_LOG: log } });

  it('a normal user gets the exact sudo command, and nothing runs', async () => {
    const { runner, calls } = fakeRunner();
    const flake = '/home/ada/hv host#hv-01';
    const err = await execute(applyOperation, input(runner, { flake }).i, ctx(false), {
      sudoCommand: sudoApplyCommand(flake),
    }).catch((e) => e);
    expect(err.kind).toBe('permission');
    expect(err.message).toContain('needs root; hv never runs sudo by itself');
    expect(err.fix).toBe("run: sudo nixos-rebuild switch --flake '/home/ada/hv host#hv-01'");
    expect(calls).toEqual([]);
    expect(JSON.parse(readFileSync(log, 'utf8'))).toMatchObject({
      operation: 'host.apply-config',
      result: 'refused',
    });
  });

  it('the hardened phase refuses it', async () => {
    const { runner, calls } = fakeRunner();
    const err = await execute(applyOperation, input(runner).i, ctx(true, 'hardened')).catch(
      (e) => e,
    );
    expect(err.fix).toContain('hv phase unlock');
    expect(calls).toEqual([]);
  });

  it('as root it runs, is audited and journals the nixos-rebuild commands', async () => {
    const { runner } = fakeRunner({ 'dry-build': 2 });
    const out = await execute(applyOperation, input(runner).i, ctx(true));
    expect(out).toMatchObject({ kind: 'failed', stage: 'dry-build', exitCode: 2 });
    expect(JSON.parse(readFileSync(log, 'utf8'))).toMatchObject({
      operation: 'host.apply-config',
      target: '/etc/nixos#hv-01',
      result: 'ok',
    });
    const [entry] = journal.getState().entries;
    expect(entry?.commands.map((c) => [c.tool, ...c.args].join(' '))).toEqual([
      'nixos-rebuild dry-build --flake /etc/nixos#hv-01',
      'nixos-rebuild test --flake /etc/nixos#hv-01',
      'nixos-rebuild switch --flake /etc/nixos#hv-01',
    ]);
  });
});
