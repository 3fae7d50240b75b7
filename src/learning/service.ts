// What `hv learn` and the console's Learn screen both do with a lesson: connect
// to the demo, set a task's starting state up once, run its verifier, and record
// the result in the progress file. No words for the screen here, no printing.
import { join } from 'node:path';
import { demoStatus, isDemoUri, startDemo, touchDemo } from '../adapters/demo.js';
import { VirshHypervisor } from '../adapters/virsh.js';
import { HvError } from '../base/errors.js';
import { stateDir } from '../base/paths.js';
import { hypervisorRoot } from '../security/phase.js';
import { newAchievements } from './achievements.js';
import { lessonById, lessons } from './lessons/index.js';
import { practiceFiles } from './lessons/nix.js';
import {
  addAchievements,
  addHint,
  type LessonProgress,
  loadProgress,
  markPrepared,
  markTaskDone,
  type Progress,
  resetTask,
  setStep,
  startLesson,
  updateProgress,
} from './progress.js';
import type { Lesson, LessonStatus, TaskContext, Verdict } from './types.js';

type Env = Record<string, string | undefined>;

export interface Learner {
  uri: string;
  isDemo: boolean;
  ctx: TaskContext;
  /** Placeholders the lesson texts use: {answers}, {out}, {workspace}, {root}. */
  vars: Record<string, string>;
  env: Env;
  /** Starts the demo when it is the lesson's libvirt and not running yet. */
  ready(): Promise<void>;
}

export interface LearnerOptions {
  env?: Env;
  /** The learner chose another libvirt: verifiers read it, preparation never touches it. */
  connect?: string | undefined;
}

export const workspaceDir = (env: Env) => join(stateDir(env), 'learn');

export function lessonVars(env: Env): Record<string, string> {
  const workspace = workspaceDir(env);
  const files = practiceFiles(workspace);
  return { workspace, answers: files.answers, out: files.out, root: hypervisorRoot(env) };
}

/**
 * The lesson's libvirt: the chosen one, or the demo, started on the first virsh
 * call. Lessons that never ask libvirt (risks, Nix, phases) work without it.
 */
export async function openLearner(opts: LearnerOptions = {}): Promise<Learner> {
  const env = opts.env ?? process.env;
  const uri = opts.connect ?? demoStatus(env).uri;
  const isDemo = opts.connect === undefined || isDemoUri(uri);
  let started: Promise<unknown> | undefined;
  const ready = async () => {
    if (opts.connect !== undefined) return;
    // A failed start is not remembered: the next call tries again.
    started ??= startDemo(env).catch((e: unknown) => {
      started = undefined;
      throw e;
    });
    await started;
    touchDemo(env);
  };
  const virsh = new VirshHypervisor(uri);
  return {
    uri,
    isDemo,
    env,
    ready,
    vars: lessonVars(env),
    ctx: {
      uri,
      isDemo,
      env,
      workspace: workspaceDir(env),
      virsh: async (args) => {
        await ready();
        return virsh.exec(args);
      },
    },
  };
}

export function findLesson(id: string): Lesson {
  const lesson = lessonById.get(id);
  if (!lesson) {
    const near = lessons.filter((l) => l.id.includes(id) || id.includes(l.id)).map((l) => l.id);
    throw new HvError('not-found', `there is no lesson "${id}"`, {
      fix: near.length
        ? `did you mean ${near.join(' or ')}? (hv learn list shows them all)`
        : 'hv learn list shows the lessons',
    });
  }
  return lesson;
}

export function statusOf(p: Progress, lesson: Lesson): LessonStatus {
  const l = p.lessons[lesson.id];
  return !l ? 'new' : l.status === 'done' ? 'done' : 'in-progress';
}

/** The first task not done yet (undefined when all are). */
export function openTaskIndex(lesson: Lesson, l: LessonProgress | undefined): number | undefined {
  const i = lesson.tasks.findIndex((t) => !l?.tasksDone.includes(t.id));
  return i < 0 ? undefined : i;
}

/** The lesson to suggest next: the current unfinished one, else the first not done. */
export function nextLesson(p: Progress): Lesson | undefined {
  const current = p.current ? lessonById.get(p.current) : undefined;
  if (current && statusOf(p, current) !== 'done') return current;
  return lessons.find((l) => statusOf(p, l) !== 'done');
}

