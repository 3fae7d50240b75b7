import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { hostInfo } from '../../adapters/hostinfo.js';
import { partialHypervisor } from '../../adapters/hypervisor-fake.js';
import type { NixosRunner } from '../../adapters/nixos.js';
import { realHostDeps } from '../../operations/host.js';
import { createConnectionsStore } from '../../state/connections.js';
import { hostStoreFor } from '../../state/host.js';
import { createRouterStore } from '../../state/router.js';
import { createSessionStore } from '../../state/session.js';
import { createVmAreaStores } from '../../state/vm-area.js';
import { createVmsStore } from '../../state/vms.js';
import { App } from '../App.js';
import type { Stores } from '../types.js';

function profile(gens: number[], current: number) {
  const dir = mkdtempSync(join(tmpdir(), 'hv-hs-prof-'));
  for (const n of gens) {
    const store = join(dir, `store-${n}`);
    mkdirSync(store);
    writeFileSync(join(store, 'nixos-version'), `25.05.${n}`);
    symlinkSync(store, join(dir, `system-${n}-link`));
  }
  symlinkSync(`system-${current}-link`, join(dir, 'system'));
  return join(dir, 'system');
}

function setup(phaseHardened = false) {
  const root = mkdtempSync(join(tmpdir(), 'hv-hs-root-'));
  if (phaseHardened) writeFileSync(join(root, '.phase-hardened'), '{}');
  const env = {
    ...process.env,
    HV_ROOT_DIR: root,
    HV_AUDIT_LOG: join(root, 'audit.jsonl'),
    HV_NIXOS_PROFILE: profile([40, 41, 42], 42),
  };
  const calls: string[] = [];
  // A fake of our own NixosRunner port: nothing on this machine is rolled back.
  const nixos: NixosRunner = {
    locate: () => '/run/current-system/sw/bin/nixos-rebuild',
    rebuild: async () => 0,
    revert: async () => 0,
    rollback: async (onLine) => {
      calls.push('rollback');
      onLine('activating the configuration...');
      return 0;
    },
  };
  const stores: Stores = {
    session: createSessionStore({ phase: 'setup', experience: 'beginner', showCommands: true }),
    router: createRouterStore(),
    vms: createVmsStore(),
    vmArea: createVmAreaStores(),
    connections: createConnectionsStore(),
  };
  hostStoreFor(stores, { deps: { ...realHostDeps, nixos }, env, readInfo: hostInfo });
  const hv = partialHypervisor('test:///fake', { listDomains: async () => [] });
  const app = render(<App ctx={{ stores, hypervisor: () => hv }} />);
  return { app, stores, calls };
}

let current: ReturnType<typeof render> | undefined;
afterEach(() => current?.unmount());
const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));
async function until(app: ReturnType<typeof render>, text: string, ms = 4000) {
  const end = Date.now() + ms;
  while (Date.now() < end && !(app.lastFrame() ?? '').includes(text)) await tick(20);
  return app.lastFrame() ?? '';
}
const root = process.getuid?.() === 0;

describe('Host screen', () => {
  it('shows this machine: name, addresses, uptime, memory, libvirtd, generation, phase, you', async () => {
    const { app } = setup();
    current = app;
    app.stdin.write('4');
    const frame = await until(app, 'Memory      ');
    expect(frame).toContain('Home › Host');
    expect(frame).toContain(`Host        ${hostname()}`);
    expect(frame).toMatch(/Memory\s+[\d.]+ [GM]iB free of/);
    expect(frame).toContain('NixOS       generation 42 of 3 (NixOS 25.05.42)');
    expect(frame).toContain('Phase       setup');
    expect(frame).toMatch(/You\s+\S+: /);
    expect(frame.split('\n').length).toBeLessThanOrEqual(23);
  });

  it('lists generations and rolls back after asking (root), or shows the sudo command', async () => {
    const { app, calls } = setup();
    current = app;
    app.stdin.write('4');
    await until(app, 'Memory      ');
    app.stdin.write('g');
    let frame = await until(app, '● current');
    expect(frame).toMatch(/›\s+42\s+.*25\.05\.42\s+● current/);
    expect(frame).toContain('41');
    app.stdin.write('b');
    frame = await until(app, 'Roll the system back?');
    expect(frame).toContain('From generation 42 to 41 (NixOS 25.05.41)');
    app.stdin.write('y');
    if (root) {
      frame = await until(app, 'Rolled back');
      expect(frame).toContain('generation 42 → 41');
      expect(calls).toEqual(['rollback']);
    } else {
      frame = await until(app, 'needs root');
      expect(frame).toContain('sudo hv host rollback');
      expect(calls).toEqual([]);
    }
  });

  it('refuses rollback in the hardened phase and says how to unlock; the header shows it', async () => {
    const { app, calls } = setup(true);
    current = app;
    app.stdin.write('4');
    let frame = await until(app, 'phase: hardened');
    expect(frame).toContain('Phase       hardened');
    app.stdin.write('b');
    await until(app, 'Roll the system back?');
    app.stdin.write('y');
    frame = await until(app, 'hardened phase, which allows only');
    expect(frame).toContain('sudo hv phase unlock');
    expect(calls).toEqual([]);
  });

  it('cancels a confirmation with Esc, doing nothing', async () => {
    const { app, calls, stores } = setup();
    current = app;
    app.stdin.write('4');
    await until(app, 'Memory      ');
    app.stdin.write('d');
    await until(app, 'Restart the libvirt daemon?');
    app.stdin.write('\u001b');
    await tick(100);
    expect(app.lastFrame()).not.toContain('Restart the libvirt daemon?');
    expect(hostStoreFor(stores).store.getState().status).toBeUndefined();
    expect(calls).toEqual([]);
  });
});

describe('the header', () => {
  it('follows a phase change made in another shell', async () => {
    const root = mkdtempSync(join(tmpdir(), 'hv-hs-hdr-'));
    const saved = process.env.HV_ROOT_DIR;
    process.env.HV_ROOT_DIR = root;
    try {
      const { app } = setup();
      current = app;
      await until(app, 'phase: setup');
      writeFileSync(join(root, '.phase-hardened'), '{}');
      expect(await until(app, 'phase: hardened', 8000)).toContain('phase: hardened');
    } finally {
      if (saved === undefined) delete process.env.HV_ROOT_DIR;
      else process.env.HV_ROOT_DIR = saved;
    }
  });
});
