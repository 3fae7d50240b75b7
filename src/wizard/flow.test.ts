import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExperienceLevel } from '../base/settings-peek.js';
import { features } from '../catalog/features.js';
import type { HardwareFacts } from '../catalog/types.js';
import { planSetup } from '../operations/setup-write.js';
import { parseAnswers } from './answers.js';
import {
  acknowledge,
  choicesFor,
  choose,
  currentChoice,
  declineRisky,
  type FlowContext,
  featureRows,
  hostFieldProblem,
  initialAnswers,
  initialState,
  nextStep,
  paramRows,
  pendingAcknowledgements,
  planFor,
  previousStep,
  reviewProblems,
  setHost,
  setParamFromText,
  skipFeatures,
  stepForPath,
  toggleFeature,
  visibleSteps,
  type WizardState,
} from './flow.js';
import { checkHostname } from './validate-host.js';

const hw = (over: Partial<HardwareFacts> = {}): HardwareFacts => ({
  cpuVirtualization: true,
  iommu: false,
  ramGiB: 16,
  cores: 4,
  nics: 1,
  gpus: 0,
  virtualization: 'none',
  rootFilesystem: 'ext4',
  ...over,
});
const ctxOf = (over: Partial<HardwareFacts> = {}): FlowContext => ({
  hardware: hw(over),
  phase: 'setup',
});
const KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGh+msVKNu1KuDGZ/oXLSqIQMlkIMUENtXxMShSqw/vO ada@laptop';

function fresh(level: ExperienceLevel, ctx = ctxOf()): WizardState {
  return initialState(
    initialAnswers(
      { experience: level, hostname: 'hv-01', adminUser: 'ada', timeZone: 'UTC' },
      ctx.hardware,
    ),
  );
}

const cats = (steps: string[]) => steps.filter((s) => s.startsWith('features'));

describe('step lists by experience level', () => {
  it('beginner: few steps, one features screen, no role or category screens', () => {
    const steps = visibleSteps(fresh('beginner'), ctxOf());
    expect(steps).toEqual([
      'welcome',
      'experience',
      'risk',
      'host',
      'hardware',
      'profile',
      'features',
      'review',
      'write',
      'apply',
    ]);
  });

  it('intermediate: role and one screen per category with something to decide', () => {
    const steps = visibleSteps(fresh('intermediate'), ctxOf());
    expect(steps).toContain('hardware');
    expect(steps).toContain('role');
    expect(steps).not.toContain('features');
    expect(cats(steps)).toEqual([
      'features:core',
      'features:security',
      'features:networking',
      'features:storage',
      'features:backup',
      'features:monitoring',
      'features:integration',
      'features:developer',
      'features:user-experience',
      'features:platform',
      'features:experimental',
    ]);
  });

  it('expert: compact, the hardware facts move onto the profile step', () => {
    const expert = visibleSteps(fresh('expert'), ctxOf());
    expect(expert).not.toContain('hardware');
    expect(expert).toContain('role');
    expect(cats(expert)).toHaveLength(11);
    // The three lists are all different.
    const lists = (['beginner', 'intermediate', 'expert'] as const).map((l) =>
      visibleSteps(fresh(l), ctxOf()).join(' '),
    );
    expect(new Set(lists).size).toBe(3);
  });

  it('offers a VMware guest the vmware-guest role, even to beginners, highlighted', () => {
    const ctx = ctxOf({ virtualization: 'vmware' });
    const s = fresh('beginner', ctx);
    expect(visibleSteps(s, ctx)).toContain('role');
    expect(currentChoice('role', s)).toBe('vmware-guest');
    expect(choicesFor('role', s, ctx).find((c) => c.value === 'vmware-guest')?.tag).toBe(
      'detected',
    );
    // Elsewhere the role is not offered.
    expect(choicesFor('role', fresh('expert'), ctxOf()).map((c) => c.value)).not.toContain(
      'vmware-guest',
    );
  });
});

describe('what each level sees on the features screens', () => {
  const ids = (s: WizardState, step: Parameters<typeof featureRows>[2]) =>
    featureRows(s, ctxOf(), step).map((r) => r.feature);

  it('beginner: beginner features and whatever is on; high and critical only when asked for', () => {
    const s = fresh('beginner');
    const shown = ids(s, 'features');
    const on = new Set(planFor(s.answers, ctxOf()).enabled);
    expect(shown.some((f) => f.risk === 'high' || f.risk === 'critical')).toBe(false);
    for (const f of shown) expect(f.minLevel === 'beginner' || on.has(f.id)).toBe(true);
    const asked = ids({ ...s, showAll: true }, 'features');
    expect(asked).toHaveLength(features.length);
    expect(asked.some((f) => f.id === 'publicBridge')).toBe(true);
  });

  it('intermediate: no expert-only features unless asked; expert: all of them', () => {
    const inter = fresh('intermediate');
    const net = ids(inter, 'features:networking').map((f) => f.id);
    expect(net).toContain('bridgeNetworking');
    expect(net).not.toContain('publicBridge');
    expect(net).not.toContain('sriov');
    expect(ids(fresh('expert'), 'features:networking').map((f) => f.id)).toEqual(
      features.filter((f) => f.category === 'networking').map((f) => f.id),
    );
  });

  it('parameters: beginners the ones only they know, intermediate also numbers, experts all', () => {
    const names = (l: ExperienceLevel) => paramRows(fresh(l), 'remoteBackup').map((p) => p.name);
    expect(names('beginner')).toEqual(['target', 'passphraseFile', 'sshKeyFile']);
    expect(names('intermediate')).toEqual([
      'target',
      'passphraseFile',
      'sshKeyFile',
      'retentionDays',
    ]);
    expect(names('expert')).toEqual([
      'target',
      'passphraseFile',
      'sshKeyFile',
      'retentionDays',
      'schedule',
    ]);
  });
});

