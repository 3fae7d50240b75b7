// The lesson view's text, laid out for a width: a pure function of the lesson,
// the step and the progress, so it is tested without Ink. The view only slices
// it to the rows it has.

import type { ExperienceLevel } from '../../base/settings-peek.js';
import type { Progress } from '../../learning/progress.js';
import type { Lesson } from '../../learning/types.js';
import type { Learning, LessonView } from '../../state/learn.js';

export type Tone = 'ok' | 'bad' | 'dim' | 'warn' | undefined;
export interface Line {
  text: string;
  tone?: Tone;
  bold?: boolean;
}

export interface LessonLayout {
  title: string;
  stepBar: string;
  content: Line[];
  /** The task is a question: the view draws the answer field. */
  question: string | undefined;
  status: Line[];
}

export interface LayoutInput {
  mod: Learning;
  lesson: Lesson;
  view: LessonView;
  progress: Progress | undefined;
  level: ExperienceLevel;
  width: number;
  vars: Record<string, string>;
  /** Set when the console works on another libvirt than the demo (its label). */
  notDemo: string | undefined;
  /** Whether this build of hv has a command (cli/commands.ts hvHas). */
  has: (args: readonly string[]) => boolean;
}

const plain = (text: string, tone?: Tone): Line => (tone ? { text, tone } : { text });

export function stepBar(mod: Learning, lesson: Lesson, view: LessonView, p: Progress | undefined) {
  const done = p?.lessons[lesson.id]?.tasksDone ?? [];
  return mod
    .lessonSteps(lesson)
    .map((s, i) => {
      const name =
        s.kind === 'explain' ? 'explain' : s.kind === 'summary' ? 'summary' : `task ${s.index + 1}`;
      const mark = s.kind === 'task' && done.includes(s.task.id) ? ' ✓' : '';
      return i === view.step ? `[${name}${mark}]` : `${name}${mark}`;
    })
    .join(' › ');
}

