#!/usr/bin/env node
// Generates src/adapters/libvirt-rpc/gen/*.gen.ts from libvirt's protocol files
// (XDR language, RFC 4506, as libvirt writes it): the procedure numbers, the types
// and XDR encoders/decoders of the procedures hv uses, typed call wrappers, and
// libvirt's error numbers and domains (from virterror.h).
//
// A developer step, not an install step: the output is committed.
//
//   apt-get source --download-only libvirt      # with a deb-src entry; or any libvirt tarball
//   tar xJf libvirt_*.orig.tar.xz
//   node scripts/gen-libvirt-rpc.mjs path/to/libvirt-9.0.0
//
// Dependency-free. Only the procedures in `wanted` (and the types they reach) get
// codecs; every procedure gets its number. Add a procedure to `wanted`, rerun, and
// commit the diff.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', 'src', 'adapters', 'libvirt-rpc', 'gen');

/** Procedures hv calls (REMOTE_PROC_ without the prefix) and the events it receives. */
const wanted = [
  'CONNECT_OPEN',
  'CONNECT_CLOSE',
  'AUTH_LIST',
  'AUTH_POLKIT',
  'CONNECT_GET_TYPE',
  'CONNECT_GET_VERSION',
  'CONNECT_GET_LIB_VERSION',
  'CONNECT_GET_HOSTNAME',
  'CONNECT_GET_URI',
  'CONNECT_SUPPORTS_FEATURE',
  'CONNECT_LIST_ALL_DOMAINS',
  'CONNECT_GET_ALL_DOMAIN_STATS',
  'DOMAIN_LOOKUP_BY_NAME',
  'DOMAIN_LOOKUP_BY_UUID',
  'DOMAIN_GET_XML_DESC',
  'DOMAIN_GET_INFO',
  'DOMAIN_GET_STATE',
  'DOMAIN_CREATE',
  'DOMAIN_CREATE_WITH_FLAGS',
  'DOMAIN_SHUTDOWN',
  'DOMAIN_SHUTDOWN_FLAGS',
  'DOMAIN_DESTROY',
  'DOMAIN_REBOOT',
  'DOMAIN_SUSPEND',
  'DOMAIN_RESUME',
  'DOMAIN_MANAGED_SAVE',
  'DOMAIN_HAS_MANAGED_SAVE_IMAGE',
  'DOMAIN_GET_AUTOSTART',
  'DOMAIN_SET_AUTOSTART',
  'DOMAIN_IS_PERSISTENT',
  'CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY',
  'CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY',
  'DOMAIN_EVENT_CALLBACK_LIFECYCLE',
  'DOMAIN_EVENT_CALLBACK_REBOOT',
];

/** Constants the .x files take from libvirt's C headers (include/libvirt/*.h). */
const external = {
  VIR_UUID_BUFLEN: 16,
  VIR_SECURITY_MODEL_BUFLEN: 257,
  VIR_SECURITY_LABEL_BUFLEN: 4097,
  VIR_SECURITY_DOI_BUFLEN: 257,
  VIR_TYPED_PARAM_INT: 1,
  VIR_TYPED_PARAM_UINT: 2,
  VIR_TYPED_PARAM_LLONG: 3,
  VIR_TYPED_PARAM_ULLONG: 4,
  VIR_TYPED_PARAM_DOUBLE: 5,
  VIR_TYPED_PARAM_BOOLEAN: 6,
  VIR_TYPED_PARAM_STRING: 7,
};

// ---------- lexer ----------

export function tokenize(text) {
  const toks = [];
  let i = 0;
  let line = 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      line++;
      i++;
    } else if (/\s/.test(c)) i++;
    else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) throw new Error(`line ${line}: unterminated comment`);
      for (let k = i; k < end; k++) if (text[k] === '\n') line++;
      i = end + 2;
    } else if (text.startsWith('//', i) || c === '%') {
      // a comment, or an rpcgen pass-through line (%#include ...): skipped
      while (i < text.length && text[i] !== '\n') i++;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i, i + 200));
      toks.push({ t: 'id', v: m[0], line });
      i += m[0].length;
    } else if (/[0-9-]/.test(c)) {
      const m = /^-?(0x[0-9a-fA-F]+|[0-9]+)/.exec(text.slice(i, i + 40));
      if (!m) throw new Error(`line ${line}: bad number`);
      const neg = m[0].startsWith('-');
      toks.push({ t: 'num', v: (neg ? -1 : 1) * Number(neg ? m[0].slice(1) : m[0]), line });
      i += m[0].length;
    } else if ('{}()[]<>;,=*:'.includes(c)) {
      toks.push({ t: c, line });
      i++;
    } else throw new Error(`line ${line}: unexpected ${JSON.stringify(c)}`);
  }
  return toks;
}

