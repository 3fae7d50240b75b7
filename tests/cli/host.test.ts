// `hv host` through the built binary on this (non-NixOS, systemd-less) machine and
// on a NixOS-like system profile (HV_NIXOS_PROFILE pointing at real symlinks).
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hv, privateEnv } from '../helpers.js';
import { createTestUser } from '../other-user.js';

function profile(gens: number[], current: number) {
  const dir = mkdtempSync(join(tmpdir(), 'hv-prof-'));
  for (const n of gens) {
    const store = join(dir, `store-${n}`);
    mkdirSync(store);
    writeFileSync(join(store, 'nixos-version'), `25.05.${n}`);
    symlinkSync(store, join(dir, `system-${n}-link`));
  }
  symlinkSync(`system-${current}-link`, join(dir, 'system'));
  return join(dir, 'system');
}

describe('hv host', () => {
  it('shows this machine: name, addresses, uptime, memory, libvirtd, NixOS, phase', async () => {
    const env = privateEnv();
    const r = await hv(['host'], env);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Host:     ${hostname()}`);
    expect(r.stdout).toMatch(/Memory: +[\d.]+ [GM]iB free of/);
    expect(r.stdout).toMatch(/libvirtd: /);
    expect(r.stdout).toContain('Phase:    setup');
    const j = JSON.parse((await hv(['host', 'info', '--json'], env)).stdout);
    expect(j.hostname).toBe(hostname());
    expect(j.uptimeSeconds).toBeGreaterThan(0);
    expect(j.memory.totalKiB).toBeGreaterThan(j.memory.availableKiB);
    expect(j.load).toHaveLength(3);
    expect(j.phase).toBe('setup');
  });

  it('says "not NixOS" here, and lists generations where there is a system profile', async () => {
    const env = privateEnv();
    const here = await hv(['host', 'generations'], env);
    if (!(await hv(['host', '--json'], env)).stdout.includes('"isNixos": true')) {
      expect(here.exitCode).toBe(1);
      expect(here.stderr).toContain('not NixOS');
    }
    const nix = { ...env, HV_NIXOS_PROFILE: profile([12, 13, 14], 13) };
    const info = await hv(['host'], nix);
    expect(info.stdout).toContain('NixOS:    generation 13 of 3, NixOS 25.05.13');
    const gens = JSON.parse((await hv(['host', 'generations', '--json'], nix)).stdout).generations;
    expect(gens.map((g: { number: number; current: boolean }) => [g.number, g.current])).toEqual([
      [14, false],
      [13, true],
      [12, false],
    ]);
  });

  it('rejects bad arguments with exit 2', async () => {
    const env = privateEnv();
    for (const args of [
      ['host', 'reboot'],
      ['host', 'logs', '--unit', 'sshd'],
      ['host', 'logs', '--lines', '0'],
      ['host', 'logs', '--lines', 'many'],
      ['host', 'rollback', '7'],
    ]) {
      const r = await hv(args, env);
      expect(r.exitCode, args.join(' ')).toBe(2);
    }
  });

  it('runs system actions only through their guards', async () => {
    const env = { ...privateEnv(), HV_NIXOS_PROFILE: profile([1, 2], 2) };
    // Without a terminal and without --yes, rollback stops before running anything.
    if (process.getuid?.() === 0) {
      const r = await hv(['host', 'rollback'], env);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain('--yes');
    }
    const logs = await hv(['host', 'logs', '--json'], env);
    expect(logs.exitCode).toBe(0);
    expect(Array.isArray(JSON.parse(logs.stdout).lines)).toBe(true);
  });
});

describe('hv doctor: groups and access level', () => {
  it('reports the groups of this session and what they allow', async () => {
    const env = privateEnv();
    const me = JSON.parse((await hv(['doctor', '--json'], env)).stdout);
    const checks = Array.isArray(me) ? me : me.checks;
    const groups = checks.find((c: { id: string }) => c.id === 'groups');
    expect(groups.summary).toMatch(/groups: .*; access: /);
    if (process.getuid?.() === 0) expect(groups.summary).toContain('access: root: everything');
  });

  it.runIf(process.getuid?.() === 0)(
    'tells a user without a group how to get VM access',
    async () => {
      // A user of this test's own, with no group but its own (tests/other-user.ts).
      const user = await createTestUser('doctor');
      try {
        const dir = user.dir;
        const r = await user.hv(['doctor', '--json'], {
          HOME: dir,
          XDG_STATE_HOME: dir,
          XDG_CONFIG_HOME: dir,
          HV_DEMO_DIR: join(dir, 'demo'),
        });
        expect(r.stderr).toBe('');
        const out = JSON.parse(r.stdout);
        const groups = (Array.isArray(out) ? out : out.checks).find(
          (c: { id: string }) => c.id === 'groups',
        );
        expect(groups.summary).toContain('access: no VM access on the system libvirt');
        expect(groups.fix).toContain('hypervisor-operators');
        expect(groups.fix).not.toMatch(/sudo hv/);
      } finally {
        await user.remove();
      }
    },
  );
});
