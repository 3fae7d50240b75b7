import { Box, Text } from 'ink';
import { useStore } from 'zustand';
import type { SnapshotNode } from '../../adapters/hypervisor.js';
import { confirmDialog, promptDialog } from '../../base/dialog.js';
import { listBindings } from '../../base/keys.js';
import type { ListMove } from '../../base/list.js';
import { padWidth, truncateWidth } from '../../base/width.js';
import {
  flatSnapshots,
  loadSnapshots,
  moveSnapshotCursor,
  resetDetail,
} from '../../state/vm-detail.js';
import {
  dialogTextInput,
  handleDialogAction,
  openDialog,
  openDialogBindings,
} from '../../state/vm-dialog.js';
import { detailVm } from '../../state/vms.js';
import { DialogView } from '../../ui/DialogView.js';
import { SlicedList } from '../../ui/SlicedList.js';
import type { ScreenContext, ScreenDef, ScreenViewProps } from '../types.js';
import { liveFeed, runOp, watchScreen } from './ops.js';
import { bannerRows, ConnectionBanner, StatusBar, statusRows } from './parts.js';
import { specs } from './specs.js';

/** Tree drawing for one row: "│ ├─ name" from the node's depth and siblings. */
export function treePrefix(flat: readonly SnapshotNode[], i: number): string {
  const n = flat[i];
  if (!n || n.depth === 0) return '';
  // Is this the last child of its parent? Look ahead for a sibling at the same depth.
  const lastAt = (idx: number, depth: number) => {
    for (let j = idx + 1; j < flat.length; j++) {
      const d = flat[j]!.depth;
      if (d < depth) return true;
      if (d === depth) return false;
    }
    return true;
  };
  let prefix = '';
  // Ancestors' columns: a bar while that ancestor has siblings still to come.
  const ancestors: number[] = [];
  for (let j = i - 1, want = n.depth - 1; j >= 0 && want >= 1; j--) {
    if (flat[j]!.depth === want) {
      ancestors.unshift(j);
      want--;
    }
  }
  for (const a of ancestors) prefix += lastAt(a, flat[a]!.depth) ? '   ' : '│  ';
  return `${prefix}${lastAt(i, n.depth) ? '└─ ' : '├─ '}`;
}

/** Rows the tree gets: the body minus title, heading, banner and status. */
const listHeight = (ctx: ScreenContext, height = ctx.bodyHeight()) =>
  Math.max(1, height - 2 - bannerRows(ctx) - statusRows(ctx.stores.vms.getState().status));

function SnapshotsView({ ctx, width, height }: ScreenViewProps) {
  const vms = useStore(ctx.stores.vms);
  const d = useStore(ctx.stores.vmArea.detail);
  const dialog = useStore(ctx.stores.vmArea.dialog, (s) => s.dialog);
  if (dialog) return <DialogView dialog={dialog} width={width} height={height} />;
  const vm = detailVm(vms);
  const flat = flatSnapshots(d);
  const rows = listHeight(ctx, height);
  const title = `Snapshots of ${vm?.name ?? vms.detail?.name ?? '?'}`;
  const empty = !d.snapshotsLoaded
    ? 'Loading snapshots…'
    : d.snapshotsError
      ? `✕ ${d.snapshotsError.message}`
      : flat.length === 0
        ? 'No snapshots yet. n takes one now.'
        : undefined;
  return (
    <Box flexDirection="column" height={height}>
      <Text bold>{truncateWidth(title, width)}</Text>
      <ConnectionBanner ctx={ctx} width={width} />
      <Text bold>
        {'  '}
        {padWidth('NAME', width - 2 - 36)}
        {padWidth('TAKEN', 20)}
        {padWidth('STATE', 16)}
      </Text>
      {empty ? (
        <Box height={rows}>
          <Text>{truncateWidth(empty, width)}</Text>
        </Box>
      ) : (
        <SlicedList
          items={flat}
          state={d.snapList}
          height={rows}
          rowKey={(s) => s.name}
          row={(s, _sel, i) => (
            <Text>
              {padWidth(
                `${treePrefix(flat, i)}${s.name}${s.current ? ' ← current' : ''}`,
                width - 2 - 36,
              )}
              {padWidth(s.createdAt.replace('T', ' ').slice(0, 19), 20)}
              {padWidth(s.state, 16)}
            </Text>
          )}
        />
      )}
      <StatusBar
        status={vms.status}
        fallback={
          flat[d.snapList.cursor]?.description
            ? `“${flat[d.snapList.cursor]!.description}”`
            : 'n take a snapshot · Enter revert to it · D delete it'
        }
        width={width}
      />
    </Box>
  );
}

function reload(ctx: ScreenContext) {
  const sel = ctx.stores.vms.getState().detail;
  const hv = ctx.hypervisor();
  if (sel && hv) void loadSnapshots(ctx.stores.vmArea.detail, hv, sel.uuid || sel.name);
}

function current(ctx: ScreenContext) {
  const d = ctx.stores.vmArea.detail.getState();
  return flatSnapshots(d)[d.snapList.cursor];
}