describe('navigation', () => {
  it('next and back follow the visible steps; back at the start stays', () => {
    const ctx = ctxOf();
    let s = fresh('beginner');
    expect(previousStep(s, ctx).step).toBe('welcome');
    s = nextStep(s, ctx);
    expect(s.step).toBe('experience');
    s = choose(s, 'experience', 'expert');
    s = nextStep(nextStep(nextStep(s, ctx), ctx), ctx);
    expect(s.step).toBe('profile'); // experts skip the hardware screen
    expect(previousStep(s, ctx).step).toBe('host');
  });

  it('skip leaves the remaining categories as they are', () => {
    const ctx = ctxOf();
    const s = { ...fresh('expert'), step: 'features:storage' as const };
    expect(skipFeatures(s, ctx).step).toBe('review');
  });

  it('pressing only Enter reaches a writable configuration at every level', () => {
    for (const level of ['beginner', 'intermediate', 'expert'] as const) {
      const ctx = ctxOf();
      let s = fresh(level);
      for (let i = 0; i < 30 && s.step !== 'write'; i++) s = nextStep(s, ctx);
      expect(s.step).toBe('write');
      expect(reviewProblems(s, ctx)).toEqual([]);
      expect(parseAnswers(JSON.parse(JSON.stringify(s.answers))).ok).toBe(true);
    }
  });
});

describe('host basics', () => {
  it('checks with the answers schema: same reasons as answer files', () => {
    expect(hostFieldProblem('hostname', 'my_host')).toBe(checkHostname('my_host'));
    expect(hostFieldProblem('hostname', 'hv-01')).toBeUndefined();
    expect(hostFieldProblem('adminUser', 'root')).toContain('system account');
    expect(hostFieldProblem('timeZone', 'Mars/Olympus Mons')).toContain('time zone');
    expect(hostFieldProblem('sshKey', '-----BEGIN OPENSSH PRIVATE KEY-----')).toContain(
      'private key',
    );
    expect(hostFieldProblem('sshKey', KEY.slice(0, 40))).toContain('truncated');
    expect(hostFieldProblem('sshKey', KEY)).toBeUndefined();
  });

  it('without a key, key-only SSH is turned off visibly; a key later turns it back on', () => {
    const ctx = ctxOf();
    let s: WizardState = { ...fresh('intermediate'), step: 'host' };
    s = nextStep(s, ctx);
    expect(planFor(s.answers, ctx).enabled).not.toContain('sshHardening');
    const row = featureRows(s, ctx, 'features:security').find(
      (r) => r.feature.id === 'sshHardening',
    )!;
    expect(row.why).toContain('no SSH key was given');
    s = setHost({ ...s, step: 'host' }, { sshKeys: [KEY] });
    s = nextStep(s, ctx);
    expect(planFor(s.answers, ctx).enabled).toContain('sshHardening');
    expect(s.answers.features).toEqual({});
  });
});

