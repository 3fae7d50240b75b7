// Learning progress: which lessons are done, where the learner is inside one
// (so a dropped SSH session resumes mid-lesson), achievements, and how much hv
// has been used (for suggesting the next experience level). One versioned,
// zod-validated JSON file under XDG state, written atomically; a corrupt file is
// kept aside and the learner starts fresh, told so.
//
// Every change is a pure function Progress -> Progress; updateProgress() reads
// the file, applies one and writes it back, so the console and `hv learn` in
// another shell do not overwrite each other's work.
import { join } from 'node:path';
import { z } from 'zod';
import { stateDir } from '../base/paths.js';
import { type LoadResult, loadJson, saveJson } from '../base/persist.js';
import { experienceLevels } from '../base/settings-peek.js';

type Env = Record<string, string | undefined>;

const LessonProgress = z
  .object({
    status: z.enum(['in-progress', 'done']),
    /** Index into the lesson's steps: 0 explanation, 1..n tasks, n+1 summary. */
    step: z.number().int().min(0),
    tasksDone: z.array(z.string()),
    /** Tasks whose starting state was set up on the demo (done once per task). */
    prepared: z.array(z.string()),
    /** Hints shown, per task id (the next request gives the next hint). */
    hints: z.record(z.string(), z.number().int().min(0)),
    startedAt: z.string(),
    completedAt: z.string().optional(),
  })
  .strict();
export type LessonProgress = z.infer<typeof LessonProgress>;

export const Progress = z
  .object({
    version: z.literal(1),
    lessons: z.record(z.string(), LessonProgress),
    /** The lesson last worked on: "resume" opens it. */
    current: z.string().optional(),
    achievements: z.array(z.object({ id: z.string(), at: z.string() }).strict()),
    usage: z
      .object({
        /** Console sessions and learn commands run. */
        sessions: z.number().int().min(0),
        /** Distinct days (YYYY-MM-DD) hv was used on, newest last, bounded. */
        days: z.array(z.string()),
      })
      .strict(),
    /** A level suggestion the learner said no to; not offered again. */
    dismissedSuggestion: z.enum(experienceLevels).optional(),
  })
  .strict();
export type Progress = z.infer<typeof Progress>;

export const emptyProgress = (): Progress => ({
  version: 1,
  lessons: {},
  achievements: [],
  usage: { sessions: 0, days: [] },
});

export const progressFile = (env: Env = process.env) => join(stateDir(env), 'progress.json');

export function loadProgress(env: Env = process.env): LoadResult<Progress> {
  return loadJson(progressFile(env), Progress, emptyProgress);
}

export function saveProgress(p: Progress, env: Env = process.env): void {
  saveJson(progressFile(env), Progress.parse(p));
}

/** A message for a corrupt file, or undefined. */
export function corruptNotice(r: LoadResult<Progress>): string | undefined {
  return r.status === 'corrupt'
    ? `The progress file was unreadable (${r.problem}). It was kept at ${r.keptAt}; starting fresh.`
    : undefined;
}

/** Reads, applies one change, writes back; returns the new progress and any notice. */
export function updateProgress(
  change: (p: Progress) => Progress,
  env: Env = process.env,
): { progress: Progress; notice: string | undefined } {
  const loaded = loadProgress(env);
  const progress = change(loaded.value);
  saveProgress(progress, env);
  return { progress, notice: corruptNotice(loaded) };
}

// Pure changes.

const MAX_DAYS = 366;

export const isoDay = (now: Date) => now.toISOString().slice(0, 10);

function withLesson(p: Progress, id: string, f: (l: LessonProgress) => LessonProgress): Progress {
  const l = p.lessons[id];
  if (!l) return p;
  return { ...p, lessons: { ...p.lessons, [id]: f(l) } };
}

/** Starts a lesson (or keeps its place when already started) and makes it current. */
export function startLesson(p: Progress, id: string, now: Date): Progress {
  const existing = p.lessons[id];
  const lessons = existing
    ? p.lessons
    : {
        ...p.lessons,
        [id]: {
          status: 'in-progress' as const,
          step: 0,
          tasksDone: [],
          prepared: [],
          hints: {},
          startedAt: now.toISOString(),
        },
      };
  return { ...p, lessons, current: id };
}

export function setStep(p: Progress, id: string, step: number): Progress {
  return withLesson(p, id, (l) => ({ ...l, step: Math.max(0, step) }));
}

export function markPrepared(p: Progress, id: string, taskId: string): Progress {
  return withLesson(p, id, (l) =>
    l.prepared.includes(taskId) ? l : { ...l, prepared: [...l.prepared, taskId] },
  );
}

/** Forgets that a task was done and prepared, so it can be done again from the start. */
export function resetTask(p: Progress, id: string, taskId: string): Progress {
  return withLesson(p, id, (l) => ({
    ...l,
    prepared: l.prepared.filter((t) => t !== taskId),
    tasksDone: l.tasksDone.filter((t) => t !== taskId),
  }));
}

/**
 * Records a passed task; the lesson is done when every one of `allTasks` is.
 * A lesson done once stays done (redoing a task does not undo it).
 */
export function markTaskDone(
  p: Progress,
  id: string,
  taskId: string,
  allTasks: readonly string[],
  now: Date,
): Progress {
  return withLesson(p, id, (l) => {
    const tasksDone = l.tasksDone.includes(taskId) ? l.tasksDone : [...l.tasksDone, taskId];
    const complete = allTasks.every((t) => tasksDone.includes(t));
    if (l.status === 'done' || !complete) return { ...l, tasksDone };
    return { ...l, tasksDone, status: 'done', completedAt: now.toISOString() };
  });
}

export function addHint(p: Progress, id: string, taskId: string): Progress {
  return withLesson(p, id, (l) => ({
    ...l,
    hints: { ...l.hints, [taskId]: (l.hints[taskId] ?? 0) + 1 },
  }));
}

export const hintsUsed = (l: LessonProgress) => Object.values(l.hints).reduce((a, b) => a + b, 0);

export function resetLesson(p: Progress, id: string): Progress {
  const { [id]: _gone, ...rest } = p.lessons;
  return { ...p, lessons: rest, ...(p.current === id ? { current: undefined } : {}) };
}

/** One use of hv (a console session or a learn command), for the level suggestion. */
export function recordUse(p: Progress, now: Date): Progress {
  const day = isoDay(now);
  const days = p.usage.days.includes(day) ? p.usage.days : [...p.usage.days, day].slice(-MAX_DAYS);
  return { ...p, usage: { sessions: p.usage.sessions + 1, days } };
}

export function addAchievements(p: Progress, ids: readonly string[], now: Date): Progress {
  const have = new Set(p.achievements.map((a) => a.id));
  const fresh = ids.filter((id) => !have.has(id));
  if (fresh.length === 0) return p;
  return {
    ...p,
    achievements: [...p.achievements, ...fresh.map((id) => ({ id, at: now.toISOString() }))],
  };
}

export function dismissSuggestion(p: Progress, level: (typeof experienceLevels)[number]): Progress {
  return { ...p, dismissedSuggestion: level };
}
