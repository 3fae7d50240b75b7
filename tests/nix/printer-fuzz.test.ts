// Round-trips random strings and attribute names through the printer and the real Nix:
// print one file, evaluate it once with `nix-instantiate --eval --strict --json`, compare.
// The generator leans on what breaks escaping: quotes, backslashes, `$` `{` `${`, `''`,
// line starts with spaces, CR, control characters, non-ASCII and astral characters.
// Reproduce a failure with HV_FUZZ_SEED=<seed printed in the message>.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { printNix, printNixFile } from '../../src/nix/print.js';
import {
  apply,
  attrs,
  comment,
  float,
  ident,
  int,
  list,
  NIX_KEYWORDS,
  str,
} from '../../src/nix/value.js';

const SEED = Number(process.env.HV_FUZZ_SEED ?? 0x5eed_2024) >>> 0;
const COUNT = 10_000;

// mulberry32: tiny, fast, and the same sequence on every platform for a given seed.
function rng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const below = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[below(xs.length)]!;
  return { next, below, pick };
}

type Rng = ReturnType<typeof rng>;
const KEYWORDS = [...NIX_KEYWORDS];
const TRICKY = ['"', '\\', '$', '{', '}', '${', '$${', "''", "'", "'''", "''$", "''\\", '\\n'];
const SPACING = ['\n', '\n', '\n  ', '\n    ', '  ', '\t', ' '];

function randomChar(r: Rng, friendly: boolean): string {
  const roll = r.below(friendly ? 8 : 10);
  if (roll <= 2) return String.fromCharCode(0x20 + r.below(0x5f));
  if (roll === 3) return r.pick(TRICKY);
  if (roll === 4) return r.pick(SPACING);
  if (roll === 5) {
    // BMP outside the surrogate range.
    const c = r.below(0xffff - 0x80 - 0x800) + 0x80;
    return String.fromCharCode(c < 0xd800 ? c : c + 0x800);
  }
  if (roll === 6) return String.fromCodePoint(0x1f300 + r.below(0x700));
  if (roll === 7) return r.pick(KEYWORDS);
  if (roll === 8) return r.pick(['\r', '\r\n', '\n\r']);
  // Control characters other than NUL, and DEL.
  return r.below(8) === 0 ? '\x7f' : String.fromCharCode(1 + r.below(0x1f));
}

function randomString(r: Rng): string {
  const mode = r.below(20);
  if (mode === 0) return '';
  if (mode <= 7) {
    // Multi-line text without control characters: the shape that gets a '' string.
    const lines = Array.from({ length: 1 + r.below(5) }, () => {
      const lead = r.below(3) === 0 ? ' '.repeat(r.below(5)) : '';
      return lead + Array.from({ length: r.below(6) }, () => randomChar(r, true)).join('');
    });
    return lines.join('\n') + (r.below(2) ? '\n' : '');
  }
  return Array.from({ length: r.below(24) }, () => randomChar(r, false)).join('');
}

function randomName(r: Rng): string {
  const mode = r.below(10);
  if (mode === 0) return r.pick(KEYWORDS);
  if (mode === 1)
    return r.below(4) === 0 ? '' : `${r.pick(KEYWORDS)}${r.pick(["'", '-', '_', ''])}`;
  if (mode <= 4) {
    const head = 'abcXYZ_';
    const rest = "abcxyz019_'-";
    let s = head[r.below(head.length)]!;
    for (let i = r.below(10); i > 0; i--) s += rest[r.below(rest.length)]!;
    return s;
  }
  return Array.from({ length: r.below(12) }, () => randomChar(r, false)).join('');
}

function randomFloat(r: Rng): number {
  const sign = r.below(2) ? -1 : 1;
  const roll = r.below(3);
  if (roll === 0) return sign * r.next();
  if (roll === 1) return sign * r.next() * 10 ** (r.below(600) - 300);
  return sign * (r.below(1_000_000) + r.below(1000) / 1000);
}