// ---------- parser ----------

export function parse(text) {
  const toks = tokenize(text);
  let p = 0;
  const peek = () => toks[p];
  const next = () => toks[p++];
  const fail = (msg) => {
    throw new Error(`line ${peek()?.line ?? 'EOF'}: ${msg}`);
  };
  const expect = (t, v) => {
    const k = next();
    if (!k || k.t !== t || (v !== undefined && k.v !== v)) {
      p--;
      fail(`expected ${v ?? t}, got ${k ? (k.v ?? k.t) : 'EOF'}`);
    }
    return k;
  };
  const accept = (t, v) => {
    const k = peek();
    if (k && k.t === t && (v === undefined || k.v === v)) return next();
    return undefined;
  };
  const value = () => {
    const k = next();
    if (k?.t === 'num') return k.v;
    if (k?.t === 'id') return { ref: k.v };
    p--;
    return fail('expected a value');
  };

  const typeSpec = () => {
    if (accept('id', 'unsigned')) {
      if (accept('id', 'hyper')) return { kind: 'prim', name: 'uhyper' };
      if (accept('id', 'int')) return { kind: 'prim', name: 'uint' };
      if (accept('id', 'char')) return { kind: 'prim', name: 'uint' };
      if (accept('id', 'short')) return { kind: 'prim', name: 'uint' };
      return { kind: 'prim', name: 'uint' };
    }
    const k = expect('id');
    const prim = {
      int: 'int',
      hyper: 'hyper',
      float: 'float',
      double: 'double',
      bool: 'bool',
      char: 'int',
      short: 'int',
    }[k.v];
    if (prim) return { kind: 'prim', name: prim };
    if (k.v === 'struct' || k.v === 'enum' || k.v === 'union')
      fail('inline types are not supported');
    return { kind: 'ref', name: k.v };
  };

  /** A declaration: returns { name, type } (name undefined for void). */
  const declaration = () => {
    if (accept('id', 'void')) return { type: { kind: 'void' } };
    if (accept('id', 'opaque') || (peek()?.v === 'string' && next())) {
      const isString = toks[p - 1].v === 'string';
      const name = expect('id').v;
      if (!isString && accept('[')) {
        const n = value();
        expect(']');
        return { name, type: { kind: 'opaque', fixed: n } };
      }
      expect('<');
      const max = accept('>') ? 0 : value();
      if (max !== 0) expect('>');
      return { name, type: { kind: isString ? 'string' : 'opaque', max } };
    }
    const base = typeSpec();
    if (accept('*')) return { name: expect('id').v, type: { kind: 'optional', of: base } };
    const name = expect('id').v;
    if (accept('[')) {
      const n = value();
      expect(']');
      return { name, type: { kind: 'array', of: base, fixed: n } };
    }
    if (accept('<')) {
      const max = accept('>') ? 0 : value();
      if (max !== 0) expect('>');
      return { name, type: { kind: 'array', of: base, max } };
    }
    return { name, type: base };
  };

  const defs = [];
  while (p < toks.length) {
    const k = expect('id');
    if (k.v === 'const') {
      const name = expect('id').v;
      expect('=');
      defs.push({ def: 'const', name, value: value() });
    } else if (k.v === 'enum') {
      const name = expect('id').v;
      expect('{');
      const members = [];
      do {
        if (peek()?.t === '}') break;
        const m = expect('id').v;
        expect('=');
        members.push({ name: m, value: value() });
      } while (accept(','));
      expect('}');
      defs.push({ def: 'enum', name, members });
    } else if (k.v === 'struct') {
      const name = expect('id').v;
      expect('{');
      const fields = [];
      while (!accept('}')) {
        fields.push(declaration());
        expect(';');
      }
      defs.push({ def: 'struct', name, fields });
    } else if (k.v === 'union') {
      const name = expect('id').v;
      expect('id', 'switch');
      expect('(');
      const disc = declaration();
      expect(')');
      expect('{');
      const arms = [];
      let dflt;
      while (!accept('}')) {
        if (accept('id', 'default')) {
          expect(':');
          dflt = declaration();
          expect(';');
          continue;
        }
        const cases = [];
        while (accept('id', 'case')) {
          cases.push(value());
          expect(':');
        }
        if (cases.length === 0) fail('expected case or default');
        arms.push({ cases, decl: declaration() });
        expect(';');
      }
      defs.push({ def: 'union', name, disc, arms, default: dflt });
    } else if (k.v === 'typedef') {
      const d = declaration();
      defs.push({ def: 'typedef', name: d.name, type: d.type });
    } else {
      p--;
      fail(`unexpected ${k.v}`);
    }
    expect(';');
  }
  return defs;
}

