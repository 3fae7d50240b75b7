// The apply stage in a real terminal against a stand-in `nixos-rebuild`: a real
// executable of our own (a shell script placed first on PATH) that prints and
// exits with the codes we choose. It is the fake of our NixosRunner's process
// boundary — NixOS itself is not available here. The revert runs the stand-in
// system profile's `switch-to-configuration` (HV_NIXOS_PROFILE).
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { privateEnv, repoRoot } from '../helpers.js';
import { at, startSetup } from './setup-helpers.js';
import type { Tmux } from './tmux.js';

let term: Tmux | undefined;
afterEach(async () => {
  await term?.kill();
  term = undefined;
});

const golden = join(repoRoot, 'tests', 'golden', 'beginner-minimal');

/** nixos-rebuild and switch-to-configuration stand-ins; FAIL_AT=test makes `test` fail. */
function standIn(failAt?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'hv-rebuild-'));
  const bin = join(dir, 'bin');
  const profile = join(dir, 'profile');
  mkdirSync(bin);
  mkdirSync(join(profile, 'bin'), { recursive: true });
  const calls = join(dir, 'calls');
  const write = (file: string, body: string) => {
    writeFileSync(file, `#!/bin/sh\necho "$(basename "$0") $*" >> '${calls}'\n${body}\n`);
    chmodSync(file, 0o755);
  };
  write(
    join(bin, 'nixos-rebuild'),
    [
      'echo "building the system configuration..."',
      'echo "these 3 derivations will be built:" >&2',
      `if [ "$1" = "${failAt ?? 'none'}" ]; then`,
      '  echo "error: The option \'hypervisor.nope\' does not exist." >&2',
      '  exit 1',
      'fi',
      'echo "done: $1"',
    ].join('\n'),
  );
  write(
    join(profile, 'bin', 'switch-to-configuration'),
    'echo "activating the previous configuration"',
  );
  const env = {
    ...privateEnv(),
    PATH: `${bin}:${process.env.PATH ?? ''}`,
    HV_NIXOS_PROFILE: profile,
  };
  const out = join(dir, 'host');
  return {
    env,
    out,
    calls: () =>
      readFileSync(calls, 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.replace(` ${out}#hv-home`, ' FLAKE')),
  };
}

/** From `--answers FILE` (interactive) straight to the apply step. */
async function toApply(t: Tmux) {
  await at(t, '› Review the answers from', 'Enter');
  await at(t, 'Review', 'Enter');
  await at(t, 'Nothing is written until you press Enter', 'Enter');
  await at(t, '✓ Written:', 'Enter');
  return t.waitFor('› Apply now: dry-build, test, keep?, switch');
}

const args = (out: string) => [
  '--answers',
  join(golden, 'answers.json'),
  '--hardware',
  join(golden, 'hardware.json'),
  '--out',
  out,
];

describe('hv setup: applying with nixos-rebuild', () => {
  it('dry-build, test, keep?, switch, with the output in the log pane', async () => {
    const s = standIn();
    term = await startSetup(s.env, args(s.out));
    await toApply(term);
    await term.keys('Enter');
    let screen = await term.waitFor('Keep this configuration?');
    expect(screen).toContain('■ dry-build  ■ test  ▶ keep?  □ switch');
    expect(screen).toMatch(/Going back by itself in \d+ s/);
    expect(screen).toContain('done: test');
    await term.keys('y');
    screen = await term.waitFor('✓ Applied');
    expect(screen).toContain('done: switch');
    expect(s.calls()).toEqual([
      'nixos-rebuild dry-build --flake FLAKE',
      'nixos-rebuild test --flake FLAKE',
      'nixos-rebuild switch --flake FLAKE',
    ]);
    await term.keys('Enter');
    expect(await term.waitForExit()).toBe(0);
    expect(readFileSync(join(s.env.HV_ROOT_DIR, '.setup-complete'), 'utf8')).toMatch(/^\d{4}-/);
    const audit = readFileSync(s.env.HV_AUDIT_LOG, 'utf8');
    expect(audit).toContain('"operation":"host.apply-config"');
  });

  it('on failure shows the error lines and the choices; rollback re-activates the previous', async () => {
    const s = standIn('test');
    term = await startSetup(s.env, args(s.out));
    await toApply(term);
    await term.keys('Enter');
    let screen = await term.waitFor('✕ test failed (exit 1)');
    expect(screen).toContain("error: The option 'hypervisor.nope' does not exist.");
    expect(screen).toContain('› Back to edit the answers');
    expect(screen).toContain('Roll back to the previous configuration');
    expect(screen).toContain('Retry from test');
    await term.keys('Down', 'Enter');
    screen = await term.waitFor('Rolled back to the previous configuration');
    expect(s.calls().slice(-1)).toEqual(['switch-to-configuration test']);
    expect(s.calls()).not.toContain('nixos-rebuild switch --flake FLAKE');
  });

  it('reverts by itself when nobody answers "keep this configuration?"', async () => {
    const s = standIn();
    term = await startSetup({ ...s.env, HV_CONFIRM_SECONDS: '2' }, args(s.out));
    await toApply(term);
    await term.keys('Enter');
    await term.waitFor('Keep this configuration?');
    const screen = await term.waitFor('No answer in time', 8000);
    expect(screen).toContain('the previous configuration is active again');
    expect(s.calls()).toEqual([
      'nixos-rebuild dry-build --flake FLAKE',
      'nixos-rebuild test --flake FLAKE',
      'switch-to-configuration test',
    ]);
  });
});
