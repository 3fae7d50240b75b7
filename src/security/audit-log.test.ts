import { appendFileSync, mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AuditEntry, appendAudit, auditLine } from './audit.js';
import { AuditTail, followAudit, matchesFilter, parseSince, readAudit } from './audit-log.js';

const entry = (over: Partial<AuditEntry> = {}): AuditEntry => ({
  time: '2026-01-01T12:00:00.000Z',
  user: 'ada',
  uri: 'qemu:///system',
  operation: 'vm.start',
  target: 'web-01',
  args: {},
  result: 'ok',
  durationMs: 3,
  ...over,
});

describe('--since', () => {
  const now = new Date('2026-03-10T15:30:00Z');
  it('takes durations, dates, date-times, today and yesterday', () => {
    expect(parseSince('15m', now)?.toISOString()).toBe('2026-03-10T15:15:00.000Z');
    expect(parseSince('2h', now)?.toISOString()).toBe('2026-03-10T13:30:00.000Z');
    expect(parseSince('1w', now)?.toISOString()).toBe('2026-03-03T15:30:00.000Z');
    expect(parseSince('2026-03-01T10:00:00Z', now)?.toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect(parseSince('2026-03-01', now)).toBeInstanceOf(Date);
    const today = parseSince('today', now)!;
    expect(today.getHours()).toBe(0);
    expect(parseSince('yesterday', now)!.getTime()).toBe(today.getTime() - 86_400_000);
  });
  it('refuses what it cannot read', () => {
    for (const bad of ['', 'soon', '5 parsecs', '2026-13-45', '-1h', '1y'])
      expect(parseSince(bad, now), bad).toBeUndefined();
  });
});

describe('filters', () => {
  it('match VM, user, result and time; exact for the CLI, contains for typing', () => {
    const e = entry({ target: 'Web-01', user: 'ada', result: 'refused' });
    expect(matchesFilter(e, { vm: 'Web-01' })).toBe(true);
    expect(matchesFilter(e, { vm: 'web' })).toBe(false);
    expect(matchesFilter(e, { vm: 'web', match: 'contains' })).toBe(true);
    expect(matchesFilter(e, { user: 'bob' })).toBe(false);
    expect(matchesFilter(e, { result: 'ok' })).toBe(false);
    expect(matchesFilter(e, { since: new Date('2026-01-02') })).toBe(false);
    expect(matchesFilter(e, { since: new Date('2025-12-31'), result: 'refused' })).toBe(true);
  });

  it('reads, merges by time and filters', () => {
    const log = join(mkdtempSync(join(tmpdir(), 'hv-al-')), 'audit.jsonl');
    const env = { HV_AUDIT_LOG: log };
    appendAudit(entry({ time: '2026-01-01T12:00:02.000Z', target: 'b', user: 'bob' }), env);
    appendAudit(entry({ time: '2026-01-01T12:00:01.000Z', target: 'a' }), env);
    appendAudit(entry({ time: '2026-01-01T12:00:03.000Z', target: 'a', result: 'failed' }), env);
    expect(readAudit(env).entries.map((e) => e.target)).toEqual(['a', 'b', 'a']);
    expect(readAudit(env, { vm: 'a' }).entries).toHaveLength(2);
    expect(readAudit(env, { user: 'bob' }).entries.map((e) => e.target)).toEqual(['b']);
    expect(readAudit(env, { result: 'failed' }).entries).toHaveLength(1);
    expect(readAudit({ HV_AUDIT_LOG: `${log}.none` }).entries).toEqual([]);
  });
});

describe('following', () => {
  it('sees only new complete lines, across a rotation', () => {
    const log = join(mkdtempSync(join(tmpdir(), 'hv-tail-')), 'audit.jsonl');
    appendFileSync(log, auditLine(entry({ target: 'old' })));
    const tail = new AuditTail(log, true);
    expect(tail.poll().entries).toEqual([]);
    const line = auditLine(entry({ target: 'new-1' }));
    appendFileSync(log, line.slice(0, 20));
    expect(tail.poll().entries).toEqual([]); // half a line: wait for the rest
    appendFileSync(log, line.slice(20));
    expect(tail.poll().entries.map((e) => e.target)).toEqual(['new-1']);
    // Rotation: more lines land in the old file, then it moves and a new one starts.
    appendFileSync(log, auditLine(entry({ target: 'before-rotation' })));
    renameSync(log, `${log}.1`);
    appendFileSync(log, auditLine(entry({ target: 'after-rotation' })));
    expect(tail.poll().entries.map((e) => e.target)).toEqual(['before-rotation', 'after-rotation']);
    tail.close();
  });

  it('starts following a log that does not exist yet', () => {
    const log = join(mkdtempSync(join(tmpdir(), 'hv-tail2-')), 'audit.jsonl');
    const seen: string[] = [];
    const f = followAudit((es) => seen.push(...es.map((e) => e.target)), {
      env: { HV_AUDIT_LOG: log },
      intervalMs: 60_000,
    });
    f.poll();
    appendAudit(entry({ target: 'first' }), { HV_AUDIT_LOG: log });
    f.poll();
    f.stop();
    expect(seen).toEqual(['first']);
  });
});
