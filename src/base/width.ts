// Display width of text in terminal cells, per grapheme cluster, following the
// rules Ink measures with (string-width): zero for marks and invisible format
// characters, two for emoji and East Asian wide/fullwidth characters, one
// otherwise. Truncating by code points or bytes breaks rows with "café", CJK or
// emoji names; truncating by these widths keeps columns aligned.

// Created on first use, and only for text that needs them: the segmenter costs
// ~12 ms and the RGI emoji pattern ~45 ms to build, which the start-up path (the
// header's "●", "—", "…") must not pay.
let segmenterCache: Intl.Segmenter | undefined;
function segments(s: string) {
  if (!segmenterCache) segmenterCache = new Intl.Segmenter();
  return segmenterCache.segment(s);
}
const visible =
  /[^\p{Default_Ignorable_Code_Point}\p{Control}\p{Format}\p{Nonspacing_Mark}\p{Enclosing_Mark}\p{Surrogate}]/u;
// Built at run time: TypeScript's ES2022 target rejects the `v` flag in a literal
// (Node 20 has it); \p{RGI_Emoji} needs it. Only multi-code-point clusters use it.
const emojiPattern = { source: '^\\p{RGI_Emoji}$', flags: 'v' };
let emojiCache: RegExp | undefined;
function isEmojiSequence(s: string): boolean {
  if (!emojiCache) emojiCache = new RegExp(emojiPattern.source, emojiPattern.flags);
  return emojiCache.test(s);
}
// A single code point is an RGI emoji exactly when it has Emoji_Presentation.
const emojiPresentation = /^\p{Emoji_Presentation}$/u;
// Code points that may join their neighbours into one grapheme cluster: marks
// (variation selectors, keycaps), format characters (ZWJ, tags), regional
// indicators, skin-tone modifiers, Hangul jamo, CR, and the scripts with spacing
// or prepended letters (Indic, South-East Asian, Brahmi and its descendants).
// Text without any of them is one cluster per code point: no segmenter needed.
const joining =
  /[\p{M}\p{Cf}\p{Regional_Indicator}\p{Emoji_Modifier}\u1100-\u11FF\uD7B0-\uD7FF\r\u0900-\u109F\u1700-\u1CFF\uA800-\uABFF\uFF9E\uFF9F\u{11000}-\u{11FFF}\u{16D40}-\u{16D7F}\u{16F00}-\u{16F9F}]/u;
const pictographic = /\p{Extended_Pictographic}/gu;

// East Asian Wide (W) and Fullwidth (F) ranges, from Unicode's EastAsianWidth.txt
// (the emoji presentation symbols in the 0x2xxx block included).
const wide: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x23e9, 0x23ec],
  [0x23f0, 0x23f0],
  [0x23f3, 0x23f3],
  [0x25fd, 0x25fe],
  [0x2614, 0x2615],
  [0x2630, 0x2637],
  [0x2648, 0x2653],
  [0x267f, 0x267f],
  [0x268a, 0x268f],
  [0x2693, 0x2693],
  [0x26a1, 0x26a1],
  [0x26aa, 0x26ab],
  [0x26bd, 0x26be],
  [0x26c4, 0x26c5],
  [0x26ce, 0x26ce],
  [0x26d4, 0x26d4],
  [0x26ea, 0x26ea],
  [0x26f2, 0x26f3],
  [0x26f5, 0x26f5],
  [0x26fa, 0x26fa],
  [0x26fd, 0x26fd],
  [0x2705, 0x2705],
  [0x270a, 0x270b],
  [0x2728, 0x2728],
  [0x274c, 0x274c],
  [0x274e, 0x274e],
  [0x2753, 0x2755],
  [0x2757, 0x2757],
  [0x2795, 0x2797],
  [0x27b0, 0x27b0],
  [0x27bf, 0x27bf],
  [0x2b1b, 0x2b1c],
  [0x2b50, 0x2b50],
  [0x2b55, 0x2b55],
  [0x2e80, 0x303e],
  [0x3041, 0x3247],
  [0x3250, 0x4dbf],
  [0x4e00, 0xa4c6],
  [0xa960, 0xa97c],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6b],
  [0xff01, 0xff60],
  [0xffe0, 0xffe6],
  [0x16fe0, 0x16fe4],
  [0x16ff0, 0x16ff1],
  [0x17000, 0x18cd5],
  [0x18d00, 0x18d08],
  [0x1aff0, 0x1b2fb],
  [0x1f004, 0x1f004],
  [0x1f0cf, 0x1f0cf],
  [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a],
  [0x1f200, 0x1f202],
  [0x1f210, 0x1f23b],
  [0x1f240, 0x1f248],
  [0x1f250, 0x1f251],
  [0x1f260, 0x1f265],
  [0x1f300, 0x1f320],
  [0x1f32d, 0x1f335],
  [0x1f337, 0x1f37c],
  [0x1f37e, 0x1f393],
  [0x1f3a0, 0x1f3ca],
  [0x1f3cf, 0x1f3d3],
  [0x1f3e0, 0x1f3f0],
  [0x1f3f4, 0x1f3f4],
  [0x1f3f8, 0x1f43e],
  [0x1f440, 0x1f440],
  [0x1f442, 0x1f4fc],
  [0x1f4ff, 0x1f53d],
  [0x1f54b, 0x1f54e],
  [0x1f550, 0x1f567],
  [0x1f57a, 0x1f57a],
  [0x1f595, 0x1f596],
  [0x1f5a4, 0x1f5a4],
  [0x1f5fb, 0x1f64f],
  [0x1f680, 0x1f6c5],
  [0x1f6cc, 0x1f6cc],
  [0x1f6d0, 0x1f6d2],
  [0x1f6d5, 0x1f6d7],
  [0x1f6dc, 0x1f6df],
  [0x1f6eb, 0x1f6ec],
  [0x1f6f4, 0x1f6fc],
  [0x1f7e0, 0x1f7eb],
  [0x1f7f0, 0x1f7f0],
  [0x1f90c, 0x1f93a],
  [0x1f93c, 0x1f945],
  [0x1f947, 0x1f9ff],
  [0x1fa70, 0x1faff],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];

