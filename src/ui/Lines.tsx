import { Box, Text } from 'ink';

/** A block of pre-wrapped lines, with an optional bold title line. */
export function Lines({
  title,
  lines,
  dim,
}: {
  title?: string;
  lines: readonly string[];
  dim?: boolean;
}) {
  return (
    <Box flexDirection="column">
      {title !== undefined ? <Text bold>{title}</Text> : null}
      {lines.length > 0 ? (
        <Text dimColor={dim}>{lines.map((l) => l || ' ').join('\n')}</Text>
      ) : null}
    </Box>
  );
}
