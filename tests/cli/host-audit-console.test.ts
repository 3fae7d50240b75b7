// The Host and Audit screens in a real terminal (tmux, 80x24) on the built hv, and
// both areas in --plain mode. The audit entries come from real operations.
import { hostname } from 'node:os';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Tmux } from '../e2e/tmux.js';
import { hv, hvBin, hvNode, privateEnv, stopDemo } from '../helpers.js';

const env = privateEnv();
let term: Tmux | undefined;
afterEach(async () => {
  await term?.kill();
  term = undefined;
});
afterAll(async () => {
  await stopDemo(env);
});
const root = process.getuid?.() === 0;

describe('Host and Audit screens at 80x24', () => {
  it('shows this host, its logs, then the audit log following live, and the phase in the header', async () => {
    // Two real audited operations before the console starts (a refusal without root).
    await hv(['phase', 'harden'], env);
    await hv(['phase', 'unlock', '--confirm', 'unlock'], env);
    term = await Tmux.start({ command: [hvNode, hvBin, '--demo'], env });
    await term.waitFor('demo ● connected', 20_000);
    await term.keys('4');
    // The facts line (the footer names libvirtd too).
    let screen = await term.waitFor(/libvirtd {4}\S+ /);
    expect(screen).toContain('Home › Host');
    expect(screen).toContain(hostname());
    expect(screen).toMatch(/NixOS\s+(not NixOS|generation)/);
    expect(screen).toContain('Phase       setup');
    expect(screen.split('\n').length).toBeLessThanOrEqual(24);
    await term.keys('l');
    screen = await term.waitFor(/journal|lines of libvirtd/);
    await term.keys('Escape');
    await term.waitFor('Phase       setup');
    await term.keys('Escape');
    await term.keys('5');
    screen = await term.waitFor('Home › Audit');
    const ops = root ? ['phase.harden', 'phase.unlock'] : ['phase.harden'];
    for (const op of ops) expect(screen).toContain(op);
    // Follow: an operation in another shell appears at the bottom, and (as root) the
    // header shows the phase it set.
    await hv(['phase', 'harden'], env);
    screen = await term.waitFor(
      root
        ? /phase: hardened[\s\S]*phase\.harden[\s\S]*phase\.harden/
        : /phase\.harden[\s\S]*phase\.harden/,
      15_000,
    );
    await term.keys('r');
    await term.waitFor(/result=ok/);
    await term.keys('q');
    expect(await term.waitForExit()).toBe(0);
    if (root) await hv(['phase', 'unlock', '--confirm', 'unlock'], env);
  }, 90_000);
});

describe('--plain', () => {
  it('shows the host and the audit log as lines', async () => {
    const r = await hv(['--plain', '--demo'], env, '4\n5\nq\n');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`Host:     ${hostname()}`);
    expect(r.stdout).toMatch(/entries, oldest first|No audit log yet/);
  });
});
