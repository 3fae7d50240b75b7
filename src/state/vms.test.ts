import { describe, expect, it } from 'vitest';
import type { DomainSummary } from '../adapters/hypervisor.js';
import {
  applyListing,
  createVmsStore,
  cursorVm,
  moveVmCursor,
  selectedVms,
  setView,
  toggleSelectAll,
  toggleSelected,
} from './vms.js';

const dom = (name: string, extra: Partial<DomainSummary> = {}): DomainSummary => ({
  uuid: `u-${name}`,
  name,
  state: 'running',
  vcpus: 2,
  memoryKiB: 1024,
  autostart: false,
  persistent: true,
  ...extra,
});

describe('vms store', () => {
  it('computes CPU % per vCPU from successive samples', () => {
    const store = createVmsStore();
    applyListing(store, [dom('a', { cpuTimeNs: 0 }), dom('b', { state: 'shut off' })], 1000);
    expect(store.getState().vms[0]?.cpuPercent).toBeUndefined();
    applyListing(store, [dom('a', { cpuTimeNs: 1e9 }), dom('b', { state: 'shut off' })], 2000);
    // 1 s of CPU in 1 s of wall time over 2 vCPUs.
    expect(store.getState().vms[0]?.cpuPercent).toBe(50);
    // A VM that is off uses no CPU, whether or not the listing has CPU time.
    expect(store.getState().vms[1]?.cpuPercent).toBe(0);
  });

  it('brings the cursor back to a VM that was missing from one listing (a daemon restarting)', () => {
    const store = createVmsStore();
    applyListing(store, [dom('a'), dom('b'), dom('c')], 1);
    moveVmCursor(store, 'down', 10);
    expect(cursorVm(store.getState())?.name).toBe('b');
    applyListing(store, [dom('a'), dom('c')], 2);
    expect(cursorVm(store.getState())?.name).toBe('c');
    applyListing(store, [dom('a'), dom('b'), dom('c')], 3);
    expect(cursorVm(store.getState())?.name).toBe('b');
    // Filtered out and back: the same.
    setView(store, { filter: 'c' });
    expect(cursorVm(store.getState())?.name).toBe('c');
    setView(store, { filter: '' });
    expect(cursorVm(store.getState())?.name).toBe('b');
  });

  it('stays where the person moved it while the first VM was missing', () => {
    const store = createVmsStore();
    applyListing(store, [dom('a'), dom('b'), dom('c')], 1);
    moveVmCursor(store, 'down', 10);
    applyListing(store, [dom('a'), dom('c')], 2);
    moveVmCursor(store, 'up', 10);
    expect(cursorVm(store.getState())?.name).toBe('a');
    applyListing(store, [dom('a'), dom('b'), dom('c')], 3);
    expect(cursorVm(store.getState())?.name).toBe('a');
  });

  it('keeps the cursor on the same VM across updates and view changes', () => {
    const store = createVmsStore();
    applyListing(store, [dom('a'), dom('b'), dom('c', { memoryKiB: 9999 })], 1);
    moveVmCursor(store, 'down', 10);
    moveVmCursor(store, 'down', 10);
    expect(cursorVm(store.getState())?.name).toBe('c');
    applyListing(store, [dom('0'), dom('a'), dom('b'), dom('c', { memoryKiB: 9999 })], 2);
    expect(cursorVm(store.getState())?.name).toBe('c');
    setView(store, { sort: 'memory' });
    expect(store.getState().list.cursor).toBe(0);
    expect(cursorVm(store.getState())?.name).toBe('c');
    setView(store, { filter: 'b' });
    expect(cursorVm(store.getState())?.name).toBe('b');
  });

  it('selects with space (moving down), all with a, and forgets VMs that went away', () => {
    const store = createVmsStore();
    applyListing(store, [dom('a'), dom('b'), dom('c')], 1);
    toggleSelected(store, 10);
    expect(cursorVm(store.getState())?.name).toBe('b');
    moveVmCursor(store, 'down', 10);
    toggleSelected(store, 10);
    expect(selectedVms(store.getState()).map((v) => v.name)).toEqual(['a', 'c']);
    applyListing(store, [dom('a'), dom('b')], 2);
    expect(selectedVms(store.getState()).map((v) => v.name)).toEqual(['a']);
    toggleSelectAll(store);
    expect(selectedVms(store.getState()).map((v) => v.name)).toEqual(['a', 'b']);
    toggleSelectAll(store);
    expect(store.getState().selected.size).toBe(0);
  });

  it('select-all takes only the VMs the filter shows', () => {
    const store = createVmsStore();
    applyListing(store, [dom('web-1'), dom('web-2'), dom('db')], 1);
    setView(store, { filter: 'web' });
    toggleSelectAll(store);
    expect(selectedVms(store.getState()).map((v) => v.name)).toEqual(['web-1', 'web-2']);
  });
});
