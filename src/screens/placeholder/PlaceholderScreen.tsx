import { Box } from 'ink';
import { useStore } from 'zustand';
import { truncate } from '../../base/format.js';
import { currentScreen } from '../../state/router.js';
import { Lines } from '../../ui/Lines.js';
import { wrap } from '../chrome.js';
import { type HomeItem, homeItems } from '../home/items.js';
import type { ScreenDef, ScreenViewProps } from '../types.js';

function PlaceholderView({ ctx, width, height }: ScreenViewProps) {
  const id = useStore(ctx.stores.router, currentScreen);
  const item = homeItems.find((i) => i.id === id);
  if (!item) return null;
  const lines = [
    ...wrap(item.description, width),
    '',
    ...wrap(item.notYet ?? '', width),
    ...(item.meanwhile ? ['', ...wrap(`Meanwhile: ${item.meanwhile}`, width)] : []),
    '',
    'Press Esc to go back.',
  ]
    .slice(0, height)
    .map((l) => truncate(l, width));
  return (
    <Box flexDirection="column" height={height}>
      <Lines lines={lines} />
    </Box>
  );
}

/** An area whose feature has not landed: says so plainly and what to use meanwhile. */
export function placeholderScreen(item: HomeItem): ScreenDef {
  return {
    id: item.id,
    title: item.title,
    bindings: [],
    help: {
      beginner: `${item.description} ${item.notYet ?? ''}`,
      intermediate: item.notYet ?? item.description,
      expert: item.notYet ?? item.description,
    },
    onAction: () => {},
    View: PlaceholderView,
  };
}
