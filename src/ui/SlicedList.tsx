import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { type ListState, visibleSlice } from '../base/list.js';

interface Props<T> {
  items: readonly T[];
  state: ListState;
  height: number;
  /** Renders one row's content (without the selection marker). */
  row: (item: T, selected: boolean, index: number) => ReactNode;
  rowKey: (item: T) => string;
}

/**
 * Renders only the rows that fit: a 1000-row list costs the same per frame as a
 * 20-row one. The selected row carries a "›" marker as well as inverse colour,
 * so selection never depends on colour alone.
 */
export function SlicedList<T>({ items, state, height, row, rowKey }: Props<T>) {
  const { rows, start, cursor } = visibleSlice(items, state, height);
  return (
    <Box flexDirection="column" height={height}>
      {rows.map((item, i) => {
        const index = start + i;
        const selected = index === cursor;
        return (
          <Box key={rowKey(item)}>
            <Text inverse={selected} bold={selected}>
              {selected ? '› ' : '  '}
            </Text>
            {row(item, selected, index)}
          </Box>
        );
      })}
    </Box>
  );
}
