import { Text } from 'ink';
import { bindingKeys, type KeyBinding } from '../screens/keys.js';
import { truncate } from './format.js';

/** One footer line of key hints, drawn from the active keymap. */
export function keyHintsText(bindings: readonly KeyBinding[], width: number): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const b of bindings) {
    if (!b.hint || seen.has(b.label)) continue;
    seen.add(b.label);
    const keys = b.action === 'down' ? '↑↓' : bindingKeys(b);
    parts.push(`${keys} ${b.label}`);
  }
  return truncate(parts.join('  '), width);
}

export function KeyHints({ bindings, width }: { bindings: readonly KeyBinding[]; width: number }) {
  return <Text dimColor>{keyHintsText(bindings, width)}</Text>;
}
