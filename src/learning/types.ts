// Lessons as data. A lesson is an explanation (worded per experience level), one
// or more tasks the learner does on the demo hypervisor with hv or with the plain
// command it teaches, and a summary. Each task's verifier checks the real result
// (what libvirt, the catalog or the setup pipeline report), never a flag the
// lesson set itself.
import type { ExperienceLevel } from '../base/settings-peek.js';

type Env = Record<string, string | undefined>;

/** What a verifier and a task's preparation may use. */
export interface TaskContext {
  /** The libvirt the lesson works on: the demo unless the learner chose another. */
  uri: string;
  /** Preparation changes state, so it only ever runs on the demo. */
  isDemo: boolean;
  /** One virsh command on `uri`; throws HvError on failure. */
  virsh(args: readonly string[]): Promise<string>;
  env: Env;
  /** A folder of the learner's for lesson files (answers files, dry-run output). */
  workspace: string;
}

export interface Verdict {
  passed: boolean;
  /** What was found, in plain words: why it passed, or what is still missing. */
  message: string;
}

/**
 * One way to do a task. `hv` ways name hv's own commands and are shown only if hv
 * has them; they get --demo (or --connect) unless `local` (no libvirt involved).
 */
export type Way =
  | { where: 'console'; text: string }
  | { where: 'hv'; args: readonly string[]; local?: boolean }
  | { where: 'virsh'; args: readonly string[] }
  | { where: 'shell'; text: string };

export interface Task {
  /** Stable within its lesson (stored in the progress file). */
  id: string;
  /** What to do, in one sentence. */
  goal: string;
  /** A little more: why, or what to look at. Placeholders: see fill() in text.ts. */
  details?: string;
  ways: readonly Way[];
  /** Present when the task is a question: the learner types an answer. */
  question?: { prompt: string };
  /** Given one at a time, on request. */
  hints: readonly string[];
  /** Puts the demo in the state the task starts from (only ever on the demo). */
  prepare?(ctx: TaskContext): Promise<void>;
  verify(ctx: TaskContext, answer: string | undefined): Promise<Verdict>;
}

export interface Lesson {
  /** Stable id, used on the command line: `hv learn snapshots`. */
  id: string;
  title: string;
  /** One line for the lesson list. */
  about: string;
  minutes: number;
  /** The explanation, per level. Paragraphs are separated by blank lines. */
  explain: Record<ExperienceLevel, string>;
  tasks: readonly Task[];
  /** What was learned, one point per entry. */
  summary: readonly string[];
  /** The commands this lesson taught, for the summary. */
  commands: readonly string[];
}

/** A lesson's steps, in order: the explanation, each task, the summary. */
export type Step =
  | { kind: 'explain' }
  | { kind: 'task'; task: Task; index: number }
  | { kind: 'summary' };

export type LessonStatus = 'new' | 'in-progress' | 'done';
