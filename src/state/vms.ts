// The VM list as the console sees it: the VMs of the current connection, the
// view options (sort, filter, group), the rows they give, the cursor (kept on a
// VM's uuid across updates), the bulk selection, the connection's health and
// the status line of the last action. Plain functions change it, so screens
// and tests drive it without React.
import { createStore } from 'zustand/vanilla';
import type { DomainSummary, Hypervisor } from '../adapters/hypervisor.js';
import { errorMessage, isHvError } from '../base/errors.js';
import { initialList, type ListMove, type ListState } from '../base/list.js';
import type { TextFieldState } from '../base/text-field.js';
import { type ConnectionHealth, healthy } from './vm-backoff.js';
import { nextCpu } from './vm-cpu.js';
import {
  buildRows,
  defaultView,
  keepCursor,
  type LiveVm,
  moveCursor,
  rowVm,
  type ViewOptions,
  type VmRow,
} from './vm-view.js';

export type StatusKind = 'ok' | 'error' | 'refused' | 'busy' | 'info';

/** One line under the list or detail: what the last action did, or why not. */
export interface StatusLine {
  kind: StatusKind;
  message: string;
  fix?: string | undefined;
  /** The equivalent command, shown when "show me the command" is on. */
  command?: string | undefined;
}

export interface VmsState {
  vms: LiveVm[];
  rows: VmRow[];
  view: ViewOptions;
  /** The filter being typed (focused), or undefined. */
  filterEdit: TextFieldState | undefined;
  /** Bulk selection, by uuid. */
  selected: ReadonlySet<string>;
  loaded: boolean;
  error: { message: string; fix?: string | undefined } | undefined;
  refreshedAt: number | undefined;
  list: ListState;
  /**
   * The row the person put the cursor on. A VM missing from one listing (a daemon
   * restarting, a filter) moves the cursor to a neighbour but not this: when the VM
   * is back, so is the cursor. A key press sets it anew.
   */
  cursorKey: string | undefined;
  health: ConnectionHealth;
  status: StatusLine | undefined;
  /** The VM the detail, snapshot and migrate screens act on. */
  detail: { uuid: string; name: string } | undefined;
}

export function createVmsStore() {
  return createStore<VmsState>()(() => ({
    vms: [],
    rows: [],
    view: defaultView,
    filterEdit: undefined,
    selected: new Set<string>(),
    loaded: false,
    error: undefined,
    refreshedAt: undefined,
    list: initialList,
    cursorKey: undefined,
    health: healthy,
    status: undefined,
    detail: undefined,
  }));
}
export type VmsStore = ReturnType<typeof createVmsStore>;

// A generous window for keeping the cursor in view before the screen tells the
// real height; SlicedList re-fits the window to the rows it has when drawing.
const DEFAULT_HEIGHT = 15;

/** The VM under the cursor. */
export const cursorVm = (s: VmsState): LiveVm | undefined => rowVm(s.rows[s.list.cursor]);

/** Bulk targets: the selected VMs still present, in display order. */
export function selectedVms(s: VmsState): LiveVm[] {
  if (s.selected.size === 0) return [];
  return s.rows.flatMap((r) => (r.kind === 'vm' && s.selected.has(r.key) ? [r.vm] : []));
}

/** The VM opened in detail, as the list knows it now (undefined once it is gone). */
export function detailVm(s: VmsState): LiveVm | undefined {
  if (!s.detail) return undefined;
  const { uuid, name } = s.detail;
  return s.vms.find((v) => v.uuid === uuid) ?? s.vms.find((v) => v.name === name);
}

/**
 * Takes a fresh listing: computes CPU % from the previous sample of each VM
 * (vm-cpu.ts), rebuilds the rows and keeps the cursor on the same VM.
 * `sampledAt` is when libvirt read the counters, as near as hv knows.
 */
