import { describe, expect, it } from 'vitest';
import { BEGINNER_LESSONS, SUSTAINED, suggestLevel } from './suggestion.js';

const base = { lessonsTotal: 12, sessions: 0, days: 0 };

describe('level suggestion', () => {
  it('suggests intermediate after enough lessons or sustained use', () => {
    expect(
      suggestLevel({ ...base, level: 'beginner', lessonsDone: BEGINNER_LESSONS - 1 }),
    ).toBeUndefined();
    expect(suggestLevel({ ...base, level: 'beginner', lessonsDone: BEGINNER_LESSONS })?.level).toBe(
      'intermediate',
    );
    const use = { ...base, level: 'beginner' as const, lessonsDone: 0, ...SUSTAINED.beginner };
    expect(suggestLevel(use)?.reason).toContain(`${SUSTAINED.beginner.days} days`);
    expect(suggestLevel({ ...use, days: 1 })).toBeUndefined();
  });

  it('suggests expert after every lesson, never anything to an expert', () => {
    expect(suggestLevel({ ...base, level: 'intermediate', lessonsDone: 11 })).toBeUndefined();
    expect(suggestLevel({ ...base, level: 'intermediate', lessonsDone: 12 })?.level).toBe('expert');
    expect(
      suggestLevel({ ...base, level: 'expert', lessonsDone: 12, sessions: 999, days: 99 }),
    ).toBeUndefined();
  });

  it('does not offer a level the learner turned down', () => {
    expect(
      suggestLevel({ ...base, level: 'beginner', lessonsDone: 5, dismissed: 'intermediate' }),
    ).toBeUndefined();
  });
});
