import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../state/journal.js';
import { journalRows, journalScript, wrapRows } from './script.js';

const entry = (result: JournalEntry['result'], target: string): JournalEntry => ({
  time: new Date('2026-03-01T10:00:00Z').getTime(),
  operation: 'vm.start',
  title: 'start a VM',
  target,
  result,
  commands: [{ tool: 'virsh', args: ['-c', 'qemu:///system', 'start', target] }],
});

describe('journal', () => {
  it('lists each action and its commands, shell-quoted', () => {
    const rows = journalRows([entry('ok', "Ana's VM")]);
    expect(rows.map((r) => r.kind)).toEqual(['entry', 'command']);
    expect(rows[0]!.text).toContain("✓ done: start a VM · Ana's VM");
    expect(rows[1]!.text).toBe("    $ virsh -c qemu:///system start 'Ana'\\''s VM'");
  });

  it('wraps long commands instead of cutting them', () => {
    const long = entry('ok', `vm-${'x'.repeat(120)}`);
    const rows = wrapRows(journalRows([long]), 80);
    expect(rows.every((r) => [...r.text].length <= 80)).toBe(true);
    const joined = rows
      .filter((r) => r.kind === 'command')
      .map((r, i) => (i === 0 ? r.text : r.text.slice(6)))
      .join('');
    expect(joined).toBe(`    $ virsh -c qemu:///system start vm-${'x'.repeat(120)}`);
  });

  it('writes a script that repeats what ran and only mentions what did not', () => {
    const s = journalScript([entry('ok', 'web-01'), entry('refused', 'db-01')], new Date());
    expect(s.startsWith('#!/bin/sh\n')).toBe(true);
    expect(s).toMatch(/^virsh -c qemu:\/\/\/system start web-01$/m);
    expect(s).toMatch(/^# virsh -c qemu:\/\/\/system start db-01$/m);
    expect(s).not.toMatch(/^virsh .*db-01$/m);
  });
});
