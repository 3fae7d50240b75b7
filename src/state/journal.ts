// "Show me the command": the equivalent commands of what this session did, in
// order, for the footer toggle, the journal screen and the lessons.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { type OperationRecord, onOperationRecord } from '../operations/records.js';
import type { Stores } from './stores.js';

export type JournalEntry = OperationRecord;

interface JournalState {
  entries: JournalEntry[];
  record(entry: JournalEntry): void;
  clear(): void;
}

/** Bounded: a long session keeps the newest entries only. */
const MAX = 500;

export const journal = createStore<JournalState>((set) => ({
  entries: [],
  record: (entry) => set((s) => ({ entries: [...s.entries, entry].slice(-MAX) })),
  clear: () => set({ entries: [] }),
}));

// Every operation any front end runs through execute() lands here.
onOperationRecord((entry) => journal.getState().record(entry));

/** The journal screen's scroll position and message, one per console. */
export interface JournalView {
  /** First row shown; undefined follows the newest rows. */
  top: number | undefined;
  message: string | undefined;
}

const views = new WeakMap<object, StoreApi<JournalView>>();
export function journalViewStore(ctx: { stores: Pick<Stores, 'router'> }) {
  let s = views.get(ctx.stores.router);
  if (!s) {
    s = createStore<JournalView>()(() => ({ top: undefined, message: undefined }));
    views.set(ctx.stores.router, s);
  }
  return s;
}
