// The keys every screen has for learning: $ (the command in the footer), J (the
// journal) and L (the level), with the footer following the last action.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { partialHypervisor } from '../../adapters/hypervisor-fake.js';
import { createConnectionsStore } from '../../state/connections.js';
import { journal } from '../../state/journal.js';
import { createRouterStore } from '../../state/router.js';
import { createSessionStore } from '../../state/session.js';
import { createVmAreaStores } from '../../state/vm-area.js';
import { createVmsStore } from '../../state/vms.js';
import { App } from '../App.js';
import type { Stores } from '../types.js';

const saved = process.env.XDG_CONFIG_HOME;
let config: string;
beforeAll(() => {
  config = mkdtempSync(join(tmpdir(), 'hvk-'));
  process.env.XDG_CONFIG_HOME = config;
});
afterAll(() => {
  if (saved === undefined) delete process.env.XDG_CONFIG_HOME;
  else process.env.XDG_CONFIG_HOME = saved;
});

function setup() {
  const stores: Stores = {
    session: createSessionStore({ phase: 'setup', experience: 'beginner', showCommands: true }),
    router: createRouterStore(),
    vms: createVmsStore(),
    vmArea: createVmAreaStores(),
    connections: createConnectionsStore(),
  };
  const hv = partialHypervisor('test:///fake', {
    listDomains: async () => [],
    host: async () => ({ hostname: 'fake', hypervisor: 'Test', libvirtVersion: '9.0.0' }),
  });
  stores.session.setState({
    status: 'connected',
    target: { uri: hv.uri, kind: 'custom', label: 'fakehost', reason: 'test' },
  });
  return { app: render(<App ctx={{ stores, hypervisor: () => hv }} />), stores };
}

const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));
async function until(app: ReturnType<typeof render>, test: (frame: string) => boolean) {
  for (let i = 0; i < 100 && !test(app.lastFrame() ?? ''); i++) await tick(10);
  return app.lastFrame() ?? '';
}

/** The settings file once it says what we expect (it is saved in the background). */
async function settingsWhen(test: (s: Record<string, unknown>) => boolean) {
  for (let i = 0; i < 300; i++) {
    try {
      const s = JSON.parse(readFileSync(join(config, 'hv', 'settings.json'), 'utf8'));
      if (test(s)) return s;
    } catch {
      // not written yet
    }
    await tick(10);
  }
  throw new Error('the settings were not saved');
}

let current: ReturnType<typeof render> | undefined;
afterEach(() => {
  current?.unmount();
  journal.getState().clear();
});

describe('learning keys on every screen', () => {
  it('shows the last action in the footer, lists it in the journal, and hides it with $', async () => {
    const { app } = setup();
    current = app;
    let frame = await until(app, (f) => f.includes('$ hv --help'));
    journal.getState().record({
      time: Date.now(),
      operation: 'vm.start',
      title: 'start a VM',
      target: "Ana's VM",
      result: 'ok',
      commands: [
        { tool: 'virsh', args: ['-c', 'test:///fake', 'start', "Ana's VM"] },
        { tool: 'hv', args: ['vm', 'start', "Ana's VM"] },
      ],
    });
    frame = await until(app, (f) => f.includes("$ virsh -c test:///fake start 'Ana'\\''s VM'"));
    expect(frame).toContain('(+1 more: J)');

    app.stdin.write('$');
    frame = await until(app, (f) => !f.includes('(+1 more: J)'));
    expect(frame).not.toContain('$ virsh');
    expect(frame).not.toContain('$ hv --help');
    await settingsWhen((x) => x.showCommands === false);
    app.stdin.write('$');
    await until(app, (f) => f.includes('(+1 more: J)'));

    app.stdin.write('J');
    frame = await until(app, (f) => f.includes('Home › Journal'));
    expect(frame).toContain("✓ done: start a VM · Ana's VM");
    expect(frame).toContain("    $ hv vm start 'Ana'\\''s VM'");
  });

  it('changes the level with L and says so in the header and help', async () => {
    const { app, stores } = setup();
    current = app;
    await until(app, (f) => f.includes('level: beginner'));
    app.stdin.write('L');
    await until(app, (f) => f.includes('level: intermediate'));
    expect(stores.session.getState().experience).toBe('intermediate');
    app.stdin.write('?');
    const frame = await until(app, (f) => f.includes('Help: Home  (intermediate)'));
    expect(frame).toContain('$,J,L');
    app.stdin.write('?');
    app.stdin.write('L');
    app.stdin.write('L');
    await until(app, (f) => f.includes('level: beginner'));
    await settingsWhen((x) => x.experience === 'beginner');
  });
});
