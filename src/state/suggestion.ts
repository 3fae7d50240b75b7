// The level suggestion the console's help overlay and Learn screen show: a store
// only, light enough for the first frame (suggestion-usage.ts fills it later).
import { createStore } from 'zustand/vanilla';
import type { LevelSuggestion } from '../learning/suggestion.js';

/** What the console shows (help overlay, Learn screen); filled after start-up. */
export const suggestionStore = createStore<{ suggestion: LevelSuggestion | undefined }>()(() => ({
  suggestion: undefined,
}));
