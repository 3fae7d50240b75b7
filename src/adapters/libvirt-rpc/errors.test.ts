import { describe, expect, it } from 'vitest';
import { HvError } from '../../base/errors.js';
import { kindOfCode, toHvError } from './errors.js';
import { errorNumbers } from './gen/virerror.gen.js';
import { ConnectionError, LibvirtError, ProtocolError } from './wire-errors.js';

const code = (name: string) => Number(Object.entries(errorNumbers).find(([, n]) => n === name)![0]);
const libvirtError = (c: number, message = 'whatever text') =>
  new LibvirtError(
    {
      code: c,
      domain: 10,
      message,
      level: 2,
      dom: null,
      str1: null,
      str2: null,
      str3: null,
      int1: 0,
      int2: 0,
      net: null,
    },
    9,
  );

describe('libvirt error numbers to hv kinds', () => {
  it('by code, not by text', () => {
    expect(kindOfCode(code('VIR_ERR_NO_DOMAIN'))).toBe('not-found');
    expect(kindOfCode(code('VIR_ERR_NO_DOMAIN_SNAPSHOT'))).toBe('not-found');
    expect(kindOfCode(code('VIR_ERR_OPERATION_INVALID'))).toBe('invalid-state');
    expect(kindOfCode(code('VIR_ERR_ACCESS_DENIED'))).toBe('permission');
    expect(kindOfCode(code('VIR_ERR_OPERATION_DENIED'))).toBe('permission');
    expect(kindOfCode(code('VIR_ERR_NO_SUPPORT'))).toBe('unsupported');
    expect(kindOfCode(code('VIR_ERR_RPC'))).toBe('unsupported');
    expect(kindOfCode(code('VIR_ERR_NO_CONNECT'))).toBe('not-connected');
    expect(kindOfCode(code('VIR_ERR_INTERNAL_ERROR'))).toBe('failed');
    expect(kindOfCode(99999)).toBe('failed');
    // English that says "not found" does not make a code not-found.
    expect(
      toHvError(libvirtError(code('VIR_ERR_INTERNAL_ERROR'), 'Domain not found'), 'x').kind,
    ).toBe('failed');
  });

  it('keeps the message and puts code, domain and procedure in detail', () => {
    const e = toHvError(libvirtError(42, 'Domain not found'), 'qemu:///system', 'cannot start "x"');
    expect(e).toBeInstanceOf(HvError);
    expect(e.message).toBe('cannot start "x": Domain not found');
    expect(e.detail).toBe(
      'VIR_ERR_NO_DOMAIN (42) from VIR_FROM_QEMU in REMOTE_PROC_DOMAIN_CREATE: Domain not found',
    );
    expect(e.fix).toMatch(/hv vm list/);
  });

  it('a dropped or unreachable socket is not-connected; a refused one is permission', () => {
    for (const f of ['closed', 'keepalive', 'protocol', 'connect'] as const) {
      expect(toHvError(new ConnectionError(f, 'gone'), 'qemu:///system').kind).toBe(
        'not-connected',
      );
    }
    expect(toHvError(new ConnectionError('connect', 'no', 'EACCES'), 'qemu:///system').kind).toBe(
      'permission',
    );
    expect(toHvError(new ProtocolError('bad'), 'qemu:///system').kind).toBe('failed');
  });
});
