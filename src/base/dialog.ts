// Dialogs as data, with pure key handling: a yes/no confirmation, a text prompt,
// a typed-name confirmation (destructive actions) and a choice from a list. The
// screen keeps the open dialog in a store; the one dispatcher in App.tsx sends
// text keys to `dialogText` and other keys to `dialogBindings`' actions.
import type { Key } from 'ink';
import type { KeyBinding } from './keys.js';
import { initialList, type ListMove, type ListState, moveList } from './list.js';
import { editText, type TextFieldState, textField } from './text-field.js';

export interface ChoiceOption {
  label: string;
  value: string;
  /** Why it cannot be chosen (shown beside it), when it cannot. */
  disabled?: string | undefined;
}

interface Base {
  title: string;
  /** What will happen, line by line (already plain text). */
  lines: string[];
}

export type Dialog =
  | (Base & { kind: 'confirm'; yes: string; onYes: () => void })
  | (Base & {
      kind: 'prompt';
      label: string;
      field: TextFieldState;
      validate?: (value: string) => string | undefined;
      error?: string | undefined;
      onSubmit: (value: string) => void;
    })
  | (Base & {
      kind: 'typed';
      /** The exact text to type: the object's name. */
      expected: string;
      field: TextFieldState;
      /** An option toggled with Tab, e.g. "also delete its storage". */
      option?: { label: string; on: boolean } | undefined;
      error?: string | undefined;
      onConfirm: (option: boolean) => void;
    })
  | (Base & {
      kind: 'choose';
      options: ChoiceOption[];
      list: ListState;
      error?: string | undefined;
      onChoose: (value: string) => void;
    });

export const confirmDialog = (d: Omit<Extract<Dialog, { kind: 'confirm' }>, 'kind'>): Dialog => ({
  kind: 'confirm',
  ...d,
});

export const promptDialog = (
  d: Omit<Extract<Dialog, { kind: 'prompt' }>, 'kind' | 'field'> & { value?: string },
): Dialog => ({ kind: 'prompt', ...d, field: textField(d.value ?? '') });

export const typedDialog = (
  d: Omit<Extract<Dialog, { kind: 'typed' }>, 'kind' | 'field'>,
): Dialog => ({ kind: 'typed', ...d, field: textField('') });

export const chooseDialog = (
  d: Omit<Extract<Dialog, { kind: 'choose' }>, 'kind' | 'list'>,
): Dialog => {
  const first = d.options.findIndex((o) => !o.disabled);
  return { kind: 'choose', ...d, list: { ...initialList, cursor: Math.max(0, first) } };
};

/** What a key did to a text dialog: the new dialog, or closed (with the callback to run). */
export type TextStep =
  | { type: 'edit'; dialog: Dialog }
  | { type: 'close'; run?: (() => void) | undefined };

/** Keys for a prompt or typed confirmation (all keys go here while it is open). */
export function dialogText(d: Dialog, input: string, key: Key): TextStep {
  if (d.kind === 'typed' && key.tab && d.option) {
    return { type: 'edit', dialog: { ...d, option: { ...d.option, on: !d.option.on } } };
  }
  if (d.kind !== 'prompt' && d.kind !== 'typed') return { type: 'edit', dialog: d };
  const { state, outcome } = editText(d.field, input, key, 512);
  if (outcome === 'cancel') return { type: 'close' };
  if (outcome === 'edit') return { type: 'edit', dialog: { ...d, field: state, error: undefined } };
  // submit
  const value = state.value;
  if (d.kind === 'prompt') {
    const problem = d.validate?.(value.trim());
    if (problem) return { type: 'edit', dialog: { ...d, error: problem } };
    return { type: 'close', run: () => d.onSubmit(value.trim()) };
  }
  // Typed confirmation: exactly the name, nothing trimmed or case-folded.
  if (value !== d.expected) {
    return {
      type: 'edit',
      dialog: {
        ...d,
        error:
          value === '' ? 'Type the name to confirm.' : 'That is not the name; nothing was done.',
      },
    };
  }
  const on = d.option?.on ?? false;
  return { type: 'close', run: () => d.onConfirm(on) };
}

/** True when the dialog takes typed text (the dispatcher gives it every key). */
export const takesText = (d: Dialog | undefined) => d?.kind === 'prompt' || d?.kind === 'typed';

/** Bindings while a confirm or choose dialog is open (they shadow the screen's own). */
export function dialogBindings(d: Dialog): KeyBinding[] {
  const cancel: KeyBinding = {
    action: 'dialog:cancel',
    keys: ['escape', 'n'],
    label: 'cancel',
    hint: true,
    help: 'Close without doing anything.',
  };
  if (d.kind === 'confirm') {
    return [
      {
        action: 'dialog:yes',
        keys: ['y', 'enter'],
        label: d.yes,
        hint: true,
        help: 'Go ahead.',
      },
      cancel,
    ];
  }
  if (d.kind === 'choose') {
    return [
      { action: 'dialog:up', keys: ['up', 'k'], label: 'move', help: 'Move up.' },
      { action: 'dialog:down', keys: ['down', 'j'], label: 'move', hint: true, help: 'Move down.' },
      { action: 'dialog:choose', keys: ['enter'], label: 'choose', hint: true, help: 'Choose.' },
      { ...cancel, keys: ['escape'] },
    ];
  }
  // Text dialogs get every key (ScreenDef.textInput); these only show in the
  // footer and help what those keys do.
  const typing: KeyBinding[] = [
    {
      action: 'dialog:text',
      keys: ['enter'],
      label: d.kind === 'typed' ? 'confirm' : 'OK',
      hint: true,
      help: d.kind === 'typed' ? 'Confirm once the name is typed exactly.' : 'Accept the value.',
    },
    {
      action: 'dialog:text',
      keys: ['escape'],
      label: 'cancel',
      hint: true,
      help: 'Close without doing anything.',
    },
  ];
  if (d.kind === 'typed' && d.option) {
    typing.splice(1, 0, {
      action: 'dialog:text',
      keys: ['tab'],
      label: 'toggle option',
      hint: true,
      help: d.option.label,
    });
  }
  return typing;
}

export type ActionStep = { dialog: Dialog | undefined; run?: (() => void) | undefined };

/** Applies a dialog binding's action. */
export function dialogAction(d: Dialog, action: string): ActionStep {
  if (action === 'dialog:cancel') return { dialog: undefined };
  if (d.kind === 'confirm' && action === 'dialog:yes') return { dialog: undefined, run: d.onYes };
  if (d.kind === 'choose') {
    if (action === 'dialog:up' || action === 'dialog:down') {
      const move: ListMove = action === 'dialog:up' ? 'up' : 'down';
      const h = Math.max(1, d.options.length);
      return { dialog: { ...d, list: moveList(d.list, move, d.options.length, h) } };
    }
    if (action === 'dialog:choose') {
      const o = d.options[d.list.cursor];
      if (!o) return { dialog: d };
      if (o.disabled) return { dialog: { ...d, error: `${o.label}: ${o.disabled}` } };
      return { dialog: undefined, run: () => d.onChoose(o.value) };
    }
  }
  return { dialog: d };
}
