// A scrollable pane of text lines (generated Nix, diffs): only the visible lines
// are drawn, long lines are cut with "…", and the last row says where you are.
import { Box, Text } from 'ink';
import { pad, truncate } from '../base/format.js';
import { window } from '../base/scroll.js';

export function ScrollPane({
  lines,
  top,
  height,
  width,
  color,
}: {
  lines: readonly string[];
  top: number;
  height: number;
  width: number;
  /** Colour of a line (e.g. + green, - red in a diff); text stays as it is. */
  color?: (line: string) => string | undefined;
}) {
  const body = Math.max(1, height - 1);
  const w = window(lines, top, body);
  const where =
    w.total <= body
      ? `${w.total} lines`
      : `lines ${w.start + 1}-${w.end} of ${w.total}  (↑↓ PgUp/PgDn scroll)`;
  return (
    <Box flexDirection="column" height={height}>
      {w.shown.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
        <Text key={w.start + i} color={color?.(l)}>
          {pad(truncate(l.replace(/\t/g, '  '), width), width)}
        </Text>
      ))}
      <Text dimColor>{truncate(where, width)}</Text>
    </Box>
  );
}

export const diffColor = (l: string): string | undefined =>
  l.startsWith('+++') || l.startsWith('---')
    ? undefined
    : l.startsWith('+')
      ? 'green'
      : l.startsWith('-')
        ? 'red'
        : l.startsWith('@@')
          ? 'cyan'
          : undefined;
