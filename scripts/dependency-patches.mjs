// Source patches applied to dependencies while bundling (scripts/build.mjs).
// Each one names the exact code it replaces and fails the build when that code is
// gone (e.g. after an upgrade), so a patch is never silently skipped. Each is
// tested against the unpatched original (tests/build/dependency-patches.test.ts).

/**
 * Ink 6.8's incremental log-update moves the cursor up `previousVisible - 1` rows
 * before redrawing, which is right only when the previous frame had no trailing
 * newline. Frames shorter than the terminal always have one, so every redraw
 * landed one row low and left stale lines behind.
 */
export function patchInkLogUpdate(src) {
  const bad = 'buffer.push(ansiEscapes.cursorUp(previousVisible - 1));';
  if (!src.includes(bad)) {
    throw new Error('ink log-update changed: review scripts/dependency-patches.mjs');
  }
  const good =
    "buffer.push(ansiEscapes.cursorUp(previousVisible - (previousOutput.endsWith('\\n') ? 0 : 1)));";
  return src.replace(bad, good);
}

// The first frame of the console shows a few non-ASCII symbols ("●", "—", "…").
// string-width, which Ink measures every text with, builds an Intl.Segmenter when
// it is imported (~12 ms) and compiles /^\p{RGI_Emoji}$/v the first time it meets
// a non-ASCII character (~45 ms): a quarter of hv's start-up. Both stay, with the
// same results, for text that needs them:
// - the segmenter is created on first use;
// - text without any code point that can join its neighbours (marks, ZWJ and
//   other format characters, variation selectors, regional indicators, skin-tone
//   modifiers, Hangul jamo, CR, letters of the scripts with spacing or prepended
//   marks) is one grapheme cluster per code point, so it is walked by code point;
// - a cluster of one code point is an RGI emoji exactly when it has
//   Emoji_Presentation and is not a lone regional indicator (checked for every
//   code point by the test).
const lazySegmenter = `let hvSegmenter;
const segmenter = {segment: (s) => (hvSegmenter ??= new Intl.Segmenter()).segment(s)};`;

const fastPaths = `
const hvJoining = /[\\p{M}\\p{Cf}\\p{Regional_Indicator}\\p{Emoji_Modifier}\\u1100-\\u11FF\\uD7B0-\\uD7FF\\r\\u0900-\\u109F\\u1700-\\u1CFF\\uA800-\\uABFF\\uFF9E\\uFF9F\\u{11000}-\\u{11FFF}\\u{16D40}-\\u{16D7F}\\u{16F00}-\\u{16F9F}]/u;
const hvEmojiPresentation = /^\\p{Emoji_Presentation}$/u;
function* hvClusters(string) {
	if (!hvJoining.test(string)) {
		for (const segment of string) yield {segment};
		return;
	}
	yield* segmenter.segment(string);
}
function hvIsRgiEmoji(segment) {
	const codePoint = segment.codePointAt(0);
	if (segment.length === (codePoint > 0xFFFF ? 2 : 1)) {
		return hvEmojiPresentation.test(segment) && !(codePoint >= 0x1F1E6 && codePoint <= 0x1F1FF);
	}
	return rgiEmojiRegex.test(segment);
}
`;

function replaceOnce(src, from, to, what) {
  const at = src.indexOf(from);
  if (at === -1 || src.indexOf(from, at + 1) !== -1) {
    throw new Error(`string-width changed (${what}): review scripts/dependency-patches.mjs`);
  }
  return src.slice(0, at) + to + src.slice(at + from.length);
}

/** string-width 8: lazy segmenter, code-point walk, cheap single-code-point emoji test. */
export function patchStringWidth8(src) {
  let out = replaceOnce(src, 'const segmenter = new Intl.Segmenter();', lazySegmenter, 'segmenter');
  out = replaceOnce(
    out,
    'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
    `const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;\n${fastPaths}`,
    'RGI emoji pattern',
  );
  out = replaceOnce(
    out,
    'for (const {segment} of segmenter.segment(string)) {',
    'for (const {segment} of hvClusters(string)) {',
    'segment loop',
  );
  out = replaceOnce(
    out,
    'if (rgiEmojiRegex.test(segment) ||',
    'if (hvIsRgiEmoji(segment) ||',
    'emoji test',
  );
  return out;
}

/** string-width 7 (wrap-ansi's copy): only the segmenter at import. */
export function patchStringWidth7(src) {
  return replaceOnce(src, 'const segmenter = new Intl.Segmenter();', lazySegmenter, 'segmenter');
}

/** Picks the patch for the string-width copy at `path` by its version. */
export function patchStringWidth(src, version) {
  const major = Number(String(version).split('.')[0]);
  if (major === 8) return patchStringWidth8(src);
  if (major === 7) return patchStringWidth7(src);
  throw new Error(`string-width ${version} has no patch: review scripts/dependency-patches.mjs`);
}

/**
 * yoga-layout 3 (Ink's layout engine) carries its wasm as base64 in a data: URL.
 * Its Emscripten loader fetches that URL with fetch() when fetch exists, which
 * makes Node load its whole HTTP client (undici, 30-60 ms) for nothing, and
 * otherwise decodes it with atob() and a character loop. Both become one
 * Buffer.from(…, 'base64'): same bytes, no HTTP client, a tenth of the time.
 */
export function patchYogaLoader(src) {
  const decode =
    'var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c';
  const viaFetch = 'function ya(){return w||"function"!=typeof fetch?';
  if (!src.includes(decode) || !src.includes(viaFetch)) {
    throw new Error('yoga-layout loader changed: review scripts/dependency-patches.mjs');
  }
  return src
    .replace(decode, 'var d=new Uint8Array(Buffer.from(a.slice(37),"base64"))')
    .replace(viaFetch, 'function ya(){return !0?');
}

/** The esbuild plugin applying the patches above. */
export const dependencyPatches = {
  name: 'hv-dependency-patches',
  setup(b) {
    b.onLoad({ filter: /ink[\\/]build[\\/]log-update\.js$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      return { contents: patchInkLogUpdate(await readFile(args.path, 'utf8')), loader: 'js' };
    });
    b.onLoad(
      { filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ },
      async (args) => {
        const { readFile } = await import('node:fs/promises');
        return { contents: patchYogaLoader(await readFile(args.path, 'utf8')), loader: 'js' };
      },
    );
    b.onLoad({ filter: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const { join, dirname } = await import('node:path');
      const pkg = JSON.parse(await readFile(join(dirname(args.path), 'package.json'), 'utf8'));
      const src = await readFile(args.path, 'utf8');
      return { contents: patchStringWidth(src, pkg.version), loader: 'js' };
    });
  },
};