// ---------- model ----------

function buildModel(files) {
  const consts = new Map(Object.entries(external));
  const types = new Map();
  const enumsOf = new Map();
  for (const defs of files) {
    for (const d of defs) {
      if (d.def === 'const') consts.set(d.name, d.value);
      else if (d.def === 'enum') {
        types.set(d.name, d);
        enumsOf.set(d.name, d);
        for (const m of d.members) consts.set(m.name, m.value);
      } else types.set(d.name, d);
    }
  }
  const num = (v) => {
    let x = v;
    for (let guard = 0; typeof x === 'object'; guard++) {
      if (guard > 20 || !consts.has(x.ref)) throw new Error(`unknown constant ${x.ref}`);
      x = consts.get(x.ref);
    }
    return x;
  };
  return { consts, types, enumsOf, num };
}

const pascal = (s) =>
  s
    .split('_')
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
const camel = (s) => {
  const x = pascal(s.toLowerCase());
  return x[0].toLowerCase() + x.slice(1);
};

// ---------- emitter ----------

function emit(model, procs) {
  const { types, num } = model;
  const needed = new Set();
  const visitType = (t) => {
    if (t.kind === 'ref') visitName(t.name);
    else if (t.kind === 'array' || t.kind === 'optional') visitType(t.of);
  };
  const visitName = (name) => {
    if (needed.has(name)) return;
    const d = types.get(name);
    if (!d) throw new Error(`unknown type ${name}`);
    needed.add(name);
    if (d.def === 'struct') for (const f of d.fields) visitType(f.type);
    else if (d.def === 'typedef') visitType(d.type);
    else if (d.def === 'union') {
      visitType(d.disc.type);
      for (const a of d.arms) visitType(a.decl.type);
      if (d.default) visitType(d.default.type);
    }
  };
  visitName('remote_error');
  for (const pr of procs) for (const t of [pr.args, pr.ret, pr.msg]) if (t) visitName(t);

  const tsType = (t) => {
    switch (t.kind) {
      case 'prim':
        return {
          int: 'number',
          uint: 'number',
          hyper: 'bigint',
          uhyper: 'bigint',
          float: 'number',
          double: 'number',
          bool: 'boolean',
        }[t.name];
      case 'ref':
        return pascal(t.name);
      case 'string':
        return 'string';
      case 'opaque':
        return 'Uint8Array';
      case 'array':
        return `${wrap(tsType(t.of))}[]`;
      case 'optional':
        return `${tsType(t.of)} | null`;
      default:
        throw new Error(`no TS type for ${t.kind}`);
    }
  };
  const wrap = (s) => (/[ |]/.test(s) ? `(${s})` : s);
  const max = (m) => (m === 0 ? 'UNBOUNDED' : String(num(m)));
  const enc = (t, v) => {
    switch (t.kind) {
      case 'prim':
        return `w.${t.name}(${v})`;
      case 'ref':
        return `enc${pascal(t.name)}(w, ${v})`;
      case 'string':
        return `w.string(${v}, ${max(t.max)})`;
      case 'opaque':
        return t.fixed !== undefined
          ? `w.fixedOpaque(${v}, ${num(t.fixed)})`
          : `w.opaque(${v}, ${max(t.max)})`;
      case 'array':
        return t.fixed !== undefined
          ? `w.fixedArray(${v}, ${num(t.fixed)}, (x) => ${enc(t.of, 'x')})`
          : `w.array(${v}, ${max(t.max)}, (x) => ${enc(t.of, 'x')})`;
      case 'optional':
        return `w.optional(${v}, (x) => ${enc(t.of, 'x')})`;
      default:
        throw new Error(`cannot encode ${t.kind}`);
    }
  };
  const dec = (t) => {
    switch (t.kind) {
      case 'prim':
        return `r.${t.name}()`;
      case 'ref':
        return `dec${pascal(t.name)}(r)`;
      case 'string':
        return `r.string(${max(t.max)})`;
      case 'opaque':
        return t.fixed !== undefined ? `r.fixedOpaque(${num(t.fixed)})` : `r.opaque(${max(t.max)})`;
      case 'array':
        return t.fixed !== undefined
          ? `r.fixedArray(${num(t.fixed)}, () => ${dec(t.of)})`
          : `r.array(${max(t.max)}, () => ${dec(t.of)})`;
      case 'optional':
        return `r.optional(() => ${dec(t.of)})`;
      default:
        throw new Error(`cannot decode ${t.kind}`);
    }
  };

  const out = [];
  // Emit in the order the .x files define them (a type's codec may call one defined later; fine in JS).
  for (const [name, d] of types) {
    if (!needed.has(name)) continue;
    const T = pascal(name);
    if (d.def === 'enum') {
      out.push(`/** ${name}: ${d.members.map((m) => `${m.name} = ${num(m.value)}`).join(', ')} */`);
      out.push(`export type ${T} = number;`);
      out.push(`export function enc${T}(w: XdrWriter, v: ${T}): void {\n  w.int(v);\n}`);
      out.push(`export function dec${T}(r: XdrReader): ${T} {\n  return r.int();\n}`);
    } else if (d.def === 'typedef') {
      out.push(`/** typedef ${name} */`);
      out.push(`export type ${T} = ${tsType(d.type)};`);
      out.push(`export function enc${T}(w: XdrWriter, v: ${T}): void {\n  ${enc(d.type, 'v')};\n}`);
      out.push(`export function dec${T}(r: XdrReader): ${T} {\n  return ${dec(d.type)};\n}`);
    } else if (d.def === 'struct') {
      out.push(`/** struct ${name} */`);
      if (d.fields.length === 0) out.push(`export type ${T} = Record<string, never>;`);
      else {
        out.push(`export interface ${T} {`);
        for (const f of d.fields) out.push(`  ${f.name}: ${tsType(f.type)};`);
        out.push('}');
      }
      const body = d.fields.map((f) => `  ${enc(f.type, `v.${f.name}`)};`).join('\n');
      out.push(
        `export function enc${T}(w: XdrWriter, v: ${T}): void {\n${body || '  void w;\n  void v;'}\n}`,
      );
      out.push(
        `export function dec${T}(r: XdrReader): ${T} {\n  return {\n${d.fields.map((f) => `    ${f.name}: ${dec(f.type)},`).join('\n')}\n  }${d.fields.length === 0 ? ' as Record<string, never>' : ''};\n}`,
      );
    } else if (d.def === 'union') {
      const discName = d.disc.name;
      const variants = [];
      const encCases = [];
      const decCases = [];
      for (const a of d.arms) {
        const vals = a.cases.map(num);
        const lit = vals.join(' | ');
        const field = a.decl.type.kind === 'void' ? '' : ` ${a.decl.name}: ${tsType(a.decl.type)};`;
        variants.push(`{ ${discName}: ${lit};${field} }`);
        const labels = vals.map((x) => `    case ${x}:`).join('\n');
        encCases.push(
          `${labels}\n      ${a.decl.type.kind === 'void' ? '' : `${enc(a.decl.type, `v.${a.decl.name}`)};\n      `}return;`,
        );
        decCases.push(
          `${labels}\n      return { ${discName}: d${a.decl.type.kind === 'void' ? '' : `, ${a.decl.name}: ${dec(a.decl.type)}`} } as ${T};`,
        );
      }
      if (d.default && d.default.type.kind !== 'void')
        throw new Error(`${name}: non-void default arm is not supported`);
      out.push(`/** union ${name} */`);
      out.push(
        `export type ${T} =\n  | ${variants.join('\n  | ')}${d.default ? `\n  | { ${discName}: number }` : ''};`,
      );
      out.push(
        `export function enc${T}(w: XdrWriter, v: ${T}): void {\n  ${enc(d.disc.type, `v.${discName}`)};\n  switch (v.${discName}) {\n${encCases.join('\n')}\n    default:\n      ${d.default ? 'return;' : `throw new XdrError(\`${name}: no arm for \${(v as { ${discName}: number }).${discName}}\`);`}\n  }\n}`,
      );
      out.push(
        `export function dec${T}(r: XdrReader): ${T} {\n  const d = ${dec(d.disc.type)};\n  switch (d) {\n${decCases.join('\n')}\n    default:\n      ${d.default ? `return { ${discName}: d };` : `throw new XdrError(\`${name}: no arm for \${d}\`);`}\n  }\n}`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}

function findProcs(model) {
  const proc = model.types.get('remote_procedure');
  return proc.members.map((m) => {
    const short = m.name.replace(/^REMOTE_PROC_/, '');
    const base = `remote_${short.toLowerCase()}`;
    const has = (n) => (model.types.has(n) ? n : undefined);
    return {
      name: m.name,
      short,
      number: model.num(m.value),
      args: has(`${base}_args`),
      ret: has(`${base}_ret`),
      msg: has(`${base}_msg`),
    };
  });
}

function main() {
  const src = resolve(process.argv[2] ?? process.env.LIBVIRT_SRC ?? '');
  const paths = {
    virnet: join(src, 'src/rpc/virnetprotocol.x'),
    keepalive: join(src, 'src/rpc/virkeepaliveprotocol.x'),
    remote: join(src, 'src/remote/remote_protocol.x'),
    virterror: join(src, 'include/libvirt/virterror.h'),
  };
  const text = Object.fromEntries(
    Object.entries(paths).map(([k, f]) => [k, readFileSync(f, 'utf8')]),
  );
  const version =
    /version\s*:\s*'([^']+)'/.exec(readFileSync(join(src, 'meson.build'), 'utf8'))?.[1] ??
    'unknown';
  const sha = (s) => createHash('sha256').update(s).digest('hex').slice(0, 16);
  const header = (what) =>
    [
      `// GENERATED by scripts/gen-libvirt-rpc.mjs from libvirt ${version}: ${what}.`,
      '// Do not edit; regenerate (see the script) and commit the result.',
      ...Object.entries(paths)
        .filter(([k]) => what.includes(basename(paths[k])))
        .map(([k, f]) => `//   ${f.slice(src.length + 1)} sha256:${sha(text[k])}`),
      '',
    ].join('\n');

  const model = buildModel([parse(text.virnet), parse(text.keepalive), parse(text.remote)]);
  const all = findProcs(model);
  const byShort = new Map(all.map((p) => [p.short, p]));
  const chosen = wanted.map((w) => {
    const p = byShort.get(w);
    if (!p) throw new Error(`no procedure REMOTE_PROC_${w} in this libvirt`);
    return p;
  });

  // protocol.gen.ts: constants, procedure numbers, types and codecs.
  const c = model.num;
  const lines = [header('virnetprotocol.x, virkeepaliveprotocol.x, remote_protocol.x')];
  const importAt = lines.length;
  lines.push(`export const LIBVIRT_PROTOCOL_SOURCE = ${JSON.stringify(`libvirt ${version}`)};`);
  for (const n of [
    'REMOTE_PROGRAM',
    'REMOTE_PROTOCOL_VERSION',
    'KEEPALIVE_PROGRAM',
    'KEEPALIVE_PROTOCOL_VERSION',
    'KEEPALIVE_PROC_PING',
    'KEEPALIVE_PROC_PONG',
    'VIR_NET_MESSAGE_MAX',
    'VIR_NET_MESSAGE_HEADER_MAX',
    'VIR_NET_MESSAGE_STRING_MAX',
    'VIR_NET_CALL',
    'VIR_NET_REPLY',
    'VIR_NET_MESSAGE',
    'VIR_NET_STREAM',
    'VIR_NET_CALL_WITH_FDS',
    'VIR_NET_REPLY_WITH_FDS',
    'VIR_NET_STREAM_HOLE',
    'VIR_NET_OK',
    'VIR_NET_ERROR',
    'VIR_NET_CONTINUE',
    'REMOTE_AUTH_NONE',
    'REMOTE_AUTH_SASL',
    'REMOTE_AUTH_POLKIT',
    'VIR_TYPED_PARAM_INT',
    'VIR_TYPED_PARAM_UINT',
    'VIR_TYPED_PARAM_LLONG',
    'VIR_TYPED_PARAM_ULLONG',
    'VIR_TYPED_PARAM_DOUBLE',
    'VIR_TYPED_PARAM_BOOLEAN',
    'VIR_TYPED_PARAM_STRING',
  ]) {
    const v = c({ ref: n });
    lines.push(`export const ${n} = ${v > 0xffff ? `0x${v.toString(16)}` : v};`);
  }
  lines.push('');
  lines.push('// Every procedure of this libvirt (unused ones cost nothing: esbuild drops them).');
  for (const p of all) lines.push(`export const ${p.name} = ${p.number};`);
  lines.push('');
  lines.push('/** Names of the procedures hv uses, for messages. */');
  lines.push('export const procedureNames: Record<number, string> = {');
  for (const p of chosen) lines.push(`  ${p.number}: '${p.name}',`);
  lines.push('};');
  lines.push('');
  const codecs = emit(model, chosen);
  const xdrNames = ['UNBOUNDED', 'XdrError'].filter((n) => codecs.includes(n));
  lines.splice(
    importAt,
    0,
    `import { ${[...xdrNames, 'type XdrReader', 'type XdrWriter'].join(', ')} } from '../xdr.js';\n`,
  );
  lines.push(codecs);

  // calls.gen.ts: one typed function per wanted call, over any Caller.
  const calls = [header('remote_protocol.x')];
  const imp = new Set();
  const body = [];
  for (const p of chosen) {
    if (p.msg && !p.args && !p.ret) continue; // an event: see events in protocol.gen.ts
    const A = p.args ? pascal(p.args) : undefined;
    const R = p.ret ? pascal(p.ret) : undefined;
    for (const t of [A, R]) if (t) imp.add(t);
    if (A) imp.add(`enc${A}`);
    if (R) imp.add(`dec${R}`);
    body.push(`/** ${p.name} (${p.number}) */`);
    body.push(
      `export function ${camel(p.short)}(c: Caller${A ? `, args: ${A}` : ''}): Promise<${R ?? 'void'}> {\n  return c.call(${p.number}, ${A ? `(w) => enc${A}(w, args)` : 'undefined'}, ${R ? `dec${R}` : 'undefined'}) as Promise<${R ?? 'void'}>;\n}`,
    );
  }
  calls.push("import type { XdrReader, XdrWriter } from '../xdr.js';");
  calls.push(
    `import {\n${[...imp]
      .sort()
      .map((n) => `  ${/^[A-Z]/.test(n) ? 'type ' : ''}${n},`)
      .join('\n')}\n} from './protocol.gen.js';`,
  );
  calls.push('');
  calls.push('/** What the generated calls need: the client (client.ts) implements it. */');
  calls.push('export interface Caller {');
  calls.push(
    '  call(proc: number, enc: ((w: XdrWriter) => void) | undefined, dec: ((r: XdrReader) => unknown) | undefined): Promise<unknown>;',
  );
  calls.push('}');
  calls.push('');
  calls.push(body.join('\n'));
  calls.push('');

  // virerror.gen.ts: virErrorNumber and virErrorDomain names by number.
  const enumBlock = (name) => {
    const m = new RegExp(`typedef enum \\{([^}]*)\\} ${name};`).exec(text.virterror);
    if (!m) throw new Error(`no ${name} in virterror.h`);
    const body = m[1].replace(/\/\*[\s\S]*?\*\//g, '');
    return [...body.matchAll(/(VIR_\w+)\s*=\s*(\d+)/g)].map((x) => [x[1], Number(x[2])]);
  };
  const errs = [header('virterror.h')];
  for (const [name, list] of [
    ['errorNumbers', enumBlock('virErrorNumber')],
    ['errorDomains', enumBlock('virErrorDomain')],
  ]) {
    errs.push(
      `/** ${name === 'errorNumbers' ? 'virErrorNumber' : 'virErrorDomain'}: name by number. */`,
    );
    errs.push(`export const ${name}: Record<number, string> = {`);
    for (const [n, v] of list) errs.push(`  ${v}: '${n}',`);
    errs.push('};');
    errs.push('');
  }

  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'protocol.gen.ts'), `${lines.join('\n').trimEnd()}\n`);
  writeFileSync(join(outDir, 'calls.gen.ts'), `${calls.join('\n').trimEnd()}\n`);
  writeFileSync(join(outDir, 'virerror.gen.ts'), `${errs.join('\n').trimEnd()}\n`);
  // The repo's formatter, when installed (a developer checkout), so the output passes lint.
  const biome = join(here, '..', 'node_modules', '.bin', 'biome');
  if (existsSync(biome)) spawnSync(biome, ['check', '--write', outDir], { stdio: 'inherit' });
  console.log(
    `libvirt ${version}: ${all.length} procedures, ${chosen.length} with codecs -> ${outDir}`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
