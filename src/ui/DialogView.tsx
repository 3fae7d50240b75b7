// Draws an open Dialog (dialog.ts) in place of a screen's body.
import { Box, Text } from 'ink';
import type { Dialog } from '../base/dialog.js';
import { truncateWidth } from '../base/width.js';
import { SlicedList } from './SlicedList.js';
import { TextField } from './TextField.js';
import { TypedConfirm } from './TypedConfirm.js';

export function DialogView({
  dialog,
  width,
  height,
}: {
  dialog: Dialog;
  width: number;
  height: number;
}) {
  if (dialog.kind === 'typed') {
    return (
      <TypedConfirm
        title={dialog.title}
        lines={dialog.lines.slice(0, Math.max(0, height - 7 - (dialog.option ? 1 : 0)))}
        expected={dialog.expected}
        field={dialog.field}
        option={dialog.option}
        error={dialog.error}
        width={width}
      />
    );
  }
  const inner = Math.max(10, width - 4);
  const lines = (text: readonly string[], room: number) =>
    text.slice(0, Math.max(0, room)).map((l, i) => (
      // biome-ignore lint/suspicious/noArrayIndexKey: static lines, never reordered
      <Text key={i}>{truncateWidth(l || ' ', inner)}</Text>
    ));
  if (dialog.kind === 'confirm') {
    return (
      <Box flexDirection="column" borderStyle="round" paddingX={1} width={width}>
        <Text bold>{truncateWidth(dialog.title, inner)}</Text>
        {lines(dialog.lines, height - 4)}
        <Text dimColor>{truncateWidth(`y/Enter: ${dialog.yes}   n/Esc: cancel`, inner)}</Text>
      </Box>
    );
  }
  if (dialog.kind === 'prompt') {
    return (
      <Box flexDirection="column" borderStyle="round" paddingX={1} width={width}>
        <Text bold>{truncateWidth(dialog.title, inner)}</Text>
        {lines(dialog.lines, height - 6)}
        <Box>
          <Text>{truncateWidth(`${dialog.label}: `, Math.floor(inner / 2))}</Text>
          <TextField state={dialog.field} width={Math.max(5, inner - dialog.label.length - 2)} />
        </Box>
        <Text color={dialog.error ? 'red' : undefined} dimColor={!dialog.error}>
          {truncateWidth(dialog.error ? `✕ ${dialog.error}` : 'Enter: OK   Esc: cancel', inner)}
        </Text>
      </Box>
    );
  }
  const listHeight = Math.max(1, Math.min(dialog.options.length, height - 5 - dialog.lines.length));
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1} width={width}>
      <Text bold>{truncateWidth(dialog.title, inner)}</Text>
      {lines(dialog.lines, height - 6)}
      <SlicedList
        items={dialog.options}
        state={dialog.list}
        height={listHeight}
        rowKey={(o) => o.value}
        row={(o) => (
          <Text dimColor={o.disabled !== undefined}>
            {truncateWidth(o.disabled ? `${o.label}  (${o.disabled})` : o.label, inner - 2)}
          </Text>
        )}
      />
      <Text color={dialog.error ? 'red' : undefined} dimColor={!dialog.error}>
        {truncateWidth(dialog.error ? `✕ ${dialog.error}` : 'Enter: choose   Esc: cancel', inner)}
      </Text>
    </Box>
  );
}
