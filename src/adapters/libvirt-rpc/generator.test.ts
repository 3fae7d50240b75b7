// The generator's XDR parser (scripts/gen-libvirt-rpc.mjs) on every construct the
// protocol files use, and a check that the committed output is what it makes.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as gen from './gen/protocol.gen.js';

const script = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../scripts/gen-libvirt-rpc.mjs',
);
const load = async () =>
  (await import(pathToFileURL(script).href)) as { parse: (text: string) => unknown[] };

describe('the XDR parser of the generator', () => {
  it('reads const, enum, struct, union, typedef, optional, arrays, opaque, string, hyper, bool', async () => {
    const { parse } = await load();
    const defs = parse(`
      %#include "x.h"
      /* comment */ const MAX = 0x10;
      const NEG = -2;
      enum color { RED = 1, GREEN = MAX };
      typedef string name_t<MAX>;
      typedef name_t *maybe_name;
      typedef opaque uuid[16];
      struct s {
        unsigned hyper big; hyper small; unsigned int u; unsigned w; int i; bool b;
        double d; float f; opaque blob<>; uuid id; int fixed[3]; s2 list<MAX>; color c;
        maybe_name *opt;
      };
      union u switch (int kind) {
        case RED: case 2: int x;
        case 3: void;
        default: void;
      };
    `);
    expect(defs).toEqual([
      { def: 'const', name: 'MAX', value: 16 },
      { def: 'const', name: 'NEG', value: -2 },
      {
        def: 'enum',
        name: 'color',
        members: [
          { name: 'RED', value: 1 },
          { name: 'GREEN', value: { ref: 'MAX' } },
        ],
      },
      { def: 'typedef', name: 'name_t', type: { kind: 'string', max: { ref: 'MAX' } } },
      {
        def: 'typedef',
        name: 'maybe_name',
        type: { kind: 'optional', of: { kind: 'ref', name: 'name_t' } },
      },
      { def: 'typedef', name: 'uuid', type: { kind: 'opaque', fixed: 16 } },
      {
        def: 'struct',
        name: 's',
        fields: [
          { name: 'big', type: { kind: 'prim', name: 'uhyper' } },
          { name: 'small', type: { kind: 'prim', name: 'hyper' } },
          { name: 'u', type: { kind: 'prim', name: 'uint' } },
          { name: 'w', type: { kind: 'prim', name: 'uint' } },
          { name: 'i', type: { kind: 'prim', name: 'int' } },
          { name: 'b', type: { kind: 'prim', name: 'bool' } },
          { name: 'd', type: { kind: 'prim', name: 'double' } },
          { name: 'f', type: { kind: 'prim', name: 'float' } },
          { name: 'blob', type: { kind: 'opaque', max: 0 } },
          { name: 'id', type: { kind: 'ref', name: 'uuid' } },
          { name: 'fixed', type: { kind: 'array', of: { kind: 'prim', name: 'int' }, fixed: 3 } },
          {
            name: 'list',
            type: { kind: 'array', of: { kind: 'ref', name: 's2' }, max: { ref: 'MAX' } },
          },
          { name: 'c', type: { kind: 'ref', name: 'color' } },
          { name: 'opt', type: { kind: 'optional', of: { kind: 'ref', name: 'maybe_name' } } },
        ],
      },
      {
        def: 'union',
        name: 'u',
        disc: { name: 'kind', type: { kind: 'prim', name: 'int' } },
        arms: [
          { cases: [{ ref: 'RED' }, 2], decl: { name: 'x', type: { kind: 'prim', name: 'int' } } },
          { cases: [3], decl: { type: { kind: 'void' } } },
        ],
        default: { type: { kind: 'void' } },
      },
    ]);
  });

  it('says where a file stops making sense', async () => {
    const { parse } = await load();
    expect(() => parse('struct s {\n int a\n};')).toThrow(/line 3: expected ;/);
  });

  it('the committed output names its source and has every procedure number', () => {
    expect(gen.LIBVIRT_PROTOCOL_SOURCE).toBe('libvirt 9.0.0');
    expect(gen.REMOTE_PROC_CONNECT_OPEN).toBe(1);
    expect(gen.REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE).toBe(318);
    expect(gen.REMOTE_PROC_DOMAIN_FD_ASSOCIATE).toBe(443);
    expect(gen.REMOTE_PROGRAM).toBe(0x20008086);
  });
});
