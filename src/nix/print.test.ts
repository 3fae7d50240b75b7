// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Nix interpolation text is the point of these cases.
// Exact output for representative values, the errors, and proof that every printed case
// is Nix: one `nix-instantiate --parse` over all cases, one `--eval --strict --json` over
// those with a plain-data value.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { isNixIdentifier, printNix, printNixFile, quoteAttrName } from './print.js';
import {
  apply,
  attrs,
  bool,
  comment,
  float,
  fromJson,
  ident,
  int,
  lambda,
  list,
  mkDefault,
  mkForce,
  type NixValue,
  nul,
  path,
  str,
} from './value.js';

interface Case {
  name: string;
  value: NixValue;
  text: string;
  /** What Nix evaluates it to, when it is plain data. */
  json?: unknown;
}

const module = lambda(['lib'], attrs({ hypervisor: attrs({ x: attrs({ enable: bool(true) }) }) }), {
  ellipsis: true,
});

const cases: Case[] = [
  { name: 'string', value: str('hello'), text: '"hello"', json: 'hello' },
  { name: 'int', value: int(42), text: '42', json: 42 },
  { name: 'negative int', value: int(-5), text: '-5', json: -5 },
  {
    name: 'bool and null',
    value: list([bool(true), bool(false), nul]),
    text: '[ true false null ]',
    json: [true, false, null],
  },
  {
    name: 'floats',
    value: list([float(1.5), float(1e21), float(5e-7), float(2)]),
    text: '[ 1.5 1.0e+21 5.0e-7 2.0 ]',
    json: [1.5, 1e21, 5e-7, 2],
  },
  {
    name: 'empty attrs and list',
    value: attrs({ a: attrs({}), b: list([]) }),
    text: '{\n  a = { };\n  b = [ ];\n}',
    json: { a: {}, b: [] },
  },
  {
    name: 'nested attrs (printed fully nested, no dotted keys)',
    value: attrs({ a: int(1), b: attrs({ c: str('x'), d: attrs({ e: nul }) }) }),
    text: '{\n  a = 1;\n  b = {\n    c = "x";\n    d = {\n      e = null;\n    };\n  };\n}',
    json: { a: 1, b: { c: 'x', d: { e: null } } },
  },
  { name: 'short list', value: list([str('a'), str('b')]), text: '[ "a" "b" ]', json: ['a', 'b'] },
  {
    name: 'negatives in a list',
    value: list([int(1), int(-5), float(-0.5)]),
    text: '[ 1 (-5) (-0.5) ]',
    json: [1, -5, -0.5],
  },
  {
    name: 'list exactly 100 columns',
    value: list([str('x'.repeat(94))]),
    text: `[ "${'x'.repeat(94)}" ]`,
    json: ['x'.repeat(94)],
  },
  {
    name: 'list of 101 columns',
    value: list([str('x'.repeat(95))]),
    text: `[\n  "${'x'.repeat(95)}"\n]`,
    json: ['x'.repeat(95)],
  },
  {
    name: 'list in a binding counts the name and the semicolon',
    value: attrs({ k: list([str('x'.repeat(88))]), l: list([str('x'.repeat(87))]) }),
    text: `{\n  k = [\n    "${'x'.repeat(88)}"\n  ];\n  l = [ "${'x'.repeat(87)}" ];\n}`,
  },
  {
    name: 'list of attrsets',
    value: list([attrs({ a: int(1) }), list([int(2)])]),
    text: '[\n  {\n    a = 1;\n  }\n  [ 2 ]\n]',
    json: [{ a: 1 }, [2]],
  },
  {
    name: 'quoted names and keywords',
    value: attrs([
      ['a b', int(1)],
      ['', int(2)],
      ['if', int(3)],
      ['or', int(4)],
      ['1a', int(5)],
      ["a-b'", int(6)],
      ['_x', int(7)],
      ['é', int(8)],
      ['${x}', int(9)],
      ['true', int(10)],
    ]),
    text: '{\n  "a b" = 1;\n  "" = 2;\n  "if" = 3;\n  "or" = 4;\n  "1a" = 5;\n  a-b\' = 6;\n  _x = 7;\n  "é" = 8;\n  "\\${x}" = 9;\n  true = 10;\n}',
    json: { 'a b': 1, '': 2, if: 3, or: 4, '1a': 5, "a-b'": 6, _x: 7, é: 8, '${x}': 9, true: 10 },
  },
  {
    name: 'quote, backslash, interpolation, trailing $',
    value: str('a"b\\c${d}$e$'),
    text: '"a\\"b\\\\c\\${d}$e$"',
    json: 'a"b\\c${d}$e$',
  },
  { name: 'newline, CR, tab', value: str('\n\r\t'), text: '"\\n\\r\\t"', json: '\n\r\t' },
  { name: '$ before an escaped ${', value: str('$${'), text: '"$\\${"', json: '$${' },
  { name: 'backslash before ${', value: str('\\${'), text: '"\\\\\\${"', json: '\\${' },
  { name: '$ before quote and backslash', value: str('$"$\\'), text: '"$\\"$\\\\"', json: '$"$\\' },
  {
    name: 'control characters stay raw',
    value: str('a\x01b\x7f\x1b'),
    text: '"a\x01b\x7f\x1b"',
    json: 'a\x01b\x7f\x1b',
  },
  { name: 'astral and non-ASCII', value: str('é😀'), text: '"é😀"', json: 'é😀' },
  {
    name: "indented string with '' and ${ escapes",
    value: attrs({ script: str("line one\n  ''${HOME} and '''\nlast\n") }),
    text: "{\n  script = ''\n    line one\n      '''''${HOME} and ''''\n    last\n  '';\n}",
    json: { script: "line one\n  ''${HOME} and '''\nlast\n" },
  },
  {
    name: 'indented string without a final newline',
    value: str('a\n\n  b'),
    text: "''\n  a\n\n    b''",
    json: 'a\n\n  b',
  },
  {
    name: "indented string ending in '",
    value: str("a\nb'"),
    text: "''\n  a\n  b''\\'''",
    json: "a\nb'",
  },
  {
    name: "lone ' before ${",
    value: str("a\n'${"),
    text: "''\n  a\n  ''\\'''${''",
    json: "a\n'${",
  },
  {
    name: 'blank line of spaces inside',
    value: str('a\n   \nb'),
    text: "''\n  a\n     \n  b''",
    json: 'a\n   \nb',
  },
  {
    name: 'all lines indented: quoted',
    value: str('  a\n  b\n'),
    text: '"  a\\n  b\\n"',
    json: '  a\n  b\n',
  },
  { name: 'last line only spaces: quoted', value: str('a\n  '), text: '"a\\n  "', json: 'a\n  ' },
  {
    name: 'CR in multi-line text: quoted',
    value: str('a\r\nb\n'),
    text: '"a\\r\\nb\\n"',
    json: 'a\r\nb\n',
  },
  { name: 'one line with a final newline: quoted', value: str('a\n'), text: '"a\\n"', json: 'a\n' },
  {
    name: 'multi-line strings never go on a list line',
    value: list([str('a\nb')]),
    text: "[\n  ''\n    a\n    b''\n]",
    json: ['a\nb'],
  },
  {
    name: 'paths',
    value: list([path('./a/b'), path('../x'), path('/etc/nixos/hardware-configuration.nix')]),
    text: '[ ./a/b ../x /etc/nixos/hardware-configuration.nix ]',
  },
  {
    name: 'idents',
    value: list([ident('pkgs.libvirt'), ident('pkgs.qemu_kvm')]),
    text: '[ pkgs.libvirt pkgs.qemu_kvm ]',
  },
  {
    name: 'mkDefault',
    value: attrs({ a: mkDefault(int(3)) }),
    text: '{\n  a = lib.mkDefault 3;\n}',
  },
  { name: 'mkForce of a negative', value: mkForce(int(-1)), text: 'lib.mkForce (-1)' },
  {
    name: 'nested application',
    value: apply('f', apply('g', str('x')), ident('y'), list([apply('h', int(1))])),
    text: 'f (g "x") y [\n  (h 1)\n]',
  },
  {
    name: 'application to an attrset',
    value: apply(
      'nixpkgs.lib.nixosSystem',
      attrs({ system: str('x86_64-linux'), modules: list([path('./hosts/a')]) }),
    ),
    text: 'nixpkgs.lib.nixosSystem {\n  system = "x86_64-linux";\n  modules = [ ./hosts/a ];\n}',
  },
  {
    name: 'module lambda',
    value: module,
    text: '{ lib, ... }:\n{\n  hypervisor = {\n    x = {\n      enable = true;\n    };\n  };\n}',
  },
  {
    name: 'lambda applied',
    value: apply(lambda(['a'], ident('a'), { ellipsis: true }), attrs({ a: int(1) })),
    text: '({ a, ... }: a) {\n  a = 1;\n}',
    json: 1,
  },
  { name: 'lambda with no parameters', value: lambda([], nul), text: '{ }: null' },
  {
    name: 'long parameter list',
    value: lambda(
      Array.from({ length: 12 }, (_, i) => `parameter${i}`),
      attrs({}),
      { ellipsis: true },
    ),
    text: `{\n${Array.from({ length: 12 }, (_, i) => `  parameter${i},\n`).join('')}  ...\n}:\n{ }`,
  },
  {
    name: 'comments before bindings and items',
    value: attrs({
      a: comment('why a\n\nsecond', int(1)),
      b: list([int(1), comment('two', int(2))]),
    }),
    text: '{\n  # why a\n  #\n  # second\n  a = 1;\n  b = [\n    1\n    # two\n    2\n  ];\n}',
    json: { a: 1, b: [1, 2] },
  },
  { name: 'comment at the top', value: comment('top', attrs({})), text: '# top\n{ }', json: {} },
  {
    name: 'comment in an argument is left out',
    value: apply('f', comment('gone', int(1))),
    text: 'f 1',
  },
  {
    name: 'fromJson',
    value: fromJson({ b: [1, 'two', null, true], a: { 'x y': -3 }, c: 0.25 }),
    text: '{\n  b = [ 1 "two" null true ];\n  a = {\n    "x y" = -3;\n  };\n  c = 0.25;\n}',
    json: { a: { 'x y': -3 }, b: [1, 'two', null, true], c: 0.25 },
  },
];

