// Versioned, zod-validated JSON files. A file that is missing gives the default;
// one that is corrupt or of an unknown shape is moved aside (never deleted) and the
// caller is told, so it can say so and start fresh.
import { existsSync, readFileSync, renameSync } from 'node:fs';
import type { z } from 'zod';
import { writeFileAtomic } from './atomic.js';

export type LoadResult<T> =
  | { status: 'ok'; value: T }
  | { status: 'missing'; value: T }
  | { status: 'corrupt'; value: T; problem: string; keptAt: string };

export function loadJson<S extends z.ZodType>(
  file: string,
  schema: S,
  fallback: () => z.output<S>,
): LoadResult<z.output<S>> {
  if (!existsSync(file)) return { status: 'missing', value: fallback() };
  let problem: string;
  try {
    const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) return { status: 'ok', value: parsed.data };
    problem = parsed.error.issues
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
  } catch (e) {
    problem = e instanceof Error ? e.message : String(e);
  }
  const keptAt = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  renameSync(file, keptAt);
  return { status: 'corrupt', value: fallback(), problem, keptAt };
}

export function saveJson(file: string, value: unknown): void {
  writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`, 0o600);
}
