// `hv progress`: what the learner has done; `hv progress reset`: start over.
import { createInterface } from 'node:readline/promises';
import { HvError } from '../../base/errors.js';
import { lessons } from '../../learning/lessons/index.js';
import {
  corruptNotice,
  emptyProgress,
  loadProgress,
  progressFile,
  resetLesson,
  saveProgress,
  updateProgress,
} from '../../learning/progress.js';
import {
  achievementsJson,
  lessonListJson,
  lessonListLines,
  suggestionFor,
} from '../../learning/render.js';
import { doneCount, findLesson, nextLesson } from '../../learning/service.js';
import { suggestionAction } from '../../learning/suggestion.js';
import { loadSettings } from '../../state/settings.js';
import type { CommandContext } from '../command-spec.js';
import { printJson } from '../output.js';
import { levelOption } from './learn.js';

const out = (s = '') => process.stdout.write(`${s}\n`);

export async function show(ctx: CommandContext): Promise<number> {
  const level =
    ctx.options.level === undefined ? loadSettings().value.experience : levelOption(ctx);
  const loaded = loadProgress();
  const notice = corruptNotice(loaded);
  const p = loaded.value;
  const suggestion = suggestionFor(p, level);
  if (ctx.globals.json) {
    printJson({
      file: progressFile(),
      ...(notice ? { notice } : {}),
      level,
      done: doneCount(p),
      total: lessons.length,
      current: p.current,
      next: nextLesson(p)?.id,
      lessons: lessonListJson(p),
      achievements: achievementsJson(p),
      usage: { sessions: p.usage.sessions, days: p.usage.days.length },
      suggestion,
    });
    return 0;
  }
  if (notice) process.stderr.write(`hv: note: ${notice}\n`);
  out(`Level: ${level}. Lessons done: ${doneCount(p)} of ${lessons.length}.`);
  out();
  for (const l of lessonListLines(p)) out(l);
  const earned = achievementsJson(p);
  out();
  out(earned.length ? 'Achievements:' : 'No achievements yet: finish a task to earn the first.');
  for (const a of earned) out(`  ★ ${a.title}: ${a.description} (${a.at.slice(0, 10)})`);
  const next = nextLesson(p);
  if (next) {
    out();
    out(`Next: hv learn ${next.id}`);
  }
  if (suggestion)
    out(`Suggestion: ${suggestion.reason} To switch, ${suggestionAction(suggestion.level)}.`);
  return 0;
}

async function confirm(question: string, word: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(question)).trim() === word;
  } finally {
    rl.close();
  }
}

/** `hv progress reset [LESSON]`: asks first (type "reset"), or --yes for scripts. */
export async function reset(ctx: CommandContext): Promise<number> {
  const id = ctx.positionals[0];
  const lesson = id === undefined ? undefined : findLesson(id);
  const what = lesson
    ? `your progress in "${lesson.title}"`
    : 'all your lesson progress and achievements';
  if (ctx.options.yes !== true) {
    if (!process.stdin.isTTY) {
      throw new HvError('usage', `refusing to reset ${what} without confirmation`, {
        fix: 'run it in a terminal to confirm, or add --yes',
      });
    }
    const ok = await confirm(`This forgets ${what}. Type reset to confirm: `, 'reset');
    if (!ok) {
      if (ctx.globals.json) printJson({ ok: false, reset: false });
      else out('Nothing was reset.');
      return 1;
    }
  }
  if (lesson) updateProgress((p) => resetLesson(p, lesson.id));
  else {
    // A corrupt file is moved aside by the load; a fresh start either way.
    const before = loadProgress();
    const fresh = emptyProgress();
    saveProgress({ ...fresh, usage: before.value.usage }, process.env);
  }
  if (ctx.globals.json) printJson({ ok: true, reset: true, lesson: lesson?.id });
  else out(lesson ? `Progress in "${lesson.title}" was reset.` : 'Progress was reset.');
  return 0;
}