export const doneCount = (p: Progress) => lessons.filter((l) => statusOf(p, l) === 'done').length;

/**
 * Puts the learner's place on the first task not done (or the summary), so the
 * console resumes where the command line left off.
 */
export function placeAtOpenTask(lesson: Lesson, env: Env): Progress {
  return updateProgress((p) => {
    const open = openTaskIndex(lesson, p.lessons[lesson.id]);
    return setStep(p, lesson.id, open === undefined ? lesson.tasks.length + 1 : open + 1);
  }, env).progress;
}

export function startLessonNow(lessonId: string, env: Env) {
  return updateProgress((p) => startLesson(p, lessonId, new Date()), env);
}

/**
 * Sets the task's starting state up, once: not again after it was prepared or
 * done, unless the task is reset. Runs before the learner reads the task.
 */
export async function prepareTask(
  learner: Learner,
  lesson: Lesson,
  index: number,
  progress: Progress,
): Promise<Progress> {
  const task = lesson.tasks[index];
  const l = progress.lessons[lesson.id];
  if (!task || !l || l.prepared.includes(task.id) || l.tasksDone.includes(task.id)) {
    return progress;
  }
  await task.prepare?.(learner.ctx);
  return updateProgress((p) => markPrepared(p, lesson.id, task.id), learner.env).progress;
}

/** Forgets a task's result and sets its starting state up again. */
export async function redoTask(learner: Learner, lesson: Lesson, index: number): Promise<Progress> {
  const task = lesson.tasks[index];
  if (!task) return loadProgress(learner.env).value;
  const reset = updateProgress((p) => resetTask(p, lesson.id, task.id), learner.env).progress;
  return prepareTask(learner, lesson, index, reset);
}

export interface CheckResult {
  verdict: Verdict;
  progress: Progress;
  /** The lesson became done with this check. */
  completed: boolean;
  achievements: string[];
}

export async function checkTask(
  learner: Learner,
  lesson: Lesson,
  index: number,
  answer: string | undefined,
): Promise<CheckResult> {
  const task = lesson.tasks[index];
  if (!task) {
    throw new HvError('usage', `lesson ${lesson.id} has no task ${index + 1}`, {
      fix: `its tasks are 1 to ${lesson.tasks.length}`,
    });
  }
  if (task.question && (answer === undefined || answer.trim() === '')) {
    return {
      verdict: {
        passed: false,
        message: `task ${index + 1} is a question (${task.question.prompt.replace(/:$/, '')}): give your answer`,
      },
      progress: loadProgress(learner.env).value,
      completed: false,
      achievements: [],
    };
  }
  const verdict = await task.verify(learner.ctx, answer);
  const now = new Date();
  let completed = false;
  let earned: string[] = [];
  const { progress } = updateProgress((p) => {
    if (!verdict.passed) return startLesson(p, lesson.id, now);
    const before = p.lessons[lesson.id]?.status;
    let next = markTaskDone(
      startLesson(p, lesson.id, now),
      lesson.id,
      task.id,
      lesson.tasks.map((t) => t.id),
      now,
    );
    completed = before !== 'done' && next.lessons[lesson.id]?.status === 'done';
    earned = newAchievements(
      next,
      lessons.map((l) => l.id),
    );
    next = addAchievements(next, earned, now);
    return next;
  }, learner.env);
  return { verdict, progress, completed, achievements: earned };
}

/** Hints of a task shown so far. */
export const hintsShown = (p: Progress, lesson: Lesson, index: number) =>
  p.lessons[lesson.id]?.hints[lesson.tasks[index]?.id ?? ''] ?? 0;

/**
 * Shows one more hint of a task (counted in the progress); after the last one,
 * the last one again. Returns every hint shown so far.
 */
export function nextHint(
  lesson: Lesson,
  index: number,
  env: Env,
): { hints: string[]; total: number; progress: Progress } {
  const task = lesson.tasks[index];
  const { progress } = updateProgress((p) => {
    const started = startLesson(p, lesson.id, new Date());
    if (!task || hintsShown(started, lesson, index) >= task.hints.length) return started;
    return addHint(started, lesson.id, task.id);
  }, env);
  const shown = hintsShown(progress, lesson, index);
  return { hints: task?.hints.slice(0, shown) ?? [], total: task?.hints.length ?? 0, progress };
}
