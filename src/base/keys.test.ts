import { describe, expect, it } from 'vitest';
import { keyHintsText } from '../ui/KeyHints.js';
import { inkKey, noKey } from './key-fixture.js';
import {
  chunkKey,
  globalBindings,
  keyNames,
  listBindings,
  matchBinding,
  splitKeys,
} from './keys.js';

const key = inkKey;

describe('keymaps as data', () => {
  it('names arrow keys, enter, escape and ctrl chords', () => {
    expect(keyNames('', key({ downArrow: true }))).toEqual(['down']);
    expect(keyNames('', key({ escape: true }))).toEqual(['escape']);
    expect(keyNames('c', key({ ctrl: true }))).toEqual(['ctrl+c']);
    expect(keyNames('q', noKey)).toEqual(['q']);
  });

  it('matches q and Ctrl-C to quit, ? to help, Esc to back', () => {
    expect(matchBinding(globalBindings, 'q', noKey)?.action).toBe('quit');
    expect(matchBinding(globalBindings, 'c', key({ ctrl: true }))?.action).toBe('quit');
    expect(matchBinding(globalBindings, '?', noKey)?.action).toBe('help');
    expect(matchBinding(globalBindings, '', key({ escape: true }))?.action).toBe('back');
    expect(matchBinding(globalBindings, 'x', noKey)).toBeUndefined();
  });

  it('splits keys that arrived together into separate presses', () => {
    expect(splitKeys('2q', noKey)).toEqual(['2', 'q']);
    expect(splitKeys('é', noKey)).toEqual(['é']);
    expect(splitKeys('c', key({ ctrl: true }))).toEqual(['c']);
  });

  it('supports vi keys for lists', () => {
    expect(matchBinding(listBindings, 'j', noKey)?.action).toBe('down');
    expect(matchBinding(listBindings, 'G', noKey)?.action).toBe('last');
  });

  it('draws footer hints from the same bindings, cut to the width', () => {
    const text = keyHintsText([...listBindings, ...globalBindings], 200);
    expect(text).toBe('↑↓ move  ? help  Esc back  q/Ctrl-C quit');
    expect([...keyHintsText([...listBindings, ...globalBindings], 20)]).toHaveLength(20);
  });
});

describe('chunkKey', () => {
  it('reads control characters inside a multi-key read as the keys Ink reports alone', () => {
    expect(chunkKey('\r', noKey)?.key.return).toBe(true);
    expect(chunkKey('\t', noKey)?.key.tab).toBe(true);
    expect(chunkKey('\x7f', noKey)).toEqual({ input: '', key: inkKey({ backspace: true }) });
    expect(chunkKey('\x15', noKey)).toEqual({ input: 'u', key: inkKey({ ctrl: true }) });
    expect(chunkKey('\x03', noKey)).toEqual({ input: 'c', key: inkKey({ ctrl: true }) });
    expect(chunkKey('a', noKey)).toBeUndefined();
    expect(chunkKey('é', noKey)).toBeUndefined();
  });
});
