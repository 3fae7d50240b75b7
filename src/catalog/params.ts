// ParamSpec -> zod: the one place feature parameters are validated, for answer
// files and screens alike. Messages are written for the person fixing the file.
import { z } from 'zod';
import type { Feature, ParamSpec } from './types.js';

export function paramSchema(spec: ParamSpec): z.ZodType {
  switch (spec.type) {
    case 'string': {
      let s = z.string().min(1, 'must not be empty');
      if (spec.pattern)
        s = s.regex(spec.pattern, spec.patternMessage ?? `must match ${spec.pattern}`);
      return s;
    }
    case 'secret-file':
      return z.string().superRefine((p, ctx) => {
        const problem = !p.includes('/')
          ? "this looks like the secret itself: put it in a root-only file on the host and give that file's absolute path"
          : !p.startsWith('/') || p.includes('\0')
            ? 'expected an absolute path to a file on the host (the secret itself never goes into Nix)'
            : p.startsWith('/nix/store')
              ? 'must not be in /nix/store: the store is world-readable'
              : undefined;
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      });
    case 'int': {
      let n = z.number().int('expected a whole number');
      if (spec.min !== undefined) n = n.min(spec.min, `must be at least ${spec.min}`);
      if (spec.max !== undefined) n = n.max(spec.max, `must be at most ${spec.max}`);
      return n;
    }
    case 'port':
      return z
        .number()
        .int('expected a whole number')
        .min(1, 'a port is 1-65535')
        .max(65535, 'a port is 1-65535');
    case 'bool':
      return z.boolean({ error: () => 'expected true or false' });
    case 'enum':
      return z.enum(spec.values as [string, ...string[]], {
        error: () => `expected one of: ${spec.values.join(', ')}`,
      });
    case 'string-list': {
      let item = z.string().min(1, 'must not be empty');
      if (spec.itemPattern) {
        item = item.regex(
          spec.itemPattern,
          spec.patternMessage ?? `must match ${spec.itemPattern}`,
        );
      }
      return z.array(item);
    }
  }
}

/** `features.<id>` in an answers file: enable plus any of its parameters. */
export function featureAnswerSchema(feature: Feature) {
  const shape: Record<string, z.ZodType> = {
    enable: z.boolean({ error: () => 'expected true or false' }).optional(),
  };
  for (const [name, spec] of Object.entries(feature.params))
    shape[name] = paramSchema(spec).optional();
  const known = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (iss) =>
      iss.code === 'unrecognized_keys'
        ? `unknown setting ${iss.keys.map((k) => `"${k}"`).join(', ')} of ${feature.id} (it has: ${known})`
        : iss.code === 'invalid_type'
          ? `expected an object such as { "enable": true }`
          : undefined,
  });
}

/** The parameter values in effect: the answer's, else the catalog default. */
export function effectiveParams(
  feature: Feature,
  given: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(feature.params)) {
    const v = given?.[name];
    if (v !== undefined) out[name] = v;
    else if (spec.default !== undefined) out[name] = spec.default;
  }
  return out;
}
