// The real hv in a real terminal (tmux, 80x24), against the real demo daemon.
import { dirname } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { hvBin, hvNode, privateEnv, stopDemo } from '../helpers.js';
import { Tmux } from './tmux.js';

const env = privateEnv();
let term: Tmux | undefined;

afterEach(async () => {
  await term?.kill();
  term = undefined;
});
afterAll(async () => {
  await stopDemo(env);
});

const hvCommand = (...args: string[]) => [hvNode, hvBin, ...args];

describe('console in a real terminal', () => {
  it('opens home, moves through it, opens the VM list and help, and quits restoring the terminal', async () => {
    // A shell in the pane, so we can see what is left after hv exits; its `node` is
    // the one the tests run hv on (HV_TEST_NODE).
    term = await Tmux.start({
      command: ['bash', '--norc', '--noprofile'],
      env: { ...env, PS1: '$ ', PATH: `${dirname(hvNode)}:${process.env.PATH ?? '/usr/bin:/bin'}` },
    });
    await term.waitFor('$');
    await term.type(`node ${hvBin} --demo; echo "hv-exit=$?"`);
    await term.keys('Enter');
    let screen = await term.waitFor('demo ● connected');
    expect(screen).toContain('› 1. Setup');
    expect(screen).toContain('q/Ctrl-C quit');
    expect(screen.split('\n').length).toBeLessThanOrEqual(24);

    await term.keys('Down');
    await term.waitFor('› 2. Virtual machines');
    await term.keys('Enter');
    screen = await term.waitFor('web-01');
    expect(screen).toContain('Home › Virtual machines');
    expect(screen).toContain('Ana\'s "lab" VM — café');
    expect(screen).toContain('10 VMs');
    expect(screen).toMatch(/›\s+alpine-router\s+▶ running/);
    await term.keys('Down');
    await term.waitFor(/›\s+Ana's "lab" VM — café\s+■ shut off/);

    await term.keys('?');
    screen = await term.waitFor('Help: Virtual machines');
    expect(screen).toContain('Each row is a virtual machine');
    await term.keys('Escape');
    await term.waitForGone('Help: Virtual machines');
    await term.keys('Escape');
    await term.waitFor('› 2. Virtual machines');

    await term.keys('q');
    screen = await term.waitFor('hv-exit=0');
    // The alternate screen is gone: the shell and the typed command are back.
    expect(screen).not.toContain('hv │');
    expect(screen).toContain(`node ${hvBin} --demo`);
    // Raw mode was undone: line editing and echo are on again.
    await term.type("stty -a | tr ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo)'");
    await term.keys('Enter');
    screen = await term.waitFor(/^echo$/m);
    expect(screen).toMatch(/^icanon$/m);
    expect(screen).not.toMatch(/^-icanon$/m);
  });

  it('goes back twice for Esc Esc arriving in one read', async () => {
    term = await Tmux.start({ command: hvCommand('--demo'), env });
    await term.waitFor('demo ● connected');
    await term.keys('2');
    await term.waitFor('web-01');
    await term.keys('Enter');
    await term.waitFor('Home › VM details');
    await term.keysAtOnce('Escape', 'Escape');
    const screen = await term.waitFor(/hv │ Home {20}/);
    expect(screen).toContain('› 2. Virtual machines');
  });

  it('quits on Ctrl-C with exit 0', async () => {
    term = await Tmux.start({ command: hvCommand('--demo'), env });
    await term.waitFor('demo ● connected');
    await term.keys('C-c');
    expect(await term.waitForExit()).toBe(0);
  });

  it('honours NO_COLOR: no colour escapes, symbols and words still there', async () => {
    term = await Tmux.start({ command: hvCommand('--demo'), env: { ...env, NO_COLOR: '1' } });
    await term.waitFor('demo ● connected');
    const raw = await term.screen({ escapes: true });
    expect(raw).not.toMatch(/\x1b\[(3|4|9|10)[0-9](;[0-9]+)*m/);
    expect(raw).not.toMatch(/\x1b\[[0-9;]*(38|48);/);
    expect(raw).toContain('› 1. Setup');
    await term.kill();

    // The same screen in colour does use colour: the test above is not vacuous.
    term = await Tmux.start({ command: hvCommand('--demo'), env: { ...env, FORCE_COLOR: '1' } });
    await term.waitFor('demo ● connected');
    expect(await term.screen({ escapes: true })).toMatch(/\x1b\[[0-9;]*3[0-9]m/);
  });

  it('asks for a bigger terminal below 80x24 and recovers on resize', async () => {
    term = await Tmux.start({ command: hvCommand('--demo'), env, width: 60, height: 20 });
    const screen = await term.waitFor('Terminal too small: 60x20');
    expect(screen).toContain('at least 80x24');
    await term.keys('2'); // ignored while too small
    await term.resize(80, 24);
    await term.waitFor('› 1. Setup');
    await term.keys('q');
    expect(await term.waitForExit()).toBe(0);
  });
});
