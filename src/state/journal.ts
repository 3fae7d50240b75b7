// "Show me the command": the equivalent commands of what this session did, in
// order, for the footer toggle, the journal screen and the lessons.
import { createStore } from 'zustand/vanilla';
import { type OperationRecord, onOperationRecord } from '../operations/records.js';

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
