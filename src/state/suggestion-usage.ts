// Counts console sessions for the level suggestion ("sustained use") and fills
// the suggestion the console's help overlay and Learn screen show. Loaded after
// the console's first frame; a failure here must never disturb the console.

import type { ExperienceLevel } from '../base/settings-peek.js';
import { loadProgress, recordUse, updateProgress } from '../learning/progress.js';
import { suggestionFor } from '../learning/render.js';
import { suggestionStore } from './suggestion.js';

type Env = Record<string, string | undefined>;

export function recordConsoleSession(level: ExperienceLevel, env: Env = process.env): void {
  try {
    const { progress } = updateProgress((p) => recordUse(p, new Date()), env);
    suggestionStore.setState({ suggestion: suggestionFor(progress, level) });
  } catch {
    // A read-only state folder or a full disk: no counting, nothing else changes.
  }
}

/** Recomputes the suggestion (after a level change or a finished lesson). */
export function refreshSuggestion(level: ExperienceLevel, env: Env = process.env): void {
  try {
    suggestionStore.setState({ suggestion: suggestionFor(loadProgress(env).value, level) });
  } catch {
    suggestionStore.setState({ suggestion: undefined });
  }
}
