// Reading the audit log back: every file (rotated ones too) of every place hv
// writes to, merged by time, filtered; and following it live. Tolerant: a line a
// crash tore, or anything that is not an entry, is counted and skipped, never fatal.
import {
  closeSync,
  existsSync,
  fstatSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
} from 'node:fs';
import {
  type AuditEntry,
  type AuditResult,
  auditLimits,
  auditLogCandidates,
  auditResults,
  rotatedName,
} from './audit.js';

type Env = Record<string, string | undefined>;

export interface AuditFilter {
  since?: Date | undefined;
  /** A VM (or other target) name. */
  vm?: string | undefined;
  user?: string | undefined;
  result?: AuditResult | undefined;
  /** exact for the CLI; contains (case-insensitive) for typing in the console. */
  match?: 'exact' | 'contains';
}

export interface AuditRead {
  entries: AuditEntry[];
  /** Lines that were not entries (torn by a crash, or not hv's). */
  skipped: number;
  /** Files read, oldest first. */
  files: string[];
  /** Files that exist but this user may not read (e.g. the system log as non-root). */
  unreadable: string[];
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The entry a parsed line holds, or undefined when it is not one. */
export function asEntry(v: unknown): AuditEntry | undefined {
  if (!isObj(v)) return undefined;
  const { time, user, uri, operation, target, args, result, message, durationMs } = v;
  if (typeof time !== 'string' || Number.isNaN(Date.parse(time))) return undefined;
  if (typeof user !== 'string' || typeof operation !== 'string') return undefined;
  if (typeof target !== 'string' || typeof uri !== 'string') return undefined;
  if (!auditResults.includes(result as AuditResult)) return undefined;
  return {
    time,
    user,
    uri,
    operation,
    target,
    args: isObj(args) ? args : {},
    result: result as AuditResult,
    ...(typeof message === 'string' ? { message } : {}),
    durationMs: typeof durationMs === 'number' && Number.isFinite(durationMs) ? durationMs : 0,
  };
}

/** Parses the log's text. A last line without its newline is a write in progress or torn. */
export function parseAuditText(text: string): {
  entries: AuditEntry[];
  skipped: number;
  /** Bytes of a trailing unfinished line (not counted as skipped). */
  pending: string;
} {
  const entries: AuditEntry[] = [];
  let skipped = 0;
  const lines = text.split('\n');
  const pending = lines.pop() ?? '';
  for (const line of lines) {
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      skipped++;
      continue;
    }
    const e = asEntry(parsed);
    if (e) entries.push(e);
    else skipped++;
  }
  return { entries, skipped, pending };
}

/** Every file of every place, oldest first within a place. */
export function auditFiles(env: Env = process.env): string[] {
  const { keep } = auditLimits(env);
  const out: string[] = [];
  for (const base of auditLogCandidates(env)) {
    // One past `keep` too: a larger HV_AUDIT_KEEP earlier may have left it.
    for (let n = keep + 1; n >= 0; n--) {
      const f = rotatedName(base, n);
      if (existsSync(f)) out.push(f);
    }
  }
  return out;
}

export function matchesFilter(e: AuditEntry, f: AuditFilter): boolean {
  if (f.since && Date.parse(e.time) < f.since.getTime()) return false;
  if (f.result && e.result !== f.result) return false;
  const same = (value: string, want: string | undefined) => {
    if (!want) return true;
    if (f.match === 'contains') return value.toLowerCase().includes(want.toLowerCase());
    return value === want;
  };
  return same(e.target, f.vm) && same(e.user, f.user);
}

