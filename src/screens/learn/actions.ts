// What the Learn screens' keys do, as plain functions over the store: load the
// learning module, open a lesson where it was left, move between steps, set a
// task up on the demo, check the learner's work, give hints. No React here.
import { errorMessage, isHvError } from '../../base/errors.js';
import { type ListMove, moveList } from '../../base/list.js';
import { textField } from '../../base/text-field.js';
import type { Learner } from '../../learning/service.js';
import type { Lesson, Step } from '../../learning/types.js';
import { freshLessonView, type Learning, type LearnStore, learnStore } from '../../state/learn.js';
import { push } from '../../state/router.js';
import { suggestionStore } from '../../state/suggestion.js';
import type { ScreenContext } from '../types.js';

type Ctx = Pick<ScreenContext, 'stores'>;

const learners = new WeakMap<LearnStore, Promise<Learner>>();

const describe = (e: unknown) =>
  `${errorMessage(e)}${isHvError(e) && e.fix ? ` (fix: ${e.fix})` : ''}`;

/** Loads lessons and progress once, then connects to the demo in the background. */
export async function ensureLoaded(ctx: Ctx): Promise<void> {
  const store = learnStore(ctx);
  if (store.getState().status !== 'idle') return;
  store.setState({ status: 'loading' });
  try {
    const mod = await import('../../learning/console.js');
    const loaded = mod.loadProgress();
    const progress = loaded.value;
    const current = progress.current ? mod.lessons.findIndex((l) => l.id === progress.current) : -1;
    const first =
      current >= 0 ? current : mod.lessons.findIndex((l) => mod.statusOf(progress, l) !== 'done');
    store.setState({
      status: 'ready',
      mod,
      progress,
      notice: mod.corruptNotice(loaded),
      list: { cursor: Math.max(0, first), top: 0 },
    });
    // The demo is started when a task needs it (preparing or checking), not here.
  } catch (e) {
    store.setState({ status: 'error', error: describe(e) });
  }
}

/** The demo connection, started once per console (the demo may take a second). */
export function learner(ctx: Ctx): Promise<Learner> {
  const store = learnStore(ctx);
  let p = learners.get(store);
  if (!p) {
    const mod = store.getState().mod;
    if (!mod) return Promise.reject(new Error('the lessons are still loading'));
    p = mod.openLearner({}).then(
      (l) => {
        store.setState({ learner: l, learnerError: undefined });
        return l;
      },
      (e: unknown) => {
        learners.delete(store);
        store.setState({ learnerError: describe(e) });
        throw e;
      },
    );
    learners.set(store, p);
  }
  return p;
}

function current(
  ctx: Ctx,
): { mod: Learning; lesson: Lesson; step: Step; steps: Step[] } | undefined {
  const s = learnStore(ctx).getState();
  if (!s.mod || !s.lesson) return undefined;
  const lesson = s.mod.lessonById.get(s.lesson.id);
  if (!lesson) return undefined;
  const steps = s.mod.lessonSteps(lesson);
  const step = steps[Math.min(s.lesson.step, steps.length - 1)]!;
  return { mod: s.mod, lesson, step, steps };
}

/** What the open lesson shows now, for the key bindings. */
export function stepKind(ctx: Ctx): { kind: Step['kind'] | undefined; question: boolean } {
  const c = current(ctx);
  if (!c) return { kind: undefined, question: false };
  return {
    kind: c.step.kind,
    question: c.step.kind === 'task' && c.step.task.question !== undefined,
  };
}

export function moveLessonCursor(ctx: Ctx, move: ListMove, height: number): void {
  const store = learnStore(ctx);
  const { mod, list } = store.getState();
  if (!mod) return;
  store.setState({ list: moveList(list, move, mod.lessons.length, height) });
}

/** Opens a lesson at the step it was left at (resume), or at its start. */
export function openLesson(ctx: Ctx, id: string): void {
  const store = learnStore(ctx);
  const { mod } = store.getState();
  if (!mod) return;
  try {
    const { progress, notice } = mod.startLessonNow(id, process.env);
    const step = progress.lessons[id]?.step ?? 0;
    const idx = mod.lessons.findIndex((l) => l.id === id);
    store.setState({
      progress,
      notice: notice ?? store.getState().notice,
      lesson: freshLessonView(id, step),
      list: { ...store.getState().list, cursor: Math.max(0, idx) },
    });
  } catch (e) {
    store.setState({ notice: `Could not save your progress: ${describe(e)}` });
    store.setState({ lesson: freshLessonView(id, 0) });
  }
  if (ctx.stores.router.getState().stack.at(-1) !== 'lesson') push(ctx.stores.router, 'lesson');
  void ensurePrepared(ctx);
}

export function openSelected(ctx: Ctx): void {
  const { mod, list } = learnStore(ctx).getState();
  const lesson = mod?.lessons[list.cursor];
  if (lesson) openLesson(ctx, lesson.id);
}

/** Continues the lesson worked on last (or the next one not done). */
export function continueLearning(ctx: Ctx): void {
  const { mod, progress } = learnStore(ctx).getState();
  if (!mod || !progress) return;
  const next = mod.nextLesson(progress);
  if (next) openLesson(ctx, next.id);
}

export function moveStep(ctx: Ctx, delta: number): void {
  const c = current(ctx);
  const store = learnStore(ctx);
  const view = store.getState().lesson;
  if (!c || !view) return;
  const step = Math.min(c.steps.length - 1, Math.max(0, view.step + delta));
  if (step === view.step) return;
  store.setState({ lesson: { ...freshLessonView(view.id, step) } });
  try {
    const { progress } = c.mod.updateProgress((p) => c.mod.setStep(p, view.id, step), process.env);
    store.setState({ progress });
  } catch (e) {
    setProblem(ctx, `Could not save your place: ${describe(e)}`);
  }
  void ensurePrepared(ctx);
}

