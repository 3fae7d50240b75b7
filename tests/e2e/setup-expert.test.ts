// An expert walkthrough in a real terminal (tmux, 80x24): bad hostname and SSH
// key refused inline with the reason, a critical feature with a setting and its
// typed acknowledgement, files that parse, and the identical-files check against
// `hv setup --answers FILE --non-interactive` for the answers the wizard wrote.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hv, privateEnv } from '../helpers.js';
import {
  at,
  expectNixParses,
  expectSameFiles,
  hardwareFile,
  KEY,
  startSetup,
} from './setup-helpers.js';
import type { Tmux } from './tmux.js';

let term: Tmux | undefined;
afterEach(async () => {
  await term?.kill();
  term = undefined;
});

describe('hv setup: expert walkthrough', () => {
  it('refuses bad input inline, confirms a critical feature by name, writes what --non-interactive writes', async () => {
    const env = { ...privateEnv(), PATH: process.env.PATH ?? '' };
    const hw = hardwareFile({ nics: 2 });
    const out = join(mkdtempSync(join(tmpdir(), 'hv-expert-')), 'host');
    term = await startSetup(env, ['--out', out, '--hardware', hw]);
    await at(term, 'Welcome', 'Enter');
    await at(term, 'Experience', 'Down', 'Down', 'Enter');
    await at(term, 'Step 3 of', 'Enter');

    await term.waitFor('› Hostname');
    await term.keys('C-u');
    await term.type('bad_host');
    await term.waitFor('✕ Hostname: underscores are not allowed in hostnames; use "-"');
    await term.keys('Enter');
    await term.waitFor('› Hostname'); // still there
    await term.keys('C-u');
    await term.type('lab-01');
    await term.keys('Enter', 'Enter', 'Enter');
    await term.waitFor('› SSH public key');
    await term.type('ssh-ed25519 AAAAC3Nz');
    await term.waitFor('✕ SSH key: the key is truncated');
    await term.keys('Enter');
    await term.waitFor('✕ SSH key: the key is truncated');
    await term.keys('C-u');
    await term.type(KEY);
    await term.keys('Enter');
    await term.waitFor('Key added (1 in all)');
    await term.keys('Enter');

    let screen = await at(term, /Step \d+ of \d+: Profile/, 'Enter');
    expect(screen).toContain('Hardware: 4 cores, 16 GiB'); // experts get it in one line
    await at(term, /Step \d+ of \d+: Role/, 'Enter');
    await at(term, 'Features: core', 'Enter');
    await at(term, 'Features: security', 'Enter');
    screen = await at(term, 'Features: networking', 'Down', 'Down', 'Space');
    screen = await term.waitFor(/› \[\?\] publicBridge\s+● critical/);
    await term.keys('e');
    await term.waitFor('Settings of VMs directly on a public network');
    await term.keys('Down', 'Enter');
    await term.type('enp5s0');
    await term.keys('Enter');
    await term.waitFor(/interface\s+enp5s0/);
    // Esc, then s once the settings closed: an Esc and a letter in one read are
    // Alt+letter to a terminal program.
    await term.keys('Escape');
    await term.waitForGone('Settings of VMs directly on a public network');
    await term.keys('s');

    screen = await term.waitFor('Confirm risky features');
    expect(screen).toContain('● critical');
    expect(screen).toContain('Type publicBridge to turn it on');
    await term.type('publicBridge');
    await term.keys('Enter');
    screen = await term.waitFor('Review');
    expect(screen).toContain('is on: you accepted its critical risk');
    await term.keys('Enter');
    await at(term, 'Nothing is written until you press Enter', 'Enter');
    await at(term, '✓ Written:', 'Enter');
    await at(term, 'this machine is not NixOS', 'Enter');
    expect(await term.waitForExit()).toBe(0);

    await expectNixParses(out);
    const answers = JSON.parse(readFileSync(join(out, 'hv-answers.json'), 'utf8'));
    expect(answers).toMatchObject({
      experience: 'expert',
      host: { hostname: 'lab-01', sshKeys: [KEY] },
      features: { publicBridge: { enable: true, interface: 'enp5s0' } },
      acknowledged: ['publicBridge'],
    });
    const nix = readFileSync(join(out, 'hypervisor-features.nix'), 'utf8');
    expect(nix).toContain('interface = "enp5s0";');
    expect(nix).toMatch(/critical risk\): you chose it/);

    const again = join(mkdtempSync(join(tmpdir(), 'hv-expert-cli-')), 'host');
    const r = await hv(
      [
        'setup',
        '--answers',
        join(out, 'hv-answers.json'),
        '--hardware',
        hw,
        '--non-interactive',
        '--out',
        again,
      ],
      env,
    );
    expect(r.exitCode, r.stderr).toBe(0);
    expectSameFiles(out, again);
  });
});
