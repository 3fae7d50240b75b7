// The one place Nix text is produced from values, and so the one place escaping happens.
// Layout follows nixfmt: 2-space indent, attribute sets one binding per line, short
// scalar lists on one line when they fit in 100 columns. Attribute sets are printed
// fully nested (no `a.b.c = x;` collapsing): it is the shape the value has, and it keeps
// the printer free of merge rules. Every rule about what Nix 2.8's lexer accepts is
// checked by tests that run nix-instantiate (src/nix/print.test.ts,
// tests/nix/printer-fuzz.test.ts).
import {
  assertFloat,
  assertIdent,
  assertInt,
  assertPath,
  assertUniqueKeys,
  isNixIdentifier,
  type NixValue,
  NixValueError,
} from './value.js';

export { isNixIdentifier };

const WIDTH = 100;

/** Where a value starts: the current line's indentation, its column, and what follows it. */
interface Ctx {
  indent: string;
  col: number;
  tail: number;
}

export function printNix(value: NixValue): string {
  return render(value, { indent: '', col: 0, tail: 0 });
}

/** A whole .nix file: optional `# ` header lines, the value, exactly one final newline. */
export function printNixFile(value: NixValue, opts: { header?: readonly string[] } = {}): string {
  const head = (opts.header ?? []).flatMap(commentLines);
  return `${[...head, printNix(value)].join('\n')}\n`;
}

/** An attribute name as written in a binding: bare when it can be, quoted otherwise. */
export function quoteAttrName(name: string): string {
  return isNixIdentifier(name) ? name : quoteString(name);
}

// Lone surrogates would be written as U+FFFD, so the file would silently hold another string.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function checkText(s: string, what: string): void {
  if (s.includes('\0')) {
    throw new NixValueError(`${what} contains NUL (U+0000), which a Nix string cannot hold`);
  }
  if (LONE_SURROGATE.test(s)) {
    throw new NixValueError(`${what} contains a lone UTF-16 surrogate, which is not valid UTF-8`);
  }
}

/**
 * A double-quoted Nix string. Only `${` starts interpolation, so only a `$` right before
 * `{` is escaped; a `$` before `"`, `\` or the end of the string is literal in Nix
 * ("a$" is the string a$). A raw CR would be read back as LF, hence \r. Other control
 * characters are accepted literally by Nix (there is no \xNN escape), so they stay raw.
 */
export function quoteString(s: string): string {
  checkText(s, 'string');
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\') out += '\\\\';
    else if (c === '"') out += '\\"';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (c === '$' && s[i + 1] === '{') out += '\\$';
    else out += c;
  }
  return `${out}"`;
}

/**
 * The `''` form, or undefined when it could not say exactly `s`. Nix strips the smallest
 * indentation of the non-blank lines and drops a last line of only spaces, so the text
 * needs a line that starts with something other than a space (then the common indent is
 * exactly ours) and must not end in a line of spaces. Control characters and CR would be
 * invisible or normalised there, so those strings stay double-quoted.
 */
function indentedString(s: string, indent: string): string | undefined {
  if (!s.slice(0, -1).includes('\n')) return undefined;
  if (/[\x01-\x08\x0b-\x1f\x7f]/.test(s)) return undefined;
  const lines = s.split('\n');
  const last = lines.length - 1;
  if (/^ +$/.test(lines[last]!)) return undefined;
  if (!lines.some((l) => l !== '' && l[0] !== ' ')) return undefined;
  const prefix = `${indent}  `;
  const body = lines.map((line, i) =>
    line === '' ? '' : prefix + escapeIndented(line, i === last),
  );
  // A final newline puts the closing '' on a line of its own, which Nix removes.
  if (lines[last] === '') body[last] = indent;
  return `''\n${body.join('\n')}''`;
}

function escapeIndented(line: string, isLast: boolean): string {
  let out = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    const next = line[i + 1];
    if (c === "'" && next === "'") {
      out += "'''";
      i++;
    } else if (
      c === "'" &&
      ((next === '$' && line[i + 2] === '{') || (isLast && next === undefined))
    ) {
      // A lone ' just before ''${ or the closing '' would fuse with them into ''' .
      out += "''\\'";
    } else if (c === '$' && next === '{') {
      out += "''$";
    } else {
      out += c;
    }
  }
  return out;
}

function printString(s: string, indent: string): string {
  checkText(s, 'string');
  return indentedString(s, indent) ?? quoteString(s);
}

function commentLines(text: string): string[] {
  checkText(text, 'comment');
  // A Nix line comment ends at CR as well as LF.
  return text.split(/\r\n|\r|\n/).map((l) => (l === '' ? '#' : `# ${l}`));
}

/** Peels comment wrappers off a value: their lines (outermost first) and the value. */
function unwrap(v: NixValue): { lines: string[]; value: NixValue } {
  const lines: string[] = [];
  let value = v;
  while (value.kind === 'comment') {
    lines.push(...commentLines(value.text));
    value = value.value;
  }
  return { lines, value };
}

function formatInt(n: number): string {
  assertInt(n);
  return n === 0 ? '0' : String(n);
}

// Nix float literals need a dot before any exponent (1e5 lexes as 1 then e5); JS's
// shortest round-trip digits are reused. -0.0 would read back as 0 - 0.0 = 0.0 anyway.
function formatFloat(n: number): string {
  assertFloat(n);
  const [mant, exp] = String(Math.abs(n)).split('e');
  const digits = mant!.includes('.') ? mant! : `${mant}.0`;
  const text = exp === undefined ? digits : `${digits}e${exp}`;
  return n < 0 ? `-${text}` : text;
}

const isNegative = (v: NixValue) => (v.kind === 'int' || v.kind === 'float') && v.value < 0;

