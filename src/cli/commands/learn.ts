// `hv learn`: the lessons on the command line. Same lessons, verifiers and
// progress file as the console's Learn screen, so a learner can switch between
// them at any point (even mid-task).
import { HvError } from '../../base/errors.js';
import { type ExperienceLevel, experienceLevels } from '../../base/settings-peek.js';
import { achievementById } from '../../learning/achievements.js';
import { lessons } from '../../learning/lessons/index.js';
import {
  corruptNotice,
  loadProgress,
  type Progress,
  recordUse,
  updateProgress,
} from '../../learning/progress.js';
import {
  explanationLines,
  lessonListJson,
  lessonListLines,
  lessonNumber,
  suggestionFor,
  summaryLines,
  taskLines,
  taskView,
  whereText,
} from '../../learning/render.js';
import {
  checkTask,
  doneCount,
  findLesson,
  type Learner,
  lessonVars,
  nextHint,
  nextLesson,
  openLearner,
  openTaskIndex,
  placeAtOpenTask,
  prepareTask,
  startLessonNow,
  statusOf,
} from '../../learning/service.js';
import { suggestionAction } from '../../learning/suggestion.js';
import { exportLine, type WayOptions } from '../../learning/text.js';
import type { Lesson } from '../../learning/types.js';
import { loadSettings } from '../../state/settings.js';
import type { CommandContext } from '../command-spec.js';
import { hvHas } from '../commands.js';
import { printJson } from '../output.js';

const out = (s = '') => process.stdout.write(`${s}\n`);

function note(message: string | undefined, json: boolean) {
  if (message && !json) process.stderr.write(`hv: note: ${message}\n`);
}

/** --level overrides the level in the settings. */
export function levelOption(ctx: CommandContext): ExperienceLevel {
  const v = ctx.options.level;
  if (v === undefined) return loadSettings().value.experience;
  if (typeof v === 'string' && (experienceLevels as readonly string[]).includes(v)) {
    return v as ExperienceLevel;
  }
  throw new HvError('usage', `--level must be one of ${experienceLevels.join(', ')}`, {
    fix: `for example --level ${experienceLevels[0]}`,
  });
}

function taskOption(ctx: CommandContext, lesson: Lesson, p: Progress): number {
  const v = ctx.options.task;
  if (v === undefined) {
    const open = openTaskIndex(lesson, p.lessons[lesson.id]);
    return open ?? lesson.tasks.length - 1;
  }
  const n = typeof v === 'string' ? Number.parseInt(v, 10) : Number.NaN;
  if (!Number.isInteger(n) || String(n) !== v || n < 1 || n > lesson.tasks.length) {
    throw new HvError('usage', `--task must be a task number from 1 to ${lesson.tasks.length}`, {
      fix: `hv learn ${lesson.id} lists its tasks`,
    });
  }
  return n - 1;
}

const wayOptions = (l: Pick<Learner, 'isDemo' | 'uri' | 'vars'>): WayOptions => ({
  demo: l.isDemo,
  uri: l.uri,
  vars: l.vars,
  has: hvHas,
});

function counted(env = process.env) {
  return updateProgress((p) => recordUse(p, new Date()), env);
}

/** `hv learn` and `hv learn list`. */
export async function list(ctx: CommandContext): Promise<number> {
  const level = levelOption(ctx);
  const loaded = loadProgress();
  note(corruptNotice(loaded), ctx.globals.json);
  const p = loaded.value;
  const next = nextLesson(p);
  const suggestion = suggestionFor(p, level);
  if (ctx.globals.json) {
    printJson({
      lessons: lessonListJson(p),
      done: doneCount(p),
      total: lessons.length,
      next: next?.id,
      suggestion,
    });
    return 0;
  }
  out(
    `Lessons (${doneCount(p)} of ${lessons.length} done). They use the demo hypervisor: nothing real changes.`,
  );
  out();
  for (const l of lessonListLines(p)) out(l);
  out();
  if (next) {
    const verb = statusOf(p, next) === 'in-progress' ? 'Continue' : 'Start';
    out(`${verb} with: hv learn ${next.id}     (or press 3 in the console: Learn)`);
  } else out('Every lesson is done. Well done.');
  if (suggestion)
    out(`Suggestion: ${suggestion.reason} To switch, ${suggestionAction(suggestion.level)}.`);
  return 0;
}

