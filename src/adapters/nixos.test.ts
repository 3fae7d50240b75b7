// The real runner against stand-in executables: a `nixos-rebuild` and a
// `switch-to-configuration` of our own (shell scripts that print and exit with
// chosen codes), placed where the runner looks. This is our own port's fake at the
// process boundary; NixOS itself is not available here.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNixosRunner, streamLines } from './nixos.js';

function standIn() {
  const dir = mkdtempSync(join(tmpdir(), 'hv-nixos-'));
  const bin = join(dir, 'bin');
  const profile = join(dir, 'profile');
  mkdirSync(bin);
  mkdirSync(join(profile, 'bin'), { recursive: true });
  const calls = join(dir, 'calls');
  const script = (file: string, body: string) => {
    writeFileSync(file, `#!/bin/sh\necho "$0 $*" >> '${calls}'\n${body}\n`);
    chmodSync(file, 0o755);
  };
  script(
    join(bin, 'nixos-rebuild'),
    [
      'echo "building $1"',
      'echo "warning: something on stderr" >&2',
      'if [ "$1" = test ]; then echo "error: activation failed" >&2; exit 4; fi',
      'exit 0',
    ].join('\n'),
  );
  script(join(profile, 'bin', 'switch-to-configuration'), 'echo "activating previous"');
  const env = { PATH: `${bin}:/usr/bin:/bin`, HV_NIXOS_PROFILE: profile };
  return { env, calls: () => readFileSync(calls, 'utf8').trim().split('\n'), bin, profile };
}

describe('nixos runner', () => {
  it('says nixos-rebuild is missing where it is (this machine is not NixOS)', async () => {
    const runner = createNixosRunner({ PATH: '/nonexistent' });
    expect(runner.locate()).toBeUndefined();
    const lines: string[] = [];
    expect(await runner.rebuild('dry-build', '/x#h', (l) => lines.push(l))).toBe(127);
    expect(lines[0]).toContain('not NixOS');
  });

  it('streams stdout and stderr line by line and returns the exit code', async () => {
    const s = standIn();
    const runner = createNixosRunner(s.env);
    expect(runner.locate()).toBe(join(s.bin, 'nixos-rebuild'));
    const lines: string[] = [];
    expect(await runner.rebuild('dry-build', '/etc/nixos#hv', (l) => lines.push(l))).toBe(0);
    expect(lines).toContain('building dry-build');
    expect(lines).toContain('warning: something on stderr');
    const failed: string[] = [];
    expect(await runner.rebuild('test', '/etc/nixos#hv', (l) => failed.push(l))).toBe(4);
    expect(failed).toContain('error: activation failed');
    expect(await runner.rollback(() => undefined)).toBe(0);
    expect(await runner.revert(() => undefined)).toBe(0);
    expect(s.calls()).toEqual([
      `${join(s.bin, 'nixos-rebuild')} dry-build --flake /etc/nixos#hv`,
      `${join(s.bin, 'nixos-rebuild')} test --flake /etc/nixos#hv`,
      `${join(s.bin, 'nixos-rebuild')} switch --rollback`,
      `${join(s.profile, 'bin', 'switch-to-configuration')} test`,
    ]);
  });

  it('reports a program that cannot start', async () => {
    const lines: string[] = [];
    expect(await streamLines('/nonexistent/prog', [], (l) => lines.push(l))).toBe(127);
    expect(lines.join()).toMatch(/ENOENT|nonexistent/);
  });
});
