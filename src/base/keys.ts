// Keymaps as data. A binding names its keys; the one root dispatcher in App.tsx
// matches Ink's input against them, and the footer and help overlay are drawn
// from the same bindings, so what is shown is what works.
import type { Key } from 'ink';

export interface KeyBinding {
  /** Action id passed to the screen's onAction. */
  action: string;
  /** Key names: 'up', 'down', 'enter', 'escape', 'pageup', 'ctrl+c', or a character. */
  keys: string[];
  /** Short label for the footer and help ("open", "back"). */
  label: string;
  /** Shown in the footer? The help overlay always shows every binding. */
  hint?: boolean;
  /** One sentence for the help overlay. */
  help?: string;
  /** Bindings sharing a group show as one help row ("1,2,3  Open an area by number"). */
  group?: string;
}

/** Every name an input event can be matched by. */
export function keyNames(input: string, key: Key): string[] {
  const names: string[] = [];
  if (key.upArrow) names.push('up');
  if (key.downArrow) names.push('down');
  if (key.leftArrow) names.push('left');
  if (key.rightArrow) names.push('right');
  if (key.pageUp) names.push('pageup');
  if (key.pageDown) names.push('pagedown');
  if (key.home) names.push('home');
  if (key.end) names.push('end');
  if (key.return) names.push('enter');
  if (key.escape) names.push('escape');
  if (key.tab) names.push(key.shift ? 'shift+tab' : 'tab');
  if (key.backspace || key.delete) names.push('backspace');
  if (key.ctrl && input) names.push(`ctrl+${input.toLowerCase()}`);
  else if (input && !key.meta) names.push(input);
  return names;
}

/** Plain characters that arrived together, one by one; anything else as it came. */
export function splitKeys(input: string, key: Key): string[] {
  const chars = [...input];
  if (chars.length <= 1 || key.ctrl || key.meta || key.escape) return [input];
  return chars;
}

/**
 * The key a control character inside a multi-key read stands for: Enter, Tab,
 * Backspace or Ctrl+letter ("1\x7f2", "\r\x15lab"), as Ink reports them when they
 * arrive alone. Undefined for a printable character.
 */
export function chunkKey(ch: string, key: Key): { input: string; key: Key } | undefined {
  if (ch === '\r' || ch === '\n') return { input: ch, key: { ...key, return: true } };
  if (ch === '\t') return { input: ch, key: { ...key, tab: true } };
  if (ch === '\x7f' || ch === '\b') return { input: '', key: { ...key, backspace: true } };
  const code = ch.length === 1 ? ch.charCodeAt(0) : 0;
  if (code >= 1 && code <= 26) {
    return { input: String.fromCharCode(code + 96), key: { ...key, ctrl: true } };
  }
  return undefined;
}

export function matchBinding(
  bindings: readonly KeyBinding[],
  input: string,
  key: Key,
): KeyBinding | undefined {
  const names = keyNames(input, key);
  return bindings.find((b) => b.keys.some((k) => names.includes(k)));
}

const pretty: Record<string, string> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  enter: 'Enter',
  escape: 'Esc',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  home: 'Home',
  end: 'End',
  tab: 'Tab',
  backspace: 'Bksp',
  'ctrl+c': 'Ctrl-C',
  ' ': 'Space',
};

export const keyLabel = (k: string) => pretty[k] ?? k;
export const bindingKeys = (b: KeyBinding) => b.keys.map(keyLabel).join('/');

/** Bindings every screen has; screen bindings are matched first. */
export const globalBindings: KeyBinding[] = [
  { action: 'help', keys: ['?'], label: 'help', hint: true, help: 'Show or hide this help.' },
  { action: 'back', keys: ['escape'], label: 'back', hint: true, help: 'Go back one screen.' },
  {
    action: 'quit',
    keys: ['q', 'ctrl+c'],
    label: 'quit',
    hint: true,
    help: 'Leave hv. The terminal is restored as it was.',
  },
  // Handled by screens/learn/global-actions.ts; one help row, not in the footer.
  ...[
    { action: 'commands', keys: ['$'], label: 'commands' },
    { action: 'journal', keys: ['J'], label: 'journal' },
    { action: 'level', keys: ['L'], label: 'level' },
  ].map((b) => ({
    ...b,
    group: 'extras',
    help: '$ shows or hides the equivalent command in the footer; J lists the commands of this session; L changes your experience level.',
  })),
];

/** While the help overlay is open: it scrolls, and ? or Esc closes it. */
export const helpBindings: KeyBinding[] = [
  { action: 'up', keys: ['up', 'k'], label: 'scroll', help: 'Scroll up.' },
  { action: 'down', keys: ['down', 'j'], label: 'scroll', hint: true, help: 'Scroll down.' },
  { action: 'pageUp', keys: ['pageup'], label: 'page up', help: 'One page up.' },
  { action: 'pageDown', keys: ['pagedown'], label: 'page down', help: 'One page down.' },
  { action: 'first', keys: ['home', 'g'], label: 'top', help: 'To the top.' },
  { action: 'last', keys: ['end', 'G'], label: 'end', help: 'To the end.' },
  { action: 'close', keys: ['?', 'escape'], label: 'close help', hint: true, help: 'Close help.' },
];

export const listBindings: KeyBinding[] = [
  { action: 'up', keys: ['up', 'k'], label: 'move', help: 'Move up.' },
  { action: 'down', keys: ['down', 'j'], label: 'move', hint: true, help: 'Move down.' },
  { action: 'pageUp', keys: ['pageup'], label: 'page up', help: 'One page up.' },
  { action: 'pageDown', keys: ['pagedown'], label: 'page down', help: 'One page down.' },
  { action: 'first', keys: ['home', 'g'], label: 'first', help: 'Jump to the first row.' },
  { action: 'last', keys: ['end', 'G'], label: 'last', help: 'Jump to the last row.' },
];
