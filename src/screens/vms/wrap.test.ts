import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../base/width.js';
import { wrapText } from './wrap.js';

describe('wrapText', () => {
  it('breaks at spaces within the width', () => {
    expect(wrapText('cannot reach libvirt at qemu:///system', 20, 3)).toEqual([
      'cannot reach libvirt',
      'at qemu:///system',
    ]);
  });

  it('cuts words longer than a line and ends with … when lines run out', () => {
    const lines = wrapText(`x ${'a'.repeat(50)} tail`, 20, 2);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('x');
    expect(lines[1]?.endsWith('…')).toBe(true);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(20);
  });

  it('counts wide characters by display width', () => {
    const lines = wrapText('日本語 日本語 日本語', 8, 3);
    expect(lines).toEqual(['日本語', '日本語', '日本語']);
  });

  it('gives nothing for empty text', () => {
    expect(wrapText('   ', 10, 2)).toEqual([]);
  });
});
