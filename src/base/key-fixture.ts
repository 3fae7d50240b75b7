// Ink's Key with nothing pressed, for tests of key handling (dispatcher, dialogs).
import type { Key } from 'ink';

export const noKey: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/** A Key with the given fields set. */
export const inkKey = (over: Partial<Key> = {}): Key => ({ ...noKey, ...over });
