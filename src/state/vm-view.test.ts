import { describe, expect, it } from 'vitest';
import type { DomainState } from '../adapters/hypervisor.js';
import {
  buildRows,
  fold,
  keepCursor,
  type LiveVm,
  matchesFilter,
  moveCursor,
  nextSort,
  sortVms,
} from './vm-view.js';

const vm = (name: string, state: DomainState = 'running', extra: Partial<LiveVm> = {}): LiveVm => ({
  uuid: `u-${name}`,
  name,
  state,
  vcpus: 1,
  memoryKiB: 1024,
  autostart: false,
  persistent: true,
  ...extra,
});

const names = (vms: LiveVm[]) => vms.map((v) => v.name);

describe('sortVms', () => {
  const vms = [
    vm('web-10', 'shut off', { memoryKiB: 4096, cpuPercent: 0 }),
    vm('web-2', 'running', { memoryKiB: 2048, cpuPercent: 50 }),
    vm('Ana', 'paused', { memoryKiB: 4096, cpuPercent: undefined }),
    vm('db', 'running', { memoryKiB: 8192, cpuPercent: 12.5 }),
  ];
  it('by name: natural and case-insensitive', () => {
    expect(names(sortVms(vms, 'name'))).toEqual(['Ana', 'db', 'web-2', 'web-10']);
  });
  it('by state: running first, off last, then by name', () => {
    expect(names(sortVms(vms, 'state'))).toEqual(['db', 'web-2', 'Ana', 'web-10']);
  });
  it('by memory: biggest first, ties by name', () => {
    expect(names(sortVms(vms, 'memory'))).toEqual(['db', 'Ana', 'web-10', 'web-2']);
  });
  it('by CPU: busiest first, unknown last', () => {
    expect(names(sortVms(vms, 'cpu'))).toEqual(['web-2', 'db', 'web-10', 'Ana']);
  });
  it('does not change its input', () => {
    const copy = [...vms];
    sortVms(vms, 'memory');
    expect(vms).toEqual(copy);
  });
  it('cycles sort keys', () => {
    expect([nextSort('name'), nextSort('state'), nextSort('memory'), nextSort('cpu')]).toEqual([
      'state',
      'memory',
      'cpu',
      'name',
    ]);
  });
});

describe('matchesFilter', () => {
  const ana = vm('Ana\'s "lab" VM — café', 'shut off');
  it('matches names case- and accent-insensitively', () => {
    expect(matchesFilter(ana, 'CAFE')).toBe(true);
    expect(matchesFilter(ana, '"lab"')).toBe(true);
    expect(matchesFilter(ana, 'café')).toBe(true);
    expect(matchesFilter(ana, 'web')).toBe(false);
  });
  it('needs every word, and matches the state word', () => {
    expect(matchesFilter(ana, 'ana shut')).toBe(true);
    expect(matchesFilter(ana, 'ana running')).toBe(false);
    expect(matchesFilter(ana, 'state:shut')).toBe(true);
    expect(matchesFilter(vm('shutter'), 'state:shut')).toBe(false);
  });
  it('an empty filter matches everything', () => {
    expect(matchesFilter(ana, '   ')).toBe(true);
  });
  it('folds accents', () => {
    expect(fold('Ünïcödé')).toBe('unicode');
  });
});

describe('buildRows', () => {
  const vms = [vm('b', 'shut off'), vm('a', 'running'), vm('c', 'running'), vm('d', 'paused')];
  it('flat: sorted VMs only', () => {
    const rows = buildRows(vms, { sort: 'name', filter: '', group: false });
    expect(rows.map((r) => r.key)).toEqual(['u-a', 'u-b', 'u-c', 'u-d']);
  });
  it('grouped: a heading per state with its count, running first', () => {
    const rows = buildRows(vms, { sort: 'name', filter: '', group: true });
    expect(rows.map((r) => (r.kind === 'group' ? `[${r.state} ${r.count}]` : r.vm.name))).toEqual([
      '[running 2]',
      'a',
      'c',
      '[paused 1]',
      'd',
      '[shut off 1]',
      'b',
    ]);
  });
  it('filters before grouping: empty groups are left out', () => {
    const rows = buildRows(vms, { sort: 'name', filter: 'state:run', group: true });
    expect(rows.map((r) => r.key)).toEqual(['group:running', 'u-a', 'u-c']);
  });
});

describe('cursor', () => {
  const grouped = buildRows([vm('a'), vm('b'), vm('c', 'shut off')], {
    sort: 'name',
    filter: '',
    group: true,
  });
  it('skips headings when moving', () => {
    // rows: [running] a b [shut off] c
    let l = keepCursor(grouped, { cursor: 0, top: 0 }, undefined, 10);
    expect(l.cursor).toBe(1);
    l = moveCursor(grouped, l, 'down', 10);
    l = moveCursor(grouped, l, 'down', 10);
    expect(grouped[l.cursor]?.key).toBe('u-c');
    l = moveCursor(grouped, l, 'up', 10);
    expect(grouped[l.cursor]?.key).toBe('u-b');
    l = moveCursor(grouped, l, 'first', 10);
    expect(l).toEqual({ cursor: 1, top: 0 });
    expect(moveCursor(grouped, l, 'up', 10).cursor).toBe(1);
  });
  it('stays on the same VM when rows come and go', () => {
    const before = buildRows([vm('a'), vm('b'), vm('c')], {
      sort: 'name',
      filter: '',
      group: false,
    });
    const l = { cursor: 2, top: 0 }; // on c
    const after = buildRows([vm('0'), vm('a'), vm('c')], {
      sort: 'name',
      filter: '',
      group: false,
    });
    expect(after[keepCursor(after, l, before[2]?.key, 10).cursor]?.key).toBe('u-c');
  });
  it('lands on the neighbour when the selected VM went away', () => {
    const after = buildRows([vm('a'), vm('b')], { sort: 'name', filter: '', group: false });
    expect(keepCursor(after, { cursor: 2, top: 0 }, 'u-c', 10).cursor).toBe(1);
  });
  it('keeps the window around the cursor on a long list', () => {
    const many = Array.from({ length: 1000 }, (_, i) => vm(`vm-${String(i).padStart(4, '0')}`));
    const rows = buildRows(many, { sort: 'name', filter: '', group: false });
    const l = keepCursor(rows, { cursor: 0, top: 0 }, 'u-vm-0500', 15);
    expect(l.cursor).toBe(500);
    expect(l.top).toBeLessThanOrEqual(500);
    expect(l.top).toBeGreaterThan(500 - 15);
  });
});
