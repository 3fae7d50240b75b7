import { describe, expect, it } from 'vitest';
import { type ResolveInput, resolve } from './resolve.js';
import type { Feature, HardwareFacts } from './types.js';

// A small synthetic catalog: the rules are tested here; the real catalog's
// integrity (ids, cycles, options) is tested in features.test.ts.
const base = {
  description: 'd',
  impacts: ['i'],
  mitigations: ['m'],
  requires: [],
  depends: [],
  conflicts: [],
  minLevel: 'beginner',
  hardenedMutable: true,
  params: {},
  profiles: [],
} as const;
const f = (id: string, over: Partial<Feature> = {}): Feature => ({
  ...base,
  id,
  title: `T-${id}`,
  category: 'core',
  risk: 'minimal',
  option: `hypervisor.test.${id}`,
  ...over,
});

const catalog: Feature[] = [
  f('core', { required: true }),
  f('audit', { profiles: ['minimal', 'balanced'] }),
  f('metrics', { risk: 'low', profiles: ['balanced'] }),
  f('dashboard', { risk: 'moderate', depends: ['metrics'] }),
  f('api', { risk: 'high', depends: ['audit'] }),
  f('bridge', { risk: 'critical' }),
  f('gpu', { risk: 'high', requires: [{ kind: 'iommu' }] }),
  f('fw', { profiles: ['balanced'], hardenedMutable: false }),
  f('nft', { conflicts: ['legacy'] }),
  f('legacy', { profiles: ['balanced'] }),
  f('sshHardening', {
    profiles: ['balanced'],
    params: { port: { type: 'port', default: 22, title: 'p', help: 'h' } },
  }),
  f('vmtools', { roles: { 'vmware-guest': 'on', server: 'off' }, profiles: ['balanced'] }),
];

const hw: HardwareFacts = {
  cpuVirtualization: true,
  iommu: false,
  ramGiB: 16,
  cores: 8,
  nics: 2,
  gpus: 0,
  virtualization: 'none',
  rootFilesystem: 'ext4',
};

const input = (over: Partial<ResolveInput> = {}): ResolveInput => ({
  features: catalog,
  profile: 'balanced',
  role: 'server',
  riskTolerance: 'balanced',
  choices: {},
  acknowledged: [],
  hardware: hw,
  phase: 'setup',
  sshKeys: 1,
  ...over,
});

const item = (plan: ReturnType<typeof resolve>, id: string) => plan.items.find((i) => i.id === id)!;

describe('resolve', () => {
  it('turns on required features and profile defaults, each with its reason', () => {
    const p = resolve(input());
    expect(item(p, 'core')).toMatchObject({ enabled: true, reason: { kind: 'required' } });
    expect(item(p, 'metrics')).toMatchObject({
      enabled: true,
      reason: { kind: 'profile-default', profile: 'balanced' },
    });
    expect(item(p, 'dashboard')).toMatchObject({
      enabled: false,
      reason: { kind: 'not-selected' },
    });
    expect(p.problems).toEqual([]);
  });

  it('brings dependencies in and says which feature needs them', () => {
    const p = resolve(input({ profile: 'custom', choices: { dashboard: { enable: true } } }));
    expect(item(p, 'dashboard').reason).toEqual({ kind: 'chosen' });
    expect(item(p, 'metrics')).toMatchObject({
      enabled: true,
      reason: { kind: 'dependency', of: ['dashboard'] },
    });
  });

  it('holds back features above the risk tolerance until acknowledged', () => {
    const chosen = { api: { enable: true } };
    const held = resolve(input({ choices: chosen }));
    expect(item(held, 'api')).toMatchObject({ enabled: false, reason: { kind: 'blocked-risk' } });
    expect(held.problems).toEqual([
      {
        path: 'features.api.enable',
        message: expect.stringContaining('add "api" to acknowledged'),
      },
    ]);
    const ok = resolve(input({ choices: chosen, acknowledged: ['api'] }));
    expect(item(ok, 'api').enabled).toBe(true);
    expect(ok.problems).toEqual([]);
  });

  it('blocks on missing hardware and explains what is missing', () => {
    const p = resolve(input({ riskTolerance: 'accepting', choices: { gpu: { enable: true } } }));
    expect(item(p, 'gpu')).toMatchObject({ enabled: false, reason: { kind: 'blocked-hardware' } });
    expect(p.problems[0]!.message).toContain('an IOMMU');
    const withIommu = resolve(
      input({
        riskTolerance: 'accepting',
        choices: { gpu: { enable: true } },
        hardware: { ...hw, iommu: true },
      }),
    );
    expect(item(withIommu, 'gpu').enabled).toBe(true);
  });

  it('blocks a feature whose dependency the person turned off', () => {
    const p = resolve(
      input({
        profile: 'custom',
        choices: { dashboard: { enable: true }, metrics: { enable: false } },
      }),
    );
    expect(item(p, 'metrics').reason).toEqual({ kind: 'declined' });
    expect(item(p, 'dashboard')).toMatchObject({
      enabled: false,
      reason: { kind: 'blocked-dependency', needs: 'metrics' },
    });
    expect(p.problems.map((x) => x.path)).toEqual(['features.dashboard.enable']);
  });

  it('lets a chosen feature win a conflict against a profile default', () => {
    const p = resolve(input({ choices: { nft: { enable: true } } }));
    expect(item(p, 'nft').enabled).toBe(true);
    expect(item(p, 'legacy')).toMatchObject({
      enabled: false,
      reason: { kind: 'blocked-conflict', with: 'nft' },
    });
    expect(p.problems).toEqual([]);
  });

  it('applies role defaults over the profile', () => {
    expect(item(resolve(input({ role: 'server' })), 'vmtools')).toMatchObject({
      enabled: false,
      reason: { kind: 'role-excluded', role: 'server' },
    });
    expect(
      item(resolve(input({ role: 'vmware-guest', profile: 'minimal' })), 'vmtools').reason,
    ).toEqual({
      kind: 'role-default',
      role: 'vmware-guest',
    });
  });

  it('locks features in the hardened phase, keeping what is in force', () => {
    const p = resolve(
      input({ phase: 'hardened', current: ['fw'], choices: { fw: { enable: false } } }),
    );
    expect(item(p, 'fw')).toMatchObject({ enabled: true, reason: { kind: 'kept-hardened' } });
    expect(p.problems[0]).toMatchObject({
      path: 'features.fw.enable',
      message: expect.stringContaining('hardened'),
    });
  });

  it('refuses key-only SSH without a key', () => {
    const p = resolve(input({ sshKeys: 0 }));
    expect(p.problems).toEqual([
      { path: 'host.sshKeys', message: expect.stringContaining('public key') },
    ]);
    expect(
      resolve(input({ sshKeys: 0, choices: { sshHardening: { enable: false } } })).problems,
    ).toEqual([]);
  });

  it('fills parameters from defaults and keeps given ones', () => {
    expect(item(resolve(input()), 'sshHardening').params).toEqual({ port: 22 });
    expect(
      item(resolve(input({ choices: { sshHardening: { port: 2222 } } })), 'sshHardening').params,
    ).toEqual({ port: 2222 });
  });

  it('is deterministic', () => {
    const i = input({
      riskTolerance: 'accepting',
      choices: { api: { enable: true }, nft: { enable: true } },
    });
    expect(JSON.stringify(resolve(i))).toBe(JSON.stringify(resolve(i)));
  });
});
