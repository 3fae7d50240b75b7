// Cursor and scroll window of a list, as a pure reducer: screens keep this state
// in a store and render only the visible slice (never the whole list).

export interface ListState {
  cursor: number;
  /** Index of the first visible row. */
  top: number;
}

export type ListMove = 'up' | 'down' | 'pageUp' | 'pageDown' | 'first' | 'last';

export const initialList: ListState = { cursor: 0, top: 0 };

export function moveList(s: ListState, move: ListMove, count: number, height: number): ListState {
  if (count <= 0) return initialList;
  const page = Math.max(1, height - 1);
  const last = count - 1;
  const target = {
    up: s.cursor - 1,
    down: s.cursor + 1,
    pageUp: s.cursor - page,
    pageDown: s.cursor + page,
    first: 0,
    last,
  }[move];
  return follow({ cursor: Math.min(last, Math.max(0, target)), top: s.top }, count, height);
}

/** Keeps the cursor inside [0, count) and the window around the cursor. */
export function follow(s: ListState, count: number, height: number): ListState {
  if (count <= 0) return initialList;
  const h = Math.max(1, height);
  const cursor = Math.min(count - 1, Math.max(0, s.cursor));
  let top = Math.min(s.top, Math.max(0, count - h));
  if (cursor < top) top = cursor;
  if (cursor >= top + h) top = cursor - h + 1;
  return { cursor, top: Math.max(0, top) };
}

/** The rows to draw: at most `height` items starting at the window's top. */
export function visibleSlice<T>(items: readonly T[], s: ListState, height: number) {
  const f = follow(s, items.length, height);
  return { start: f.top, rows: items.slice(f.top, f.top + Math.max(0, height)), cursor: f.cursor };
}
