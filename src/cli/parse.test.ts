import { describe, expect, it } from 'vitest';
import { HvError } from '../base/errors.js';
import { exitCodeFor } from './exit-codes.js';
import { parseCommandLine } from './parse.js';

function usageError(argv: string[]): HvError {
  try {
    parseCommandLine(argv);
  } catch (e) {
    if (e instanceof HvError) return e;
    throw e;
  }
  throw new Error(`expected a usage error for ${argv.join(' ')}`);
}

describe('command line parsing', () => {
  it('opens the console with no command', () => {
    const p = parseCommandLine([]);
    expect(p.spec.path).toEqual([]);
    expect(p.globals).toEqual({ connect: undefined, demo: false, plain: false, json: false });
  });

  it('finds multi-word commands and global flags anywhere', () => {
    const p = parseCommandLine(['--json', 'demo', 'status']);
    expect(p.spec.path).toEqual(['demo', 'status']);
    expect(p.globals.json).toBe(true);
    const q = parseCommandLine(['vm', 'list', '--connect', 'qemu:///system']);
    expect(q.spec.path).toEqual(['vm', 'list']);
    expect(q.globals.connect).toBe('qemu:///system');
  });

  it('does not take an option value for a command word', () => {
    const p = parseCommandLine(['-c', 'test:///default', 'vm', 'list']);
    expect(p.spec.path).toEqual(['vm', 'list']);
  });

  it('rejects unknown commands, groups without a verb, unknown flags and extra words', () => {
    expect(usageError(['bogus']).message).toContain('unknown command "bogus"');
    const group = usageError(['demo']);
    expect(group.fix).toContain('hv demo start');
    expect(usageError(['doctor', '--bogus']).message).toContain('--bogus');
    expect(usageError(['doctor', 'extra']).message).toContain('unexpected argument "extra"');
    for (const argv of [['bogus'], ['demo'], ['doctor', '--bogus']]) {
      expect(exitCodeFor(usageError(argv).kind)).toBe(2);
    }
  });

  it('validates --connect and its clash with --demo', () => {
    expect(usageError(['--connect', 'not a uri']).message).toContain('libvirt URI');
    expect(usageError(['--demo', '--connect', 'qemu:///system']).message).toContain(
      'cannot be used together',
    );
  });

  it('lets --help through without the command arguments', () => {
    expect(parseCommandLine(['demo', 'start', '--help']).help).toBe(true);
    expect(parseCommandLine(['-V']).version).toBe(true);
  });
});
