// `hv audit`: the audit log, filtered, as text or JSON lines; --follow keeps
// printing new entries as they are appended (across rotations) until Ctrl-C.

import { HvError } from '../../base/errors.js';
import { count } from '../../base/format.js';
import type { AuditEntry, AuditResult } from '../../security/audit.js';
import { auditResults } from '../../security/audit.js';
import {
  type AuditFilter,
  followAudit,
  matchesFilter,
  parseSince,
  readAudit,
} from '../../security/audit-log.js';
import type { CommandContext } from '../command-spec.js';
import { printJson } from '../output.js';

const opt = (ctx: CommandContext, name: string) => {
  const v = ctx.options[name];
  return typeof v === 'string' ? v : undefined;
};

export function filterFromOptions(ctx: CommandContext, now = new Date()): AuditFilter {
  const since = opt(ctx, 'since');
  const result = opt(ctx, 'result');
  const f: AuditFilter = { match: 'exact' };
  if (since !== undefined) {
    f.since = parseSince(since, now);
    if (!f.since) {
      throw new HvError('usage', `--since does not understand "${since}"`, {
        fix: 'give a date (2026-03-01), a date-time (2026-03-01T12:00), a duration back (15m, 2h, 3d, 1w), today or yesterday',
      });
    }
  }
  if (result !== undefined) {
    if (!auditResults.includes(result as AuditResult)) {
      throw new HvError(
        'usage',
        `--result must be one of ${auditResults.join(', ')}, not "${result}"`,
        {
          fix: 'for example --result refused',
        },
      );
    }
    f.result = result as AuditResult;
  }
  f.vm = opt(ctx, 'vm');
  f.user = opt(ctx, 'user');
  return f;
}

const resultMark: Record<AuditResult, string> = {
  ok: '✓ ok',
  refused: '⊘ refused',
  failed: '✕ failed',
};

/** One line per entry: local-ish ISO time, user, result, operation, target, why. */
export function formatEntry(e: AuditEntry): string {
  const time = e.time.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  const why = e.message ? `  — ${e.message.split('\n')[0]}` : '';
  return `${time}  ${e.user.padEnd(10)} ${resultMark[e.result].padEnd(10)} ${e.operation.padEnd(22)} ${e.target}${why}`;
}

/** The Audit area in --plain mode: the newest entries, and how to see more. */
export function plainAuditLines(count = 20): string[] {
  const r = readAudit(process.env);
  if (r.files.length === 0) return ['No audit log yet: nothing has been changed through hv.'];
  return [
    `The last ${Math.min(count, r.entries.length)} of ${r.entries.length} entries, oldest first:`,
    ...r.entries.slice(-count).map(formatEntry),
    'More: hv audit --since 1d --vm NAME --user USER --result refused --follow',
  ];
}

export async function run(ctx: CommandContext): Promise<number> {
  const filter = filterFromOptions(ctx);
  const follow = ctx.options.follow === true;
  const r = readAudit(process.env, filter);
  const print = (es: AuditEntry[]) => {
    for (const e of es) {
      process.stdout.write(ctx.globals.json ? `${JSON.stringify(e)}\n` : `${formatEntry(e)}\n`);
    }
  };
  if (ctx.globals.json && !follow) {
    printJson({
      entries: r.entries,
      skipped: r.skipped,
      files: r.files,
      unreadable: r.unreadable,
    });
  } else {
    if (!ctx.globals.json) {
      if (r.files.length === 0)
        process.stderr.write('hv: no audit log yet (nothing has been changed through hv).\n');
      if (r.unreadable.length > 0)
        process.stderr.write(
          `hv: cannot read ${r.unreadable.join(', ')} (root only): sudo hv audit\n`,
        );
      if (r.skipped > 0)
        process.stderr.write(
          `hv: skipped ${count(r.skipped, 'damaged line')} (e.g. cut off by a crash)\n`,
        );
    }
    print(r.entries);
  }
  if (!follow) return 0;
  // --follow: JSON becomes one entry per line, which a pipe can read as it comes.
  await new Promise<void>((resolve) => {
    const f = followAudit((es) => print(es.filter((e) => matchesFilter(e, filter))));
    const stop = () => {
      f.stop();
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
