// A destructive action's confirmation: what will happen, then the object's name
// typed exactly. Enter with anything else does nothing and says so.
import { Box, Text } from 'ink';
import type { TextFieldState } from '../base/text-field.js';
import { truncateWidth } from '../base/width.js';
import { TextField } from './TextField.js';

export interface TypedConfirmProps {
  title: string;
  lines: readonly string[];
  expected: string;
  field: TextFieldState;
  option?: { label: string; on: boolean } | undefined;
  error?: string | undefined;
  width: number;
}

export function TypedConfirm({
  title,
  lines,
  expected,
  field,
  option,
  error,
  width,
}: TypedConfirmProps) {
  const inner = Math.max(10, width - 4);
  const matches = field.value === expected;
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="red" paddingX={1} width={width}>
      <Text bold color="red">
        {truncateWidth(`⚠ ${title}`, inner)}
      </Text>
      {lines.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static lines, never reordered
        <Text key={i}>{truncateWidth(l || ' ', inner)}</Text>
      ))}
      {option ? (
        <Text>
          {truncateWidth(`[${option.on ? 'x' : ' '}] ${option.label}  (Tab toggles)`, inner)}
        </Text>
      ) : null}
      <Text>{truncateWidth(`Type the name to confirm: ${expected}`, inner)}</Text>
      <Box>
        <Text>{matches ? '✓ ' : '› '}</Text>
        <TextField state={field} width={inner - 2} />
      </Box>
      <Text color={error ? 'red' : undefined} dimColor={!error}>
        {truncateWidth(
          error ??
            (matches
              ? 'Enter deletes. Esc cancels.'
              : 'Esc cancels; nothing happens until the name matches.'),
          inner,
        )}
      </Text>
    </Box>
  );
}
