import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeHost, summary } from '../../adapters/fake-host.js';
import { displayWidth } from '../../base/width.js';
import { createConnectionsStore } from '../../state/connections.js';
import { createRouterStore } from '../../state/router.js';
import { createSessionStore } from '../../state/session.js';
import { createVmAreaStores } from '../../state/vm-area.js';
import { stopLiveFeed } from '../../state/vm-live.js';
import { createVmsStore } from '../../state/vms.js';
import { App } from '../App.js';
import type { Stores } from '../types.js';

// Screens against a fake of our own Hypervisor port (fake-host.ts); execute()
// runs for real, with a private audit log.
const dir = mkdtempSync(join(tmpdir(), 'hv-vmscreens-'));
beforeAll(() => {
  vi.stubEnv('HV_AUDIT_LOG', join(dir, 'audit.jsonl'));
  vi.stubEnv('HV_ROOT_DIR', join(dir, 'etc'));
});
afterAll(() => vi.unstubAllEnvs());

const ana = 'Ana\'s "lab" VM — café';
const long = `backup-target-${'x'.repeat(56)}-日本語`;

function setup(host: FakeHost, opts: { phase?: 'setup' | 'hardened' } = {}) {
  const stores: Stores = {
    session: createSessionStore({
      phase: opts.phase ?? 'setup',
      experience: 'intermediate',
      showCommands: true,
    }),
    router: createRouterStore(),
    vms: createVmsStore(),
    vmArea: createVmAreaStores(),
    connections: createConnectionsStore(),
  };
  stores.session.setState({
    status: 'connected',
    target: { uri: host.hv.uri, kind: 'custom', label: 'fakehost', reason: 'test' },
  });
  stores.router.setState({ stack: ['home', 'vms'] });
  const app = render(<App ctx={{ stores, hypervisor: () => host.hv }} />);
  current = { app, stores };
  return { app, stores };
}

let current: { app: ReturnType<typeof render>; stores: Stores } | undefined;
afterEach(async () => {
  if (!current) return;
  current.app.unmount();
  await stopLiveFeed(current.stores.vms);
  current = undefined;
});

const tick = (ms = 25) => new Promise((r) => setTimeout(r, ms));
async function press(app: ReturnType<typeof render>, ...keys: string[]) {
  for (const k of keys) {
    app.stdin.write(k);
    await tick();
  }
}
async function until(app: ReturnType<typeof render>, what: string | RegExp, ms = 3000) {
  const ok = (f: string) => (typeof what === 'string' ? f.includes(what) : what.test(f));
  for (let waited = 0; waited < ms; waited += 10) {
    const f = app.lastFrame() ?? '';
    if (ok(f)) return f;
    await tick(10);
  }
  throw new Error(`timed out waiting for ${String(what)}; the frame was:\n${app.lastFrame()}`);
}

const DOWN = '\u001b[B';
const ESC = '\u001b';
const ENTER = '\r';