function setProblem(ctx: Ctx, problem: string | undefined) {
  const store = learnStore(ctx);
  const view = store.getState().lesson;
  if (view) store.setState({ lesson: { ...view, problem, busy: undefined } });
}

function patchView(
  ctx: Ctx,
  id: string,
  step: number,
  patch: Partial<ReturnType<typeof freshLessonView>>,
) {
  const store = learnStore(ctx);
  const view = store.getState().lesson;
  // The learner may have moved on while something ran: only update the same step.
  if (view && view.id === id && view.step === step)
    store.setState({ lesson: { ...view, ...patch } });
}

/** Sets the current task's starting state up on the demo, once. */
export async function ensurePrepared(ctx: Ctx): Promise<void> {
  const c = current(ctx);
  const store = learnStore(ctx);
  const view = store.getState().lesson;
  const progress = store.getState().progress;
  if (!c || !view || !progress || c.step.kind !== 'task') return;
  const lp = progress.lessons[c.lesson.id];
  const task = c.step.task;
  if (!task.prepare || lp?.prepared.includes(task.id) || lp?.tasksDone.includes(task.id)) return;
  patchView(ctx, view.id, view.step, { busy: 'Setting the demo up for this task…' });
  try {
    const l = await learner(ctx);
    const fresh = store.getState().progress ?? progress;
    const next = await c.mod.prepareTask(l, c.lesson, c.step.index, fresh);
    store.setState({ progress: next });
    patchView(ctx, view.id, view.step, { busy: undefined, problem: undefined });
  } catch (e) {
    patchView(ctx, view.id, view.step, {
      busy: undefined,
      problem: `The demo could not be set up for this task: ${describe(e)}`,
    });
  }
}

/** Enter on a task: check the work (a question first asks for the answer). */
export async function checkWork(ctx: Ctx): Promise<void> {
  const c = current(ctx);
  const store = learnStore(ctx);
  const view = store.getState().lesson;
  if (!c || !view) return;
  if (c.step.kind === 'summary') {
    const next = c.mod.lessons[c.mod.lessons.indexOf(c.lesson) + 1];
    if (next) openLesson(ctx, next.id);
    return;
  }
  if (c.step.kind !== 'task') return moveStep(ctx, 1);
  if (view.check.state === 'running' || view.busy) return;
  const task = c.step.task;
  if (task.question && view.answer.value.trim() === '') {
    patchView(ctx, view.id, view.step, { editing: true });
    return;
  }
  patchView(ctx, view.id, view.step, { check: { state: 'running' }, editing: false });
  try {
    const l = await learner(ctx);
    const r = await c.mod.checkTask(
      l,
      c.lesson,
      c.step.index,
      task.question ? view.answer.value : undefined,
    );
    store.setState({ progress: r.progress });
    patchView(ctx, view.id, view.step, {
      check: r.verdict.passed
        ? {
            state: 'passed',
            message: r.verdict.message,
            completed: r.completed,
            achievements: r.achievements,
          }
        : { state: 'failed', message: r.verdict.message },
      // A wrong answer: the field keeps focus, to correct it at once.
      editing: !r.verdict.passed && task.question !== undefined,
    });
    if (r.completed) {
      const level = ctx.stores.session.getState().experience;
      suggestionStore.setState({ suggestion: c.mod.suggestionFor(r.progress, level) });
    }
  } catch (e) {
    patchView(ctx, view.id, view.step, {
      check: { state: 'failed', message: `The check could not run: ${describe(e)}` },
    });
  }
}

export function showHint(ctx: Ctx): void {
  const c = current(ctx);
  const store = learnStore(ctx);
  if (c?.step.kind !== 'task') return;
  try {
    const { progress } = c.mod.nextHint(c.lesson, c.step.index, process.env);
    store.setState({ progress });
  } catch (e) {
    setProblem(ctx, `Could not save your progress: ${describe(e)}`);
  }
}

/** Forgets the task's result and sets the demo up for it again. */
export async function redoTask(ctx: Ctx): Promise<void> {
  const c = current(ctx);
  const store = learnStore(ctx);
  const view = store.getState().lesson;
  if (!c || !view || c.step.kind !== 'task') return;
  patchView(ctx, view.id, view.step, {
    busy: 'Setting the demo up for this task again…',
    check: { state: 'idle' },
    answer: textField(),
  });
  try {
    const l = await learner(ctx);
    store.setState({ progress: await c.mod.redoTask(l, c.lesson, c.step.index) });
    patchView(ctx, view.id, view.step, { busy: undefined, problem: undefined });
  } catch (e) {
    patchView(ctx, view.id, view.step, { busy: undefined, problem: describe(e) });
  }
}

export function scrollLesson(ctx: Ctx, delta: number, max: number): void {
  const store = learnStore(ctx);
  const view = store.getState().lesson;
  if (!view) return;
  const scroll = Math.min(Math.max(0, max), Math.max(0, view.scroll + delta));
  if (scroll !== view.scroll) store.setState({ lesson: { ...view, scroll } });
}

export function dismissLevelSuggestion(ctx: Ctx): void {
  const store = learnStore(ctx);
  const { mod } = store.getState();
  const suggestion = suggestionStore.getState().suggestion;
  if (!mod || !suggestion) return;
  try {
    const { progress } = mod.updateProgress(
      (p) => mod.dismissSuggestion(p, suggestion.level),
      process.env,
    );
    store.setState({ progress });
  } catch {
    // Not saved: it is hidden for this session anyway.
  }
  suggestionStore.setState({ suggestion: undefined });
}