/** The Learn area in --plain mode: the lessons, and how to take one line by line. */
export function plainLearnLines(): string[] {
  const loaded = loadProgress();
  const p = loaded.value;
  const next = nextLesson(p);
  return [
    ...(corruptNotice(loaded) ? [`Note: ${corruptNotice(loaded)}`] : []),
    `${doneCount(p)} of ${lessons.length} lessons done:`,
    ...lessonListLines(p),
    next
      ? `Lessons work line by line from a shell: hv learn ${next.id}, then hv learn check ${next.id}.`
      : 'Every lesson is done.',
  ];
}

export async function run(ctx: CommandContext): Promise<number> {
  const id = ctx.positionals[0];
  if (id === undefined) return list(ctx);
  return show(ctx, id);
}

/** `hv learn LESSON`: starts or resumes a lesson and prints where the learner is. */
async function show(ctx: CommandContext, id: string): Promise<number> {
  const lesson = findLesson(id);
  const level = levelOption(ctx);
  const connect = ctx.globals.connect;
  const learner = await openLearner({ connect });
  const started = startLessonNow(lesson.id, process.env);
  note(started.notice, ctx.globals.json);
  counted();
  let p = placeAtOpenTask(lesson, process.env);
  const open = openTaskIndex(lesson, p.lessons[lesson.id]);
  if (open !== undefined) p = await prepareTask(learner, lesson, open, p);
  const opts = wayOptions(learner);
  const lp = p.lessons[lesson.id];
  if (ctx.globals.json) {
    printJson({
      lesson: {
        id: lesson.id,
        number: lessonNumber(lesson),
        title: lesson.title,
        about: lesson.about,
      },
      status: statusOf(p, lesson),
      level,
      uri: learner.uri,
      demo: learner.isDemo,
      explanation: explanationLines(lesson, level, learner.vars, 10_000),
      tasks: lesson.tasks.map((t, i) => ({
        ...taskView(t, i, lp?.tasksDone.includes(t.id) ?? false, opts),
        current: i === open,
      })),
      summary: lesson.summary,
      commands: lesson.commands,
    });
    return 0;
  }
  out(
    `Lesson ${lessonNumber(lesson)} of ${lessons.length}: ${lesson.title}  (${whereText(p, lesson)}, ${level})`,
  );
  out();
  for (const l of explanationLines(lesson, level, learner.vars)) out(l);
  out();
  if (!learner.isDemo) {
    out(`Working on ${learner.uri}, not the demo: hv sets nothing up there for you.`);
    out();
  }
  if (open === undefined) {
    for (const l of summaryLines(lesson, hvHas)) out(l);
    out();
    out('This lesson is done. hv learn list shows the others.');
    return 0;
  }
  for (const [i] of lesson.tasks.entries()) {
    if (i > open) break;
    if (i < open) {
      out(`Task ${i + 1} of ${lesson.tasks.length} (done): ${lesson.tasks[i]!.goal}`);
      continue;
    }
    for (const l of taskLines(lesson, i, p, opts)) out(l);
  }
  return 0;
}