export function lessonLayout(input: LayoutInput): LessonLayout {
  const { mod, lesson, view, progress, level, width, vars } = input;
  const steps = mod.lessonSteps(lesson);
  const step = steps[Math.min(view.step, steps.length - 1)]!;
  const wrap = (t: string, indent = '') => mod.wrapText(t, width, indent);
  const title = `Lesson ${mod.lessonNumber(lesson)} of ${mod.lessons.length} · ${lesson.title}`;
  const content: Line[] = [];
  const status: Line[] = [];
  let question: string | undefined;

  if (step.kind === 'explain') {
    content.push(...mod.explanationLines(lesson, level, vars, width).map((t) => plain(t)));
    content.push(plain(''), plain(`→ (or n) goes to task 1 of ${lesson.tasks.length}.`, 'dim'));
    status.push(plain('→ next step   ↑/↓ scroll   L changes how much is explained', 'dim'));
  } else if (step.kind === 'task') {
    const task = step.task;
    const lp = progress?.lessons[lesson.id];
    const done = lp?.tasksDone.includes(task.id) ?? false;
    if (input.notDemo) {
      content.push(
        ...wrap(
          `⚠ This console works on ${input.notDemo}, not the demo. Do the task with the commands below, or restart with: hv --demo`,
        ).map((t) => plain(t, 'warn')),
      );
    }
    const v = mod.taskView(task, step.index, done, {
      demo: true,
      uri: '',
      vars,
      has: input.has,
    });
    content.push({
      text: `Task ${v.number} of ${lesson.tasks.length}${done ? ' ✓ done' : ''}: ${v.goal}`,
      bold: true,
    });
    // The goal may be longer than a row: the bold line is truncated, so wrap it below.
    if (`Task ${v.number} of ${lesson.tasks.length}: ${v.goal}`.length > width) {
      content.pop();
      const lines = wrap(
        `Task ${v.number} of ${lesson.tasks.length}${done ? ' ✓ done' : ''}: ${v.goal}`,
      );
      content.push(...lines.map((text) => ({ text, bold: true })));
    }
    if (v.details) content.push(...wrap(v.details).map((t) => plain(t)));
    if (v.ways.length > 0) {
      content.push(plain(''), plain(task.question ? 'Find it with:' : 'How:'));
      const w = Math.max(...v.ways.map((x) => x.where.length)) + 2;
      for (const way of v.ways) {
        const lines = mod.wrapText(way.text, width - w - 2);
        content.push(plain(`  ${way.where.padEnd(w)}${lines[0] ?? ''}`));
        for (const more of lines.slice(1)) content.push(plain(`  ${' '.repeat(w)}${more}`));
      }
      if (mod.usesVirsh(task)) {
        content.push(plain('  (virsh uses the demo after: eval "$(hv learn env)")', 'dim'));
      }
    }
    const shown = progress ? mod.hintsShown(progress, lesson, step.index) : 0;
    const hints = task.hints.slice(0, shown);
    if (hints.length > 0) content.push(plain(''));
    hints.forEach((h, i) => {
      content.push(
        ...wrap(`Hint ${i + 1} of ${task.hints.length}: ${fillVars(h, vars)}`).map((t) =>
          plain(t, 'dim'),
        ),
      );
    });
    content.push(
      plain(''),
      plain(`From a shell: hv learn check ${lesson.id} --task ${v.number}`, 'dim'),
    );
    question = task.question?.prompt;
    status.push(
      ...statusLines(
        view,
        width,
        mod,
        task.question !== undefined,
        step.index + 1 < lesson.tasks.length,
      ),
    );
  } else {
    const lp = progress?.lessons[lesson.id];
    const missing = lesson.tasks.filter((t) => !lp?.tasksDone.includes(t.id));
    if (missing.length === 0) {
      content.push({ text: `✓ Lesson done: ${lesson.title}`, bold: true, tone: 'ok' });
    } else {
      const which = missing.map((t) => `task ${lesson.tasks.indexOf(t) + 1}`).join(', ');
      content.push(
        ...wrap(`Not done yet: ${which}. ← goes back to it.`).map((t) => plain(t, 'warn')),
      );
    }
    content.push(plain(''));
    content.push(...mod.summaryLines(lesson, input.has, width).map((t) => plain(t)));
    const next = mod.lessons[mod.lessons.indexOf(lesson) + 1];
    status.push(
      plain(
        next
          ? `Enter: next lesson (${next.title})   Esc: all lessons`
          : 'That was the last lesson. Esc: all lessons',
        'dim',
      ),
    );
  }
  return { title, stepBar: stepBar(mod, lesson, view, progress), content, question, status };
}

function fillVars(text: string, vars: Record<string, string>) {
  return text.replace(/\{([a-zA-Z]+)\}/g, (all, k: string) => vars[k] ?? all);
}

function statusLines(
  view: LessonView,
  width: number,
  mod: Learning,
  isQuestion: boolean,
  moreTasks: boolean,
): Line[] {
  if (view.problem)
    return mod
      .wrapText(`✕ ${view.problem}`, width)
      .slice(0, 2)
      .map((t) => plain(t, 'bad'));
  if (view.busy) return [plain(view.busy, 'dim')];
  const c = view.check;
  if (c.state === 'running') return [plain('Checking…', 'dim')];
  if (c.state === 'passed') {
    const after = c.completed ? ' Lesson done!' : moreTasks ? ' → next task.' : ' → summary.';
    const extra = c.achievements
      .map((a) => ` ★ ${mod.achievementById.get(a)?.title ?? a}`)
      .join('');
    return mod
      .wrapText(`✓ ${c.message}${after}${extra}`, width)
      .slice(0, 2)
      .map((t) => plain(t, 'ok'));
  }
  if (c.state === 'failed') {
    return mod
      .wrapText(`✕ ${c.message}`, width)
      .slice(0, 2)
      .map((t) => plain(t, 'bad'));
  }
  return [
    plain(
      isQuestion
        ? view.editing
          ? 'Type your answer, Enter checks it, Esc stops typing.'
          : 'Enter (or a): type your answer   h: hint   r: redo   →: next step'
        : 'Enter: check my work   h: hint   r: set the task up again   →: next step',
      'dim',
    ),
  ];
}
