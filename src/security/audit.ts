// The audit log: one JSON line per state-changing operation, allowed or refused,
// appended with O_APPEND and fsync so a crash loses at most the line being written
// and never corrupts earlier ones. /var/log/hypervisor when writable, else the
// user's XDG state folder. (Rotation, reading and the Audit screen build on this.)
import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { stateDir } from '../state/paths.js';

export interface AuditEntry {
  time: string;
  user: string;
  /** host/URI acted on. */
  uri: string;
  operation: string;
  target: string;
  args: Record<string, unknown>;
  result: 'ok' | 'refused' | 'failed';
  /** Why it was refused or how it failed. */
  message?: string;
  durationMs: number;
}

type Env = Record<string, string | undefined>;

/** Candidate log files, most preferred first. HV_AUDIT_LOG overrides both. */
export function auditLogCandidates(env: Env = process.env): string[] {
  if (env.HV_AUDIT_LOG) return [env.HV_AUDIT_LOG];
  return ['/var/log/hypervisor/audit.jsonl', join(stateDir(env), 'audit.jsonl')];
}

/** Appends one entry; returns the file written. Never throws for a read-only candidate. */
export function appendAudit(entry: AuditEntry, env: Env = process.env): string | undefined {
  const line = `${JSON.stringify(entry)}\n`;
  for (const file of auditLogCandidates(env)) {
    try {
      mkdirSync(join(file, '..'), { recursive: true, mode: 0o750 });
      const fd = openSync(file, 'a', 0o640);
      try {
        writeSync(fd, line);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      return file;
    } catch {
      // Not writable here (e.g. /var/log as a normal user): try the next place.
    }
  }
  return undefined;
}
