// Bulk actions on the list: start / shut down / force off the selected VMs (or
// the one under the cursor when none is selected), with a summary of results.
import { cursorVm, selectedVms } from '../../state/vms.js';
import { confirmDialog } from '../../ui/dialog.js';
import type { KeyBinding } from '../keys.js';
import type { ScreenContext } from '../types.js';
import { runBulk, runOp } from './ops.js';
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

type Kind = 'start' | 'shutdown' | 'destroy';

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

function run(ctx: ScreenContext, kind: Kind) {
  const s = ctx.stores.vms.getState();
  const chosen =
    s.selected.size > 0 ? selectedVms(s) : [cursorVm(s)].flatMap((v) => (v ? [v] : []));
  if (chosen.length === 0) return;
  const spec = specs[kind];
  const t = texts[kind];
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
        chosen.map((v) => ({ name: v.name, input: { name: v.name } })),
        t,
      ).then(() => ctx.stores.vms.setState({ selected: new Set() }));
    }
  };
  if (kind === 'start' || (kind === 'shutdown' && chosen.length === 1)) return go();
  const names = chosen.map((v) => `  ${v.name} (${v.state})`);
  ctx.stores.vmArea.dialog.setState({
    dialog: confirmDialog({
      title:
        kind === 'destroy'
          ? `Force off ${chosen.length === 1 ? chosen[0]!.name : `${chosen.length} VMs`}?`
          : `Shut down ${chosen.length} VMs?`,
      lines: [
        kind === 'destroy'
          ? 'Like pulling the power cord: whatever the guests had not written to disk is lost.'
          : 'Each guest is asked to shut down (ACPI); it decides when.',
        ...names,
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
