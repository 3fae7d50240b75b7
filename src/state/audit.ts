// The Audit screen's state, without React: the entries read from the log, the
// filters (VM, user, result) typed in a text field, the list cursor, and the live
// follow. One store per console (keyed by its Stores), so tests get fresh ones.
import type { Key } from 'ink';
import { createStore } from 'zustand/vanilla';
import { follow, initialList, type ListMove, type ListState, moveList } from '../base/list.js';
import { editText, type TextFieldState, textField } from '../base/text-field.js';
import { type AuditEntry, type AuditResult, auditResults } from '../security/audit.js';
import { type AuditFilter, followAudit, matchesFilter, readAudit } from '../security/audit-log.js';
import type { Stores } from './stores.js';

type Env = Record<string, string | undefined>;

/** A long session keeps the newest entries; the log itself keeps everything. */
export const MAX_ENTRIES = 5000;

export type FilterField = 'vm' | 'user';

export interface AuditScreenState {
  entries: AuditEntry[];
  skipped: number;
  files: string[];
  unreadable: string[];
  loaded: boolean;
  vm: string;
  user: string;
  result: AuditResult | undefined;
  /** The filter being typed, when one is. */
  editing: FilterField | undefined;
  field: TextFieldState;
  following: boolean;
  list: ListState;
}

export function createAuditStore() {
  return createStore<AuditScreenState>()(() => ({
    entries: [],
    skipped: 0,
    files: [],
    unreadable: [],
    loaded: false,
    vm: '',
    user: '',
    result: undefined,
    editing: undefined,
    field: textField(''),
    following: true,
    list: initialList,
  }));
}
export type AuditStore = ReturnType<typeof createAuditStore>;

const byConsole = new WeakMap<Stores, AuditStore>();
export function auditStoreFor(stores: Stores): AuditStore {
  let s = byConsole.get(stores);
  if (!s) {
    s = createAuditStore();
    byConsole.set(stores, s);
  }
  return s;
}

export function filterOf(s: AuditScreenState): AuditFilter {
  return { vm: s.vm || undefined, user: s.user || undefined, result: s.result, match: 'contains' };
}

/** The rows shown, oldest first (newest at the bottom, as a log reads). */
export function visibleEntries(s: AuditScreenState): AuditEntry[] {
  const f = filterOf(s);
  return f.vm || f.user || f.result ? s.entries.filter((e) => matchesFilter(e, f)) : s.entries;
}

/** Reads the whole log again; the cursor goes to the newest row. */
export function loadAudit(store: AuditStore, env: Env = process.env, height = 10): void {
  const r = readAudit(env);
  const entries = r.entries.slice(-MAX_ENTRIES);
  store.setState({
    entries,
    skipped: r.skipped,
    files: r.files,
    unreadable: r.unreadable,
    loaded: true,
  });
  toLast(store, height);
}

function toLast(store: AuditStore, height: number): void {
  const s = store.getState();
  store.setState({ list: moveList(s.list, 'last', visibleEntries(s).length, height) });
}

/**
 * New entries from following: the view stays on the newest row if it was there,
 * unless paused (then the rows are kept, and the place too).
 */
export function addEntries(store: AuditStore, fresh: AuditEntry[], height: number): void {
  if (fresh.length === 0) return;
  const s = store.getState();
  const before = visibleEntries(s).length;
  const atEnd = s.following && s.list.cursor >= before - 1;
  const entries = [...s.entries, ...fresh].slice(-MAX_ENTRIES);
  const dropped = s.entries.length + fresh.length - entries.length;
  const cursor = Math.max(0, s.list.cursor - dropped);
  store.setState({ entries, list: { cursor, top: Math.max(0, s.list.top - dropped) } });
  if (atEnd) toLast(store, height);
}

export function moveAudit(store: AuditStore, move: ListMove, height: number): void {
  const s = store.getState();
  store.setState({ list: moveList(s.list, move, visibleEntries(s).length, height) });
}

export function cycleResult(store: AuditStore, height: number): void {
  const s = store.getState();
  const order: Array<AuditResult | undefined> = [undefined, ...auditResults];
  const next = order[(order.indexOf(s.result) + 1) % order.length];
  store.setState({ result: next });
  toLast(store, height);
}

export function clearFilters(store: AuditStore, height: number): void {
  store.setState({ vm: '', user: '', result: undefined, editing: undefined });
  toLast(store, height);
}

export function startEditing(store: AuditStore, which: FilterField): void {
  const s = store.getState();
  store.setState({ editing: which, field: textField(s[which]) });
}

/** A key for the filter being typed: Enter applies it, Esc leaves it as it was. */
export function editFilter(store: AuditStore, input: string, key: Key, height: number): void {
  const s = store.getState();
  if (!s.editing) return;
  // Typed fast (or pasted), "bob" and Enter arrive as one string "bob\r".
  const nl = key.return ? -1 : input.search(/[\r\n]/);
  if (nl >= 0) {
    editFilter(store, input.slice(0, nl), key, height);
    editFilter(store, '', { ...key, return: true }, height);
    return;
  }
  const { state, outcome } = editText(s.field, input, key, 200);
  if (outcome === 'cancel') store.setState({ editing: undefined });
  else if (outcome === 'submit') {
    store.setState({
      [s.editing]: state.value.trim(),
      editing: undefined,
    } as Partial<AuditScreenState>);
    toLast(store, height);
  } else store.setState({ field: state });
}

/** Keeps the cursor valid after a resize. */
export function fitAudit(store: AuditStore, height: number): ListState {
  const s = store.getState();
  return follow(s.list, visibleEntries(s).length, height);
}

/** Starts following the log; returns the stop function. */
export function startFollowing(
  store: AuditStore,
  height: () => number,
  opts: { env?: Env; intervalMs?: number } = {},
): () => void {
  const f = followAudit((es) => addEntries(store, es, height()), opts);
  return f.stop;
}
