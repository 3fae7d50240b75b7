import { describe, expect, it } from 'vitest';
import { classifyLibvirtError } from './libvirt-errors.js';

describe('libvirt error classification', () => {
  it.each([
    ["error: failed to get domain 'nope'", 'not-found'],
    [
      "error: Failed to connect socket to '/x/libvirt-sock': No such file or directory",
      'not-connected',
    ],
    ['error: internal error: client socket is closed', 'not-connected'],
    ['error: authentication unavailable: no polkit agent available', 'permission'],
    ['error: Requested operation is not valid: domain is not running', 'invalid-state'],
    [
      'error: this function is not supported by the connection driver: virDomainMigrate',
      'unsupported',
    ],
    ['error: something odd', 'failed'],
  ])('%s -> %s', (msg, kind) => {
    expect(classifyLibvirtError(msg, 'qemu:///system').kind).toBe(kind);
  });

  it('never suggests sudo for VM access problems', () => {
    const e = classifyLibvirtError('error: Permission denied', 'qemu:///system');
    expect(e.fix).toContain('libvirtd group');
    // It may say "no sudo", but never suggest running a command with sudo.
    expect(e.fix).not.toMatch(/\bsudo\s+\w/);
  });
});
