// The setup wizard in a real terminal (tmux, 80x24), on this machine (not NixOS):
// pressing only Enter reaches a written configuration that parses, and the same
// answers through `--answers FILE --non-interactive` give the same bytes.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hv, privateEnv } from '../helpers.js';
import { at, expectNixParses, expectSameFiles, startSetup } from './setup-helpers.js';
import type { Tmux } from './tmux.js';

let term: Tmux | undefined;
afterEach(async () => {
  await term?.kill();
  term = undefined;
});

describe('hv setup: Enter only', () => {
  it('reaches a written configuration, says this is not NixOS, records completion', async () => {
    // PATH without nixos-rebuild: this machine really is not NixOS.
    const env = { ...privateEnv(), PATH: process.env.PATH ?? '' };
    const out = join(mkdtempSync(join(tmpdir(), 'hv-enter-')), 'host');
    term = await startSetup(env, ['--first-boot', '--out', out]);
    let screen = await at(term, 'Step 1 of 10: Welcome', 'Enter');
    expect(screen).toContain('First boot');
    expect(screen).toContain(`Files will go to ${out}`);
    expect(screen.split('\n').length).toBeLessThanOrEqual(24);
    await at(term, 'Step 2 of 10: Experience', 'Enter');
    await at(term, 'Step 3 of 10: Risk tolerance', 'Enter');
    screen = await at(term, 'Step 4 of 10: Host basics', 'Enter', 'Enter', 'Enter', 'Enter');
    screen = await at(term, 'Step 5 of 10: Hardware', 'Enter');
    expect(screen).toMatch(/CPU virtualization: (yes|no)/);
    expect(screen).toContain('Running on:');
    await at(term, 'Step 6 of 10: Profile', 'Enter');
    screen = await at(term, 'Step 7 of 10: Features', 'Enter');
    expect(screen).toContain('○ minimal');
    expect(screen).toContain('off because no SSH key was');
    screen = await at(term, 'Step 8 of 10: Review', 'Enter');
    expect(screen).toContain('[1 Summary]');
    screen = await at(term, 'Nothing is written until you press Enter', 'Enter');
    expect(screen).toContain(`Destination: ${out}`);
    await at(term, '✓ Written:', 'Enter');
    screen = await at(term, 'Step 10 of 10: Apply', 'Enter');
    expect(screen).toContain('this machine is not NixOS, so hv stops here');
    expect(screen).toContain('› Finish');
    expect(await term.waitForExit()).toBe(0);

    await expectNixParses(out);
    const answers = JSON.parse(readFileSync(join(out, 'hv-answers.json'), 'utf8'));
    expect(answers).toMatchObject({
      experience: 'beginner',
      riskTolerance: 'cautious',
      profile: 'balanced',
      features: { sshHardening: { enable: false } },
    });
    expect(existsSync(join(out, 'hosts', answers.host.hostname, 'default.nix'))).toBe(true);
    expect(existsSync(join(env.HV_ROOT_DIR, '.setup-complete'))).toBe(true);
    // Finished: the draft is gone, so the next hv setup starts fresh.
    expect(existsSync(join(env.XDG_STATE_HOME, 'hv', 'setup-draft.json'))).toBe(false);

    // One pipeline: the same answers without screens give the same bytes.
    const again = join(mkdtempSync(join(tmpdir(), 'hv-enter-cli-')), 'host');
    const r = await hv(
      ['setup', '--answers', join(out, 'hv-answers.json'), '--non-interactive', '--out', again],
      env,
    );
    expect(r.exitCode, r.stderr).toBe(0);
    expectSameFiles(out, again);

    // --first-boot after completion has nothing to do.
    const done = await hv(['setup', '--first-boot'], env);
    expect(done.exitCode).toBe(0);
    expect(done.stdout).toContain('Setup is already complete');
  });

  it('refuses to open without a terminal, naming the answers-file way', async () => {
    const r = await hv(['setup'], privateEnv());
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('the setup wizard needs a terminal');
    expect(r.stderr).toContain('--answers FILE --non-interactive');
  });
});
