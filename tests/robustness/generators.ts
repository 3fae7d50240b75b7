// Deterministic generators of bad input for the robustness suite: answer files
// and argument lists that are wrong by construction (each generator knows why its
// output must be refused), from a seeded PRNG so a failure reproduces exactly.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { features } from '../../src/catalog/features.js';
import { commands } from '../../src/cli/commands.js';
import { repoRoot } from '../helpers.js';

/** mulberry32: small, fast, good enough to spread cases. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const word = (len = 1 + int(12), alphabet = 'abcdefghijklmnopqrstuvwxyz') =>
    Array.from({ length: len }, () => alphabet[int(alphabet.length)]).join('');
  return { next, int, pick, word };
}
export type Rng = ReturnType<typeof prng>;

export const goldenSets = ['balanced-server', 'beginner-minimal', 'expert-full'];
export const goldenAnswers = (set: string) =>
  JSON.parse(readFileSync(join(repoRoot, 'tests', 'golden', set, 'answers.json'), 'utf8'));
export const goldenHardware = (set: string) =>
  join(repoRoot, 'tests', 'golden', set, 'hardware.json');

export interface BadAnswers {
  /** What makes it invalid, for the failure message. */
  why: string;
  text: string;
}

const weird = [
  '',
  ' ',
  '\u0000',
  'é',
  '💥',
  '../../etc/passwd',
  // Nix interpolation, which the printer must escape (never reaches Nix unescaped).
  '$' + '{builtins.abort "x"}',
  '"; rm -rf /; "',
  '\n',
  'a'.repeat(5000),
  '__proto__',
  'constructor',
];

const enumFields = ['experience', 'riskTolerance', 'profile', 'role'] as const;
const wrongTypes: unknown[] = [null, 0, 1.5, -1, true, [], {}, ['x'], { a: 1 }];

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v));
}

const featureIds = features.map((f) => f.id);

/** One malformed answers file of a random class. */
export function badAnswers(r: Rng): BadAnswers & { kind: number } {
  const kind = r.int(16);
  return { ...badAnswersOf(r, kind), kind };
}

function badAnswersOf(r: Rng, kind: number): BadAnswers {
  const set = r.pick(goldenSets);
  const base = goldenAnswers(set);
  const text = JSON.stringify(base, null, 2);
  const a = clone(base);
  switch (kind) {
    case 0: {
      // Cut short anywhere before the closing brace: never a whole JSON value.
      const cut = 1 + r.int(text.lastIndexOf('}') - 1);
      return { why: `truncated at byte ${cut} of ${set}`, text: text.slice(0, cut) };
    }
    case 1: {
      const junk = r.pick([
        '',
        'null',
        '[]',
        '42',
        '"answers"',
        'true',
        '\u0000\u0001\u0002',
        '{',
        '}{',
        '{"version":1}{"version":1}',
      ]);
      return { why: `not an answers object: ${JSON.stringify(junk)}`, text: junk };
    }
    case 2:
      a.version = r.pick([0, 2, '1', null, 1.5, -1, [], {}, 99]);
      return { why: `version ${JSON.stringify(a.version)}`, text: JSON.stringify(a) };
    case 3: {
      const key = r.pick(['version', 'host']);
      delete a[key];
      return { why: `missing ${key}`, text: JSON.stringify(a) };
    }
    case 4: {
      const key = `${r.word()}_${r.int(1000)}`;
      a[key] = r.pick(wrongTypes);
      return { why: `unknown top-level key ${key}`, text: JSON.stringify(a) };
    }
    case 5: {
      const f = r.pick(enumFields);
      a[f] = r.next() < 0.5 ? `${r.word()}X` : r.pick(wrongTypes);
      return { why: `${f} = ${JSON.stringify(a[f])}`, text: JSON.stringify(a) };
    }
    case 6: {
      const bad = r.pick([
        `${r.word()}_${r.word()}`,
        `-${r.word()}`,
        `${r.word()}.${r.word()}`,
        'x'.repeat(64 + r.int(50)),
        '',
        `${r.word()} ${r.word()}`,
        r.pick(weird.filter((w) => w !== '')),
      ]);
      a.host.hostname = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(bad) ? `${bad}_` : bad;
      return {
        why: `hostname ${JSON.stringify(a.host.hostname).slice(0, 60)}`,
        text: JSON.stringify(a),
      };
    }
    case 7: {
      a.host.adminUser = r.pick([
        'root',
        'nobody',
        `${r.word().toUpperCase()}`,
        `${r.int(10)}${r.word()}`,
        `${r.word()} ${r.word()}`,
        'a'.repeat(33 + r.int(10)),
        '',
        r.pick(wrongTypes),
      ]);
      return { why: `adminUser ${JSON.stringify(a.host.adminUser)}`, text: JSON.stringify(a) };
    }
    case 8: {
      a.host.timeZone = r.pick([
        `${r.word()}`,
        `Europe/${r.word()} ${r.word()}`,
        '/Berlin',
        'Europe//Berlin',
        r.pick(wrongTypes),
        '../../etc/localtime',
      ]);
      return { why: `timeZone ${JSON.stringify(a.host.timeZone)}`, text: JSON.stringify(a) };
    }
    case 9: {
      const good =
        'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGh+msVKNu1KuDGZ/oXLSqIQMlkIMUENtXxMShSqw/vO a@b';
      a.host.sshKeys = r.pick([
        'ssh-ed25519 AAAA',
        [good.slice(0, 20 + r.int(40))],
        [`ssh-${r.word()} ${r.word(40)}`],
        [
          '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----',
        ],
        [good, r.pick(wrongTypes)],
        [`${good}\n${good}`],
      ]);
      return {
        why: `sshKeys ${JSON.stringify(a.host.sshKeys).slice(0, 60)}`,
        text: JSON.stringify(a),
      };
    }
    case 10: {
      const id = `${r.word()}${r.int(100)}`;
      a.features = { ...a.features, [id]: { enable: true } };
      return { why: `unknown feature ${id}`, text: JSON.stringify(a) };
    }
    case 11: {
      const id = r.pick(featureIds);
      a.features = { ...a.features, [id]: { enable: r.pick(['yes', 1, null, 'true', [], {}]) } };
      return { why: `features.${id}.enable not boolean`, text: JSON.stringify(a) };
    }
    case 12: {
      const id = r.pick(featureIds);
      const param = `${r.word()}Z`;
      a.features = { ...a.features, [id]: { enable: true, [param]: 1 } };
      return { why: `features.${id}.${param} unknown`, text: JSON.stringify(a) };
    }
    case 13: {
      // A parameter of the wrong type or out of range.
      const withParams = features.filter((f) => Object.keys(f.params).length > 0);
      const f = r.pick(withParams);
      const [name, spec] = r.pick(Object.entries(f.params));
      let v: unknown;
      if (spec.type === 'int')
        v = r.pick([spec.min !== undefined ? spec.min - 1 - r.int(5) : 'x', 1.5, '3', null]);
      else if (spec.type === 'port') v = r.pick([0, 65536 + r.int(1000), -1, 'ssh', 22.5]);
      else if (spec.type === 'bool') v = r.pick(['true', 0, null]);
      else if (spec.type === 'enum') v = `${r.word()}Q`;
      else if (spec.type === 'string-list') v = r.pick(['x', [1], null]);
      else if (spec.type === 'secret-file')
        v = r.pick(['relative/path', '/nix/store/abc-secret', 42]);
      else v = r.pick([42, null, [], {}]);
      a.features = { ...a.features, [f.id]: { enable: true, [name]: v } };
      return { why: `features.${f.id}.${name} = ${JSON.stringify(v)}`, text: JSON.stringify(a) };
    }
    case 14:
      a.acknowledged = r.pick([[`${r.word()}9`], 'all', [1, 2], { x: true }]);
      return { why: `acknowledged ${JSON.stringify(a.acknowledged)}`, text: JSON.stringify(a) };
    default: {
      // Valid by the schema, impossible as a plan: key-only SSH without any key.
      a.host.sshKeys = [];
      a.features = { ...a.features, sshHardening: { enable: true } };
      return { why: 'key-only SSH without keys', text: JSON.stringify(a) };
    }
  }
}

