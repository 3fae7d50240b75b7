// The VM list as shown: sorted, filtered and optionally grouped by state. Pure:
// the store recomputes rows from the VMs and the view options on every change
// (1000 VMs sort in well under a millisecond), and the cursor follows a VM's
// uuid, not an index, so rows coming and going never move it to another VM.
import type { DomainState, DomainSummary } from '../adapters/hypervisor.js';
import { follow, type ListMove, type ListState, moveList } from '../base/list.js';
import type { CpuSample } from './vm-cpu.js';

export interface LiveVm extends DomainSummary {
  /** Share of its vCPUs in use (vm-cpu.ts), 0..100; undefined when unknown. */
  cpuPercent?: number | undefined;
  /** The CPU-time baseline the next percentage is measured from. */
  cpuSample?: CpuSample | undefined;
}

export type SortKey = 'name' | 'state' | 'memory' | 'cpu';
export const sortKeys: readonly SortKey[] = ['name', 'state', 'memory', 'cpu'];

export interface ViewOptions {
  sort: SortKey;
  filter: string;
  group: boolean;
}

export const defaultView: ViewOptions = { sort: 'name', filter: '', group: false };

export type VmRow =
  | { kind: 'group'; key: string; state: DomainState; count: number }
  | { kind: 'vm'; key: string; vm: LiveVm };

/** Running first, off last: the order people scan a host in. */
export const stateOrder: readonly DomainState[] = [
  'running',
  'blocked',
  'paused',
  'suspended',
  'shutting down',
  'crashed',
  'no state',
  'shut off',
];
const stateRank = new Map(stateOrder.map((s, i) => [s, i]));

// Built on first sort, not at import: creating a collator loads ICU data (~15 ms),
// which the console's first frame (home, no VM list yet) must not wait for.
let collator: Intl.Collator | undefined;
const byName = (a: LiveVm, b: LiveVm) => {
  collator ??= new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  return collator.compare(a.name, b.name) || (a.uuid < b.uuid ? -1 : 1);
};

const comparators: Record<SortKey, (a: LiveVm, b: LiveVm) => number> = {
  name: byName,
  state: (a, b) => (stateRank.get(a.state) ?? 99) - (stateRank.get(b.state) ?? 99) || byName(a, b),
  // Biggest first: the question is "what uses the most".
  memory: (a, b) => b.memoryKiB - a.memoryKiB || byName(a, b),
  cpu: (a, b) => (b.cpuPercent ?? -1) - (a.cpuPercent ?? -1) || byName(a, b),
};

export function sortVms(vms: readonly LiveVm[], key: SortKey): LiveVm[] {
  return [...vms].sort(comparators[key]);
}

/**
 * Every word of the filter must match the name (case- and accent-insensitive) or
 * the state word; "state:paused" matches the state only.
 */
export function matchesFilter(vm: LiveVm, filter: string): boolean {
  const words = fold(filter).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const name = fold(vm.name);
  const state = vm.state;
  return words.every((w) =>
    w.startsWith('state:') ? state.startsWith(w.slice(6)) : name.includes(w) || state.startsWith(w),
  );
}

/** Lower case without accents: "café" matches "cafe". */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function buildRows(vms: readonly LiveVm[], view: ViewOptions): VmRow[] {
  const shown = sortVms(
    vms.filter((v) => matchesFilter(v, view.filter)),
    view.group && view.sort === 'state' ? 'name' : view.sort,
  );
  if (!view.group) return shown.map((vm) => ({ kind: 'vm', key: vm.uuid, vm }));
  const rows: VmRow[] = [];
  for (const state of stateOrder) {
    const members = shown.filter((v) => v.state === state);
    if (members.length === 0) continue;
    rows.push({ kind: 'group', key: `group:${state}`, state, count: members.length });
    for (const vm of members) rows.push({ kind: 'vm', key: vm.uuid, vm });
  }
  return rows;
}

/** The next sort key in the cycle (s pressed again and again). */
export const nextSort = (k: SortKey): SortKey =>
  sortKeys[(sortKeys.indexOf(k) + 1) % sortKeys.length]!;

/**
 * Where the cursor goes after the rows changed: the same VM if it is still shown,
 * else the row at the old position (the neighbour of a VM that went away).
 */
export function keepCursor(
  rows: readonly VmRow[],
  list: ListState,
  selectedKey: string | undefined,
  height: number,
): ListState {
  const idx = selectedKey ? rows.findIndex((r) => r.key === selectedKey) : -1;
  const cursor = idx >= 0 ? idx : Math.min(list.cursor, rows.length - 1);
  return onVmRow(rows, follow({ ...list, cursor }, rows.length, height), 1, height);
}

/** Moves the cursor; group headings are skipped in the direction of travel. */
export function moveCursor(
  rows: readonly VmRow[],
  list: ListState,
  move: ListMove,
  height: number,
): ListState {
  const next = moveList(list, move, rows.length, height);
  const dir = move === 'up' || move === 'pageUp' || move === 'last' ? -1 : 1;
  const landed = onVmRow(rows, next, dir, height);
  // At the very top a heading is all there is above: stay where we were.
  return rows[landed.cursor]?.kind === 'vm' ? landed : list;
}

function onVmRow(rows: readonly VmRow[], s: ListState, dir: 1 | -1, height: number): ListState {
  if (rows.length === 0) return s;
  let c = s.cursor;
  for (let i = 0; i < rows.length && rows[c]?.kind === 'group'; i++) {
    const n = c + dir;
    if (n < 0 || n >= rows.length) {
      dir = dir === 1 ? -1 : 1;
      continue;
    }
    c = n;
  }
  const f = follow({ ...s, cursor: c }, rows.length, height);
  // Keep the heading of the first group visible when its first VM is selected.
  return c === 1 && rows[0]?.kind === 'group' ? { ...f, top: 0 } : f;
}

export const rowVm = (row: VmRow | undefined): LiveVm | undefined =>
  row?.kind === 'vm' ? row.vm : undefined;
