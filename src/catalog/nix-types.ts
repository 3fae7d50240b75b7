// What the catalog implies on the Nix side: for every feature `<option>.enable`
// plus one option per parameter, with the type and default each ParamSpec maps to.
// The shape matches tests/nix/stub-lib.nix, whose `types.*` are plain attrsets,
// so the declared options of nix-templates/ can be compared with this directly.
import type { Feature, ParamSpec } from './types.js';

export type NixType =
  | { name: 'str' }
  | { name: 'int' }
  | { name: 'ints.between'; min: number; max: number }
  | { name: 'port' }
  | { name: 'bool' }
  | { name: 'enum'; values: string[] }
  | { name: 'listOf'; elem: NixType }
  | { name: 'nullOr'; elem: NixType };

export interface NixOption {
  type: NixType;
  default: unknown;
}

const str: NixType = { name: 'str' };

/**
 * ParamSpec -> Nix option. A parameter without a default becomes `nullOr` with
 * default null so the module can tell "not given" apart. Secrets are runtime path
 * strings, never Nix paths: a Nix path would be copied into the world-readable store.
 */
export function nixOptionFor(spec: ParamSpec): NixOption {
  switch (spec.type) {
    case 'string':
      return spec.default === undefined
        ? { type: { name: 'nullOr', elem: str }, default: null }
        : { type: str, default: spec.default };
    case 'secret-file':
      return { type: { name: 'nullOr', elem: str }, default: null };
    case 'int':
      return {
        type:
          spec.min !== undefined && spec.max !== undefined
            ? { name: 'ints.between', min: spec.min, max: spec.max }
            : { name: 'int' },
        default: spec.default,
      };
    case 'port':
      return { type: { name: 'port' }, default: spec.default };
    case 'bool':
      return { type: { name: 'bool' }, default: spec.default };
    case 'enum':
      return { type: { name: 'enum', values: [...spec.values] }, default: spec.default };
    case 'string-list':
      return { type: { name: 'listOf', elem: str }, default: [...spec.default] };
  }
}

/** Every option path the catalog sets, keyed "hypervisor.area.name.param". */
export function expectedNixOptions(features: readonly Feature[]): Record<string, NixOption> {
  const out: Record<string, NixOption> = {};
  for (const f of features) {
    out[`${f.option}.enable`] = { type: { name: 'bool' }, default: false };
    for (const [name, spec] of Object.entries(f.params)) {
      out[`${f.option}.${name}`] = nixOptionFor(spec);
    }
  }
  return out;
}