export const vmSnapshotsScreen: ScreenDef = {
  id: 'vm-snapshots',
  title: 'Snapshots',
  watch: watchScreen(() => vmSnapshotsScreen),
  bindings: (ctx) =>
    openDialogBindings(ctx.stores.vmArea.dialog) ?? [
      ...listBindings,
      {
        action: 'create',
        keys: ['n'],
        label: 'new snapshot',
        hint: true,
        help: 'Take a snapshot now (you name it).',
      },
      {
        action: 'revert',
        keys: ['enter'],
        label: 'revert',
        hint: true,
        help: 'Put the VM back to the selected snapshot. Asks first: changes since then are lost.',
      },
      {
        action: 'delete',
        keys: ['D'],
        label: 'delete',
        hint: true,
        help: 'Delete the selected snapshot (its children are kept). Asks first.',
      },
      { action: 'refresh', keys: ['r'], label: 'refresh', help: 'Reload the list.' },
    ],
  help: {
    beginner:
      'A snapshot records a VM as it was at one moment, so you can go back to it later (revert). Snapshots taken after reverting branch off, which is why they are drawn as a tree. "current" marks the snapshot the VM was last reverted to or taken from.',
    intermediate: 'Snapshot tree of the domain: n create, Enter revert, D delete (children kept).',
    expert: 'snapshot-list --tree; n create, Enter revert, D delete.',
  },
  command: (ctx) => {
    const s = ctx.stores.vms.getState();
    if (s.status?.command) return s.status.command;
    const uri = ctx.hypervisor()?.uri;
    const name = s.detail?.name;
    const q = (x: string) => `'${x.replace(/'/g, `'\\''`)}'`;
    return uri && name ? `virsh -c ${q(uri)} snapshot-list --tree ${q(name)}` : undefined;
  },
  onEnter(ctx) {
    const sel = ctx.stores.vms.getState().detail;
    if (sel) resetDetail(ctx.stores.vmArea.detail, sel.uuid);
    void liveFeed(ctx);
    reload(ctx);
    return undefined;
  },
  textInput: (ctx) => dialogTextInput(ctx.stores.vmArea.dialog),
  onAction(action, ctx) {
    if (handleDialogAction(ctx.stores.vmArea.dialog, action)) return;
    const vm = detailVm(ctx.stores.vms.getState());
    const dialog = ctx.stores.vmArea.dialog;
    const after = () => reload(ctx);
    switch (action) {
      case 'refresh':
        return reload(ctx);
      case 'create': {
        if (!vm) return;
        const taken = flatSnapshots(ctx.stores.vmArea.detail.getState()).map((s) => s.name);
        const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
        openDialog(
          dialog,
          promptDialog({
            title: `New snapshot of ${vm.name}`,
            lines: [
              vm.state === 'running'
                ? 'It keeps running; its memory is saved with the snapshot.'
                : 'Its disks are recorded as they are now.',
            ],
            label: 'Snapshot name',
            value: `snap-${stamp}`,
            validate: (v) =>
              v === ''
                ? 'A name is needed.'
                : taken.includes(v)
                  ? `There is already a snapshot named "${v}".`
                  : /[/]/.test(v)
                    ? 'A snapshot name cannot contain "/".'
                    : undefined,
            onSubmit: (snapshot) =>
              void runOp(
                ctx,
                specs.snapshotCreate,
                { name: vm.name, snapshot },
                {
                  busy: `Taking snapshot ${snapshot} of ${vm.name}…`,
                  ok: (s) => `Snapshot ${s.name} taken.`,
                },
              ).then(after),
          }),
        );
        return;
      }
      case 'revert': {
        const snap = current(ctx);
        if (!vm || !snap) return;
        openDialog(
          dialog,
          confirmDialog({
            title: `Revert ${vm.name} to ${snap.name}?`,
            lines: [
              `${vm.name} goes back to how it was on ${snap.createdAt.replace('T', ' ').slice(0, 19)} (${snap.state}).`,
              'Everything that changed in it since then is lost, unless another snapshot has it.',
            ],
            yes: 'revert',
            onYes: () =>
              void runOp(
                ctx,
                specs.snapshotRevert,
                { name: vm.name, snapshot: snap.name },
                {
                  busy: `Reverting ${vm.name} to ${snap.name}…`,
                  ok: () => `${vm.name} is back at ${snap.name}.`,
                },
              ).then(after),
          }),
        );
        return;
      }
      case 'delete': {
        const snap = current(ctx);
        if (!vm || !snap) return;
        openDialog(
          dialog,
          confirmDialog({
            title: `Delete snapshot ${snap.name}?`,
            lines: [
              'You can no longer revert to it.',
              snap.children.length > 0
                ? `${snap.children.length === 1 ? 'Its child snapshot is' : `Its ${snap.children.length} child snapshots are`} kept and attached to its parent.`
                : 'It has no child snapshots.',
            ],
            yes: 'delete',
            onYes: () =>
              void runOp(
                ctx,
                specs.snapshotDelete,
                { name: vm.name, snapshot: snap.name },
                {
                  busy: `Deleting snapshot ${snap.name}…`,
                  ok: () => `Snapshot ${snap.name} deleted.`,
                },
              ).then(after),
          }),
        );
        return;
      }
    }
    moveSnapshotCursor(ctx.stores.vmArea.detail, action as ListMove, listHeight(ctx));
  },
  View: SnapshotsView,
};
