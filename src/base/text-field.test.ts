import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { editText, textField } from './text-field.js';

const k = (over: Partial<Key> = {}) => ({ ...over }) as Key;

describe('editText', () => {
  it('inserts at the cursor, pastes whole, drops control characters', () => {
    let s = textField('café');
    s = editText(s, '', k({ leftArrow: true })).state;
    s = editText(s, 'X', k()).state;
    expect(s).toEqual({ value: 'cafXé', cursor: 4 });
    s = editText(s, 'a\nb\u0007', k()).state;
    expect(s.value).toBe('cafXabé');
  });

  it('deletes before the cursor, by code point', () => {
    let s = textField('Ana — ✓');
    s = editText(s, '', k({ delete: true })).state;
    expect(s.value).toBe('Ana — ');
    s = editText(textField(''), '', k({ backspace: true })).state;
    expect(s).toEqual({ value: '', cursor: 0 });
  });

  it('reports submit and cancel without changing the value', () => {
    expect(editText(textField('x'), '', k({ return: true })).outcome).toBe('submit');
    expect(editText(textField('x'), '', k({ escape: true })).outcome).toBe('cancel');
  });

  it('respects the maximum length and Ctrl-U', () => {
    const s = editText(textField('abc'), 'defg', k(), 5).state;
    expect(s.value).toBe('abcde');
    expect(editText(s, 'u', k({ ctrl: true })).state).toEqual({ value: '', cursor: 0 });
  });
});
