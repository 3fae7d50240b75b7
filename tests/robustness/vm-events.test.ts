// 10,000 synthetic VM events through the VM store, the way the console receives
// them: the live feed's event subscription fires, the feed refreshes the list, the
// store rebuilds rows and keeps the cursor. Memory must stay flat: the heap after
// a full garbage collection grows by less than a fixed bound from 1,000 events to
// 11,000. That bound is about behaviour (nothing accumulates per event), not speed.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { DomainState, DomainSummary, EventHandlers } from '../../src/adapters/hypervisor.js';
import { partialHypervisor } from '../../src/adapters/hypervisor-fake.js';
import { createSessionStore } from '../../src/state/session.js';
import { startLiveFeed } from '../../src/state/vm-live.js';
import { createVmsStore, moveVmCursor, setView } from '../../src/state/vms.js';
import { prng } from './generators.js';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

const VMS = 200;
const WARMUP = 1_000;
const EVENTS = 10_000;
/** The heap may grow by less than this over 10,000 events (one leaked list per event would be ~300 MB). */
const BOUND_BYTES = 8 * 1024 * 1024;

const heapAfterGc = () => {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
};

describe('10,000 VM events through the store', () => {
  it('keeps the list right and the heap flat', async () => {
    const r = prng(10_000);
    const states: DomainState[] = ['running', 'paused', 'shut off', 'crashed'];
    // The simulated hypervisor: its VMs change with every event.
    const world: DomainSummary[] = Array.from({ length: VMS }, (_, i) => ({
      uuid: `uuid-${i}`,
      name: `vm-${String(i).padStart(3, '0')}`,
      state: 'running',
      vcpus: 1 + (i % 4),
      memoryKiB: 1024 * 1024,
      autostart: i % 2 === 0,
      persistent: true,
      cpuTimeNs: 0,
    }));
    let handlers: EventHandlers | undefined;
    const hv = partialHypervisor('test:///synthetic', {
      listDomains: async () => world.map((d) => ({ ...d })),
      subscribeEvents: (h) => {
        handlers = h;
        return { stop: async () => {} };
      },
    });
    const vms = createVmsStore();
    const session = createSessionStore({
      phase: 'setup',
      experience: 'expert',
      showCommands: false,
    });
    const feed = startLiveFeed({
      vms,
      session,
      hypervisor: () => hv,
      pollMs: 3_600_000,
      debounceMs: 0,
    });
    await feed.refresh();
    expect(handlers).toBeDefined();

    const fire = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const vm = world[r.int(VMS)]!;
        vm.state = r.pick(states);
        vm.cpuTimeNs = (vm.cpuTimeNs ?? 0) + r.int(1e9);
        handlers!.onEvent({
          type: 'lifecycle',
          domain: vm.name,
          event: vm.state === 'running' ? 'started' : 'stopped',
          detail: 'Booted',
          raw: `event 'lifecycle' for domain '${vm.name}'`,
        });
        // The console moves around and changes the view now and then.
        if (i % 97 === 0) moveVmCursor(vms, r.pick(['up', 'down', 'pageDown', 'last']), 20);
        if (i % 501 === 0) setView(vms, { sort: r.pick(['name', 'state', 'cpu', 'memory']) });
        await feed.refresh();
      }
    };

    await fire(WARMUP);
    const before = heapAfterGc();
    await fire(EVENTS);
    const after = heapAfterGc();
    await feed.stop();

    // The store reflects the world exactly, without duplicates.
    const s = vms.getState();
    expect(s.vms).toHaveLength(VMS);
    expect(new Set(s.vms.map((v) => v.uuid)).size).toBe(VMS);
    for (const w of world) expect(s.vms.find((v) => v.uuid === w.uuid)?.state).toBe(w.state);
    expect(s.rows.length).toBe(VMS);
    expect(s.list.cursor).toBeLessThan(VMS);
    expect(
      after - before,
      `heap grew ${((after - before) / 1024 / 1024).toFixed(1)} MiB`,
    ).toBeLessThan(BOUND_BYTES);
  }, 60_000);
});
