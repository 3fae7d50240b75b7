// The dialog open over a VM-area screen (at most one), and its glue to the one
// input dispatcher: text keys while a prompt is open, bindings otherwise.
import type { Key } from 'ink';
import { createStore } from 'zustand/vanilla';
import {
  type Dialog,
  dialogAction,
  dialogBindings,
  dialogText,
  takesText,
} from '../base/dialog.js';
import type { KeyBinding } from '../base/keys.js';

export interface DialogState {
  dialog: Dialog | undefined;
}

export function createDialogStore() {
  return createStore<DialogState>()(() => ({ dialog: undefined }));
}
export type DialogStore = ReturnType<typeof createDialogStore>;

export const openDialog = (store: DialogStore, dialog: Dialog) => store.setState({ dialog });
export const closeDialog = (store: DialogStore) => store.setState({ dialog: undefined });

/** The key handler while a text dialog is open, for ScreenDef.textInput. */
export function dialogTextInput(
  store: DialogStore,
): ((input: string, key: Key) => void) | undefined {
  const d = store.getState().dialog;
  if (!d || !takesText(d)) return undefined;
  return (input, key) => {
    const current = store.getState().dialog;
    if (!current) return;
    const step = dialogText(current, input, key);
    if (step.type === 'edit') store.setState({ dialog: step.dialog });
    else {
      store.setState({ dialog: undefined });
      step.run?.();
    }
  };
}

/** The open dialog's bindings, or undefined when none is open (use the screen's). */
export function openDialogBindings(store: DialogStore): KeyBinding[] | undefined {
  const d = store.getState().dialog;
  return d ? dialogBindings(d) : undefined;
}

/** Handles a `dialog:*` action; returns false when it was not one. */
export function handleDialogAction(store: DialogStore, action: string): boolean {
  if (!action.startsWith('dialog:')) return false;
  const d = store.getState().dialog;
  if (!d) return true;
  const step = dialogAction(d, action);
  store.setState({ dialog: step.dialog });
  step.run?.();
  return true;
}
