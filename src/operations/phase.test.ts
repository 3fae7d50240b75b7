import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { partialHypervisor } from '../adapters/hypervisor-fake.js';
import type { NixosRunner } from '../adapters/nixos.js';
import { HvError } from '../base/errors.js';
import type { HardwareFacts } from '../catalog/types.js';
import { currentPhase } from '../security/phase.js';
import { phaseStatus } from '../security/phase-ops.js';
import { parseAnswers } from '../wizard/answers.js';
import { execute } from './execute.js';
import { hardenOp, unlockOp } from './phase.js';
import { runSetup } from './setup-write.js';
import type { OperationContext, OperationSpec } from './types.js';

const golden = join(import.meta.dirname, '..', '..', 'tests', 'golden', 'balanced-server');
const hardware = JSON.parse(readFileSync(join(golden, 'hardware.json'), 'utf8')) as HardwareFacts;
const parsed = parseAnswers(JSON.parse(readFileSync(join(golden, 'answers.json'), 'utf8')));
if (!parsed.ok) throw new Error('golden answers must be valid');
const answers = parsed.answers;

let env: Record<string, string>;
let cfg: string;
const ctx = (over: Partial<OperationContext> = {}): OperationContext => ({
  hypervisor: partialHypervisor('host:test', {}),
  uri: 'host:test',
  phase: currentPhase(env),
  user: 'root',
  isRoot: true,
  env,
  ...over,
});
const features = () => readFileSync(join(cfg, 'hypervisor-features.nix'), 'utf8');
/** The Nix values without the comments (which carry each feature's reason). */
const values = (nix: string) =>
  nix
    .split('\n')
    .filter((l) => !l.trim().startsWith('#'))
    .join('\n');
