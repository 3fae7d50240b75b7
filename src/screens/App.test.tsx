import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { DomainSummary, Hypervisor } from '../adapters/hypervisor.js';
import { partialHypervisor } from '../adapters/hypervisor-fake.js';
import { createConnectionsStore } from '../state/connections.js';
import { createRouterStore } from '../state/router.js';
import { createSessionStore } from '../state/session.js';
import type { ExperienceLevel } from '../state/settings.js';
import { createVmAreaStores } from '../state/vm-area.js';
import { createVmsStore } from '../state/vms.js';
import { App } from './App.js';
import type { Stores } from './types.js';

// A fake of our own Hypervisor port: screens are tested without libvirt here;
// tests/e2e drives the real program against the real demo daemon.
function fakeHypervisor(vms: DomainSummary[]): Hypervisor {
  return partialHypervisor('test:///fake', {
    listDomains: async () => vms.map((v) => ({ ...v })),
    host: async () => ({ hostname: 'fake', hypervisor: 'Test', libvirtVersion: '9.0.0' }),
  });
}

const vm = (name: string, state: DomainSummary['state'] = 'running'): DomainSummary => ({
  uuid: `uuid-${name}`,
  name,
  state,
  vcpus: 2,
  memoryKiB: 2 * 1024 * 1024,
  autostart: false,
  persistent: true,
});

function setup(vms: DomainSummary[], experience: ExperienceLevel = 'beginner') {
  const stores: Stores = {
    session: createSessionStore({ phase: 'setup', experience, showCommands: true }),
    router: createRouterStore(),
    vms: createVmsStore(),
    vmArea: createVmAreaStores(),
    connections: createConnectionsStore(),
  };
  const hv = fakeHypervisor(vms);
  stores.session.setState({
    status: 'connected',
    target: { uri: hv.uri, kind: 'custom', label: 'fakehost', reason: 'test' },
  });
  const app = render(<App ctx={{ stores, hypervisor: () => hv }} />);
  return { app, stores };
}

const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));
async function press(app: ReturnType<typeof render>, keys: string) {
  app.stdin.write(keys);
  await tick();
}
async function until(app: ReturnType<typeof render>, text: string) {
  for (let i = 0; i < 500 && !app.lastFrame()?.includes(text); i++) await tick(10);
  return app.lastFrame() ?? '';
}

const flat = (s: string) => s.replace(/\s+/g, ' ');

let current: ReturnType<typeof render> | undefined;
afterEach(() => current?.unmount());