describe('printNix', () => {
  it.each(cases)('$name', ({ value, text }) => {
    expect(printNix(value)).toBe(text);
  });

  it('is deterministic: same input, same bytes', () => {
    const build = () =>
      printNixFile(fromJson({ z: [1, 2], a: { b: 'c\nd\ne' }, m: 'x${y}' }), { header: ['h'] });
    const first = build();
    expect(build()).toBe(first);
    for (const c of cases) expect(printNix(c.value)).toBe(printNix(c.value));
  });

  it('printNixFile writes the header and exactly one final newline', () => {
    expect(
      printNixFile(attrs({ a: int(1) }), { header: ['Generated by hv.', '', 'Do not edit.'] }),
    ).toBe('# Generated by hv.\n#\n# Do not edit.\n{\n  a = 1;\n}\n');
    expect(printNixFile(str('a\nb\n'))).toBe("''\n  a\n  b\n''\n");
  });
});

describe('names', () => {
  it('isNixIdentifier and quoteAttrName', () => {
    for (const ok of ['a', '_', 'a-b', "a'", 'A9', 'true', 'null', '__curPos']) {
      expect(isNixIdentifier(ok), ok).toBe(true);
      expect(quoteAttrName(ok)).toBe(ok);
    }
    for (const bad of ['', '1a', '-a', "'a", 'a b', 'a.b', 'é', 'if', 'or', 'inherit', 'rec']) {
      expect(isNixIdentifier(bad), bad).toBe(false);
    }
    expect(quoteAttrName('')).toBe('""');
    expect(quoteAttrName('let')).toBe('"let"');
    expect(quoteAttrName('a"${b}\n')).toBe('"a\\"\\${b}\\n"');
  });
});