function isWide(cp: number): boolean {
  let lo = 0;
  let hi = wide.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = wide[mid]!;
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return true;
  }
  return false;
}

function codePointWidth(ch: string): number {
  if (!visible.test(ch)) return 0;
  const cp = ch.codePointAt(0)!;
  // Below the first emoji-presentation symbol nothing is an emoji.
  // A lone regional indicator (half a flag) is not an emoji on its own.
  if (cp >= 0x231a && !(cp >= 0x1f1e6 && cp <= 0x1f1ff) && emojiPresentation.test(ch)) return 2;
  return isWide(cp) ? 2 : 1;
}

function clusterWidth(cluster: string): number {
  const first = cluster.codePointAt(0)!;
  if (cluster.length === (first > 0xffff ? 2 : 1)) return codePointWidth(cluster);
  const at = cluster.search(visible);
  if (at === -1) return 0;
  if (isEmojiSequence(cluster)) return 2;
  if (cluster.includes('\u200d') && (cluster.match(pictographic)?.length ?? 0) >= 2) return 2;
  return isWide(cluster.codePointAt(at)!) ? 2 : 1;
}

/** The grapheme clusters of s; code points when none of them can join. */
function* clusters(s: string): Generator<string> {
  if (!joining.test(s)) {
    yield* s;
    return;
  }
  for (const { segment } of segments(s)) yield segment;
}

/** Width through the segmenter alone: the reference the fast paths are tested against. */
export function segmentedWidth(s: string): number {
  let w = 0;
  for (const { segment } of segments(s)) w += clusterWidth(segment);
  return w;
}

// Plain ASCII is the common case (VM names, numbers): no segmentation needed.
const printableAscii = /^[\x20-\x7e]*$/;

export function displayWidth(s: string): number {
  if (printableAscii.test(s)) return s.length;
  let w = 0;
  for (const c of clusters(s)) w += clusterWidth(c);
  return w;
}

/** Cuts to at most `width` cells, never inside a grapheme cluster; adds "…" when cut. */
export function truncateWidth(s: string, width: number): string {
  if (width <= 0) return '';
  if (printableAscii.test(s)) {
    if (s.length <= width) return s;
    return width === 1 ? s.slice(0, 1) : `${s.slice(0, width - 1)}…`;
  }
  if (displayWidth(s) <= width) return s;
  const room = width === 1 ? 1 : width - 1;
  let out = '';
  let used = 0;
  for (const c of clusters(s)) {
    const w = clusterWidth(c);
    if (used + w > room) break;
    out += c;
    used += w;
  }
  return width === 1 ? out : `${out}…`;
}

/** Truncates, then pads with spaces to exactly `width` cells. */
export function padWidth(s: string, width: number): string {
  const t = truncateWidth(s, width);
  return t + ' '.repeat(Math.max(0, width - displayWidth(t)));
}

/** Pads on the left (numbers in columns). */
export function padStartWidth(s: string, width: number): string {
  const t = truncateWidth(s, width);
  return ' '.repeat(Math.max(0, width - displayWidth(t))) + t;
}
