import type { ScreenId } from '../state/router.js';
import { homeScreen } from './home/HomeScreen.js';
import { homeItems } from './home/items.js';
import { placeholderScreen } from './placeholder/PlaceholderScreen.js';
import type { ScreenDef } from './types.js';
import { vmListScreen } from './vms/VmListScreen.js';

const placeholders = Object.fromEntries(
  homeItems.filter((i) => i.notYet).map((i) => [i.id, placeholderScreen(i)]),
);

export const screens: Record<ScreenId, ScreenDef> = {
  home: homeScreen,
  vms: vmListScreen,
  ...placeholders,
} as Record<ScreenId, ScreenDef>;