/** The words of every command, for building argument lists. */
const commandPaths = commands.filter((c) => c.path.length > 0).map((c) => c.path);
// Groups whose own word takes arguments (`hv learn LESSON`) leave unknown words to
// the command itself, so they are not used for "unknown subcommand".
const groups = [...new Set(commandPaths.filter((p) => p.length > 1).map((p) => p[0]!))].filter(
  (g) =>
    !commands.some((c) => c.path.length === 1 && c.path[0] === g && (c.positionals?.max ?? 0) > 0),
);
const leafWords = new Set(commandPaths.map((p) => p.join(' ')));

/** One argument list that must be refused as a usage error (exit 2). */
export function badArgv(r: Rng): { why: string; argv: string[]; kind: number } {
  const kind = r.int(8);
  return { ...badArgvOf(r, kind), kind };
}

function badArgvOf(r: Rng, kind: number): { why: string; argv: string[] } {
  const spec = r.pick(commands.filter((c) => c.path.length > 0 && !c.hidden));
  switch (kind) {
    case 0: {
      let w = r.word(3 + r.int(8));
      while (leafWords.has(w) || groups.includes(w)) w = `${w}x`;
      return { why: `unknown command ${w}`, argv: [w, ...(r.next() < 0.5 ? ['--json'] : [])] };
    }
    case 1: {
      const g = r.pick(groups);
      let sub = r.word();
      while (leafWords.has(`${g} ${sub}`)) sub = `${sub}x`;
      // A group that is also a command of its own takes no positionals either.
      return { why: `unknown subcommand ${g} ${sub}`, argv: [g, sub] };
    }
    case 2: {
      const flag = `--${r.word()}-${r.word(4)}`;
      return { why: `unknown flag ${flag}`, argv: [...spec.path, flag] };
    }
    case 3: {
      const strings = Object.entries(spec.options ?? {}).filter(([, o]) => o.type === 'string');
      if (strings.length === 0) return { why: 'unknown short flag', argv: [...spec.path, '-Z'] };
      const [name] = r.pick(strings);
      return { why: `--${name} without its value`, argv: [...spec.path, `--${name}`] };
    }
    case 4: {
      const max = spec.positionals?.max ?? 0;
      const extra = Array.from({ length: max + 1 }, () => r.word());
      // Extra words after a group command could name a real subcommand; avoid them.
      if (leafWords.has([...spec.path, extra[0]].join(' '))) extra[0] = `${extra[0]}zz`;
      return {
        why: `too many arguments for ${spec.path.join(' ')}`,
        argv: [...spec.path, ...extra],
      };
    }
    case 5: {
      const bad = r.pick([r.word(), `/${r.word()}`, `${r.word()}:/x`, '', 'qemu', '://x']);
      return { why: `--connect ${JSON.stringify(bad)}`, argv: [...spec.path, '--connect', bad] };
    }
    case 6:
      return {
        why: '--connect with --demo',
        argv: [...spec.path, '--connect', 'qemu:///system', '--demo'],
      };
    default: {
      const b = r.pick(['json', 'demo', 'plain']);
      return {
        why: `--${b} given a value`,
        argv: [...spec.path, `--${b}=${r.pick(['yes', '1', 'no'])}`],
      };
    }
  }
}
