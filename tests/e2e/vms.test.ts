// The VM console in a real terminal (tmux, 80x24) against the real demo daemon:
// navigation, filtering, live updates from libvirt events, actions on a VM whose
// name has quotes and non-ASCII, the console handoff, a delete with the name
// typed (checked with virsh), and the "connection lost" banner when the demo
// daemon is stopped from outside, with recovery once it is back. One console
// serves the tests in turn (vms-console.ts), a fresh one after a failure.
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hv, privateEnv, stopDemo } from '../helpers.js';
import { openVm, vmConsole } from './vms-console.js';

const env = privateEnv();
const vms = vmConsole(env);
let uri = '';

const ana = 'Ana\'s "lab" VM — café';

beforeAll(async () => {
  const r = await hv(['demo', 'start', '--json'], env);
  expect(r.exitCode, r.stderr).toBe(0);
  uri = JSON.parse((await hv(['demo', 'status', '--json'], env)).stdout).uri;
});
afterAll(async () => {
  await vms.stop();
  await stopDemo(env);
});

const virsh = (...args: string[]) =>
  execa('virsh', ['-c', uri, ...args], { env: { LC_ALL: 'C' }, reject: false });

/** The VM names `virsh list --all` reports. */
async function virshNames(): Promise<string[]> {
  const r = await virsh('list', '--all', '--name');
  expect(r.exitCode, r.stderr).toBe(0);
  return r.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

describe('VM console in a real terminal', () => {
  it('navigates, filters with /, and opens a VM with quotes and non-ASCII in its name', async () => {
    const t = await vms.list();
    let screen = await t.screen();
    expect(screen.split('\n').length).toBeLessThanOrEqual(24);
    // The 74-character name is cut by display width, with an ellipsis, in its column.
    expect(screen).toMatch(/backup-target-with-a-rather-long…\s+■ shut off/);
    await t.keys('/');
    await t.type('café');
    screen = await t.waitFor('/ café');
    expect(screen).not.toContain('web-01');
    expect(screen).toMatch(/›\s+Ana's "lab" VM — café\s+■ shut off/);
    await t.keys('Enter');
    await t.waitFor('filter "café": 1 shown');
    await t.keys('Enter');
    screen = await t.waitFor('UUID');
    expect(screen).toContain('Home › VM details');
    expect(screen).toContain(ana);
    expect(screen).toMatch(/Actions: s start/);
    // Esc goes back to the filtered list; Esc again clears the filter.
    await t.keys('Escape');
    await t.waitFor('filter "café": 1 shown');
    await t.keys('Escape');
    await t.waitFor('web-01');
    await t.keys('o');
    await t.waitFor('sort: state');
  });

  it('starts and shuts down a VM from its detail, and follows changes made outside', async () => {
    const t = await vms.list();
    await openVm(t, 'café', ana);
    await t.waitFor('s start');
    await t.keys('s');
    let screen = await t.waitFor(`✓ ${ana} started.`);
    screen = await t.waitFor(/Ana's "lab" VM — café ▶ running/);
    expect(screen).toContain('d shut down');
    expect((await virsh('domstate', ana)).stdout.trim()).toBe('running');
    await t.keys('d');
    await t.waitFor(/Ana's "lab" VM — café ■ shut off/);
    expect((await virsh('domstate', ana)).stdout.trim()).toBe('shut off');

    // A change from another shell shows up by itself (libvirt event, no key pressed).
    await t.keys('Escape');
    await t.waitFor('filter "café": 1 shown');
    await t.keys('Escape');
    await t.waitFor(/build-runner\s+■ shut off/);
    const r = await hv(['vm', 'start', 'build-runner'], env);
    expect(r.exitCode, r.stderr).toBe(0);
    await t.waitFor(/build-runner\s+▶ running/);
  });

  it('hands the terminal to virsh console and comes back with its message', async () => {
    const t = await vms.list();
    await openVm(t, 'alpine-router', 'alpine-router'); // running
    await t.waitFor('c console');
    await t.keys('c');
    // The demo's test driver has no consoles: virsh says so and hv is back, intact.
    const screen = await t.waitFor('Could not open a VM', 15_000);
    expect(screen).toContain('not supported');
    expect(screen).toContain('hv │ Home › VM details');
    await t.keys('Escape');
    await t.waitFor(/›\s+alpine-router/);
    await t.waitFor('filter "alpine-router": 1 shown');
    // CPU % is per vCPU and never above 100: the test driver reports wall-clock
    // time as CPU time, so this 1-vCPU VM reads about 100% (it read 101% once).
    const row = await t.waitFor(/alpine-router\s+▶ running\s+1\s+512 MiB\s+[\d.]+%/, 15_000);
    const cpu = Number(/512 MiB\s+([\d.]+)%/.exec(row)?.[1]);
    expect(cpu).toBeGreaterThan(0);
    expect(cpu).toBeLessThanOrEqual(100);
  });

  it('deletes a VM only after its name is typed; virsh no longer lists it', async () => {
    const t = await vms.list();
    await t.keys('/');
    await t.type('win-desktop');
    await t.keys('Enter');
    await t.waitFor('1 shown');
    await t.keys('Enter');
    await t.waitFor('D delete');
    await t.keys('D');
    let screen = await t.waitFor('Type the name to confirm: win-desktop');
    expect(screen).toContain('[ ] also delete its disk');
    await t.type('win-desk');
    await t.keys('Enter');
    await t.waitFor('That is not the name; nothing was done.');
    expect(await virshNames()).toContain('win-desktop');
    await t.type('top');
    await t.keys('Tab');
    await t.waitFor('[x] also delete its disk');
    await t.keys('Enter');
    screen = await t.waitFor('win-desktop deleted with 1 volume.');
    expect(screen).toContain('Home › Virtual machines');
    expect(await virshNames()).not.toContain('win-desktop');
    const vols = await virsh('vol-list', 'default-pool');
    expect(vols.stdout).not.toContain('vm-07.qcow2');
  });

  it('shows "connection lost" when the demo daemon stops, and recovers when it is back', async () => {
    const t = await vms.list();
    const stop = await hv(['demo', 'stop'], env);
    expect(stop.exitCode, stop.stderr).toBe(0);
    let screen = await t.waitFor('Connection lost, reconnecting', 15_000);
    expect(screen).toContain('demo ✕ connection lost');
    expect(screen).toContain('web-01'); // the last known rows stay on screen
    const start = await hv(['demo', 'start'], env);
    expect(start.exitCode, start.stderr).toBe(0);
    screen = await t.waitForGone('Connection lost', 20_000);
    screen = await t.waitFor('demo ● connected');
    // A fresh demo: all ten VMs again, and the console still answers keys.
    await t.waitFor('10 VMs');
    await t.keys('q');
    expect(await t.waitForExit()).toBe(0);
  });
});