/** `hv learn check LESSON`: runs the verifier; exit 0 passed, 1 not yet. */
export async function check(ctx: CommandContext): Promise<number> {
  const lesson = findLesson(ctx.positionals[0]!);
  const loaded = loadProgress();
  note(corruptNotice(loaded), ctx.globals.json);
  const index = taskOption(ctx, lesson, loaded.value);
  const answer = typeof ctx.options.answer === 'string' ? ctx.options.answer : undefined;
  const learner = await openLearner({ connect: ctx.globals.connect });
  counted();
  const result = await checkTask(learner, lesson, index, answer);
  let p = result.progress;
  const task = lesson.tasks[index]!;
  if (result.verdict.passed) p = placeAtOpenTask(lesson, process.env);
  const next = result.verdict.passed ? openTaskIndex(lesson, p.lessons[lesson.id]) : undefined;
  if (next !== undefined) p = await prepareTask(learner, lesson, next, p);
  const level = loadSettings().value.experience;
  const suggestion = result.completed ? suggestionFor(p, level) : undefined;
  const after = result.completed ? nextLesson(p) : undefined;
  if (ctx.globals.json) {
    printJson({
      ok: result.verdict.passed,
      lesson: lesson.id,
      task: { number: index + 1, id: task.id },
      passed: result.verdict.passed,
      message: result.verdict.message,
      lessonStatus: statusOf(p, lesson),
      completed: result.completed,
      nextTask: next === undefined ? undefined : next + 1,
      nextLesson: after?.id,
      achievements: result.achievements.map((a) => ({
        id: a,
        title: achievementById.get(a)?.title ?? a,
      })),
      suggestion,
    });
    return result.verdict.passed ? 0 : 1;
  }
  out(
    `${result.verdict.passed ? '✓' : '✕'} Task ${index + 1} of ${lesson.tasks.length}: ${result.verdict.message}`,
  );
  if (!result.verdict.passed) {
    const task = ` --task ${index + 1}`;
    const retry = lesson.tasks[index]?.question
      ? `hv learn check ${lesson.id}${task} --answer '…'`
      : `hv learn check ${lesson.id}${task}`;
    out(`Try again (${retry}), or ask for a hint: hv learn hint ${lesson.id}${task}`);
    return 1;
  }
  if (next !== undefined) {
    out();
    out('Next:');
    for (const l of taskLines(lesson, next, p, wayOptions(learner))) out(l);
  } else if (statusOf(p, lesson) === 'done') {
    out();
    for (const l of summaryLines(lesson, hvHas)) out(l);
    out();
    out(result.completed ? `Lesson done: ${lesson.title}.` : 'This lesson was already done.');
    for (const a of result.achievements) {
      out(
        `Achievement: ${achievementById.get(a)?.title ?? a}: ${achievementById.get(a)?.description ?? ''}`,
      );
    }
    if (after) out(`Next lesson: hv learn ${after.id}   (${after.title})`);
    if (suggestion) {
      out(`Suggestion: ${suggestion.reason} To switch, ${suggestionAction(suggestion.level)}.`);
    }
  } else {
    const missing = lesson.tasks.filter((t) => !p.lessons[lesson.id]?.tasksDone.includes(t.id));
    out(
      `Still to do in this lesson: ${missing.map((t) => `task ${lesson.tasks.indexOf(t) + 1}`).join(', ')}.`,
    );
  }
  return 0;
}

/** `hv learn hint LESSON`: one more hint each time. */
export async function hint(ctx: CommandContext): Promise<number> {
  const lesson = findLesson(ctx.positionals[0]!);
  const loaded = loadProgress();
  note(corruptNotice(loaded), ctx.globals.json);
  const index = taskOption(ctx, lesson, loaded.value);
  const { hints, total } = nextHint(lesson, index, process.env);
  const vars = lessonVars(process.env);
  const filled = hints.map((h) => h.replace(/\{([a-z]+)\}/gi, (all, k: string) => vars[k] ?? all));
  if (ctx.globals.json) {
    printJson({ lesson: lesson.id, task: index + 1, hints: filled, total });
    return 0;
  }
  if (filled.length === 0) {
    out(
      `Task ${index + 1} of ${lesson.title} has no hints. Read its explanation again: hv learn ${lesson.id}`,
    );
    return 0;
  }
  filled.forEach((h, i) => {
    out(`Hint ${i + 1} of ${total}: ${h}`);
  });
  if (filled.length === total && total > 0) out('That was the last hint.');
  return 0;
}

/** `hv learn env`: the line that points virsh (and hv) at the demo. */
export async function env(ctx: CommandContext): Promise<number> {
  const learner = await openLearner({ connect: ctx.globals.connect });
  await learner.ready();
  if (ctx.globals.json) printJson({ uri: learner.uri, demo: learner.isDemo });
  else out(exportLine(learner.uri));
  return 0;
}