/** List items and function arguments are Nix "select" expressions: no application,
 * no lambda, and no unary minus (`[ 1 -5 ]` is a syntax error). */
function needsParens(v: NixValue, at: 'item' | 'arg' | 'fn'): boolean {
  if (v.kind === 'apply') return at !== 'fn';
  if (at === 'fn') return v.kind !== 'ident';
  return v.kind === 'lambda' || isNegative(v);
}

/** Column after `text` that started at column `col`. */
function endCol(col: number, text: string): number {
  const nl = text.lastIndexOf('\n');
  return nl < 0 ? col + text.length : text.length - nl - 1;
}

function renderMaybeParens(v: NixValue, at: 'item' | 'arg' | 'fn', ctx: Ctx): string {
  if (!needsParens(v, at)) return render(v, ctx);
  return `(${render(v, { ...ctx, col: ctx.col + 1, tail: ctx.tail + 1 })})`;
}

function render(v: NixValue, ctx: Ctx): string {
  switch (v.kind) {
    case 'string':
      return printString(v.value, ctx.indent);
    case 'int':
      return formatInt(v.value);
    case 'float':
      return formatFloat(v.value);
    case 'bool':
      return v.value ? 'true' : 'false';
    case 'null':
      return 'null';
    case 'path':
      assertPath(v.value);
      return v.value;
    case 'ident':
      assertIdent(v.name);
      return v.name;
    case 'list':
      return renderList(v.items, ctx);
    case 'attrs':
      return renderAttrs(v.entries, ctx);
    case 'apply':
      return renderApply(v.fn, v.args, ctx);
    case 'lambda':
      return renderLambda(v.params, v.ellipsis, v.body, ctx);
    case 'comment': {
      const { lines, value } = unwrap(v);
      // Mid-line (a function argument) a comment has nowhere to go; it only explains,
      // so it is left out rather than turned into /* */ that its text could break.
      if (ctx.col !== ctx.indent.length) return render(value, ctx);
      const sep = `\n${ctx.indent}`;
      return `${lines.join(sep)}${sep}${render(value, ctx)}`;
    }
  }
}

function isShortScalar(v: NixValue): boolean {
  switch (v.kind) {
    case 'int':
    case 'float':
    case 'bool':
    case 'null':
    case 'path':
    case 'ident':
      return true;
    case 'string':
      return indentedString(v.value, '') === undefined;
    default:
      return false;
  }
}

function renderList(items: readonly NixValue[], ctx: Ctx): string {
  if (items.length === 0) return '[ ]';
  if (items.every(isShortScalar)) {
    const inline = `[ ${items.map((item) => renderMaybeParens(item, 'item', ctx)).join(' ')} ]`;
    if (ctx.col + inline.length + ctx.tail <= WIDTH) return inline;
  }
  const inner = `${ctx.indent}  `;
  const rows = items.map((item) => {
    const { lines, value } = unwrap(item);
    const text = renderMaybeParens(value, 'item', { indent: inner, col: inner.length, tail: 0 });
    return [...lines, text].map((l) => inner + l).join('\n');
  });
  return `[\n${rows.join('\n')}\n${ctx.indent}]`;
}

function renderAttrs(entries: ReadonlyArray<readonly [string, NixValue]>, ctx: Ctx): string {
  assertUniqueKeys(entries.map(([k]) => k));
  if (entries.length === 0) return '{ }';
  const inner = `${ctx.indent}  `;
  const rows = entries.map(([name, item]) => {
    const { lines, value } = unwrap(item);
    const key = quoteAttrName(name);
    const col = inner.length + key.length + 3;
    const binding = `${key} = ${render(value, { indent: inner, col, tail: 1 })};`;
    return [...lines, binding].map((l) => inner + l).join('\n');
  });
  return `{\n${rows.join('\n')}\n${ctx.indent}}`;
}

function renderApply(fn: NixValue, args: readonly NixValue[], ctx: Ctx): string {
  let out = renderMaybeParens(unwrap(fn).value, 'fn', { ...ctx, tail: 0 });
  args.forEach((arg, i) => {
    const col = endCol(ctx.col, out) + 1;
    const tail = i === args.length - 1 ? ctx.tail : 0;
    out += ` ${renderMaybeParens(unwrap(arg).value, 'arg', { indent: ctx.indent, col, tail })}`;
  });
  return out;
}

function renderLambda(
  params: readonly string[],
  ellipsis: boolean,
  body: NixValue,
  ctx: Ctx,
): string {
  for (const p of params) {
    if (!isNixIdentifier(p)) {
      throw new NixValueError(`invalid lambda parameter ${JSON.stringify(p)}`);
    }
  }
  assertUniqueKeys(params);
  const names = ellipsis ? [...params, '...'] : [...params];
  let head = names.length === 0 ? '{ }:' : `{ ${names.join(', ')} }:`;
  if (ctx.col + head.length > WIDTH) {
    const inner = `${ctx.indent}  `;
    head = `{\n${names.map((n) => `${inner}${n}${n === '...' ? '' : ','}`).join('\n')}\n${ctx.indent}}:`;
  }
  // nixfmt's module shape: an attribute-set body starts on its own line; a simple
  // body (`a: a`) stays on the head's line.
  const kind = body.kind;
  if (kind === 'attrs' || kind === 'lambda' || kind === 'comment' || head.includes('\n')) {
    const bodyCtx = { indent: ctx.indent, col: ctx.indent.length, tail: ctx.tail };
    return `${head}\n${ctx.indent}${render(body, bodyCtx)}`;
  }
  return `${head} ${render(body, { ...ctx, col: endCol(ctx.col, head) + 1 })}`;
}
