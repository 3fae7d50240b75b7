import { errorMessage, HvError } from '../base/errors.js';
import { type ExitCode, exitCodeFor } from './exit-codes.js';

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints an error the same way for every command; returns its exit code. */
export function reportError(e: unknown, json: boolean): ExitCode {
  const err =
    e instanceof HvError
      ? e
      : new HvError('failed', errorMessage(e), { detail: (e as Error)?.stack });
  if (json) {
    process.stdout.write(`${JSON.stringify({ ok: false, error: err.toJSON() }, null, 2)}\n`);
  } else {
    process.stderr.write(`hv: ${err.message}\n`);
    if (err.fix) process.stderr.write(`  fix: ${err.fix}\n`);
    if (err.kind === 'failed' && err.detail && process.env.HV_DEBUG) {
      process.stderr.write(`${err.detail}\n`);
    }
  }
  return exitCodeFor(err.kind);
}

/** Pads plain-text table columns; the last column is left ragged. */
export function table(rows: string[][], header?: string[]): string {
  const all = header ? [header, ...rows] : rows;
  const widths: number[] = [];
  for (const r of all) {
    for (const [i, c] of r.entries()) widths[i] = Math.max(widths[i] ?? 0, [...c].length);
  }
  return all
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i]! - [...c].length)))
        .join('  '),
    )
    .join('\n');
}