describe('VM list', () => {
  it('filters with /, keeps the filter on Enter and clears it with Esc', async () => {
    const host = new FakeHost([summary('web-01'), summary('web-02'), summary(ana, 'shut off')]);
    const { app, stores } = setup(host);
    await until(app, '3 VMs, 2 running');
    await press(app, '/', 'CAFE');
    let frame = await until(app, '/ CAFE');
    expect(frame).toContain(ana);
    expect(frame).not.toContain('web-01');
    await press(app, ENTER);
    frame = await until(app, 'filter "CAFE": 1 shown');
    await press(app, ESC);
    await until(app, 'web-01');
    expect(stores.vms.getState().view.filter).toBe('');
    // The screen is still the list: Esc cleared the filter, it did not go back.
    expect(stores.router.getState().stack).toEqual(['home', 'vms']);
    // Typed faster than hv reads (one chunk): "/" opens the field, the rest goes in it.
    await press(app, '/web\r');
    await until(app, 'filter "web": 2 shown');
    expect(stores.vms.getState().selected.size).toBe(0);
  });

  it('sorts with o, groups with v, and keeps the cursor on its VM across live updates', async () => {
    const host = new FakeHost([
      summary('alpha', 'shut off', { memoryKiB: 1024 }),
      summary('beta', 'running', { memoryKiB: 8 * 1024 * 1024 }),
      summary('gamma', 'paused'),
    ]);
    const { app } = setup(host);
    await until(app, '3 VMs');
    await press(app, DOWN); // beta
    await press(app, 'o');
    expect(await until(app, 'sort: state')).toMatch(/›\s+beta/);
    await press(app, 'v');
    const frame = await until(app, 'grouped by state');
    expect(frame).toContain('── ▶ running (1) ──');
    expect(frame).toContain('── ‖ paused (1) ──');
    expect(frame).toMatch(/›\s+beta/);
    // A VM appears above it (an event from libvirt): the cursor stays on beta.
    host.vms.push(summary('aardvark', 'running'));
    host.emit('aardvark');
    await until(app, 'running (2)');
    expect(app.lastFrame()).toMatch(/›\s+beta/);
  });

  it('truncates long and wide names by display width: no row is wider than the terminal', async () => {
    const host = new FakeHost([summary(long, 'shut off'), summary(ana)]);
    const { app } = setup(host);
    const frame = await until(app, 'backup-target-');
    for (const line of frame.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(100);
    expect(frame).toContain('…');
    expect(frame).toContain(ana);
  });

  it('bulk: selects with space, starts them all, and lists failures and skips in a summary', async () => {
    const host = new FakeHost([
      summary('a', 'shut off'),
      summary('b', 'running'),
      summary('c', 'shut off'),
      summary('d', 'shut off'),
    ]);
    const { app } = setup(host);
    await until(app, '4 VMs, 1 running');
    // d starts behind hv's back, unannounced: hv still thinks it is off.
    host.vms[3]!.state = 'running';
    await press(app, 'a');
    await until(app, '4 selected');
    await press(app, 's');
    const frame = await until(app, 'Started 2 of 4 VMs; 1 failed; 1 skipped.');
    expect(frame).toContain('✓ a: started');
    expect(frame).toContain('– b: skipped, already running');
    expect(frame).toMatch(/✕ d: .*not valid/);
    expect(host.calls.sort()).toEqual(['start a', 'start c']);
    await press(app, ESC);
    await until(app, '4 VMs, 4 running');
  });

  it('bulk force off asks first', async () => {
    const host = new FakeHost([summary('a'), summary('b')]);
    const { app } = setup(host);
    await until(app, '2 VMs, 2 running');
    await press(app, 'a', 'F');
    const frame = await until(app, 'Force off 2 VMs?');
    expect(frame).toContain('pulling the power cord');
    expect(host.calls).toEqual([]);
    await press(app, 'y');
    await until(app, 'Forced off 2 of 2 VMs.');
    expect(host.calls.sort()).toEqual(['destroy a', 'destroy b']);
  });
});

describe('VM detail', () => {
  it('shows info, disks, NICs and XML, and the actions of the current state', async () => {
    const host = new FakeHost([summary(ana, 'shut off')]);
    const { app } = setup(host);
    await until(app, ana);
    await press(app, ENTER);
    let frame = await until(app, 'UUID');
    expect(frame).toContain('Home › VM details');
    expect(frame).toContain('■ shut off');
    expect(frame).toMatch(/Actions: s start · a autostart/);
    expect(frame).not.toContain('d shut down');
    await press(app, '2');
    expect(await until(app, '/pool/')).toContain('vda');
    await press(app, '3');
    expect(await until(app, '52:54:00:00:00:01')).toContain('default');
    await press(app, '4');
    frame = await until(app, '<domain');
    expect(frame).toContain(`<name>${ana}</name>`);
    // Start: the action runs through execute(), the state follows live, and so do the keys.
    await press(app, 's');
    frame = await until(app, `✓ ${ana} started.`);
    frame = await until(app, 'd shut down');
    expect(frame).toContain('▶ running');
    expect(host.calls).toEqual([`start ${ana}`]);
    // The audit log got the entry.
    expect(readFileSync(join(dir, 'audit.jsonl'), 'utf8')).toContain('"vm.start"');
  });

  it('deletes only when the exact name is typed, with storage when chosen, then goes back', async () => {
    const host = new FakeHost([summary(ana, 'shut off'), summary('web-01')]);
    const { app, stores } = setup(host);
    await until(app, ana);
    await press(app, ENTER);
    await until(app, 'D delete');
    await press(app, 'D');
    let frame = await until(app, 'Type the name to confirm');
    expect(frame).toContain('/pool/');
    await press(app, 'Ana', ENTER);
    frame = await until(app, 'That is not the name; nothing was done.');
    expect(host.calls).toEqual([]);
    // Clear the field and type the real name (a paste arrives whole).
    await press(app, '\u0015', ana, '\t', ENTER);
    frame = await until(app, `${ana} deleted with 1 volume.`);
    expect(host.calls).toEqual([`undefine ${ana} storage=true`]);
    expect(stores.router.getState().stack).toEqual(['home', 'vms']);
    await until(app, '1 VM, 1 running');
  });

  it('in the hardened phase a delete is refused with the reason', async () => {
    const host = new FakeHost([summary('old', 'shut off')]);
    const { app } = setup(host, { phase: 'hardened' });
    await until(app, 'old');
    await press(app, ENTER);
    await until(app, 'D delete');
    await press(app, 'D', 'old', ENTER);
    const frame = await until(app, '⊘');
    expect(frame).toContain('hardened phase');
    expect(frame).toContain('fix:');
    expect(host.calls).toEqual([]);
  });

  it('says so when the console cannot take the terminal', async () => {
    const host = new FakeHost([summary('web-01')]);
    const { app } = setup(host);
    await until(app, 'web-01');
    await press(app, ENTER);
    await until(app, 'c console');
    await press(app, 'c');
    await until(app, 'The console needs a real terminal.');
  });
});

describe('snapshots', () => {
  it('draws the tree, takes one, and deletes one after asking', async () => {
    const host = new FakeHost([summary('db', 'running')]);
    host.snapshots.set('db', [
      { name: 'base', createdAt: '2026-01-01T00:00:00', state: 'shut off', current: false },
      {
        name: 'upgrade',
        parent: 'base',
        createdAt: '2026-01-01T01:00:00',
        state: 'running',
        current: true,
      },
      {
        name: 'alt',
        parent: 'base',
        createdAt: '2026-01-01T02:00:00',
        state: 'running',
        current: false,
      },
    ]);
    const { app } = setup(host);
    await until(app, 'db');
    await press(app, ENTER);
    await until(app, 'S snapshots');
    await press(app, 'S');
    let frame = await until(app, 'Snapshots of db');
    expect(frame).toMatch(/base/);
    expect(frame).toMatch(/├─ upgrade ← current/);
    expect(frame).toMatch(/└─ alt/);
    await press(app, 'n');
    await until(app, 'Snapshot name');
    await press(app, '\u0015', 'before-test', ENTER);
    frame = await until(app, 'Snapshot before-test taken.');
    // Taken from the current snapshot (upgrade): it becomes its child.
    frame = await until(app, /│\s+└─ before-test ← current/);
    expect(frame).not.toContain('upgrade ← current');
    await press(app, DOWN, DOWN, DOWN, 'D');
    await until(app, 'Delete snapshot alt?');
    await press(app, 'y');
    await until(app, 'Snapshot alt deleted.');
    expect(host.calls).toEqual(['snapshot-create db before-test', 'snapshot-delete db alt']);
  });
});

describe('connection lost', () => {
  it('shows the banner while libvirt is away and recovers the view', async () => {
    const host = new FakeHost([summary('web-01'), summary('web-02')]);
    const { app, stores } = setup(host);
    await until(app, '2 VMs, 2 running');
    await until(app, ''); // let the subscription start
    for (let i = 0; i < 100 && !host.handlers; i++) await tick(10);
    host.goDown();
    let frame = await until(app, 'Connection lost, reconnecting');
    expect(frame).toContain('✕ connection lost');
    expect(frame).toContain('web-01'); // the last rows stay
    host.vms.push(summary('web-03'));
    host.up = true;
    frame = await until(app, '3 VMs, 3 running', 8000);
    expect(frame).not.toContain('Connection lost');
    expect(stores.session.getState().status).toBe('connected');
  });
});
