// A scrolled window over lines of text, as pure functions: the screen keeps the
// top line in its store; ScrollPane and LogPane draw only the visible lines.

export type ScrollMove = 'up' | 'down' | 'pageUp' | 'pageDown' | 'first' | 'last';

export function clampTop(top: number, total: number, height: number): number {
  return Math.max(0, Math.min(top, total - Math.max(1, height)));
}

export function scroll(top: number, move: ScrollMove, total: number, height: number): number {
  const page = Math.max(1, height - 1);
  const to = {
    up: top - 1,
    down: top + 1,
    pageUp: top - page,
    pageDown: top + page,
    first: 0,
    last: total,
  }[move];
  return clampTop(to, total, height);
}

/** The lines to draw and where they are, for the "lines a-b of n" footer. */
export function window(lines: readonly string[], top: number, height: number) {
  const start = clampTop(top, lines.length, height);
  const shown = lines.slice(start, start + Math.max(0, height));
  return { start, shown, end: start + shown.length, total: lines.length };
}

/**
 * A log's window: the newest lines (following the output) unless the person
 * scrolled back `back` lines from the end.
 */
export function tail(lines: readonly string[], height: number, back = 0) {
  const h = Math.max(0, height);
  const end = Math.max(Math.min(lines.length, h), lines.length - Math.max(0, back));
  const start = Math.max(0, end - h);
  return {
    start,
    shown: lines.slice(start, end),
    end,
    total: lines.length,
    following: end === lines.length,
  };
}
