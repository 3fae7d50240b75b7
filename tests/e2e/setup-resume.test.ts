// A dropped session mid-wizard: hv is killed (the tmux server goes away, as an
// SSH connection would), and the next `hv setup` continues at the same step with
// the same answers. A corrupt draft is kept aside and a fresh start offered.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { privateEnv } from '../helpers.js';
import { at, startSetup } from './setup-helpers.js';
import type { Tmux } from './tmux.js';

let term: Tmux | undefined;
afterEach(async () => {
  await term?.kill();
  term = undefined;
});

describe('hv setup: resume after a dropped session', () => {
  it('continues at the same step with the same answers', async () => {
    const env = privateEnv();
    const out = join(env.HOME, 'host');
    const draft = join(env.XDG_STATE_HOME, 'hv', 'setup-draft.json');
    term = await startSetup(env, ['--out', out]);
    await at(term, 'Welcome', 'Enter');
    await at(term, 'Experience', 'Down', 'Enter'); // intermediate
    await at(term, 'Risk tolerance', 'Enter');
    await term.waitFor('› Hostname');
    await term.keys('C-u');
    await term.type('resume-me');
    await term.keys('Enter', 'Enter', 'Enter', 'Enter');
    await at(term, 'Hardware', 'Enter');
    await at(term, /Step \d+ of \d+: Profile/);
    await term.kill(); // SIGHUP to hv, as when SSH drops
    term = undefined;

    const saved = JSON.parse(readFileSync(draft, 'utf8'));
    expect(saved).toMatchObject({ version: 1, step: 'profile' });
    expect(saved.answers.host.hostname).toBe('resume-me');

    term = await startSetup(env, ['--out', out]);
    let screen = await term.waitFor('› Continue where you left off: Profile');
    expect(screen).toContain('Start again from the beginning');
    await term.keys('Enter');
    screen = await term.waitFor(/Step \d+ of \d+: Profile/);
    expect(screen).toContain('intermediate');
    await term.keys('Escape', 'Escape');
    screen = await term.waitFor('Host basics');
    expect(screen).toContain('resume-me');
  });

  it('keeps a corrupt draft aside and offers a fresh start', async () => {
    const env = privateEnv();
    const dir = join(env.XDG_STATE_HOME, 'hv');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'setup-draft.json'), '{"version": 1, "step": "host", "answ');
    term = await startSetup(env, ['--out', join(env.HOME, 'host')]);
    const screen = await term.waitFor('The saved draft could not be read');
    expect(screen).toContain('› Set up this host');
    expect(screen).not.toContain('Continue where you left off');
    const kept = readdirSync(dir).filter((f) => f.startsWith('setup-draft.json.corrupt-'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(dir, kept[0]!), 'utf8')).toContain('"answ');
    expect(existsSync(join(dir, 'setup-draft.json'))).toBe(false);
  });
});
