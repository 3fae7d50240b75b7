import { describe, expect, it } from 'vitest';
import { count, formatBytes, formatMemory } from './format.js';

describe('count', () => {
  it('says one thing or several things, never thing(s)', () => {
    expect(count(1, 'disk')).toBe('1 disk');
    expect(count(0, 'disk')).toBe('0 disks');
    expect(count(3, 'problem')).toBe('3 problems');
    expect(count(2, 'entry', 'entries')).toBe('2 entries');
    expect(count(1, 'entry', 'entries')).toBe('1 entry');
  });
});

describe('formatMemory', () => {
  it('picks the unit people read', () => {
    expect(formatMemory(524288)).toBe('512 MiB');
    expect(formatMemory(2097152)).toBe('2.0 GiB');
    expect(formatMemory(512)).toBe('512 KiB');
  });
});

describe('formatBytes', () => {
  it('uses binary units with one decimal', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(107374182400)).toBe('100.0 GiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
  });
});
