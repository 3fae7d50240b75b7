// The lessons as data: complete, worded for every level, and naming only
// commands that exist. Their verifiers run against the demo in tests/learning.
import { describe, expect, it } from 'vitest';
import { experienceLevels } from '../base/settings-peek.js';
import { hvHas } from '../cli/commands.js';
import { achievements, newAchievements } from './achievements.js';
import { lessons } from './lessons/index.js';
import { emptyProgress, markTaskDone, startLesson } from './progress.js';
import { taskLines } from './render.js';
import { wayText } from './text.js';
import { topicNames, topics, topicText } from './topics.js';

describe('lessons', () => {
  it('has at least ten, each complete', () => {
    expect(lessons.length).toBeGreaterThanOrEqual(10);
    expect(new Set(lessons.map((l) => l.id)).size).toBe(lessons.length);
    for (const l of lessons) {
      for (const level of experienceLevels)
        expect(l.explain[level].trim(), `${l.id} ${level}`).not.toBe('');
      // More words for beginners than for experts.
      expect(l.explain.beginner.length).toBeGreaterThan(l.explain.expert.length);
      expect(l.tasks.length, l.id).toBeGreaterThan(0);
      expect(l.summary.length, l.id).toBeGreaterThan(0);
      expect(new Set(l.tasks.map((t) => t.id)).size).toBe(l.tasks.length);
      for (const t of l.tasks) {
        expect(t.hints.length, `${l.id}/${t.id}`).toBeGreaterThan(0);
        expect(t.ways.length, `${l.id}/${t.id}`).toBeGreaterThan(0);
      }
    }
  });

  it('names only hv commands this build has', () => {
    for (const l of lessons) {
      for (const t of l.tasks) {
        for (const w of t.ways) {
          if (w.where === 'hv')
            expect(hvHas(w.args), `${l.id}/${t.id}: hv ${w.args.join(' ')}`).toBe(true);
        }
      }
    }
  });

  it('shows hv ways against the demo, and hides a command hv lacks', () => {
    const opts = { demo: true, uri: 'test:///x', vars: {}, has: hvHas };
    expect(wayText({ where: 'hv', args: ['vm', 'list'] }, opts)).toBe('hv vm list --demo');
    expect(wayText({ where: 'hv', args: ['features', 'list'], local: true }, opts)).toBe(
      'hv features list',
    );
    expect(wayText({ where: 'hv', args: ['no-such', 'thing'] }, opts)).toBeUndefined();
    expect(wayText({ where: 'virsh', args: ['start', "Ana's VM"] }, opts)).toBe(
      "virsh start 'Ana'\\''s VM'",
    );
    expect(
      wayText(
        { where: 'hv', args: ['vm', 'start', 'x'] },
        { ...opts, demo: false, uri: 'qemu:///session' },
      ),
    ).toBe('hv vm start x --connect qemu:///session');
  });

  it('prints a task with its ways and how to check it', () => {
    const lesson = lessons.find((l) => l.id === 'list-and-start')!;
    const p = startLesson(emptyProgress(), lesson.id, new Date());
    const lines = taskLines(lesson, 1, p, { demo: true, uri: 'u', vars: {}, has: hvHas });
    expect(lines[0]).toBe('Task 2 of 2: Start the VM build-runner.');
    expect(lines).toContain('  virsh:   virsh start build-runner');
    expect(lines.join('\n')).toContain('hv learn check list-and-start');
  });
});

describe('achievements', () => {
  it('are earned from the progress itself', () => {
    const ids = lessons.map((l) => l.id);
    let p = startLesson(emptyProgress(), ids[0]!, new Date());
    expect(newAchievements(p, ids)).toEqual([]);
    for (const t of lessons[0]!.tasks) {
      p = markTaskDone(
        p,
        ids[0]!,
        t.id,
        lessons[0]!.tasks.map((x) => x.id),
        new Date(),
      );
    }
    expect(newAchievements(p, ids)).toEqual(['first-check', 'first-lesson', 'no-hints']);
    expect(achievements.every((a) => a.title && a.description)).toBe(true);
  });
});

describe('help topics', () => {
  it('cover the ideas the lessons teach, more verbose for beginners', () => {
    for (const t of [
      'vm',
      'snapshot',
      'network',
      'pool',
      'phase',
      'risk',
      'nix',
      'libvirt-group',
    ]) {
      expect(topicNames).toContain(t);
    }
    for (const name of topicNames) {
      const t = topics[name]!;
      expect(t.text.beginner.length, name).toBeGreaterThan(t.text.intermediate.length);
      expect(t.text.intermediate.length, name).toBeGreaterThan(t.text.expert.length);
      if (t.lesson) expect(lessons.map((l) => l.id)).toContain(t.lesson);
      for (const s of t.see ?? []) expect(topicNames).toContain(s);
    }
    const text = topicText('vm', 'beginner', 60)!;
    expect(text.split('\n').every((l) => l.length <= 60)).toBe(true);
    expect(text).toContain('hv learn list-and-start');
  });
});
