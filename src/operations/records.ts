// What execute() did, told to whoever listens: the console's session journal
// (state/journal.ts) subscribes. Operations sit below the stores, so they announce
// rather than write into a store themselves.
import type { EquivalentCommand } from '../base/shell.js';

export interface OperationRecord {
  time: number;
  operation: string;
  title: string;
  target: string;
  commands: EquivalentCommand[];
  result: 'ok' | 'refused' | 'failed';
}

const listeners = new Set<(record: OperationRecord) => void>();

/** Returns the unsubscribe. */
export function onOperationRecord(listener: (record: OperationRecord) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function announceOperation(record: OperationRecord): void {
  for (const listener of listeners) listener(record);
}