describe('errors', () => {
  const throws = (f: () => unknown, message: RegExp) => expect(f).toThrow(message);

  it('rejects what Nix cannot hold or parse', () => {
    throws(() => printNix(str('a\0b')), /NUL/);
    throws(() => printNix(attrs({ 'a\0': int(1) })), /NUL/);
    throws(() => printNix(comment('a\0', int(1))), /NUL/);
    throws(() => printNixFile(int(1), { header: ['\0'] }), /NUL/);
    throws(() => printNix(str('\uD800x')), /surrogate/);
    for (const bad of ['a/b', './a/', './a b', '~/x', './', './/a', '/', '', './a$']) {
      throws(() => path(bad), /invalid Nix path/);
    }
    for (const bad of ['lib.if', '1abc', 'a..b', 'a b', '', '.a', 'a.', 'lib.or']) {
      throws(() => ident(bad), /invalid Nix reference/);
    }
    throws(
      () =>
        attrs([
          ['a', int(1)],
          ['a', int(2)],
        ]),
      /duplicate attribute name "a"/,
    );
    throws(
      () =>
        printNix({
          kind: 'attrs',
          entries: [
            ['x', nul],
            ['x', nul],
          ],
        }),
      /duplicate/,
    );
    throws(() => int(1.5), /safe integer/);
    throws(() => int(Number.NaN), /safe integer/);
    throws(() => int(2 ** 53), /safe integer/);
    throws(() => printNix({ kind: 'int', value: 0.5 }), /safe integer/);
    throws(() => printNix({ kind: 'path', value: 'x' }), /invalid Nix path/);
    throws(() => printNix({ kind: 'ident', name: 'a.-b' }), /invalid Nix reference/);
    throws(() => float(Number.POSITIVE_INFINITY), /no float literal/);
    throws(() => lambda(['if'], nul), /invalid lambda parameter/);
    throws(() => lambda(['a', 'a'], nul), /duplicate/);
    throws(() => apply('f'), /at least one argument/);
  });

  it('fromJson rejects what is not JSON data', () => {
    throws(() => fromJson({ a: undefined }), /\$\.a: a undefined/);
    throws(() => fromJson([() => 1]), /\$\[0\]: a function/);
    throws(() => fromJson(Number.NaN), /no Nix form/);
    throws(() => fromJson(2 ** 60), /safe integer/);
    throws(() => fromJson(10n), /bigint/);
    throws(() => fromJson(new Date(0)), /plain objects/);
  });
});

