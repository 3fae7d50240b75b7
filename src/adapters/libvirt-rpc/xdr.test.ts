import { describe, expect, it } from 'vitest';
import {
  decRemoteConnectGetAllDomainStatsRet,
  decRemoteError,
  decRemoteTypedParamValue,
  encRemoteConnectGetAllDomainStatsRet,
  encRemoteError,
  encRemoteTypedParamValue,
  type RemoteTypedParamValue,
} from './gen/protocol.gen.js';
import { XdrError, XdrReader, XdrWriter } from './xdr.js';

const bytes = (fn: (w: XdrWriter) => void) => {
  const w = new XdrWriter(4);
  fn(w);
  return Buffer.from(w.bytes());
};
const reader = (b: Buffer) => new XdrReader(b);
const hex = (b: Buffer) => b.toString('hex');

describe('XDR primitives (RFC 4506 encodings)', () => {
  it('int and unsigned int: 4 bytes big-endian, range-checked', () => {
    expect(hex(bytes((w) => w.int(-2)))).toBe('fffffffe');
    expect(hex(bytes((w) => w.int(0x7fffffff)))).toBe('7fffffff');
    expect(hex(bytes((w) => w.uint(0xffffffff)))).toBe('ffffffff');
    expect(reader(Buffer.from('fffffffe', 'hex')).int()).toBe(-2);
    expect(reader(Buffer.from('fffffffe', 'hex')).uint()).toBe(0xfffffffe);
    expect(() => bytes((w) => w.int(2 ** 31))).toThrow(XdrError);
    expect(() => bytes((w) => w.uint(-1))).toThrow(XdrError);
    expect(() => bytes((w) => w.int(1.5))).toThrow(XdrError);
  });

  it('hyper and unsigned hyper: 8 bytes, bigint, full range', () => {
    const max = 2n ** 64n - 1n;
    expect(hex(bytes((w) => w.uhyper(max)))).toBe('ffffffffffffffff');
    expect(reader(bytes((w) => w.uhyper(max))).uhyper()).toBe(max);
    expect(reader(bytes((w) => w.hyper(-(2n ** 63n)))).hyper()).toBe(-(2n ** 63n));
    expect(hex(bytes((w) => w.hyper(-1n)))).toBe('ffffffffffffffff');
    expect(() => bytes((w) => w.uhyper(-1n))).toThrow(XdrError);
    expect(() => bytes((w) => w.hyper(2n ** 63n))).toThrow(XdrError);
  });

  it('float, double and bool', () => {
    expect(reader(bytes((w) => w.double(-1.25))).double()).toBe(-1.25);
    expect(reader(bytes((w) => w.float(0.5))).float()).toBe(0.5);
    expect(hex(bytes((w) => w.bool(true)))).toBe('00000001');
    expect(reader(bytes((w) => w.bool(false))).bool()).toBe(false);
    expect(() => reader(Buffer.from('00000002', 'hex')).bool()).toThrow(/bool must be 0 or 1/);
  });

  it('strings are UTF-8 with a byte length and zero padding to 4', () => {
    const name = 'Ana\'s "lab" VM — café';
    const b = bytes((w) => w.string(name, 100));
    const len = Buffer.byteLength(name);
    expect(b.readUInt32BE(0)).toBe(len);
    expect(b.length).toBe(4 + len + ((4 - (len % 4)) % 4));
    expect(b.subarray(4 + len).every((x) => x === 0)).toBe(true);
    expect(reader(b).string(100)).toBe(name);
    expect(hex(bytes((w) => w.string('', 10)))).toBe('00000000');
    // The maximum counts bytes, as libvirt's does.
    expect(() => bytes((w) => w.string('é', 1))).toThrow(/maximum/);
    expect(() => reader(b).string(3)).toThrow(/exceeds its maximum/);
  });

  it('fixed and variable opaque', () => {
    const uuid = Buffer.from('5e1d0c1a000040008000000000000001', 'hex');
    expect(bytes((w) => w.fixedOpaque(uuid, 16))).toEqual(uuid);
    expect(Buffer.from(reader(uuid).fixedOpaque(16))).toEqual(uuid);
    expect(() => bytes((w) => w.fixedOpaque(uuid, 15))).toThrow(XdrError);
    const v = bytes((w) => w.opaque(Buffer.from([1, 2, 3]), 10));
    expect(hex(v)).toBe('0000000301020300');
    expect([...reader(v).opaque(10)]).toEqual([1, 2, 3]);
  });

  it('fixed and variable arrays, optional data', () => {
    const a = bytes((w) => w.array([1, 2], 5, (x) => w.int(x)));
    expect(hex(a)).toBe('000000020000000100000002');
    const r = reader(a);
    expect(r.array(5, () => r.int())).toEqual([1, 2]);
    expect(() => bytes((w) => w.array([1, 2], 1, (x) => w.int(x)))).toThrow(/maximum/);
    const f = bytes((w) => w.fixedArray([7, 8], 2, (x) => w.uint(x)));
    const fr = reader(f);
    expect(fr.fixedArray(2, () => fr.uint())).toEqual([7, 8]);
    expect(hex(bytes((w) => w.optional(null, () => {})))).toBe('00000000');
    const o = bytes((w) => w.optional('x', (s) => w.string(s, 9)));
    const orr = reader(o);
    expect(orr.optional(() => orr.string(9))).toBe('x');
  });

  it('refuses a count the message cannot hold before allocating', () => {
    const huge = Buffer.from('7fffffff', 'hex');
    const r = reader(huge);
    expect(() => r.array(0xffffffff, () => r.int())).toThrow(/cut short/);
  });

  it('reports a cut message and left-over bytes', () => {
    expect(() => reader(Buffer.from('0000', 'hex')).int()).toThrow(/cut short/);
    const r = reader(Buffer.from('0000000100000002', 'hex'));
    r.int();
    expect(() => r.done('reply')).toThrow(/4 bytes left over/);
  });
});