export function applyListing(
  store: VmsStore,
  domains: readonly DomainSummary[],
  now: number,
  height = DEFAULT_HEIGHT,
  sampledAt = now,
): void {
  const prev = store.getState();
  const before = new Map(prev.vms.map((v) => [v.uuid, v]));
  const vms: LiveVm[] = domains.map((d) => {
    const old = before.get(d.uuid);
    const cpu = nextCpu(old && { percent: old.cpuPercent, sample: old.cpuSample }, d, sampledAt);
    return { ...d, cpuPercent: cpu.percent, cpuSample: cpu.sample };
  });
  const rows = buildRows(vms, prev.view);
  const present = new Set(vms.map((v) => v.uuid));
  const selected = [...prev.selected].filter((u) => present.has(u));
  const want = prev.cursorKey ?? prev.rows[prev.list.cursor]?.key;
  const list = keepCursor(rows, prev.list, want, height);
  store.setState({
    vms,
    rows,
    loaded: true,
    error: undefined,
    refreshedAt: now,
    list,
    cursorKey: want ?? rows[list.cursor]?.key,
    selected: selected.length === prev.selected.size ? prev.selected : new Set(selected),
  });
}

/**
 * Fetches the list; keeps the old rows on failure so the screen does not blank.
 * Never throws (callers fire and forget): returns the error, if any.
 */
export async function refreshVms(
  store: VmsStore,
  hv: Hypervisor,
  height = DEFAULT_HEIGHT,
): Promise<unknown> {
  try {
    const asked = Date.now();
    const domains = await hv.listDomains();
    const now = Date.now();
    // The counters were read somewhere during the call: its middle is the best guess.
    applyListing(store, domains, now, height, Math.round((asked + now) / 2));
    return undefined;
  } catch (e) {
    store.setState({
      error: { message: errorMessage(e), fix: isHvError(e) ? e.fix : undefined },
    });
    return e ?? new Error('listing failed');
  }
}

export function setView(store: VmsStore, patch: Partial<ViewOptions>, height = DEFAULT_HEIGHT) {
  const s = store.getState();
  const view = { ...s.view, ...patch };
  const rows = buildRows(s.vms, view);
  const want = s.cursorKey ?? s.rows[s.list.cursor]?.key;
  const list = keepCursor(rows, s.list, want, height);
  store.setState({ view, rows, list, cursorKey: want ?? rows[list.cursor]?.key });
}

export function moveVmCursor(store: VmsStore, move: ListMove, height: number): void {
  const s = store.getState();
  const list = moveCursor(s.rows, s.list, move, height);
  store.setState({ list, cursorKey: s.rows[list.cursor]?.key });
}

/** Space: selects or unselects the VM under the cursor, then moves down. */
export function toggleSelected(store: VmsStore, height: number): void {
  const s = store.getState();
  const vm = cursorVm(s);
  if (!vm) return;
  const selected = new Set(s.selected);
  if (selected.has(vm.uuid)) selected.delete(vm.uuid);
  else selected.add(vm.uuid);
  const list = moveCursor(s.rows, s.list, 'down', height);
  store.setState({ selected, list, cursorKey: s.rows[list.cursor]?.key });
}

/** Selects every VM shown (the filter applies), or clears when all are selected. */
export function toggleSelectAll(store: VmsStore): void {
  const s = store.getState();
  const shown = s.rows.flatMap((r) => (r.kind === 'vm' ? [r.key] : []));
  const all = shown.length > 0 && shown.every((u) => s.selected.has(u));
  store.setState({ selected: all ? new Set() : new Set(shown) });
}

export function clearSelection(store: VmsStore): void {
  store.setState({ selected: new Set() });
}

export function setStatus(store: VmsStore, status: StatusLine | undefined): void {
  store.setState({ status });
}

/** Remembers which VM the detail screens act on. */
export function openDetail(store: VmsStore, vm: { uuid: string; name: string }): void {
  store.setState({ detail: { uuid: vm.uuid, name: vm.name }, status: undefined });
}

/** A new connection: nothing of the old host's list may linger. */
export function resetVms(store: VmsStore): void {
  store.setState({
    vms: [],
    rows: [],
    selected: new Set(),
    loaded: false,
    error: undefined,
    refreshedAt: undefined,
    list: initialList,
    cursorKey: undefined,
    health: healthy,
    status: undefined,
    detail: undefined,
  });
}
