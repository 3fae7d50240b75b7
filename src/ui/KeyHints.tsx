import { Text } from 'ink';
import { truncate } from '../base/format.js';
import { bindingKeys, type KeyBinding } from '../base/keys.js';
import { displayWidth } from '../base/width.js';

const alwaysShown = new Set(['help', 'back', 'quit']);

/**
 * One footer line of key hints, drawn from the active keymap. When they do not
 * fit, the screen's last hints give way first: help, back and quit always show.
 */
export function keyHintsText(bindings: readonly KeyBinding[], width: number): string {
  const seen = new Set<string>();
  const parts: Array<{ text: string; keep: boolean }> = [];
  const taken = new Set<string>();
  for (const b of bindings) {
    // A key an earlier binding already answers (a dialog's Esc before the global
    // "back") would only mislead in the footer.
    const shadowed = b.keys.every((k) => taken.has(k));
    for (const k of b.keys) taken.add(k);
    if (!b.hint || seen.has(b.label) || shadowed) continue;
    seen.add(b.label);
    const keys = b.action === 'down' ? '↑↓' : bindingKeys(b);
    parts.push({ text: `${keys} ${b.label}`, keep: alwaysShown.has(b.action) });
  }
  const line = () => parts.map((p) => p.text).join('  ');
  while (displayWidth(line()) > width) {
    const drop = parts.findLastIndex((p) => !p.keep);
    if (drop < 0) break;
    parts.splice(drop, 1);
  }
  return truncate(line(), width);
}

export function KeyHints({ bindings, width }: { bindings: readonly KeyBinding[]; width: number }) {
  return <Text dimColor>{keyHintsText(bindings, width)}</Text>;
}
