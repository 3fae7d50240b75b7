// The session journal as text: rows for the journal screen and a shell script
// the user can keep, read and run. Pure, except writeJournalScript.
import { join } from 'node:path';
import { writeFileAtomic } from '../../base/atomic.js';
import { stateDir } from '../../base/paths.js';
import { commandLine } from '../../base/shell.js';
import type { JournalEntry } from '../../state/journal.js';

export const resultMark: Record<JournalEntry['result'], string> = {
  ok: '✓ done',
  failed: '✕ failed',
  refused: '⊘ refused',
};

const clock = (t: number) => new Date(t).toTimeString().slice(0, 8);

export interface JournalRow {
  text: string;
  kind: 'entry' | 'command';
  result: JournalEntry['result'];
}

/** Each entry as a heading row and one row per equivalent command. */
export function journalRows(entries: readonly JournalEntry[]): JournalRow[] {
  const rows: JournalRow[] = [];
  for (const e of entries) {
    const target = e.target ? ` · ${e.target}` : '';
    rows.push({
      text: `${clock(e.time)}  ${resultMark[e.result]}: ${e.title}${target}`,
      kind: 'entry',
      result: e.result,
    });
    for (const c of e.commands)
      rows.push({ text: `    $ ${commandLine(c)}`, kind: 'command', result: e.result });
  }
  return rows;
}

/**
 * Rows cut to the screen width without losing any of a command: long rows go on
 * over indented continuation lines (never truncated; commands are for copying).
 */
export function wrapRows(rows: readonly JournalRow[], width: number): JournalRow[] {
  const out: JournalRow[] = [];
  const indent = '      ';
  const room = Math.max(10, width - indent.length);
  for (const r of rows) {
    const chars = [...r.text];
    if (chars.length <= width) {
      out.push(r);
      continue;
    }
    out.push({ ...r, text: chars.slice(0, width).join('') });
    for (let i = width; i < chars.length; i += room) {
      out.push({ ...r, text: indent + chars.slice(i, i + room).join('') });
    }
  }
  return out;
}

/**
 * A POSIX shell script of the session: what ran is there to repeat, what failed
 * or was refused is kept as a comment only, so running it does what hv did.
 */
export function journalScript(entries: readonly JournalEntry[], now: Date): string {
  const lines = [
    '#!/bin/sh',
    `# The equivalent commands of an hv session, saved ${now.toISOString()}.`,
    '# Read it before running it: these commands change VMs and the host.',
    'set -e',
    '',
  ];
  for (const e of entries) {
    lines.push(`# ${clock(e.time)} ${e.title}${e.target ? ` (${e.target})` : ''}: ${e.result}`);
    for (const c of e.commands) {
      lines.push(e.result === 'ok' ? commandLine(c) : `# ${commandLine(c)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

type Env = Record<string, string | undefined>;

/** Writes the script under XDG state; returns its path. */
export function writeJournalScript(
  entries: readonly JournalEntry[],
  now = new Date(),
  env: Env = process.env,
): string {
  const file = join(
    stateDir(env),
    'journal',
    `session-${now.toISOString().replace(/[:.]/g, '-')}.sh`,
  );
  writeFileAtomic(file, journalScript(entries, now), 0o700);
  return file;
}