export function readAudit(env: Env = process.env, filter: AuditFilter = {}): AuditRead {
  const all: AuditEntry[] = [];
  let skipped = 0;
  const files: string[] = [];
  const unreadable: string[] = [];
  for (const file of auditFiles(env)) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      unreadable.push(file);
      continue;
    }
    files.push(file);
    const parsed = parseAuditText(text);
    all.push(...parsed.entries);
    // A torn last line of a file nobody writes to any more is lost for good.
    skipped += parsed.skipped + (parsed.pending.trim() ? 1 : 0);
  }
  const entries = all
    .map((e, i) => ({ e, i, t: Date.parse(e.time) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.e)
    .filter((e) => matchesFilter(e, filter));
  return { entries, skipped, files, unreadable };
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/**
 * --since: an ISO date or date-time ("2026-03-01", "2026-03-01T12:00"), a
 * duration back from now ("90s", "15m", "2h", "3d", "1w"), "today" or "yesterday".
 */
export function parseSince(text: string, now = new Date()): Date | undefined {
  const t = text.trim().toLowerCase();
  const rel = /^(\d+)\s*([smhdw])$/.exec(t);
  if (rel) return new Date(now.getTime() - Number(rel[1]) * UNITS[rel[2]!]! * 1000);
  if (t === 'today' || t === 'yesterday') {
    const d = new Date(now);
    d.setHours(0, 0, 0, 0);
    if (t === 'yesterday') d.setDate(d.getDate() - 1);
    return d;
  }
  if (!/^\d{4}-\d{2}-\d{2}([t ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(z|[+-]\d{2}:?\d{2})?)?$/.test(t)) {
    return undefined;
  }
  const d = new Date(text.trim().replace(' ', 'T'));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Follows one log file across rotations: the old file is drained, then the new one. */
export class AuditTail {
  private fd: number | undefined;
  private ino = -1;
  private offset = 0;
  private pending = '';

  constructor(
    readonly file: string,
    /** Start at the end (only new entries) or at the start. */
    fromEnd = true,
  ) {
    this.open(fromEnd);
  }

  private open(fromEnd: boolean): void {
    try {
      this.fd = openSync(this.file, 'r');
      const st = fstatSync(this.fd);
      this.ino = st.ino;
      this.offset = fromEnd ? st.size : 0;
      this.pending = '';
    } catch {
      this.fd = undefined;
    }
  }

  private drain(): string {
    if (this.fd === undefined) return '';
    const chunks: Buffer[] = [];
    const buf = Buffer.alloc(64 * 1024);
    for (;;) {
      const n = readSync(this.fd, buf, 0, buf.length, this.offset);
      if (n <= 0) break;
      this.offset += n;
      chunks.push(Buffer.from(buf.subarray(0, n)));
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  /** New complete entries since the last call. */
  poll(): { entries: AuditEntry[]; skipped: number } {
    let text = this.drain();
    let rotated = false;
    try {
      const st = statSync(this.file);
      if (this.fd === undefined || st.ino !== this.ino || st.size < this.offset) rotated = true;
    } catch {
      // The file is gone for now (moved away by rotation, not yet recreated).
    }
    if (rotated) {
      if (this.fd !== undefined) closeSync(this.fd);
      this.open(false);
      text += this.drain();
    }
    const parsed = parseAuditText(this.pending + text);
    this.pending = parsed.pending;
    return { entries: parsed.entries, skipped: parsed.skipped };
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** Calls onEntries with new entries of every log place until stop() is called. */
export function followAudit(
  onEntries: (entries: AuditEntry[]) => void,
  opts: { env?: Env; intervalMs?: number } = {},
): { stop: () => void; poll: () => void } {
  const env = opts.env ?? process.env;
  const tails = auditLogCandidates(env).map((f) => new AuditTail(f, true));
  const poll = () => {
    const fresh: AuditEntry[] = [];
    for (const t of tails) fresh.push(...t.poll().entries);
    if (fresh.length > 0) onEntries(fresh.sort((a, b) => Date.parse(a.time) - Date.parse(b.time)));
  };
  // Not unref'd: `hv audit --follow` has nothing else keeping it alive.
  const timer = setInterval(poll, opts.intervalMs ?? 500);
  return {
    poll,
    stop: () => {
      clearInterval(timer);
      for (const t of tails) t.close();
    },
  };
}
