import { describe, expect, it, vi } from 'vitest';
import {
  chooseDialog,
  confirmDialog,
  type Dialog,
  dialogAction,
  dialogBindings,
  dialogText,
  promptDialog,
  typedDialog,
} from './dialog.js';
import { inkKey } from './key-fixture.js';

const k = inkKey;

function typeInto(d: Dialog, text: string): Dialog {
  const step = dialogText(d, text, k());
  if (step.type !== 'edit') throw new Error('closed');
  return step.dialog;
}

const name = 'Ana\'s "lab" VM — café';

describe('typed confirmation', () => {
  const make = (onConfirm = vi.fn()) =>
    typedDialog({
      title: 'Delete',
      lines: [],
      expected: name,
      option: { label: 'also delete storage', on: false },
      onConfirm,
    });

  it('confirms only on the exact name, passing the option', () => {
    const onConfirm = vi.fn();
    let d = make(onConfirm);
    d = typeInto(d, name);
    const tab = dialogText(d, '', k({ tab: true }));
    expect(tab.type).toBe('edit');
    if (tab.type === 'edit') d = tab.dialog;
    const step = dialogText(d, '', k({ return: true }));
    expect(step.type).toBe('close');
    if (step.type === 'close') step.run?.();
    expect(onConfirm).toHaveBeenCalledWith(true);
  });

  it.each([
    ['', 'Type the name'],
    [name.toLowerCase(), 'not the name'],
    [`${name} `, 'not the name'],
    ['Ana', 'not the name'],
  ])('refuses %j', (typed, says) => {
    const onConfirm = vi.fn();
    const d = typed ? typeInto(make(onConfirm), typed) : make(onConfirm);
    const step = dialogText(d, '', k({ return: true }));
    expect(step.type).toBe('edit');
    if (step.type === 'edit' && step.dialog.kind === 'typed')
      expect(step.dialog.error).toContain(says);
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it('Esc cancels without running anything', () => {
    const onConfirm = vi.fn();
    const step = dialogText(typeInto(make(onConfirm), name), '', k({ escape: true }));
    expect(step).toEqual({ type: 'close' });
  });
});

describe('prompt', () => {
  it('validates before submitting the trimmed value', () => {
    const onSubmit = vi.fn();
    let d = promptDialog({
      title: 'Clone',
      lines: [],
      label: 'New name',
      validate: (v) => (v === '' ? 'A name is needed.' : undefined),
      onSubmit,
    });
    let step = dialogText(d, '', k({ return: true }));
    expect(step.type === 'edit' && step.dialog.kind === 'prompt' && step.dialog.error).toBe(
      'A name is needed.',
    );
    d = typeInto(d, '  web-03 ');
    step = dialogText(d, '', k({ return: true }));
    if (step.type === 'close') step.run?.();
    expect(onSubmit).toHaveBeenCalledWith('web-03');
  });
});

describe('confirm and choose', () => {
  it('confirm runs onYes on y/Enter only', () => {
    const onYes = vi.fn();
    const d = confirmDialog({ title: 'Force off?', lines: [], yes: 'force off', onYes });
    expect(dialogBindings(d).map((b) => b.action)).toEqual(['dialog:yes', 'dialog:cancel']);
    expect(dialogAction(d, 'dialog:cancel')).toEqual({ dialog: undefined });
    const step = dialogAction(d, 'dialog:yes');
    step.run?.();
    expect(onYes).toHaveBeenCalled();
  });

  it('choose skips to the first enabled option and refuses disabled ones', () => {
    const onChoose = vi.fn();
    let d = chooseDialog({
      title: 'Migrate to',
      lines: [],
      options: [
        { label: 'demo', value: 'demo', disabled: 'this is the current host' },
        { label: 'b', value: 'b' },
      ],
      onChoose,
    });
    expect(d.kind === 'choose' && d.list.cursor).toBe(1);
    d = dialogAction(d, 'dialog:up').dialog!;
    const refused = dialogAction(d, 'dialog:choose');
    expect(refused.dialog?.kind === 'choose' && refused.dialog.error).toContain('current host');
    d = dialogAction(d, 'dialog:down').dialog!;
    dialogAction(d, 'dialog:choose').run?.();
    expect(onChoose).toHaveBeenCalledWith('b');
  });
});
