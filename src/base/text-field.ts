// A single-line text field as a pure reducer (the @inkjs/ui pattern): the screen
// keeps {value, cursor} in its store and feeds it keys; TextField.tsx only draws.
import type { Key } from 'ink';

export interface TextFieldState {
  value: string;
  /** Index in code points, 0..length. */
  cursor: number;
}

export const textField = (value = ''): TextFieldState => ({
  value,
  cursor: [...value].length,
});

export type TextFieldOutcome = 'edit' | 'submit' | 'cancel';

/** Applies one key; says whether it edited, submitted (Enter) or cancelled (Esc). */
export function editText(
  s: TextFieldState,
  input: string,
  key: Key,
  maxLength = 4096,
): { state: TextFieldState; outcome: TextFieldOutcome } {
  const chars = [...s.value];
  const at = Math.min(Math.max(s.cursor, 0), chars.length);
  const done = (state: TextFieldState, outcome: TextFieldOutcome = 'edit') => ({ state, outcome });
  if (key.return) return done(s, 'submit');
  if (key.escape) return done(s, 'cancel');
  if (key.leftArrow) return done({ ...s, cursor: Math.max(0, at - 1) });
  if (key.rightArrow) return done({ ...s, cursor: Math.min(chars.length, at + 1) });
  if (key.home || (key.ctrl && input === 'a')) return done({ ...s, cursor: 0 });
  if (key.end || (key.ctrl && input === 'e')) return done({ ...s, cursor: chars.length });
  if (key.ctrl && input === 'u') return done({ value: chars.slice(at).join(''), cursor: 0 });
  if (key.backspace || key.delete) {
    // Terminals send DEL (0x7f) for Backspace; Ink reports it as `delete`.
    if (at === 0) return done(s);
    chars.splice(at - 1, 1);
    return done({ value: chars.join(''), cursor: at - 1 });
  }
  if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow) return done(s);
  // Printable text only (a paste arrives whole); newlines and controls dropped.
  const typed = [...input.replace(/[\u0000-\u001f\u007f]/g, '')];
  if (typed.length === 0) return done(s);
  const room = Math.max(0, maxLength - chars.length);
  const add = typed.slice(0, room);
  chars.splice(at, 0, ...add);
  return done({ value: chars.join(''), cursor: at + add.length });
}
