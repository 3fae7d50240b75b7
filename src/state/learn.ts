// The Learn screens' state, one store per console (keyed by its router store, so
// screen tests with several consoles do not share it). The learning module itself
// (lessons, progress, verifiers) is loaded on first use with import().
import { createStore, type StoreApi } from 'zustand/vanilla';
import { initialList, type ListState } from '../base/list.js';
import { type TextFieldState, textField } from '../base/text-field.js';
import type * as LearningModule from '../learning/console.js';
import type { Progress } from '../learning/progress.js';
import type { Learner } from '../learning/service.js';
import type { Stores } from './stores.js';

export type Learning = typeof LearningModule;

export type CheckState =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'passed'; message: string; completed: boolean; achievements: string[] }
  | { state: 'failed'; message: string };

export interface LessonView {
  id: string;
  /** Index into the lesson's steps (explanation, tasks, summary). */
  step: number;
  /** First content line shown (long steps scroll). */
  scroll: number;
  answer: TextFieldState;
  editing: boolean;
  check: CheckState;
  /** Something slow is going on: "Setting the demo up for this task…". */
  busy: string | undefined;
  /** A problem with the demo or the progress file, for this view. */
  problem: string | undefined;
}

export interface LearnState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | undefined;
  mod: Learning | undefined;
  /** Connected to the demo (set once the demo answers). */
  learner: Learner | undefined;
  learnerError: string | undefined;
  progress: Progress | undefined;
  /** E.g. the progress file was corrupt and was kept aside. */
  notice: string | undefined;
  list: ListState;
  lesson: LessonView | undefined;
}

export type LearnStore = StoreApi<LearnState>;

const initial = (): LearnState => ({
  status: 'idle',
  error: undefined,
  mod: undefined,
  learner: undefined,
  learnerError: undefined,
  progress: undefined,
  notice: undefined,
  list: initialList,
  lesson: undefined,
});

const stores = new WeakMap<object, LearnStore>();

export function learnStore(ctx: { stores: Stores }): LearnStore {
  let s = stores.get(ctx.stores.router);
  if (!s) {
    s = createStore<LearnState>()(initial);
    stores.set(ctx.stores.router, s);
  }
  return s;
}

export const freshLessonView = (id: string, step: number): LessonView => ({
  id,
  step,
  scroll: 0,
  answer: textField(),
  editing: false,
  check: { state: 'idle' },
  busy: undefined,
  problem: undefined,
});
