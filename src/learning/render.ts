// Lessons as plain text for `hv learn` and --plain: the same words as the
// console's Learn screen, laid out as lines for a terminal, a pipe or a screen
// reader. Also the JSON shapes `hv learn --json` and `hv progress --json` print.

import type { ExperienceLevel } from '../base/settings-peek.js';
import { achievementById } from './achievements.js';
import { lessons } from './lessons/index.js';
import type { Progress } from './progress.js';
import { doneCount, openTaskIndex, statusOf } from './service.js';
import { type LevelSuggestion, suggestLevel } from './suggestion.js';
import {
  fill,
  lessonSteps,
  usesVirsh,
  type WayOptions,
  wayLabel,
  wayText,
  wrapText,
} from './text.js';
import type { Lesson, LessonStatus, Task } from './types.js';

export const statusWord: Record<LessonStatus, string> = {
  new: 'not started',
  'in-progress': 'in progress',
  done: 'done',
};

/** Symbol + word: readable without colour. */
export const statusMark: Record<LessonStatus, string> = {
  new: '·',
  'in-progress': '◐',
  done: '✓',
};

export function lessonNumber(lesson: Lesson): number {
  return lessons.indexOf(lesson) + 1;
}

/** Where the learner is in a lesson, in words: "task 2 of 3", "done". */
export function whereText(p: Progress, lesson: Lesson): string {
  const status = statusOf(p, lesson);
  if (status !== 'in-progress') return statusWord[status];
  const open = openTaskIndex(lesson, p.lessons[lesson.id]);
  return open === undefined ? 'in progress' : `task ${open + 1} of ${lesson.tasks.length}`;
}

export function lessonListJson(p: Progress) {
  return lessons.map((l, i) => {
    const lp = p.lessons[l.id];
    return {
      number: i + 1,
      id: l.id,
      title: l.title,
      about: l.about,
      minutes: l.minutes,
      status: statusOf(p, l),
      step: lp?.step ?? 0,
      steps: lessonSteps(l).length,
      tasks: l.tasks.length,
      tasksDone: lp?.tasksDone.length ?? 0,
      startedAt: lp?.startedAt,
      completedAt: lp?.completedAt,
    };
  });
}

export function achievementsJson(p: Progress) {
  return p.achievements.map((a) => ({
    id: a.id,
    title: achievementById.get(a.id)?.title ?? a.id,
    description: achievementById.get(a.id)?.description ?? '',
    at: a.at,
  }));
}

export function suggestionFor(p: Progress, level: ExperienceLevel): LevelSuggestion | undefined {
  return suggestLevel({
    level,
    lessonsDone: doneCount(p),
    lessonsTotal: lessons.length,
    sessions: p.usage.sessions,
    days: p.usage.days.length,
    dismissed: p.dismissedSuggestion,
  });
}

/** `hv learn list` as text rows. */
export function lessonListLines(p: Progress): string[] {
  const width = Math.max(...lessons.map((l) => l.id.length));
  return lessons.map((l, i) => {
    const s = statusOf(p, l);
    const num = String(i + 1).padStart(2);
    return `${num}. ${statusMark[s]} ${l.id.padEnd(width)}  ${l.title}  (${whereText(p, l)})`;
  });
}

export interface TaskView {
  number: number;
  id: string;
  goal: string;
  details?: string | undefined;
  question?: string | undefined;
  ways: Array<{ where: string; text: string }>;
  done: boolean;
}

export function taskView(task: Task, index: number, done: boolean, opts: WayOptions): TaskView {
  const ways: TaskView['ways'] = [];
  for (const w of task.ways) {
    const text = wayText(w, opts);
    if (text !== undefined) ways.push({ where: wayLabel[w.where], text });
  }
  return {
    number: index + 1,
    id: task.id,
    goal: fill(task.goal, opts.vars),
    details: task.details === undefined ? undefined : fill(task.details, opts.vars),
    question: task.question?.prompt,
    ways,
    done,
  };
}

/** A task as text lines: goal, details, the ways to do it, how to check. */
export function taskLines(
  lesson: Lesson,
  index: number,
  p: Progress,
  opts: WayOptions,
  width = 78,
): string[] {
  const task = lesson.tasks[index]!;
  const done = p.lessons[lesson.id]?.tasksDone.includes(task.id) ?? false;
  const v = taskView(task, index, done, opts);
  const out = [
    `Task ${v.number} of ${lesson.tasks.length}${done ? ' (done)' : ''}: ${v.goal}`,
    ...(v.details ? wrapText(v.details, width, '  ') : []),
  ];
  if (v.ways.length > 0) {
    const w = Math.max(...v.ways.map((x) => x.where.length));
    out.push(...v.ways.map((x) => `  ${`${x.where}:`.padEnd(w + 1)} ${x.text}`));
  }
  if (usesVirsh(task) && opts.demo)
    out.push('  (virsh uses the demo after: eval "$(hv learn env)")');
  // check and hint act on the first task not done: the one shown here.
  out.push(
    v.question
      ? `Answer with: hv learn check ${lesson.id} --answer '…'`
      : `When done:  hv learn check ${lesson.id}`,
    `Stuck?      hv learn hint ${lesson.id}`,
  );
  return out;
}

/** `has` says whether this build of hv has a command (cli/commands.ts hvHas). */
export function summaryLines(
  lesson: Lesson,
  has: (args: readonly string[]) => boolean,
  width = 78,
): string[] {
  const commands = lesson.commands.filter(
    (c) => !c.startsWith('hv ') || has(c.slice(3).split(' ')),
  );
  return [
    'What you learned:',
    ...lesson.summary.flatMap((s) =>
      wrapText(s, width - 2, '  ').map((l, i) => (i === 0 ? `• ${l.slice(2)}` : l)),
    ),
    ...(commands.length ? ['Commands:', ...commands.map((c) => `  ${c}`)] : []),
  ];
}

/**
 * The explanation at a level, wrapped. Blank lines separate paragraphs; a single
 * line break inside one (a list) is kept.
 */
export function explanationLines(
  lesson: Lesson,
  level: ExperienceLevel,
  vars: Record<string, string>,
  width = 78,
): string[] {
  const out: string[] = [];
  for (const block of fill(lesson.explain[level], vars).split(/\n\s*\n/)) {
    const lines = block
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    if (lines.length === 0) continue;
    if (out.length) out.push('');
    for (const l of lines) out.push(...wrapText(l, width));
  }
  return out;
}
