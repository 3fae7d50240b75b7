// Achievements: small milestones, earned once and kept with the date. Computed
// from the progress itself, so they can never disagree with it.
import { hintsUsed, type Progress } from './progress.js';

export interface Achievement {
  id: string;
  title: string;
  /** What earned it. */
  description: string;
  earned(p: Progress, lessonIds: readonly string[]): boolean;
}

const done = (p: Progress, ids: readonly string[]) =>
  ids.filter((id) => p.lessons[id]?.status === 'done').length;

export const achievements: readonly Achievement[] = [
  {
    id: 'first-check',
    title: 'First check passed',
    description: 'Passed the check of a lesson task.',
    earned: (p) => Object.values(p.lessons).some((l) => l.tasksDone.length > 0),
  },
  {
    id: 'first-lesson',
    title: 'First lesson',
    description: 'Finished a whole lesson.',
    earned: (p, ids) => done(p, ids) >= 1,
  },
  {
    id: 'no-hints',
    title: 'On your own',
    description: 'Finished a lesson without asking for a hint.',
    earned: (p, ids) =>
      ids.some((id) => {
        const l = p.lessons[id];
        return l?.status === 'done' && hintsUsed(l) === 0;
      }),
  },
  {
    id: 'halfway',
    title: 'Halfway',
    description: 'Finished half of the lessons.',
    earned: (p, ids) => ids.length > 0 && done(p, ids) * 2 >= ids.length,
  },
  {
    id: 'graduate',
    title: 'Graduate',
    description: 'Finished every lesson.',
    earned: (p, ids) => ids.length > 0 && done(p, ids) === ids.length,
  },
  {
    id: 'regular',
    title: 'Regular',
    description: 'Used hv on five different days.',
    earned: (p) => p.usage.days.length >= 5,
  },
];

export const achievementById = new Map(achievements.map((a) => [a.id, a]));

/** Ids earned by this progress that it does not record yet. */
export function newAchievements(p: Progress, lessonIds: readonly string[]): string[] {
  const have = new Set(p.achievements.map((a) => a.id));
  return achievements.filter((a) => !have.has(a.id) && a.earned(p, lessonIds)).map((a) => a.id);
}
