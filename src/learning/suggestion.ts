// When to suggest the next experience level: after enough finished lessons, or
// after hv has been used on enough days. Pure, and free of zod and I/O so the
// console's help overlay can show it (through the small store below) without
// loading the learning module on the start-up path.
import type { ExperienceLevel } from '../base/settings-peek.js';

export interface LevelSuggestion {
  level: ExperienceLevel;
  /** Why, in one sentence. */
  reason: string;
}

export interface SuggestionInput {
  level: ExperienceLevel;
  lessonsDone: number;
  lessonsTotal: number;
  sessions: number;
  days: number;
  dismissed?: ExperienceLevel | undefined;
}

/** Lessons a beginner finishes before intermediate is suggested. */
export const BEGINNER_LESSONS = 4;
/** Sustained use: this many sessions spread over at least this many days. */
export const SUSTAINED = {
  beginner: { sessions: 15, days: 3 },
  intermediate: { sessions: 60, days: 10 },
} as const;

export function suggestLevel(s: SuggestionInput): LevelSuggestion | undefined {
  let out: LevelSuggestion | undefined;
  if (s.level === 'beginner') {
    if (s.lessonsDone >= BEGINNER_LESSONS) {
      out = {
        level: 'intermediate',
        reason: `You have finished ${s.lessonsDone} lessons: shorter explanations may suit you now.`,
      };
    } else if (s.sessions >= SUSTAINED.beginner.sessions && s.days >= SUSTAINED.beginner.days) {
      out = {
        level: 'intermediate',
        reason: `You have used hv on ${s.days} days: shorter explanations may suit you now.`,
      };
    }
  } else if (s.level === 'intermediate') {
    if (s.lessonsTotal > 0 && s.lessonsDone >= s.lessonsTotal) {
      out = {
        level: 'expert',
        reason: 'You have finished every lesson: a terse reference may suit you now.',
      };
    } else if (
      s.sessions >= SUSTAINED.intermediate.sessions &&
      s.days >= SUSTAINED.intermediate.days
    ) {
      out = {
        level: 'expert',
        reason: `You have used hv on ${s.days} days: a terse reference may suit you now.`,
      };
    }
  }
  return out && out.level !== s.dismissed ? out : undefined;
}

/** How to act on a suggestion, in words for the console and the CLI. */
export const suggestionAction = (level: ExperienceLevel) =>
  `press L in the console, or run: hv settings level ${level}`;
