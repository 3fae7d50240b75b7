// The audit log: one JSON line per state-changing operation, allowed or refused,
// appended with O_APPEND and fsync so a crash loses at most the line being written
// and never corrupts earlier ones. /var/log/hypervisor when writable, else the
// user's XDG state folder. Rotated by size; read back by audit-log.ts.
import {
  closeSync,
  fstatSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fsyncDir } from '../base/atomic.js';
import { stateDir } from '../base/paths.js';

export type AuditResult = 'ok' | 'refused' | 'failed';
export const auditResults: readonly AuditResult[] = ['ok', 'refused', 'failed'];

export interface AuditEntry {
  time: string;
  user: string;
  /** host/URI acted on. */
  uri: string;
  operation: string;
  target: string;
  args: Record<string, unknown>;
  result: AuditResult;
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

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_KEEP = 5;

/** Rotation limits: HV_AUDIT_MAX_BYTES (default 10 MiB) and HV_AUDIT_KEEP old files (5). */
export function auditLimits(env: Env = process.env): { maxBytes: number; keep: number } {
  const num = (v: string | undefined, d: number, min: number) => {
    const n = Number(v);
    return v !== undefined && Number.isInteger(n) && n >= min ? n : d;
  };
  return {
    maxBytes: num(env.HV_AUDIT_MAX_BYTES, DEFAULT_MAX_BYTES, 1024),
    keep: num(env.HV_AUDIT_KEEP, DEFAULT_KEEP, 1),
  };
}

/** file, file.1 ... file.keep: the rotated files, oldest last. */
export const rotatedName = (file: string, n: number) => (n === 0 ? file : `${file}.${n}`);

const SECRET_KEY =
  /(pass(word|phrase)?|secret|token|api[-_]?key|private[-_]?key|credential|auth[-_]?key|psk)$/i;
const PATH_KEY = /(file|path|dir)$/i;
const MAX_STRING = 2000;

/**
 * Arguments as recorded: a key that names a secret is replaced (a *File or *Path
 * key holds where the secret lives, which is kept), as is anything that looks like
 * a private key. Operations already leave secrets out; this is the second net.
 */
export function redactArgs(value: unknown, key = ''): unknown {
  if (typeof value === 'string') {
    if (SECRET_KEY.test(key) && !PATH_KEY.test(key)) return '[redacted]';
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value)) return '[redacted]';
    return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  }
  if (Array.isArray(value)) return value.map((v) => redactArgs(v, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, redactArgs(v, k)]),
    );
  }
  if (SECRET_KEY.test(key) && !PATH_KEY.test(key) && value !== undefined) return '[redacted]';
  return value;
}

/** The line written for an entry: one JSON object, never a raw newline inside. */
export function auditLine(entry: AuditEntry): string {
  const clean: AuditEntry = {
    ...entry,
    args: redactArgs(entry.args) as Record<string, unknown>,
    ...(entry.message === undefined
      ? {}
      : {
          message:
            entry.message.length > MAX_STRING
              ? `${entry.message.slice(0, MAX_STRING)}…`
              : entry.message,
        }),
  };
  return `${JSON.stringify(clean)}\n`;
}

const LOCK_STALE_MS = 30_000;

/**
 * Moves file -> file.1 -> ... -> file.keep (the oldest is dropped). A lock file
 * makes concurrent hv processes rotate once; whoever does not get it appends to
 * the current file, a little over the limit, which is harmless.
 */
export function rotateIfNeeded(file: string, incoming: number, env: Env = process.env): boolean {
  const { maxBytes, keep } = auditLimits(env);
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return false;
  }
  if (size === 0 || size + incoming <= maxBytes) return false;
  const lock = `${file}.lock`;
  let fd: number;
  try {
    fd = openSync(lock, 'wx', 0o600);
  } catch {
    try {
      if (Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) unlinkSync(lock);
    } catch {
      // Someone else removed it: fine.
    }
    return false;
  }
  try {
    // Another process may have rotated between our stat and our lock.
    if (statSync(file).size + incoming <= maxBytes) return false;
    // A rotation killed after its link step left file and file.1 as one inode:
    // finish that one instead of shifting the same entries twice.
    if (!sameFile(file, rotatedName(file, 1))) {
      for (let n = keep - 1; n >= 1; n--) {
        try {
          renameSync(rotatedName(file, n), rotatedName(file, n + 1));
        } catch {
          // A gap in the numbering (never rotated that far yet).
        }
      }
      moveAsideKeepingName(file, rotatedName(file, 1));
    }
    replaceWithEmpty(file);
    fsyncDir(dirname(file));
    return true;
  } finally {
    closeSync(fd);
    try {
      unlinkSync(lock);
    } catch {
      // Already gone.
    }
  }
}

function sameFile(a: string, b: string): boolean {
  try {
    const [sa, sb] = [statSync(a), statSync(b)];
    return sa.ino === sb.ino && sa.dev === sb.dev;
  } catch {
    return false;
  }
}

/**
 * file.1 becomes a second name of the current file, so the live name never
 * disappears (a reader or a kill -9 between two renames would see no log at all).
 * Filesystems without hard links fall back to a plain rename.
 */
function moveAsideKeepingName(file: string, aside: string): void {
  try {
    linkSync(file, aside);
  } catch {
    renameSync(file, aside);
  }
}

/** Swaps in a fresh, empty log under the live name in one rename. */
function replaceWithEmpty(file: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o640);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

/** True when the file is empty or ends with a newline (a killed writer may leave half a line). */
function endsWithNewline(fd: number): boolean {
  const size = fstatSync(fd).size;
  if (size === 0) return true;
  const b = Buffer.alloc(1);
  readSync(fd, b, 0, 1, size - 1);
  return b[0] === 0x0a;
}

/** Appends one entry; returns the file written. Never throws for a read-only candidate. */
export function appendAudit(entry: AuditEntry, env: Env = process.env): string | undefined {
  const line = auditLine(entry);
  for (const file of auditLogCandidates(env)) {
    try {
      mkdirSync(dirname(file), { recursive: true, mode: 0o750 });
      rotateIfNeeded(file, Buffer.byteLength(line), env);
      const fd = openSync(file, 'a+', 0o640);
      try {
        // A line torn by a crash is closed off, so this entry starts a line of its own.
        writeSync(fd, endsWithNewline(fd) ? line : `\n${line}`);
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
