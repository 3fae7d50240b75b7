// Draws a TextFieldState: the value with an inverse cursor, scrolled to fit.
import { Text } from 'ink';
import type { TextFieldState } from '../base/text-field.js';

export function TextField({
  state,
  width,
  focused = true,
  placeholder = '',
  mask = false,
}: {
  state: TextFieldState;
  width: number;
  focused?: boolean;
  placeholder?: string;
  mask?: boolean;
}) {
  const chars = [...(mask ? '•'.repeat([...state.value].length) : state.value)];
  if (chars.length === 0 && !focused) return <Text dimColor>{placeholder}</Text>;
  const room = Math.max(1, width - 1);
  const start = Math.max(0, state.cursor - room + 1);
  const shown = chars.slice(start, start + room);
  const at = state.cursor - start;
  const before = shown.slice(0, at).join('');
  const under = shown[at] ?? ' ';
  const after = shown.slice(at + 1).join('');
  return (
    <Text>
      {before}
      {focused ? <Text inverse>{under}</Text> : under}
      {after}
      {chars.length === 0 && placeholder ? <Text dimColor>{placeholder}</Text> : null}
    </Text>
  );
}
