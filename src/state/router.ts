// The screen stack and the help overlay: Enter pushes, Esc pops.
import { createStore } from 'zustand/vanilla';
import { initialList, type ListState } from '../base/list.js';

/**
 * The areas of the home menu, plus any screen an area registers (e.g. 'vm-detail').
 * A screen's parameters (which VM, which lesson) live in that area's store, so the
 * stack stays a list of ids.
 */
export type HomeScreenId = 'home' | 'vms' | 'setup' | 'learn' | 'host' | 'audit';
export type ScreenId = HomeScreenId | (string & {});

export interface RouterState {
  stack: ScreenId[];
  helpOpen: boolean;
  /** First line of the help overlay shown (it scrolls when longer than the screen). */
  helpTop: number;
  /** Cursor of the home menu (kept here so returning home keeps the place). */
  home: ListState;
}

export function createRouterStore() {
  return createStore<RouterState>()(() => ({
    stack: ['home'],
    helpOpen: false,
    helpTop: 0,
    home: initialList,
  }));
}
export type RouterStore = ReturnType<typeof createRouterStore>;

export const currentScreen = (s: RouterState): ScreenId => s.stack[s.stack.length - 1] ?? 'home';

export function push(store: RouterStore, id: ScreenId): void {
  store.setState((s) => ({ stack: [...s.stack, id], helpOpen: false }));
}

/** Returns false when already at the root (nothing to go back to). */
export function pop(store: RouterStore): boolean {
  const { stack } = store.getState();
  if (stack.length <= 1) return false;
  store.setState({ stack: stack.slice(0, -1), helpOpen: false });
  return true;
}

/** Flips to loaded once every screen is registered (screens/registry.tsx); App re-renders on it. */
export const screensLoaded = createStore<{ loaded: boolean }>(() => ({ loaded: false }));
