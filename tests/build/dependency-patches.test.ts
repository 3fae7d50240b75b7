// The string-width patch (scripts/dependency-patches.mjs) must change nothing but
// speed: the patched copy is loaded beside the original and both measure the same
// text, every code point alone and between neighbours that join with it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import original from 'string-width';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script without types
import * as patches from '../../scripts/dependency-patches.mjs';
import { repoRoot } from '../helpers.js';

type Width = (s: string) => number;
const { patchInkLogUpdate, patchStringWidth } = patches as {
  patchInkLogUpdate: (src: string) => string;
  patchStringWidth: (src: string, version: string) => string;
};

const modules = join(repoRoot, 'node_modules');
let dir = '';
let patched: Width;

beforeAll(async () => {
  // Inside node_modules, so the patched copy resolves strip-ansi and
  // get-east-asian-width exactly as the original does.
  mkdirSync(join(modules, '.cache'), { recursive: true });
  dir = mkdtempSync(join(modules, '.cache', 'hv-sw-'));
  const pkg = JSON.parse(readFileSync(join(modules, 'string-width', 'package.json'), 'utf8'));
  const src = readFileSync(join(modules, 'string-width', 'index.js'), 'utf8');
  const file = join(dir, 'string-width.mjs');
  writeFileSync(file, patchStringWidth(src, pkg.version));
  patched = (await import(pathToFileURL(file).href)).default;
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const neighbours = [
  'a',
  '\u1100',
  '\uac00',
  '\u{1F1E9}',
  '\u{1F600}',
  '\u200d',
  '\u0301',
  '\ufe0f',
];

describe('patched string-width', () => {
  it('measures every code point like the original, alone and between neighbours', () => {
    const differ: string[] = [];
    // Planes 0 and 1 hold every script and symbol; planes 2 and 3 are CJK
    // ideographs only, sampled.
    for (let cp = 0x80; cp < 0x40000; cp += cp < 0x20000 ? 1 : 61) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      for (const s of [ch, `a${ch}b`, `${ch}${ch}`]) {
        if (patched(s) !== original(s)) differ.push(`${cp.toString(16)} in ${JSON.stringify(s)}`);
      }
    }
    expect(differ).toEqual([]);
  });

  it('agrees on joining sequences: emoji, flags, Hangul jamo, marks, CR LF', () => {
    const texts = [
      'Ana\'s "lab" VM — café',
      'cafe\u0301',
      '👩‍💻 dev',
      '🇩🇪 flag',
      '1\u20e3 keycap',
      '👍🏽',
      '\u1100\u1161\u11a8 jamo',
      '\u1100\uac00',
      'a\r\nb',
      '● connected · ○ lost … ✓ ✗ ⚠',
      '日本語のVM',
      'क्षत्रिय',
      'ำ ﾞ',
    ];
    for (const t of texts) expect(patched(t), t).toBe(original(t));
    const differ: string[] = [];
    for (let cp = 0x80; cp < 0x20000; cp += 17) {
      const ch = String.fromCodePoint(cp);
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      for (const n of neighbours) {
        for (const s of [`${n}${ch}`, `${ch}${n}`]) {
          if (patched(s) !== original(s)) differ.push(JSON.stringify(s));
        }
      }
    }
    expect(differ).toEqual([]);
  });
});

describe('patches refuse code they do not know', () => {
  it('fails loudly instead of skipping a patch after an upgrade', () => {
    expect(() => patchStringWidth('export default () => 0;', '8.3.0')).toThrow(
      /string-width changed/,
    );
    expect(() => patchStringWidth('', '9.0.0')).toThrow(/has no patch/);
    expect(() => patchInkLogUpdate('')).toThrow(/ink log-update changed/);
    const { patchYogaLoader } = patches as { patchYogaLoader: (src: string) => string };
    expect(() => patchYogaLoader('')).toThrow(/yoga-layout loader changed/);
  });
});

describe('patched yoga-layout loader', () => {
  it('loads the same wasm without fetch, and lays out like the original', async () => {
    const { patchYogaLoader } = patches as { patchYogaLoader: (src: string) => string };
    const raw = join(modules, 'yoga-layout', 'dist', 'binaries', 'yoga-wasm-base64-esm.js');
    const file = join(dir, 'yoga-loader.mjs');
    writeFileSync(file, patchYogaLoader(readFileSync(raw, 'utf8')));
    const realFetch = globalThis.fetch;
    let fetched = 0;
    globalThis.fetch = (() => {
      fetched++;
      throw new Error('fetch must not be used');
    }) as typeof fetch;
    try {
      const loadPatched = (await import(pathToFileURL(file).href)).default;
      const wrapAssembly = (
        await import(
          pathToFileURL(join(modules, 'yoga-layout', 'dist', 'src', 'wrapAssembly.js')).href
        )
      ).default;
      const yoga = wrapAssembly(await loadPatched());
      expect(fetched).toBe(0);
      // A 80x24 root with two children, the second growing: computed by the wasm.
      const root = yoga.Node.create();
      root.setWidth(80);
      root.setHeight(24);
      const a = yoga.Node.create();
      a.setHeight(3);
      const b = yoga.Node.create();
      b.setFlexGrow(1);
      root.insertChild(a, 0);
      root.insertChild(b, 1);
      root.calculateLayout(80, 24, 1);
      expect(b.getComputedLayout()).toMatchObject({ top: 3, height: 21, width: 80 });
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});
