import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addAchievements,
  addHint,
  emptyProgress,
  hintsUsed,
  loadProgress,
  markPrepared,
  markTaskDone,
  progressFile,
  recordUse,
  resetLesson,
  resetTask,
  saveProgress,
  setStep,
  startLesson,
  updateProgress,
} from './progress.js';

const env = () => ({ XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'hvp-')) });
const now = new Date('2026-03-01T10:00:00Z');

describe('progress changes', () => {
  it('starts a lesson once and keeps its place', () => {
    let p = startLesson(emptyProgress(), 'a', now);
    expect(p.current).toBe('a');
    expect(p.lessons.a).toMatchObject({ status: 'in-progress', step: 0, tasksDone: [] });
    p = setStep(p, 'a', 2);
    p = startLesson(p, 'a', new Date('2026-03-02T00:00:00Z'));
    expect(p.lessons.a?.step).toBe(2);
    expect(p.lessons.a?.startedAt).toBe(now.toISOString());
  });

  it('marks a lesson done when every task passed, and keeps it done', () => {
    let p = startLesson(emptyProgress(), 'a', now);
    p = markTaskDone(p, 'a', 't1', ['t1', 't2'], now);
    expect(p.lessons.a?.status).toBe('in-progress');
    p = markTaskDone(p, 'a', 't2', ['t1', 't2'], now);
    expect(p.lessons.a).toMatchObject({ status: 'done', completedAt: now.toISOString() });
    p = resetTask(p, 'a', 't2');
    expect(p.lessons.a?.status).toBe('done');
    expect(p.lessons.a?.tasksDone).toEqual(['t1']);
  });

  it('counts hints per task, preparation once, use per day', () => {
    let p = startLesson(emptyProgress(), 'a', now);
    p = addHint(addHint(addHint(p, 'a', 't1'), 'a', 't1'), 'a', 't2');
    expect(p.lessons.a?.hints).toEqual({ t1: 2, t2: 1 });
    expect(hintsUsed(p.lessons.a!)).toBe(3);
    p = markPrepared(markPrepared(p, 'a', 't1'), 'a', 't1');
    expect(p.lessons.a?.prepared).toEqual(['t1']);
    p = recordUse(recordUse(p, now), new Date('2026-03-02T10:00:00Z'));
    p = recordUse(p, now);
    expect(p.usage).toEqual({ sessions: 3, days: ['2026-03-01', '2026-03-02'] });
  });

  it('adds an achievement once', () => {
    let p = addAchievements(emptyProgress(), ['x', 'y'], now);
    p = addAchievements(p, ['x'], new Date());
    expect(p.achievements.map((a) => a.id)).toEqual(['x', 'y']);
  });

  it('resets one lesson and forgets it as current', () => {
    const p = resetLesson(startLesson(emptyProgress(), 'a', now), 'a');
    expect(p.lessons.a).toBeUndefined();
    expect(p.current).toBeUndefined();
  });
});

describe('progress file', () => {
  it('survives a save and load, written atomically with no temp file left', () => {
    const e = env();
    updateProgress((p) => markTaskDone(startLesson(p, 'a', now), 'a', 't', ['t'], now), e);
    const loaded = loadProgress(e);
    expect(loaded.status).toBe('ok');
    expect(loaded.value.lessons.a?.status).toBe('done');
    expect(readdirSync(join(e.XDG_STATE_HOME, 'hv'))).toEqual(['progress.json']);
  });

  it('keeps a corrupt file aside and starts fresh', () => {
    const e = env();
    mkdirSync(join(e.XDG_STATE_HOME, 'hv'), { recursive: true });
    writeFileSync(progressFile(e), '{"version": 1, "lessons": {"a": {"status": "finished"}}}');
    const loaded = loadProgress(e);
    expect(loaded.status).toBe('corrupt');
    expect(loaded.value).toEqual(emptyProgress());
    if (loaded.status !== 'corrupt') return;
    expect(loaded.problem).toContain('lessons.a');
    expect(existsSync(loaded.keptAt)).toBe(true);
    expect(readFileSync(loaded.keptAt, 'utf8')).toContain('finished');
    expect(existsSync(progressFile(e))).toBe(false);
  });

  it('refuses to save something that does not fit the schema', () => {
    const bad = { ...emptyProgress(), version: 2 } as unknown as ReturnType<typeof emptyProgress>;
    expect(() => saveProgress(bad, env())).toThrow();
  });
});
