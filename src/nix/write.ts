// Writes generated files safely: shows the diff first, refuses to overwrite hand
// edits (unless forced) and never touches files hv did not generate, keeps the
// previous version as a backup, and replaces each file atomically.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { writeFileAtomic } from '../base/atomic.js';
import { ownership } from './header.js';

export interface GeneratedFile {
  /** Path relative to the output folder, with "/" separators. */
  path: string;
  content: string;
  /**
   * "owned": regenerated every run, carries hv's header (or is hv-answers.json).
   * "layout": written on the first run only; afterwards it is the user's to edit.
   */
  mode: 'owned' | 'layout';
}

export type ChangeStatus = 'create' | 'update' | 'unchanged' | 'kept' | 'refused';

export interface FileChange {
  file: GeneratedFile;
  status: ChangeStatus;
  /** Unified diff against what is on disk (empty when unchanged). */
  diff: string;
  /** Why a file is kept or refused, in words for the person. */
  note?: string;
}

const BACKUP_DIR = '.hv-backups';
export const MAX_BACKUPS = 10;

function isAnswersJson(content: string): boolean {
  try {
    const v = JSON.parse(content);
    return typeof v === 'object' && v !== null && v.version !== undefined && v.host !== undefined;
  } catch {
    return false;
  }
}

/** Decides, without writing, what would happen to each file. */
export function planWrites(
  outDir: string,
  files: readonly GeneratedFile[],
  opts: { force: boolean },
): FileChange[] {
  return files.map((file): FileChange => {
    const target = join(outDir, file.path);
    if (!existsSync(target)) {
      return {
        file,
        status: 'create',
        diff: createTwoFilesPatch('/dev/null', file.path, '', file.content),
      };
    }
    const old = readFileSync(target, 'utf8');
    if (old === file.content) return { file, status: 'unchanged', diff: '' };
    const diff = createTwoFilesPatch(file.path, file.path, old, file.content);
    if (file.mode === 'layout') {
      return {
        file,
        status: 'kept',
        diff: '',
        note: 'already exists; it is yours to edit, hv leaves it alone',
      };
    }
    const own = file.path.endsWith('.json')
      ? isAnswersJson(old)
        ? 'ours'
        : 'not-ours'
      : ownership(old);
    if (own === 'not-ours') {
      return {
        file,
        status: 'refused',
        diff,
        note: 'exists and was not written by hv; hv never touches such files (move it away or choose another --out)',
      };
    }
    if (own === 'ours-edited' && !opts.force) {
      return {
        file,
        status: 'refused',
        diff,
        note: 'was edited by hand since hv wrote it; rerun with --force to replace it (the edited version is kept as a backup)',
      };
    }
    return { file, status: 'update', diff };
  });
}

export function backupStamp(now = new Date()): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

/** Writes the planned changes; refuses everything if any file was refused. */
export function applyWrites(
  outDir: string,
  changes: readonly FileChange[],
  now = new Date(),
): string | undefined {
  if (changes.some((c) => c.status === 'refused')) {
    throw new Error('refusing to write: some files were refused (see planWrites)');
  }
  const updates = changes.filter((c) => c.status === 'update');
  let backupDir: string | undefined;
  if (updates.length > 0) {
    backupDir = join(outDir, BACKUP_DIR, backupStamp(now));
    for (const c of updates) {
      const dest = join(backupDir, c.file.path);
      mkdirSync(dirname(dest), { recursive: true });
      writeFileSync(dest, readFileSync(join(outDir, c.file.path)));
    }
    pruneBackups(join(outDir, BACKUP_DIR));
  }
  clearStaleTemps(outDir, changes);
  // hypervisor-features.nix last: its header names the answers it came from.
  const ordered = [...changes].sort(
    (a, b) =>
      Number(a.file.path === 'hypervisor-features.nix') -
      Number(b.file.path === 'hypervisor-features.nix'),
  );
  for (const c of ordered) {
    if (c.status === 'create' || c.status === 'update')
      writeFileAtomic(join(outDir, c.file.path), c.file.content);
  }
  return backupDir ? relative(outDir, backupDir) : undefined;
}

/** Temp files of writes that were killed (kill -9, power loss) are removed. */
function clearStaleTemps(outDir: string, changes: readonly FileChange[]): void {
  const dirs = new Set(changes.map((c) => dirname(join(outDir, c.file.path))));
  for (const d of dirs) {
    let names: string[] = [];
    try {
      names = readdirSync(d);
    } catch {
      continue;
    }
    for (const name of names) {
      const m = /^\..+\.(\d+)\.\d+\.tmp$/.exec(name);
      if (m && !processAlive(Number(m[1]))) rmSync(join(d, name), { force: true });
    }
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function pruneBackups(dir: string): void {
  const sets = readdirSync(dir).sort();
  for (const old of sets.slice(0, Math.max(0, sets.length - MAX_BACKUPS))) {
    rmSync(join(dir, old), { recursive: true, force: true });
  }
}
