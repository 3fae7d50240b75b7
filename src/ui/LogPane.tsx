// The output of a running command: follows the newest lines (as `tail -f` does)
// unless scrolled back; error lines stand out by colour and by their own words.
import { Box, Text } from 'ink';
import { truncate } from '../base/format.js';
import { tail } from '../base/scroll.js';

const isError = (l: string) => /\berror\b|\bfailed\b/i.test(l);

export function LogPane({
  lines,
  height,
  width,
  back = 0,
}: {
  lines: readonly string[];
  height: number;
  width: number;
  /** Lines scrolled back from the end; 0 follows the output. */
  back?: number;
}) {
  const body = Math.max(1, height - 1);
  const t = tail(lines, body, back);
  return (
    <Box flexDirection="column" height={height}>
      {t.shown.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
        <Text key={t.start + i} color={isError(l) ? 'red' : undefined} dimColor={!isError(l)}>
          {truncate(l.replace(/\t/g, '  ') || ' ', width)}
        </Text>
      ))}
      <Text dimColor>
        {truncate(
          t.total === 0
            ? 'waiting for output…'
            : t.following
              ? `${t.total} lines, following the output`
              : `lines ${t.start + 1}-${t.end} of ${t.total} (End follows again)`,
          width,
        )}
      </Text>
    </Box>
  );
}