const tmp = mkdtempSync(join(tmpdir(), 'hv-nix-fuzz-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// Private state, log and config dirs: works for any user and ignores the machine's nix.conf.
async function nixEval(file: string) {
  const dirs = ['state', 'log', 'conf'].map((d) => mkdtempSync(join(tmp, `${d}-`)));
  const result = await execa(
    'nix-instantiate',
    ['--option', 'build-users-group', '', '--eval', '--strict', '--json', file],
    {
      reject: false,
      env: { NIX_STATE_DIR: dirs[0]!, NIX_LOG_DIR: dirs[1]!, NIX_CONF_DIR: dirs[2]! },
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  if (result.code === 'ENOENT') {
    throw new Error(
      'nix-instantiate is not on PATH; install it (Debian/Ubuntu package: nix-bin, `apt-get install nix-bin`)',
    );
  }
  return result;
}

describe(`Nix printer fuzz (seed ${SEED}, HV_FUZZ_SEED to change)`, () => {
  it('evaluates every printed string and attribute name back to its input', async () => {
    const r = rng(SEED);
    const strings = Array.from({ length: COUNT }, () => randomString(r));
    const names = [...new Set(Array.from({ length: COUNT }, () => randomName(r)))];
    const ints = [0, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER];
    for (let i = 0; i < 500; i++) ints.push((r.next() - 0.5) * 2 ** r.below(54));
    const intValues = ints.map((n) => Math.trunc(n));
    const floats = Array.from({ length: 500 }, () => randomFloat(r));
    // Where a string sits changes its indentation, so the same inputs appear deeper too,
    // as function arguments, and behind comments whose text is itself random.
    const some = strings.slice(0, 1000);
    const value = attrs([
      ['names', attrs(names.map((n, i) => [n, int(i)] as const))],
      ['strings', list(strings.map(str))],
      ['deep', attrs([['a', attrs([['b', list(some.map((s) => attrs([['s', str(s)]])))]])]])],
      ['args', list(some.map((s) => apply(ident('builtins.toString'), str(s))))],
      ['commented', list(some.map((s, i) => comment(strings[COUNT - 1 - i]!, str(s))))],
      ['ints', list(intValues.map(int))],
      [
        'floats',
        list(
          floats.map((f) =>
            attrs([
              ['lit', float(f)],
              ['json', str(JSON.stringify(f))],
            ]),
          ),
        ),
      ],
    ]);
    const text = printNixFile(value, { header: ['printer fuzz', `seed ${SEED}`] });
    writeFileSync(join(tmp, 'printed.nix'), text);
    // Nix 2.8's --json prints floats with 6 digits, so floats are compared inside Nix
    // against an independent parse of the same number (builtins.fromJSON).
    writeFileSync(
      join(tmp, 'check.nix'),
      `let v = import ./printed.nix; in {
  inherit (v) names strings deep args commented ints;
  badFloats = builtins.filter (i: let p = builtins.elemAt v.floats i; in p.lit != builtins.fromJSON p.json)
    (builtins.genList (i: i) (builtins.length v.floats));
}
`,
    );

    const result = await nixEval(join(tmp, 'check.nix'));
    expect(result.exitCode, `seed ${SEED}: ${result.stderr}`).toBe(0);
    const out = JSON.parse(result.stdout) as {
      names: Record<string, number>;
      strings: string[];
      deep: { a: { b: Array<{ s: string }> } };
      args: string[];
      commented: string[];
      ints: number[];
      badFloats: number[];
    };

    const bad: string[] = [];
    const check = (where: string, input: unknown, got: unknown) => {
      if (input !== got)
        bad.push(`${where}: in ${JSON.stringify(input)} out ${JSON.stringify(got)}`);
    };
    strings.forEach((s, i) => {
      check(`strings[${i}]`, s, out.strings[i]);
    });
    some.forEach((s, i) => {
      check(`deep[${i}]`, s, out.deep.a.b[i]?.s);
      check(`args[${i}]`, s, out.args[i]);
      check(`commented[${i}]`, s, out.commented[i]);
    });
    names.forEach((n, i) => {
      check(`names[${i}]`, i, out.names[n]);
    });
    const known = new Set(names);
    const extra = Object.keys(out.names).filter((k) => !known.has(k));
    for (const k of extra.slice(0, 3)) bad.push(`unexpected name ${JSON.stringify(k)}`);
    intValues.forEach((n, i) => {
      check(`ints[${i}]`, n, out.ints[i]);
    });
    for (const i of out.badFloats) bad.push(`floats[${i}]: ${JSON.stringify(floats[i])}`);

    expect(
      bad.length,
      `seed ${SEED}: ${bad.length} mismatches\n${bad.slice(0, 5).join('\n')}`,
    ).toBe(0);
    expect(Object.keys(out.names)).toHaveLength(names.length);
    expect(names.length).toBeGreaterThan(COUNT / 2);

    // Both string forms must really be exercised, or the fuzz proves less than it seems.
    const indented = strings.filter((s) => printNix(str(s)).startsWith("''")).length;
    expect(indented, `seed ${SEED}: '' strings printed`).toBeGreaterThan(COUNT / 10);
    expect(COUNT - indented).toBeGreaterThan(COUNT / 2);
  });
});