const audit = () =>
  readFileSync(env.HV_AUDIT_LOG!, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

beforeEach(() => {
  const dir = mkdtempSync(join(tmpdir(), 'hv-phase-op-'));
  env = {
    HV_ROOT_DIR: join(dir, 'etc'),
    HV_AUDIT_LOG: join(dir, 'audit.jsonl'),
    XDG_STATE_HOME: join(dir, 'state'),
    HOME: dir,
  };
  cfg = join(dir, 'cfg');
  runSetup({ answers, hardware, phase: 'setup', outDir: cfg, dryRun: false, force: false });
});

describe('harden and unlock', () => {
  it('hardens: marker, Nix regenerated with every locked feature kept, apply command, audit', async () => {
    const before = features();
    const r = await execute(hardenOp, { configDir: cfg, hardware }, ctx());
    expect(currentPhase(env)).toBe('hardened');
    expect(phaseStatus(env)).toMatchObject({ by: 'root', configDir: cfg });
    expect(r.changed).toBe(true);
    const after = features();
    expect(after).not.toBe(before);
    expect(after).toContain('kept as it is: the hardened phase locks it');
    // Same features on: hardening freezes the configuration, it does not change it.
    expect(values(before)).toContain('enable = true;');
    expect(values(after)).toBe(values(before));
    expect(r.config?.apply).toEqual(['nixos-rebuild', 'switch', '--flake', `${cfg}#rack-07`]);
    expect(r.config?.files.find((f) => f.path === 'hypervisor-features.nix')?.status).toBe(
      'update',
    );
    expect(audit()).toMatchObject([{ operation: 'phase.harden', result: 'ok', user: 'root' }]);
  });

  it('refuses create/delete/modify/system-config once hardened, naming the unlock command', async () => {
    await execute(hardenOp, { configDir: cfg, hardware }, ctx());
    for (const kind of ['create', 'delete', 'modify', 'system-config'] as const) {
      const spec: OperationSpec<object, void> = {
        id: `test.${kind}`,
        title: `do a ${kind}`,
        privilege: 'vm',
        kind,
        risk: 'low',
        destructive: false,
        audited: true,
        target: () => 'web-01',
        commands: () => [],
        run: async () => {
          throw new Error('must not run');
        },
      };
      // A console that started before hardening still has phase "setup" in its context.
      const err = await execute(spec, {}, ctx({ phase: 'setup' })).catch((e) => e);
      expect(err, kind).toBeInstanceOf(HvError);
      expect(err.kind).toBe('permission');
      expect(err.fix).toContain('sudo hv phase unlock');
    }
  });

  it('unlocks only with the word, and returns the configuration to the same bytes', async () => {
    const before = features();
    await execute(hardenOp, { configDir: cfg, hardware }, ctx());
    const wrong = await execute(unlockOp, { word: 'please', hardware }, ctx()).catch((e) => e);
    expect(wrong.kind).toBe('usage');
    expect(wrong.message).toContain('type "unlock"');
    expect(currentPhase(env)).toBe('hardened');
    const missing = await execute(unlockOp, { hardware }, ctx()).catch((e) => e);
    expect(missing.message).toContain('needs the word typed');
    // The folder recorded in the marker is found without --config.
    const r = await execute(unlockOp, { word: 'unlock', hardware }, ctx());
    expect(r).toMatchObject({ phase: 'setup', changed: true });
    expect(r.config?.dir).toBe(cfg);
    expect(currentPhase(env)).toBe('setup');
    expect(features()).toBe(before);
    expect(audit().map((e) => `${e.operation}:${e.result}`)).toEqual([
      'phase.harden:ok',
      'phase.unlock:failed',
      'phase.unlock:failed',
      'phase.unlock:ok',
    ]);
  });

  it('needs root for both, printing the sudo command, and changes nothing', async () => {
    const err = await execute(hardenOp, { configDir: cfg }, ctx({ isRoot: false, user: 'ada' }), {
      sudoCommand: 'sudo hv phase harden',
    }).catch((e) => e);
    expect(err.kind).toBe('permission');
    expect(err.fix).toBe('run: sudo hv phase harden');
    expect(currentPhase(env)).toBe('setup');
    expect(audit()[0]).toMatchObject({ result: 'refused', user: 'ada' });
  });

  it('stops before the marker when a generated file was edited by hand', async () => {
    const file = join(cfg, 'hypervisor-features.nix');
    writeFileSync(file, `${features()}# mine\n`);
    const err = await execute(hardenOp, { configDir: cfg, hardware }, ctx()).catch((e) => e);
    expect(err.message).toContain('was edited by hand');
    expect(currentPhase(env)).toBe('setup');
    expect(features()).toContain('# mine');
  });

  it('applies the hardened configuration before writing the marker, and stays in setup when it fails', async () => {
    const runs: string[] = [];
    const runner = (failAt?: string): NixosRunner => ({
      locate: () => '/run/current-system/sw/bin/nixos-rebuild',
      rebuild: async (action, flake, onLine) => {
        runs.push(`${action} ${flake}`);
        onLine(`building ${flake}`);
        return action === failAt ? 1 : 0;
      },
      revert: async () => 0,
      rollback: async () => 0,
    });
    const hooks = (r: NixosRunner) => ({
      runner: r,
      confirmSeconds: 60,
      askKeep: async () => true,
      onEvent: () => {},
    });
    const failed = await execute(
      hardenOp,
      { configDir: cfg, hardware, apply: hooks(runner('test')) },
      ctx(),
    ).catch((e) => e);
    expect(failed.message).toContain('stays in the setup phase');
    expect(failed.message).toContain('failed at test');
    expect(currentPhase(env)).toBe('setup');
    runs.length = 0;
    const r = await execute(hardenOp, { configDir: cfg, hardware, apply: hooks(runner()) }, ctx());
    expect(runs).toEqual([
      `dry-build ${cfg}#rack-07`,
      `test ${cfg}#rack-07`,
      `switch ${cfg}#rack-07`,
    ]);
    expect(r.applied).toEqual({ kind: 'switched' });
    expect(currentPhase(env)).toBe('hardened');
  });

  it('hardens without a configuration folder, saying only the marker changed', async () => {
    const r = await execute(hardenOp, {}, ctx());
    expect(r.config).toBeUndefined();
    expect(r.configNote).toContain('only the marker changed');
    expect(currentPhase(env)).toBe('hardened');
    const again = await execute(hardenOp, {}, ctx());
    expect(again.changed).toBe(false);
  });
});
