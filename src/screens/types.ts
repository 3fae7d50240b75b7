import type { Key } from 'ink';
import type { ComponentType } from 'react';
import type { KeyBinding } from '../base/keys.js';
import type { ScreenId } from '../state/router.js';
import type { ExperienceLevel } from '../state/settings.js';
import type { ConsoleContext, Stores } from '../state/stores.js';

export type { Stores };

/** What a screen may use (state/stores.ts ConsoleContext). */
export type ScreenContext = ConsoleContext;

export interface ScreenViewProps {
  ctx: ScreenContext;
  width: number;
  height: number;
}

export interface ScreenDef {
  id: ScreenId;
  title: string;
  /** Keys as data; a function when they depend on state (e.g. the selected VM's state). */
  bindings: KeyBinding[] | ((ctx: ScreenContext) => KeyBinding[]);
  /** Help text by experience level: more words for beginners, terse for experts. */
  help: Record<ExperienceLevel, string>;
  /** The equivalent shell command of what the screen shows, for "show me the command". */
  command?: (ctx: ScreenContext) => string | undefined;
  onAction: (action: string, ctx: ScreenContext) => void;
  /** Called when the screen becomes active; may return a cleanup. */
  onEnter?: (ctx: ScreenContext) => (() => void) | undefined;
  View: ComponentType<ScreenViewProps>;
  /**
   * While a text field has focus, return its key handler: the dispatcher then sends
   * it every key (Esc included, so the field can blur itself) except Ctrl-C, and
   * no binding fires. Typed text arrives whole (a paste is one call).
   */
  textInput?: (ctx: ScreenContext) => ((input: string, key: Key) => void) | undefined;
  /**
   * When `bindings` depend on state App does not watch (e.g. the wizard's step):
   * subscribes App to it so the footer and help follow; returns the unsubscribe.
   */
  watch?: (ctx: ScreenContext, changed: () => void) => () => void;
}

export const screenBindings = (screen: ScreenDef, ctx: ScreenContext): KeyBinding[] =>
  typeof screen.bindings === 'function' ? screen.bindings(ctx) : screen.bindings;
