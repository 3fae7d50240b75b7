import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { displayWidth, padStartWidth, padWidth, segmentedWidth, truncateWidth } from './width.js';

// string-width is what Ink lays text out with; our widths must agree with it.
const samples = [
  'web-01',
  'Ana\'s "lab" VM — café',
  'cafe\u0301', // e + combining acute
  '日本語のVM',
  'ｆｕｌｌ',
  '🙂 ok',
  '👩‍💻 dev',
  '🇩🇪 flag',
  'zero\u200bwidth',
  '한국어',
  'x'.repeat(70),
  'tab\there',
  '',
];

describe('displayWidth', () => {
  it.each(samples)('agrees with string-width for %j', (s) => {
    expect(displayWidth(s)).toBe(stringWidth(s));
  });
});

describe('the segmenter-free fast path', () => {
  // Start-up renders "●", "—", "…" without building Intl.Segmenter or the RGI
  // emoji pattern (~60 ms together); that shortcut must not change any width.
  it('gives the same width as full segmentation for every code point', () => {
    const differ: string[] = [];
    for (let cp = 0x80; cp < 0x40000; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const s = `a${String.fromCodePoint(cp)}b`;
      if (displayWidth(s) !== segmentedWidth(s)) differ.push(cp.toString(16));
    }
    expect(differ).toEqual([]);
  });
});

describe('truncateWidth', () => {
  it('keeps text that fits', () => {
    expect(truncateWidth('café', 4)).toBe('café');
  });
  it('cuts by cells, not code points or bytes', () => {
    expect(truncateWidth('日本語のVM', 5)).toBe('日本…');
    expect(displayWidth(truncateWidth('日本語のVM', 6))).toBeLessThanOrEqual(6);
    expect(truncateWidth('cafe\u0301 bar', 5)).toBe('cafe\u0301…');
  });
  it('never splits a grapheme cluster', () => {
    const t = truncateWidth('👩‍💻👩‍💻👩‍💻', 5);
    expect(t).toBe('👩‍💻👩‍💻…');
  });
  it('cuts long ASCII names with an ellipsis', () => {
    const t = truncateWidth('a'.repeat(70), 20);
    expect(t).toHaveLength(20);
    expect(t.endsWith('…')).toBe(true);
  });
  it('handles tiny widths', () => {
    expect(truncateWidth('abc', 0)).toBe('');
    expect(truncateWidth('abc', 1)).toBe('a');
  });
});

describe('padWidth', () => {
  it.each(samples)('pads %j to exact cells', (s) => {
    for (const w of [1, 5, 12, 30]) expect(stringWidth(padWidth(s, w))).toBe(w);
    expect(stringWidth(padStartWidth(s, 12))).toBe(12);
  });
  it('marks the cut even when a wide character does not fit', () => {
    expect(padWidth('日本', 3)).toBe('日…');
    expect(padWidth('日本語', 2)).toBe('… ');
  });
});