describe('generated codecs', () => {
  it('round-trip every typed parameter kind (a discriminated union)', () => {
    const values: RemoteTypedParamValue[] = [
      { type: 1, i: -5 },
      { type: 2, ui: 5 },
      { type: 3, l: -(2n ** 40n) },
      { type: 4, ul: 2n ** 63n },
      { type: 5, d: 0.25 },
      { type: 6, b: 1 },
      { type: 7, s: 'café' },
    ];
    for (const v of values) {
      const b = bytes((w) => encRemoteTypedParamValue(w, v));
      expect(decRemoteTypedParamValue(reader(b))).toEqual(v);
    }
    expect(() => decRemoteTypedParamValue(reader(Buffer.from('00000009', 'hex')))).toThrow(
      /no arm for 9/,
    );
  });

  it('round-trip a stats reply and an error with optional strings and domains', () => {
    const uuid = Buffer.alloc(16, 0xab);
    const stats = {
      retStats: [
        {
          dom: { name: 'web "01" é', uuid, id: 3 },
          params: [
            { field: 'state.state', value: { type: 1 as const, i: 1 } },
            { field: 'cpu.time', value: { type: 4 as const, ul: 123456789012345n } },
          ],
        },
      ],
    };
    const b = bytes((w) => encRemoteConnectGetAllDomainStatsRet(w, stats));
    const got = decRemoteConnectGetAllDomainStatsRet(reader(b));
    expect(got.retStats[0]!.dom.name).toBe('web "01" é');
    expect(Buffer.from(got.retStats[0]!.dom.uuid)).toEqual(uuid);
    expect(got.retStats[0]!.params).toEqual(stats.retStats[0]!.params);
    const err = {
      code: 42,
      domain: 12,
      message: 'Domain not found',
      level: 2,
      dom: { name: 'x', uuid, id: -1 },
      str1: null,
      str2: 'two',
      str3: null,
      int1: -1,
      int2: 0,
      net: null,
    };
    const e = decRemoteError(reader(bytes((w) => encRemoteError(w, err))));
    expect({ ...e, dom: { ...e.dom!, uuid: Buffer.from(e.dom!.uuid) } }).toEqual(err);
  });
});