describe('console shell', () => {
  it('shows header, home menu and key hints', async () => {
    const { app } = setup([]);
    current = app;
    const frame = await until(app, 'Virtual machines');
    expect(frame).toContain('hv │ Home');
    expect(frame).toContain('fakehost ● connected');
    expect(frame).toContain('phase: setup');
    expect(frame).toContain('level: beginner');
    expect(frame).toContain('› 1. Setup');
    expect(frame).toContain('? help');
    expect(frame).toContain('q/Ctrl-C quit');
  });

  it('never renders more rows than the terminal minus one', async () => {
    const many = Array.from({ length: 1000 }, (_, i) => vm(`vm-${String(i).padStart(4, '0')}`));
    const { app } = setup(many);
    current = app;
    await press(app, '2');
    const frame = await until(app, 'vm-0000');
    expect(frame.split('\n').length).toBeLessThanOrEqual(23);
    expect(frame).toContain('1000 VMs');
    expect(frame).not.toContain('vm-0100');
  });

  it('opens an area, moves the cursor and goes back with Esc', async () => {
    const { app, stores } = setup([
      vm('alpha'),
      vm('Ana\'s "lab" VM — café', 'shut off'),
      vm('zeta', 'paused'),
    ]);
    current = app;
    await press(app, '\u001b[B'); // down
    await press(app, '\r');
    let frame = await until(app, 'alpha');
    expect(frame).toContain('Home › Virtual machines');
    expect(frame).toContain('Ana\'s "lab" VM — café');
    expect(frame).toContain('■ shut off');
    expect(frame).toContain('‖ paused');
    expect(frame).toMatch(/›\s+alpha/);
    await press(app, '\u001b[B');
    frame = app.lastFrame() ?? '';
    expect(frame).toMatch(/›\s+Ana's/);
    expect(stores.vms.getState().list.cursor).toBe(1);
    await press(app, '\u001b');
    frame = await until(app, '› 2. Virtual machines');
    expect(stores.router.getState().stack).toEqual(['home']);
  });

  it('toggles the help overlay with ?, closes it with Esc', async () => {
    const { app, stores } = setup([]);
    current = app;
    await press(app, '?');
    let frame = await until(app, 'Help: Home');
    expect(flat(frame)).toContain('A virtualization host runs virtual machines');
    expect(frame).toContain('1,2,3,4,5');
    await press(app, '\u001b');
    frame = app.lastFrame() ?? '';
    expect(frame).not.toContain('Help: Home');
    expect(stores.router.getState().helpOpen).toBe(false);
  });

  it('scrolls a help text longer than the screen, and shows its keys in the footer', async () => {
    const { app, stores } = setup([vm('alpha')]);
    current = app;
    await press(app, '2');
    await until(app, 'alpha');
    await press(app, '?');
    let frame = await until(app, 'Help: Virtual machines');
    // The VM list's help (beginner) is longer than 80x24 allows.
    expect(frame).toMatch(/Lines 1-\d+ of \d+: ↓ for more/);
    expect(frame).toContain('↓ scroll');
    expect(frame).toContain('?/Esc close help');
    expect(frame).not.toContain('Leave hv.');
    await press(app, '\u001b[F'); // End
    frame = await until(app, 'Leave hv.');
    expect(frame).not.toContain('↓ for more');
    expect(stores.router.getState().helpTop).toBeGreaterThan(0);
    // Down at the end stays at the end; Home returns to the top.
    const end = stores.router.getState().helpTop;
    await press(app, '\u001b[B');
    expect(stores.router.getState().helpTop).toBe(end);
    await press(app, 'g');
    expect(stores.router.getState().helpTop).toBe(0);
    await press(app, '?');
    expect(stores.router.getState().helpOpen).toBe(false);
    // The list underneath did not move while help scrolled.
    expect(stores.vms.getState().list.cursor).toBe(0);
  });

  it('takes Backspace, Enter and text arriving in one read as the keys they were', async () => {
    const { app, stores } = setup([vm('alpha'), vm('beta'), vm('gamma')]);
    current = app;
    await press(app, '2');
    await until(app, 'gamma');
    // "/" opens the filter; "bx", Backspace, "e" and Enter come in one write.
    await press(app, '/');
    await press(app, 'bx\u007fe\r');
    const frame = await until(app, 'filter "be"');
    expect(stores.vms.getState().view.filter).toBe('be');
    expect(frame).toContain('beta');
    expect(frame).not.toContain('gamma');
    // Ctrl-U (clear the field) in the middle of a read clears, then the rest types.
    await press(app, '/');
    await press(app, 'zz\u0015al\r');
    await until(app, 'filter "al"');
    expect(stores.vms.getState().view.filter).toBe('al');
  });

  it('gives experts terse help and no welcome paragraph', async () => {
    const { app } = setup([], 'expert');
    current = app;
    expect(await until(app, '1. Setup')).not.toContain('Welcome');
    await press(app, '?');
    const frame = await until(app, 'Help: Home');
    expect(frame).toContain('(expert)');
    expect(flat(frame)).not.toContain('A virtualization host runs virtual machines');
  });

  it('opens the lessons with 3', async () => {
    const { app } = setup([]);
    current = app;
    await press(app, '3');
    const frame = await until(app, 'What a hypervisor and a VM are');
    expect(frame).toContain('Home › Learn');
    expect(frame).toContain('Enter/→ open');
  });

  it('quits on q', async () => {
    const { app } = setup([]);
    current = app;
    await until(app, 'Setup');
    await press(app, 'q');
    // After exit Ink stops reacting to input: the screen does not change.
    const before = app.lastFrame();
    await press(app, '2');
    expect(app.lastFrame()).toBe(before);
  });
});
