// Bulk actions on the list: start / shut down / force off the selected VMs (or
// the one under the cursor when none is selected), with a summary of results.
import type { DomainState } from '../../adapters/hypervisor.js';
import { confirmDialog } from '../../base/dialog.js';
import type { KeyBinding } from '../../base/keys.js';
import type { LiveVm } from '../../state/vm-view.js';
import { cursorVm, selectedVms, setStatus } from '../../state/vms.js';
import type { ScreenContext } from '../types.js';
import { type BulkOutcome, runBulk, runOp } from './ops.js';
import { specs } from './specs.js';

export const bulkBindings: KeyBinding[] = [
  {
    action: 'bulk:start',
    keys: ['s'],
    label: 'start',
    hint: true,
    help: 'Start the selected VMs (or the one under the cursor).',
  },
  {
    action: 'bulk:shutdown',
    keys: ['d'],
    label: 'shut down',
    help: 'Ask the selected VMs (or the one under the cursor) to shut down.',
  },
  {
    action: 'bulk:destroy',
    keys: ['F'],
    label: 'force off',
    help: 'Force off the selected VMs (or the one under the cursor): like pulling the plug. Asks first.',
  },
];

export type BulkKind = 'start' | 'shutdown' | 'destroy';
type Kind = BulkKind;

const texts: Record<
  Kind,
  {
    busy: string;
    verb: string;
    done: string;
    one: (n: string) => string;
    oneDone: (n: string) => string;
  }
> = {
  start: {
    busy: 'Starting',
    verb: 'Started',
    done: 'started',
    one: (n) => `Starting ${n}…`,
    oneDone: (n) => `${n} started.`,
  },
  shutdown: {
    busy: 'Asking to shut down',
    verb: 'Asked to shut down',
    done: 'asked to shut down',
    one: (n) => `Asking ${n} to shut down…`,
    oneDone: (n) => `${n} was asked to shut down; the guest decides when.`,
  },
  destroy: {
    busy: 'Forcing off',
    verb: 'Forced off',
    done: 'forced off',
    one: (n) => `Forcing off ${n}…`,
    oneDone: (n) => `${n} was forced off.`,
  },
};

const isOff = (s: DomainState) => s === 'shut off' || s === 'crashed' || s === 'no state';

/** Why the action does not apply to a VM in this state, or undefined when it does. */
export function skipReason(kind: Kind, state: DomainState): string | undefined {
  switch (kind) {
    case 'start':
      if (isOff(state)) return undefined;
      if (state === 'paused' || state === 'suspended')
        return 'paused (p in its details resumes it)';
      return `already ${state}`;
    case 'shutdown':
      if (state === 'running' || state === 'blocked') return undefined;
      if (isOff(state)) return 'already off';
      if (state === 'paused' || state === 'suspended') return 'paused: a paused guest cannot react';
      return `${state}`;
    case 'destroy':
      return isOff(state) ? 'already off' : undefined;
  }
}

/** Splits the chosen VMs into those the action applies to and those left alone. */
export function bulkPlan(kind: Kind, chosen: readonly Pick<LiveVm, 'name' | 'state'>[]) {
  const targets: string[] = [];
  const skipped: BulkOutcome[] = [];
  for (const vm of chosen) {
    const why = skipReason(kind, vm.state);
    if (why) skipped.push({ name: vm.name, ok: false, skipped: true, message: `skipped, ${why}` });
    else targets.push(vm.name);
  }
  return { targets, skipped };
}

/** At most `max` lines naming VMs, then how many more. */
function someNames(names: readonly string[], max: number): string[] {
  if (names.length <= max) return names.map((n) => `  ${n}`);
  return [
    ...names.slice(0, max - 1).map((n) => `  ${n}`),
    `  … and ${names.length - max + 1} more`,
  ];
}

function run(ctx: ScreenContext, kind: Kind) {
  const s = ctx.stores.vms.getState();
  const chosen =
    s.selected.size > 0 ? selectedVms(s) : [cursorVm(s)].flatMap((v) => (v ? [v] : []));
  if (chosen.length === 0) return;
  const spec = specs[kind];
  const t = texts[kind];
  const { targets, skipped } = bulkPlan(kind, chosen);
  if (chosen.length === 1) {
    const vm = chosen[0]!;
    const why = skipReason(kind, vm.state);
    if (why) {
      setStatus(ctx.stores.vms, { kind: 'info', message: `${vm.name}: nothing to do, ${why}.` });
      return;
    }
  }
  const go = () => {
    if (chosen.length === 1) {
      const vm = chosen[0]!;
      void runOp(
        ctx,
        spec,
        { name: vm.name },
        { busy: t.one(vm.name), ok: () => t.oneDone(vm.name) },
      );
    } else {
      void runBulk(
        ctx,
        spec,
        targets.map((name) => ({ name, input: { name } })),
        t,
        skipped,
      ).then(() => ctx.stores.vms.setState({ selected: new Set() }));
    }
  };
  // Starting is harmless, and so is asking one guest to shut down; nothing to
  // confirm either when every chosen VM is left alone (the summary says why).
  if (kind === 'start' || (kind === 'shutdown' && chosen.length === 1) || targets.length === 0) {
    return go();
  }
  const n = targets.length;
  const what = n === 1 ? targets[0]! : `${n} VMs`;
  ctx.stores.vmArea.dialog.setState({
    dialog: confirmDialog({
      title: kind === 'destroy' ? `Force off ${what}?` : `Shut down ${what}?`,
      lines: [
        kind === 'destroy'
          ? 'Like pulling the power cord: whatever the guests had not written to disk is lost.'
          : 'Each guest is asked to shut down (ACPI); it decides when.',
        ...someNames(targets, 10),
        ...(skipped.length > 0
          ? [
              `${skipped.length} other selected VM(s) are left alone (${skipped[0]!.message.replace('skipped, ', '')}${skipped.length > 1 ? ', …' : ''}).`,
            ]
          : []),
      ],
      yes: kind === 'destroy' ? 'force off' : 'shut down',
      onYes: go,
    }),
  });
}

export const bulkActions = new Map<string, (ctx: ScreenContext) => void>([
  ['bulk:start', (ctx) => run(ctx, 'start')],
  ['bulk:shutdown', (ctx) => run(ctx, 'shutdown')],
  ['bulk:destroy', (ctx) => run(ctx, 'destroy')],
]);
