import { describe, expect, it } from 'vitest';
import { scroll, tail, window } from './scroll.js';

const lines = Array.from({ length: 50 }, (_, i) => `line ${i}`);

describe('scroll window', () => {
  it('moves within bounds and shows only the visible lines', () => {
    expect(scroll(0, 'up', 50, 10)).toBe(0);
    expect(scroll(0, 'pageDown', 50, 10)).toBe(9);
    expect(scroll(0, 'last', 50, 10)).toBe(40);
    expect(scroll(45, 'down', 50, 10)).toBe(40);
    const w = window(lines, 12, 10);
    expect(w.shown).toEqual(lines.slice(12, 22));
    expect([w.start, w.end, w.total]).toEqual([12, 22, 50]);
    expect(window(lines.slice(0, 3), 5, 10).shown).toHaveLength(3);
  });

  it('follows the end of a log until scrolled back', () => {
    expect(tail(lines, 5).shown).toEqual(lines.slice(45));
    expect(tail(lines, 5).following).toBe(true);
    const back = tail(lines, 5, 10);
    expect(back.shown).toEqual(lines.slice(35, 40));
    expect(back.following).toBe(false);
    expect(tail(lines, 5, 1000).shown).toEqual(lines.slice(0, 5));
    expect(tail(['a'], 5).shown).toEqual(['a']);
  });
});
