// "Show me the command": the equivalent commands of what this session did, in
// order, for the footer toggle, the journal screen and the lessons.
import { createStore } from 'zustand/vanilla';
import type { EquivalentCommand } from '../operations/types.js';

export interface JournalEntry {
  time: number;
  operation: string;
  title: string;
  target: string;
  commands: EquivalentCommand[];
  result: 'ok' | 'refused' | 'failed';
}

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

/** Quotes one argument for a POSIX shell, for display only (never executed). */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_./:=@+,%-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function commandLine(c: EquivalentCommand): string {
  return [c.tool, ...c.args].map(shellQuote).join(' ');
}
