import { describe, expect, it } from 'vitest';
import { hvHas } from '../../cli/commands.js';
import * as mod from '../../learning/console.js';
import { emptyProgress, markTaskDone, startLesson } from '../../learning/progress.js';
import { freshLessonView } from '../../state/learn.js';
import { lessonLayout } from './lesson-lines.js';

const lesson = mod.lessonById.get('snapshots')!;
const vars = mod.lessonVars({ XDG_STATE_HOME: '/tmp/s', HV_ROOT_DIR: '/tmp/r' });

function layout(step: number, opts: { notDemo?: string; width?: number; done?: boolean } = {}) {
  let progress = startLesson(emptyProgress(), lesson.id, new Date());
  if (opts.done) {
    for (const t of lesson.tasks) {
      progress = markTaskDone(
        progress,
        lesson.id,
        t.id,
        lesson.tasks.map((x) => x.id),
        new Date(),
      );
    }
  }
  return lessonLayout({
    mod,
    lesson,
    view: freshLessonView(lesson.id, step),
    progress,
    level: 'beginner',
    width: opts.width ?? 80,
    vars,
    notDemo: opts.notDemo,
    has: hvHas,
  });
}

describe('lesson layout', () => {
  it('explains, then shows a task with its ways, then sums up', () => {
    const explain = layout(0);
    expect(explain.title).toBe(`Lesson 5 of ${mod.lessons.length} · Snapshots and reverting`);
    expect(explain.stepBar).toBe('[explain] › task 1 › task 2 › summary');
    expect(explain.content[0]!.text).toMatch(/^A snapshot saves/);

    const task = layout(1);
    const text = task.content.map((l) => l.text);
    expect(text[0]).toBe(
      'Task 1 of 2: Take a snapshot of the VM win-desktop, named before-updates.',
    );
    expect(text).toContain('  virsh    virsh snapshot-create-as win-desktop before-updates');
    expect(task.status[0]!.text).toContain('Enter: check my work');
    expect(task.question).toBeUndefined();

    const summary = layout(3, { done: true });
    expect(summary.content[0]!.text).toBe('✓ Lesson done: Snapshots and reverting');
    expect(summary.stepBar).toBe('explain › task 1 ✓ › task 2 ✓ › [summary]');
  });

  it('never writes wider than the screen', () => {
    for (let step = 0; step < 4; step++) {
      for (const l of layout(step, { width: 80 }).content)
        expect(l.text.length).toBeLessThanOrEqual(80);
    }
  });

  it('warns when the console is not on the demo', () => {
    expect(layout(1, { notDemo: 'localhost (system)' }).content[0]!.text).toMatch(
      /^⚠ This console works on localhost \(system\), not the demo/,
    );
  });
});
