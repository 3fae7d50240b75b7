import { describe, expect, it } from 'vitest';
import { follow, initialList, moveList, visibleSlice } from './list.js';

describe('list cursor and window', () => {
  it('moves within bounds', () => {
    let s = initialList;
    s = moveList(s, 'up', 10, 5);
    expect(s.cursor).toBe(0);
    s = moveList(s, 'last', 10, 5);
    expect(s).toEqual({ cursor: 9, top: 5 });
    s = moveList(s, 'down', 10, 5);
    expect(s.cursor).toBe(9);
  });

  it('scrolls the window to follow the cursor', () => {
    let s = initialList;
    for (let i = 0; i < 7; i++) s = moveList(s, 'down', 100, 5);
    expect(s).toEqual({ cursor: 7, top: 3 });
    s = moveList(s, 'pageUp', 100, 5);
    expect(s).toEqual({ cursor: 3, top: 3 });
    s = moveList(s, 'first', 100, 5);
    expect(s).toEqual({ cursor: 0, top: 0 });
  });

  it('renders only the visible slice of a long list', () => {
    const items = Array.from({ length: 1000 }, (_, i) => `vm-${i}`);
    const slice = visibleSlice(items, { cursor: 500, top: 0 }, 20);
    expect(slice.rows).toHaveLength(20);
    expect(slice.rows).toContain('vm-500');
    expect(slice.start).toBe(481);
  });

  it('clamps a stale cursor when the list shrinks', () => {
    expect(follow({ cursor: 50, top: 45 }, 10, 5)).toEqual({ cursor: 9, top: 5 });
    expect(follow({ cursor: 3, top: 0 }, 0, 5)).toEqual(initialList);
  });
});
