import {
  appendFileSync,
  existsSync,
  linkSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AuditEntry, appendAudit, auditLimits, auditLine, redactArgs } from './audit.js';
import { parseAuditText, readAudit } from './audit-log.js';

const entry = (over: Partial<AuditEntry> = {}): AuditEntry => ({
  time: new Date(Date.UTC(2026, 0, 1, 12)).toISOString(),
  user: 'ada',
  uri: 'qemu:///system',
  operation: 'vm.start',
  target: 'web-01',
  args: {},
  result: 'ok',
  durationMs: 12,
  ...over,
});

const tmpLog = () => join(mkdtempSync(join(tmpdir(), 'hv-audit-t-')), 'audit.jsonl');

describe('audit log writing', () => {
  it('appends one JSON line per entry', () => {
    const log = tmpLog();
    appendAudit(entry(), { HV_AUDIT_LOG: log });
    appendAudit(entry({ result: 'refused', message: 'no\nnewline' }), { HV_AUDIT_LOG: log });
    const lines = readFileSync(log, 'utf8').split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(JSON.parse(lines[1]!).message).toBe('no\nnewline');
  });

  it('keeps secrets out of the recorded arguments', () => {
    const args = redactArgs({
      password: 'hunter2',
      authKeyFile: '/run/secrets/ts',
      nested: { apiToken: 'abc', token: 'x', note: '-----BEGIN OPENSSH PRIVATE KEY-----\nxyz' },
      name: 'web-01',
    });
    expect(args).toEqual({
      password: '[redacted]',
      authKeyFile: '/run/secrets/ts',
      nested: { apiToken: '[redacted]', token: '[redacted]', note: '[redacted]' },
      name: 'web-01',
    });
    expect(auditLine(entry({ args: { password: 'p' } }))).not.toContain('"p"');
  });

  it('starts a new line after a line a crash tore, so only that line is lost', () => {
    const log = tmpLog();
    appendAudit(entry({ target: 'a' }), { HV_AUDIT_LOG: log });
    appendFileSync(log, '{"time":"2026-01-01T12:00:00.000Z","user":"ad'); // killed mid-write
    appendAudit(entry({ target: 'b' }), { HV_AUDIT_LOG: log });
    const r = readAudit({ HV_AUDIT_LOG: log });
    expect(r.entries.map((e) => e.target)).toEqual(['a', 'b']);
    expect(r.skipped).toBe(1);
  });

  it('rotates by size, keeping HV_AUDIT_KEEP old files, and reads them all back in order', () => {
    const log = tmpLog();
    const env = { HV_AUDIT_LOG: log, HV_AUDIT_MAX_BYTES: '2048', HV_AUDIT_KEEP: '3' };
    expect(auditLimits(env)).toEqual({ maxBytes: 2048, keep: 3 });
    for (let i = 0; i < 100; i++) {
      const time = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
      appendAudit(entry({ time, target: `vm-${i}` }), env);
    }
    for (const f of [log, `${log}.1`, `${log}.2`, `${log}.3`])
      expect(readFileSync(f).length).toBeLessThanOrEqual(2048);
    expect(existsSync(`${log}.4`)).toBe(false);
    const r = readAudit(env);
    expect(r.skipped).toBe(0);
    const n = r.entries.map((e) => Number(e.target.slice(3)));
    // The newest survive, in order, without gaps; the oldest were dropped.
    expect(n.at(-1)).toBe(99);
    expect(n).toEqual(n.map((_, i) => n[0]! + i));
    expect(n[0]).toBeGreaterThan(0);
  });

  it('finishes a rotation killed after its link step without duplicating entries', () => {
    const log = tmpLog();
    const env = { HV_AUDIT_LOG: log, HV_AUDIT_MAX_BYTES: '1024', HV_AUDIT_KEEP: '3' };
    let i = 0;
    while (readAudit(env).entries.length < 6) appendAudit(entry({ target: `vm-${i++}` }), env);
    // The state a kill -9 between "link file.1" and "swap in an empty file" leaves.
    linkSync(log, `${log}.1`);
    while (!existsSync(`${log}.2`) && i < 200) appendAudit(entry({ target: `vm-${i++}` }), env);
    const targets = readAudit(env).entries.map((e) => e.target);
    expect(new Set(targets).size).toBe(targets.length);
    expect(targets.at(-1)).toBe(`vm-${i - 1}`);
  });

  it('never throws when the log cannot be written (the operation itself goes on)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hv-audit-fb-'));
    const blocker = join(dir, 'file');
    writeFileSync(blocker, 'not a folder');
    expect(appendAudit(entry(), { HV_AUDIT_LOG: join(blocker, 'audit.jsonl') })).toBeUndefined();
  });
});

describe('audit log parsing', () => {
  it('tolerates garbage, foreign JSON and a torn last line', () => {
    const good = auditLine(entry());
    const text = `${good}not json\n{"foo":1}\n\n${good}{"time":"2026`;
    const r = parseAuditText(text);
    expect(r.entries).toHaveLength(2);
    expect(r.skipped).toBe(2);
    expect(r.pending).toBe('{"time":"2026');
  });
});