describe('feature choices', () => {
  const ctx = ctxOf({ nics: 2 });

  it('records only real decisions: a default turned off, and back', () => {
    let s = fresh('intermediate', ctx);
    s = toggleFeature(s, ctx, 'autoUpgrade').state;
    expect(s.answers.features).toEqual({ autoUpgrade: { enable: false } });
    s = toggleFeature(s, ctx, 'autoUpgrade').state;
    expect(s.answers.features).toEqual({});
  });

  it('adds dependencies visibly and will not drop them while needed', () => {
    let s = fresh('intermediate', ctx);
    s = choose(s, 'profile', 'minimal');
    s = choose(s, 'risk', 'balanced');
    s = toggleFeature(s, ctx, 'remoteBackup').state;
    const local = featureRows(s, ctx, 'features:backup').find(
      (r) => r.feature.id === 'localBackup',
    )!;
    expect(local.on).toBe(true);
    expect(local.why).toBe('added because Copies on another machine (borg over SSH) needs it');
    expect(local.locked).toContain('turn Copies on another machine (borg over SSH) off first');
    const r = toggleFeature(s, ctx, 'localBackup');
    expect(r.state).toBe(s);
    expect(r.message).toContain('needs it');
  });

  it('shows hardware-blocked and conflicting features disabled, with the reason', () => {
    let s = fresh('expert', ctx);
    const gpu = featureRows(s, ctx, 'features:experimental').find(
      (r) => r.feature.id === 'gpuPassthrough',
    )!;
    expect(gpu.locked).toContain('an IOMMU');
    s = toggleFeature(s, ctx, 'podman').state;
    const lock = featureRows(s, ctx, 'features:security').find(
      (r) => r.feature.id === 'lockKernelModules',
    )!;
    expect(lock.locked).toBe('conflicts with Containers (Podman), which is on');
    expect(toggleFeature(s, ctx, 'lockKernelModules').state).toBe(s);
  });

  it('parameters are checked by the answers schema, with the reason', () => {
    const s = fresh('expert', ctx);
    expect(setParamFromText(s, 'sshHardening', 'port', 'abc')).toEqual({
      problem: 'expected a whole number',
    });
    expect(setParamFromText(s, 'sshHardening', 'port', '70000')).toEqual({
      problem: 'a port is 1-65535',
    });
    const bad = setParamFromText(s, 'remoteBackup', 'target', 'nas:/backups');
    expect('problem' in bad && bad.problem).toContain('ssh://');
    const ok = setParamFromText(s, 'sshHardening', 'port', '2222');
    expect('state' in ok && ok.state.answers.features).toEqual({ sshHardening: { port: 2222 } });
    const list = setParamFromText(s, 'sshHardening', 'allowUsers', 'ada, ops');
    expect('state' in list && paramRows(list.state, 'sshHardening')[1]?.display).toBe('ada, ops');
  });
});

describe('acknowledging risky features', () => {
  const ctx = ctxOf({ nics: 2 });

  it('a critical feature waits for its typed name, then the plan is clean', () => {
    const keyed = setHost(fresh('expert', ctx), { sshKeys: [KEY] });
    const chosen = toggleFeature(keyed, ctx, 'publicBridge').state;
    const withIf = setParamFromText(chosen, 'publicBridge', 'interface', 'enp5s0');
    if (!('state' in withIf)) throw new Error(withIf.problem);
    const s = withIf.state;
    expect(pendingAcknowledgements(s, ctx).map((f) => f.id)).toEqual(['publicBridge']);
    expect(visibleSteps(s, ctx)).toContain('acknowledge');
    expect(reviewProblems(s, ctx)[0]?.path).toBe('features.publicBridge.enable');
    expect(acknowledge(s, 'publicBridge', 'public bridge')).toHaveProperty('problem');
    const ok = acknowledge(s, 'publicBridge', 'publicbridge');
    if (!('state' in ok)) throw new Error(ok.problem);
    expect(ok.state.answers.acknowledged).toEqual(['publicBridge']);
    expect(pendingAcknowledgements(ok.state, ctx)).toEqual([]);
    expect(reviewProblems(ok.state, ctx)).toEqual([]);
    expect(planFor(ok.state.answers, ctx).enabled).toContain('publicBridge');
  });

  it('declining a risky dependency leaves off what needs it', () => {
    let s = choose(setHost(fresh('expert', ctx), { sshKeys: [KEY] }), 'risk', 'balanced');
    s = toggleFeature(s, ctx, 'kubernetes').state;
    expect(pendingAcknowledgements(s, ctx).map((f) => f.id)).toEqual(['api']);
    const d = declineRisky(s, 'api');
    expect(d.alsoOff).toEqual(['kubernetes']);
    expect(pendingAcknowledgements(d.state, ctx)).toEqual([]);
    expect(reviewProblems(d.state, ctx)).toEqual([]);
  });

  it('sends each problem to the step that fixes it', () => {
    const s = fresh('intermediate');
    expect(stepForPath('host.sshKeys', s)).toBe('host');
    expect(stepForPath('features.remoteBackup.target', s)).toBe('features:backup');
    expect(stepForPath('features.remoteBackup.target', fresh('beginner'))).toBe('features');
  });
});

describe('one plan for wizard and answer files', () => {
  it.each(['beginner-minimal', 'balanced-server', 'expert-full'])(
    '%s: planFor equals the pipeline planSetup',
    (name) => {
      const dir = join(import.meta.dirname, '../../tests/golden', name);
      const parsed = parseAnswers(JSON.parse(readFileSync(join(dir, 'answers.json'), 'utf8')));
      if (!parsed.ok) throw new Error('golden answers invalid');
      const hardware = JSON.parse(readFileSync(join(dir, 'hardware.json'), 'utf8'));
      expect(planFor(parsed.answers, { hardware, phase: 'setup' })).toEqual(
        planSetup(parsed.answers, hardware, 'setup'),
      );
    },
  );
});
