// Which actions the detail screen offers for a VM in a given state (pure), with
// their keys. The footer shows the first few; the body lists them all.
import type { DomainState } from '../../adapters/hypervisor.js';
import type { KeyBinding } from '../../base/keys.js';

export type DetailAction =
  | 'start'
  | 'restore'
  | 'shutdown'
  | 'reboot'
  | 'destroy'
  | 'pause'
  | 'resume'
  | 'save'
  | 'autostart'
  | 'console'
  | 'clone'
  | 'delete'
  | 'snapshots'
  | 'backup'
  | 'restoreBackup'
  | 'migrate';

interface ActionDef {
  key: string;
  label: string;
  help: string;
  when: (s: DomainState, f: { managedSave: boolean; autostart: boolean }) => boolean;
}

const on =
  (...states: DomainState[]) =>
  (s: DomainState) =>
    states.includes(s);
const off = on('shut off', 'crashed', 'no state');
const active = on('running', 'paused', 'blocked', 'shutting down', 'suspended');

export const actionDefs: Record<DetailAction, ActionDef> = {
  start: {
    key: 's',
    label: 'start',
    help: 'Switch the VM on.',
    when: (s, f) => off(s) && !f.managedSave,
  },
  restore: {
    key: 's',
    label: 'restore',
    help: 'Start the VM from its saved state (memory included), where it was saved.',
    when: (s, f) => off(s) && f.managedSave,
  },
  shutdown: {
    key: 'd',
    label: 'shut down',
    help: 'Ask the guest OS to shut down cleanly (ACPI); the guest decides when.',
    when: on('running', 'blocked'),
  },
  reboot: {
    key: 'R',
    label: 'reboot',
    help: 'Ask the guest OS to restart.',
    when: on('running', 'blocked'),
  },
  destroy: {
    key: 'F',
    label: 'force off',
    help: 'Stop it at once, like pulling the power cord: unsaved data in the guest is lost. Asks first.',
    when: active,
  },
  pause: {
    key: 'p',
    label: 'pause',
    help: 'Freeze the VM in memory; it uses no CPU until resumed.',
    when: on('running', 'blocked'),
  },
  resume: {
    key: 'p',
    label: 'resume',
    help: 'Let a paused VM run again.',
    when: on('paused', 'suspended'),
  },
  save: {
    key: 'w',
    label: 'save & stop',
    help: "Write the VM's memory to disk and stop it; the next start resumes where it was.",
    when: on('running', 'paused', 'blocked'),
  },
  console: {
    key: 'c',
    label: 'console',
    help: "Open the VM's text console (virsh console); Ctrl-] comes back to hv.",
    when: on('running', 'paused', 'blocked'),
  },
  autostart: {
    key: 'a',
    label: 'autostart',
    help: 'Turn on or off starting this VM when the host boots.',
    when: () => true,
  },
  snapshots: {
    key: 'S',
    label: 'snapshots',
    help: 'Snapshots of this VM as a tree: create, revert, delete.',
    when: () => true,
  },
  clone: {
    key: 'C',
    label: 'clone',
    help: 'Copy this VM (and its disks) under a new name. The VM must be shut off or paused.',
    when: on('shut off', 'paused', 'crashed'),
  },
  backup: {
    key: 'b',
    label: 'backup',
    help: 'Copy its definition and disks to a folder, kept consistent while it runs where libvirt can.',
    when: () => true,
  },
  restoreBackup: {
    key: 'B',
    label: 'restore backup',
    help: 'Define a VM again from a backup folder (under its own or a new name).',
    when: () => true,
  },
  migrate: {
    key: 'm',
    label: 'migrate',
    help: 'Move this VM to another saved host (live when it runs).',
    when: () => true,
  },
  delete: {
    key: 'D',
    label: 'delete',
    help: "Remove this VM's definition, optionally with its disks. You type its name to confirm.",
    when: off,
  },
};

/** Footer order: what one most likely wants in this state first. */
const order: DetailAction[] = [
  'start',
  'restore',
  'resume',
  'shutdown',
  'console',
  'destroy',
  'pause',
  'reboot',
  'save',
  'autostart',
  'snapshots',
  'clone',
  'backup',
  'restoreBackup',
  'migrate',
  'delete',
];

export function availableActions(
  state: DomainState,
  flags: { managedSave: boolean; autostart: boolean },
): DetailAction[] {
  return order.filter((a) => actionDefs[a].when(state, flags));
}

/** The actions as bindings; the first `hints` show in the footer. */
export function actionBindings(actions: readonly DetailAction[], hints = 3): KeyBinding[] {
  return actions.map((a, i) => ({
    action: `vm:${a}`,
    keys: [actionDefs[a].key],
    label: a === 'autostart' ? 'autostart on/off' : actionDefs[a].label,
    hint: i < hints,
    help: actionDefs[a].help,
  }));
}
