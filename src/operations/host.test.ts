import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listGenerations } from '../adapters/hostinfo.js';
import type { RunResult } from '../adapters/run.js';
import { journal } from '../state/journal.js';
import { execute } from './execute.js';
import { type HostDeps, hostOps, localContext, realHostDeps } from './host.js';

/** A real profile folder: system-N-link symlinks, as nix-env makes them. */
function profileDir(gens: number[], current: number) {
  const dir = mkdtempSync(join(tmpdir(), 'hv-profiles-'));
  for (const n of gens) {
    const store = join(dir, `store-${n}`);
    mkdirSync(store);
    symlinkSync(store, join(dir, `system-${n}-link`));
  }
  symlinkSync(`system-${current}-link`, join(dir, 'system'));
  return join(dir, 'system');
}

function deps(over: Partial<HostDeps> = {}, rollbackCode = 0) {
  const calls: string[][] = [];
  const result: RunResult = {
    stdout: 'activating the configuration...\n',
    stderr: '',
    exitCode: 0,
  };
  const d: HostDeps = {
    ...realHostDeps,
    run: async (cmd, args) => {
      calls.push([cmd, ...args]);
      return result;
    },
    nixos: {
      locate: () => '/run/current-system/sw/bin/nixos-rebuild',
      rebuild: async () => 0,
      revert: async () => 0,
      rollback: async (onLine) => {
        calls.push(['nixos-rebuild', 'switch', '--rollback']);
        onLine('activating the configuration...');
        return rollbackCode;
      },
    },
    isNixos: () => true,
    systemdRunning: () => true,
    ...over,
  };
  return { d, calls };
}

const envWith = (profile: string) => ({
  HV_NIXOS_PROFILE: profile,
  HV_AUDIT_LOG: join(mkdtempSync(join(tmpdir(), 'hv-host-a-')), 'audit.jsonl'),
  HV_ROOT_DIR: mkdtempSync(join(tmpdir(), 'hv-host-r-')),
});

describe('host operations', () => {
  it('lists generations from the profile links, newest first, marking the current one', () => {
    const env = envWith(profileDir([40, 41, 43], 41));
    const gens = listGenerations(env);
    expect(gens.map((g) => [g.number, g.current])).toEqual([
      [43, false],
      [41, true],
      [40, false],
    ]);
    expect(gens[0]!.target).toContain('store-43');
  });

  it('rolls back with nixos-rebuild switch --rollback, as root, and reports from/to', async () => {
    const env = envWith(profileDir([40, 41], 41));
    const { d, calls } = deps();
    const ctx = { ...localContext(env), isRoot: true };
    const r = await execute(hostOps(d).rollback, {}, ctx);
    expect(calls).toEqual([['nixos-rebuild', 'switch', '--rollback']]);
    expect(r).toMatchObject({ from: 41, to: 40 });
    expect(journal.getState().entries.at(-1)?.commands).toEqual([
      { tool: 'nixos-rebuild', args: ['switch', '--rollback'] },
    ]);
  });

  it('asks before rolling back, streams the output, and reports a failed rollback', async () => {
    const env = envWith(profileDir([40, 41], 41));
    const ctx = { ...localContext(env), isRoot: true };
    const no = deps();
    const asked: string[] = [];
    const declined = await execute(
      hostOps(no.d).rollback,
      {
        confirm: async (from, to) => {
          asked.push(`${from}->${to}`);
          return false;
        },
      },
      ctx,
    ).catch((e) => e);
    expect(asked).toEqual(['41->40']);
    expect(declined.kind).toBe('usage');
    expect(no.calls).toEqual([]);
    const failing = deps({}, 1);
    const seen: string[] = [];
    const err = await execute(
      hostOps(failing.d).rollback,
      { onLine: (l) => seen.push(l) },
      ctx,
    ).catch((e) => e);
    expect(seen).toEqual(['activating the configuration...']);
    expect(err.message).toContain('exit 1');
    expect(err.detail).toContain('activating');
  });

  it('refuses rollback for a normal user with the sudo command, and in the hardened phase', async () => {
    const env = envWith(profileDir([40, 41], 41));
    const { d, calls } = deps();
    const user = await execute(
      hostOps(d).rollback,
      {},
      { ...localContext(env), isRoot: false },
      {
        sudoCommand: 'sudo hv host rollback',
      },
    ).catch((e) => e);
    expect(user.fix).toBe('run: sudo hv host rollback');
    const hardened = await execute(
      hostOps(d).rollback,
      {},
      { ...localContext(env), isRoot: true, phase: 'hardened' },
    ).catch((e) => e);
    expect(hardened.message).toContain('hardened phase');
    expect(calls).toEqual([]);
  });

  it('says there is nothing to roll back to, and that a non-NixOS machine has no generations', async () => {
    const env = envWith(profileDir([7], 7));
    const ctx = { ...localContext(env), isRoot: true };
    const none = await execute(hostOps(deps().d).rollback, {}, ctx).catch((e) => e);
    expect(none.kind).toBe('invalid-state');
    const notNixos = await execute(
      hostOps(deps({ isNixos: () => false }).d).generations,
      {},
      ctx,
    ).catch((e) => e);
    expect(notNixos.message).toContain('not NixOS');
  });

  it('restarts libvirtd with systemctl (allowed when hardened), and explains a failure', async () => {
    const env = envWith(profileDir([1], 1));
    const ok = deps();
    const ctx = { ...localContext(env), isRoot: true, phase: 'hardened' as const };
    await execute(hostOps(ok.d).restartLibvirtd, {}, ctx);
    expect(ok.calls).toEqual([['systemctl', 'restart', 'libvirtd.service']]);
    const failing = deps({
      run: async () => ({ stdout: '', stderr: 'Job for libvirtd.service failed.', exitCode: 1 }),
    });
    const err = await execute(hostOps(failing.d).restartLibvirtd, {}, ctx).catch((e) => e);
    expect(err.message).toContain('failed');
    expect(err.detail).toContain('Job for libvirtd.service failed');
    const noSystemd = deps({ systemdRunning: () => false });
    const e2 = await execute(hostOps(noSystemd.d).restartLibvirtd, {}, ctx).catch((e) => e);
    expect(e2.kind).toBe('unsupported');
    expect(noSystemd.calls).toEqual([]);
  });

  it('reads logs without root through journalctl (the real one)', async () => {
    const env = envWith(profileDir([1], 1));
    const r = await execute(
      hostOps().logs,
      { unit: 'libvirtd', lines: 20 },
      { ...localContext(env), isRoot: false },
    );
    expect(Array.isArray(r.lines)).toBe(true);
    // This machine's journal may be empty; then hv says why instead of showing nothing.
    if (r.lines.length === 0) expect(r.note).toBeTruthy();
  });
});
