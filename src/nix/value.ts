// A small typed model of the Nix expressions hv generates. Builders validate early so a
// bad value fails where it is made, not later as a Nix syntax error on someone's host;
// the printer (print.ts) validates again, because values can also be built by hand.

export type NixValue =
  | { kind: 'string'; value: string }
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' }
  | { kind: 'path'; value: string }
  | { kind: 'list'; items: NixValue[] }
  | { kind: 'attrs'; entries: Array<[string, NixValue]>; rec?: false }
  | { kind: 'ident'; name: string }
  | { kind: 'apply'; fn: NixValue; args: NixValue[] }
  | { kind: 'lambda'; params: string[]; ellipsis: boolean; body: NixValue }
  | { kind: 'comment'; text: string; value: NixValue };

export class NixValueError extends Error {
  override name = 'NixValueError';
}

export const NIX_KEYWORDS: ReadonlySet<string> = new Set([
  'if',
  'then',
  'else',
  'assert',
  'with',
  'let',
  'in',
  'rec',
  'inherit',
  'or',
]);

const ID = /^[A-Za-z_][A-Za-z0-9_'-]*$/;

/** True when `name` can be written bare: an identifier that is not a keyword. */
export function isNixIdentifier(name: string): boolean {
  return ID.test(name) && !NIX_KEYWORDS.has(name);
}

// Nix 2.8's lexer: PATH_CHAR is [a-zA-Z0-9._+-], segments are non-empty, and a trailing
// slash is a parse error. Only the relative (./ ../) and absolute forms are offered.
const PATH = /^(\.\.?)?(\/[A-Za-z0-9._+-]+)+$/;

export function assertPath(p: string): void {
  if (!PATH.test(p)) {
    throw new NixValueError(
      `invalid Nix path literal ${JSON.stringify(p)}: use ./x, ../x or /x with segments of A-Z a-z 0-9 . _ + - and no trailing slash`,
    );
  }
}

export function assertIdent(name: string): void {
  const parts = name.split('.');
  if (!parts.every(isNixIdentifier)) {
    throw new NixValueError(
      `invalid Nix reference ${JSON.stringify(name)}: expected dotted identifiers like lib.mkDefault (no keywords)`,
    );
  }
}

export function assertInt(n: number): void {
  if (!Number.isSafeInteger(n)) {
    throw new NixValueError(`not a safe integer for a Nix int: ${n}`);
  }
}

export function assertFloat(n: number): void {
  if (!Number.isFinite(n)) throw new NixValueError(`Nix has no float literal for ${n}`);
}

export function assertUniqueKeys(keys: readonly string[]): void {
  const seen = new Set<string>();
  for (const k of keys) {
    if (seen.has(k)) throw new NixValueError(`duplicate attribute name ${JSON.stringify(k)}`);
    seen.add(k);
  }
}

export const str = (value: string): NixValue => ({ kind: 'string', value });

export function int(value: number): NixValue {
  assertInt(value);
  return { kind: 'int', value };
}

export function float(value: number): NixValue {
  assertFloat(value);
  return { kind: 'float', value };
}

export const bool = (value: boolean): NixValue => ({ kind: 'bool', value });

export const nul: NixValue = { kind: 'null' };

export function path(value: string): NixValue {
  assertPath(value);
  return { kind: 'path', value };
}

export const list = (items: readonly NixValue[]): NixValue => ({ kind: 'list', items: [...items] });

/**
 * Entries print in the given order. With a plain object, JavaScript puts integer-like
 * keys ("0", "42") first; pass an entry array when that order matters.
 */
export function attrs(
  entries: Readonly<Record<string, NixValue>> | ReadonlyArray<readonly [string, NixValue]>,
): NixValue {
  const list: Array<[string, NixValue]> = Array.isArray(entries)
    ? entries.map(([k, v]) => [k, v])
    : Object.entries(entries as Record<string, NixValue>);
  assertUniqueKeys(list.map(([k]) => k));
  return { kind: 'attrs', entries: list };
}

export function ident(name: string): NixValue {
  assertIdent(name);
  return { kind: 'ident', name };
}

export function apply(fn: NixValue | string, ...args: NixValue[]): NixValue {
  if (args.length === 0) throw new NixValueError('apply needs at least one argument');
  return { kind: 'apply', fn: typeof fn === 'string' ? ident(fn) : fn, args };
}

export const mkDefault = (v: NixValue): NixValue => apply(ident('lib.mkDefault'), v);
export const mkForce = (v: NixValue): NixValue => apply(ident('lib.mkForce'), v);

export function lambda(
  params: readonly string[],
  body: NixValue,
  opts: { ellipsis?: boolean } = {},
): NixValue {
  for (const p of params) {
    if (!isNixIdentifier(p)) {
      throw new NixValueError(`invalid lambda parameter ${JSON.stringify(p)}`);
    }
  }
  assertUniqueKeys(params);
  return { kind: 'lambda', params: [...params], ellipsis: opts.ellipsis ?? false, body };
}

/** A `# text` line (or lines) printed before an attribute's value or a list item. */
export const comment = (text: string, value: NixValue): NixValue => ({
  kind: 'comment',
  text,
  value,
});

/** Plain JSON-able data to Nix. Whole numbers become ints, other finite numbers floats. */
export function fromJson(value: unknown): NixValue {
  return convert(value, '$');
}

function convert(value: unknown, at: string): NixValue {
  if (value === null) return nul;
  switch (typeof value) {
    case 'string':
      return str(value);
    case 'boolean':
      return bool(value);
    case 'number':
      if (Number.isInteger(value)) {
        if (!Number.isSafeInteger(value)) {
          throw new NixValueError(`${at}: ${value} is beyond the safe integer range`);
        }
        return int(value);
      }
      if (!Number.isFinite(value)) throw new NixValueError(`${at}: ${value} has no Nix form`);
      return float(value);
    case 'object': {
      if (Array.isArray(value)) return list(value.map((v, i) => convert(v, `${at}[${i}]`)));
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new NixValueError(`${at}: only plain objects convert to Nix attribute sets`);
      }
      return attrs(
        Object.entries(value as Record<string, unknown>).map(
          ([k, v]) => [k, convert(v, `${at}.${k}`)] as const,
        ),
      );
    }
    default:
      throw new NixValueError(`${at}: a ${typeof value} has no Nix form`);
  }
}