describe('Nix agrees', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'hv-nix-print-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  async function nix(args: string[]) {
    const dirs = ['state', 'log', 'conf'].map((d) => mkdtempSync(join(tmp, `${d}-`)));
    const result = await execa('nix-instantiate', ['--option', 'build-users-group', '', ...args], {
      cwd: tmp,
      reject: false,
      env: { NIX_STATE_DIR: dirs[0]!, NIX_LOG_DIR: dirs[1]!, NIX_CONF_DIR: dirs[2]! },
    });
    if (result.code === 'ENOENT') {
      throw new Error(
        'nix-instantiate is not on PATH; install it (Debian/Ubuntu package: nix-bin, `apt-get install nix-bin`)',
      );
    }
    return result;
  }

  // Nix resolves variables while parsing; `with { };` makes free names like pkgs and lib
  // dynamic, so the printed text after it is checked exactly as printed.
  it('every printed case parses', async () => {
    const files = cases.map((c, i) => {
      const file = join(tmp, `case-${i}.nix`);
      writeFileSync(file, `with { };\n${printNixFile(c.value, { header: [c.name] })}`);
      return file;
    });
    const result = await nix(['--parse', ...files]);
    expect(result.exitCode, result.stderr).toBe(0);
  });

  it('plain-data cases evaluate to the expected value', async () => {
    const data = cases.filter((c) => c.json !== undefined);
    data.forEach((c, i) => {
      writeFileSync(join(tmp, `data-${i}.nix`), printNixFile(c.value));
    });
    const all = `[\n${data.map((_, i) => `  (import ./data-${i}.nix)\n`).join('')}]\n`;
    writeFileSync(join(tmp, 'all.nix'), all);
    const result = await nix(['--eval', '--strict', '--json', 'all.nix']);
    expect(result.exitCode, result.stderr).toBe(0);
    const got = JSON.parse(result.stdout) as unknown[];
    data.forEach((c, i) => {
      expect(got[i], c.name).toEqual(c.json);
    });
  });
});
