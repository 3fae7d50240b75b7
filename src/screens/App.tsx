// The console's root: router, header, footer, help overlay and the ONE input
// dispatcher. Screens never call useInput themselves (several hooks mounting and
// unmounting confuse raw mode); they declare bindings and an onAction.
import { Box, type Key, useApp, useInput, useStdin, useStdout } from 'ink';
import { useEffect, useReducer, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { chunkKey, globalBindings, helpBindings, matchBinding, splitKeys } from '../base/keys.js';
import { type ScrollMove, scroll } from '../base/scroll.js';
import { markKey } from '../cli/bench-probe.js';
import { currentScreen, pop } from '../state/router.js';
import { suggestionStore } from '../state/suggestion.js';
import { Footer, Header, HelpOverlay, helpLines, helpRoom, helpTip, TooSmall } from './chrome.js';
import { runGlobalAction } from './learn/global-actions.js';
import { loadScreens, screenFor, screensLoaded } from './registry.js';
import { type ScreenContext, screenBindings } from './types.js';

export const MIN_COLUMNS = 80;
// While help is open the footer shows its keys, and that q still quits.
const helpFooter = [...helpBindings, ...globalBindings.filter((b) => b.action === 'quit')];
export const MIN_ROWS = 24;
const HEADER_ROWS = 2;
const FOOTER_ROWS = 2;

/**
 * True while the input event being handled is Esc pressed twice in one read:
 * Ink reports "\x1b\x1b" as a single Esc (it cannot tell it from Alt+Esc), so a
 * quick double Esc would go back only once. Listens to Ink's raw input events,
 * and must be called before useInput so its listener runs first.
 */
function useDoubleEscape() {
  const { internal_eventEmitter: events } = useStdin();
  const double = useRef(false);
  useEffect(() => {
    const peek = (data: string) => {
      double.current = data === '\x1b\x1b';
    };
    events?.on('input', peek);
    return () => {
      events?.removeListener('input', peek);
    };
  }, [events]);
  return double;
}

function useTerminalSize() {
  const { stdout } = useStdout();
  const read = () => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  });
  return size;
}

/** Body rows: the live region stays at rows - 1 so Ink never clears the screen. */
export const bodyRows = (rows: number) => rows - 1 - HEADER_ROWS - FOOTER_ROWS;

export function App({ ctx }: { ctx: Omit<ScreenContext, 'quit' | 'bodyHeight'> }) {
  const app = useApp();
  const { columns, rows } = useTerminalSize();
  const route = useStore(ctx.stores.router, currentScreen);
  const helpOpen = useStore(ctx.stores.router, (s) => s.helpOpen);
  useStore(screensLoaded, (s) => s.loaded);
  // The console loads them right after its first frame (run.tsx); this covers an
  // App rendered on its own (screen tests), late enough to stay off the first paint.
  useEffect(() => {
    const t = setTimeout(() => void loadScreens(), 30);
    return () => clearTimeout(t);
  }, []);
  const screen = screenFor(route);
  const tooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS;
  const bodyHeight = bodyRows(rows);
  const heightRef = useRef(bodyHeight);
  heightRef.current = bodyHeight;
  const full: ScreenContext = {
    ...ctx,
    quit: () => app.exit(),
    bodyHeight: () => heightRef.current,
  };
  const own = screenBindings(screen, full);
  const bindings = [...own, ...globalBindings];

  // Runs once per activation of a screen; `full` reads live values through refs.
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the screen only
  useEffect(() => screen.onEnter?.(full), [screen]);
  // Screens whose keys follow their own state ask App to redraw the footer.
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the screen only
  useEffect(() => screen.watch?.(full, redraw), [screen]);

  // The screen now on top: a key earlier in the same read may have changed it.
  const liveScreen = () => screenFor(currentScreen(ctx.stores.router.getState()));
  const doubleEscape = useDoubleEscape();
  // Keys typed while hv was busy arrive as one string ("2q"); a menu treats them
  // as the separate key presses they were.
  useInput((input, key) => {
    const chars = doubleEscape.current ? ['', ''] : splitKeys(input, key);
    doubleEscape.current = false;
    // Enter, Tab, Backspace and Ctrl+letter inside a chunk ("web\r", "1\x7f2") are
    // keys of their own.
    const special = (ch: string) => (chars.length === 1 ? undefined : chunkKey(ch, key));
    let i = 0;
    while (i < chars.length) {
      // Asked before every key: "/web" in one read opens the filter with "/" and
      // the rest is typed into it, not taken as key bindings.
      const text =
        !tooSmall && !ctx.stores.router.getState().helpOpen && liveScreen().textInput?.(full);
      if (!text) {
        const ch = chars[i]!;
        const ev = special(ch);
        handleKey(ev?.input ?? ch, ev?.key ?? key);
        i++;
        continue;
      }
      if (key.ctrl && input === 'c') return app.exit();
      markKey();
      if (chars.length === 1) return text(input, key);
      // One Esc of a double Esc: a key without text.
      if (chars[i] === '') {
        text('', key);
        i++;
        continue;
      }
      // Printable runs arrive whole (a paste is one call), the keys above one by one.
      let run = '';
      while (i < chars.length && !special(chars[i]!)) run += chars[i++];
      if (run) {
        text(run, key);
        continue;
      }
      const ev = special(chars[i]!)!;
      i++;
      if (ev.key.ctrl && ev.input === 'c') return app.exit();
      text(ev.key.ctrl ? ev.input : '', ev.key);
    }
  });

  function handleKey(input: string, key: Key) {
    const router = ctx.stores.router;
    const global = matchBinding(globalBindings, input, key);
    if (global?.action === 'quit') return app.exit();
    if (tooSmall) return;
    if (router.getState().helpOpen) {
      const b = matchBinding(helpBindings, input, key);
      if (b?.action === 'close') router.setState({ helpOpen: false });
      else if (b) scrollHelp(b.action);
      markKey();
      return;
    }
    const top = liveScreen();
    const mine = matchBinding(screenBindings(top, full), input, key);
    if (mine) top.onAction(mine.action, full);
    else if (global?.action === 'help') router.setState({ helpOpen: true, helpTop: 0 });
    else if (global?.action === 'back') pop(router);
    else if (global) runGlobalAction(global.action, full);
    markKey();
  }

  function scrollHelp(action: string) {
    const top = liveScreen();
    const level = ctx.stores.session.getState().experience;
    const all = [...screenBindings(top, full), ...globalBindings];
    const tip = helpTip(suggestionStore.getState().suggestion);
    const total = helpLines(top, level, all, columns, tip).length;
    const { helpTop } = ctx.stores.router.getState();
    const move = action as ScrollMove;
    ctx.stores.router.setState({
      helpTop: scroll(helpTop, move, total, helpRoom(heightRef.current)),
    });
  }

  if (tooSmall) return <TooSmall columns={columns} rows={rows} />;
  const width = columns;
  return (
    <Box flexDirection="column" width={width} height={rows - 1}>
      <Header ctx={full} screen={screen} width={width} />
      <Box flexDirection="column" height={bodyHeight} overflow="hidden">
        {helpOpen ? (
          <HelpOverlay
            ctx={full}
            screen={screen}
            bindings={bindings}
            height={bodyHeight}
            width={width}
          />
        ) : (
          <screen.View ctx={full} width={width} height={bodyHeight} />
        )}
      </Box>
      <Footer
        ctx={full}
        screen={screen}
        bindings={helpOpen ? helpFooter : bindings}
        width={width}
      />
    </Box>
  );
}
