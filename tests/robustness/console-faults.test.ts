// The console under faults, in a real terminal (tmux) against the real demo
// daemon: libvirtd killed and restarted while hv shows the VM list, and bursts of
// terminal resizes. hv must stay up, say what is wrong, recover by itself, keep
// its frame inside the terminal and still answer keys.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { demoPaths } from '../../src/adapters/demo-paths.js';
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

const daemonPid = () =>
  JSON.parse(readFileSync(demoPaths(env).stateFile, 'utf8')).libvirtdPid as number;

async function until(ok: () => Promise<boolean>, ms = 15_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('condition not met in time');
}

async function openVmList(t: Tmux) {
  await t.waitFor('demo ● connected', 20_000);
  await t.keys('2');
  return t.waitFor('web-01');
}

describe('libvirtd restarted under a running console', () => {
  it('shows the loss, keeps running, and recovers by itself, twice (kill -9, then a clean stop)', async () => {
    expect((await hv(['demo', 'start'], env)).exitCode).toBe(0);
    term = await Tmux.start({ command: [hvNode, hvBin, '--demo'], env });
    await openVmList(term);

    // 1. The daemon dies without warning.
    process.kill(daemonPid(), 'SIGKILL');
    let screen = await term.waitFor(/Connection lost, reconnecting/, 20_000);
    expect(screen.split('\n').length).toBeLessThanOrEqual(24);
    expect(await term.exitStatus()).toBeUndefined();
    // Keys still work while it is down: help opens and closes.
    await term.keys('?');
    await term.waitFor('Help: Virtual machines');
    await term.keys('Escape');
    await term.waitForGone('Help: Virtual machines');
    // Until the killed daemon is reaped, kill(pid, 0) still finds it and the demo
    // looks alive; restart it once it is really gone, as a person would.
    await until(
      async () => !JSON.parse((await hv(['demo', 'status', '--json'], env)).stdout).running,
    );
    expect((await hv(['demo', 'start'], env)).exitCode).toBe(0);
    screen = await term.waitFor(/demo ● connected[\s\S]*10 VMs/, 30_000);
    expect(screen).not.toContain('Connection lost');
    expect(screen).toContain('web-01');

    // 2. A clean stop and start (the daemon restarted).
    expect((await hv(['demo', 'stop'], env)).exitCode).toBe(0);
    await term.waitFor(/Connection lost, reconnecting/, 20_000);
    expect((await hv(['demo', 'start'], env)).exitCode).toBe(0);
    screen = await term.waitFor(/demo ● connected[\s\S]*10 VMs/, 30_000);
    // Keys work after the recovery, from the top: once in CI the cursor stood on
    // another VM after the restart (a partial listing mid-restart, it seems), which
    // is a separate question from recovering.
    await term.keys('g');
    await term.waitFor(/›\s+alpine-router/);
    await term.keys('Down');
    await term.waitFor(/›\s+Ana's "lab" VM — café/);
    await term.keys('q');
    expect(await term.waitForExit()).toBe(0);
  }, 120_000);
});

describe('bursts of terminal resizes', () => {
  it('redraws for the final size after 60 quick resizes, never taller than the terminal', async () => {
    term = await Tmux.start({ command: [hvNode, hvBin, '--demo'], env });
    await openVmList(term);
    const sizes: Array<[number, number]> = [
      [120, 40],
      [80, 24],
      [60, 20],
      [200, 60],
      [100, 30],
      [81, 25],
    ];
    for (let i = 0; i < 60; i++) {
      const [w, h] = sizes[i % sizes.length]!;
      await term.resize(w, h);
    }
    // Settle on a size and look at the frame: one header, the list, the footer.
    await term.resize(100, 30);
    let screen = await term.waitFor(
      /Home › Virtual machines[\s\S]*web-01[\s\S]*q\/Ctrl-C quit/,
      10_000,
    );
    expect(screen.split('\n').length).toBeLessThanOrEqual(30);
    expect(screen.match(/hv │/g)).toHaveLength(1);
    expect(screen).not.toContain('Terminal too small');
    for (const line of screen.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    // Too small, then back: the message, then the same screen.
    await term.resize(70, 20);
    await term.waitFor('Terminal too small: 70x20');
    await term.resize(80, 24);
    screen = await term.waitFor(/Home › Virtual machines[\s\S]*web-01/);
    expect(screen.match(/hv │/g)).toHaveLength(1);
    // Still answering keys.
    await term.keys('Down');
    await term.waitFor(/›\s+Ana's "lab" VM — café/);
    await term.keys('q');
    expect(await term.waitForExit()).toBe(0);
  });
});
