// The screen registry. Home is here from the start; the other screens arrive by
// import() once the first frame is drawn (loadScreens). Until then an id shows a
// one-line "opening" screen, never a blank frame or the wrong screen.
import { Text } from 'ink';
import { type ScreenId, screensLoaded } from '../state/router.js';
import { homeScreen } from './home/HomeScreen.js';
import type { ScreenDef } from './types.js';

export const screens: Partial<Record<ScreenId, ScreenDef>> = { home: homeScreen };

export { screensLoaded };

let loading: Promise<void> | undefined;

export function loadScreens(): Promise<void> {
  loading ??= import('./all-screens.js').then((m) => {
    Object.assign(screens, m.allScreens);
    screensLoaded.setState({ loaded: true });
  });
  return loading;
}

const openingScreen: ScreenDef = {
  id: 'opening',
  title: 'Opening',
  bindings: [],
  help: { beginner: 'Opening the screen…', intermediate: 'Opening…', expert: 'Opening…' },
  onAction: () => {},
  View: () => <Text dimColor>Opening…</Text>,
};

/** The screen for an id; home for an id nobody registered. */
export const screenFor = (id: ScreenId): ScreenDef =>
  screens[id] ?? (screensLoaded.getState().loaded ? homeScreen : openingScreen);
