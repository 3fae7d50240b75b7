// Networks and storage pools of the current host: list, start/stop, autostart,
// and for pools how full they are. Both are one screen made from a description
// (columns, operations, texts), so they cannot drift apart.
import { Box, Text } from 'ink';
import { useStore } from 'zustand';
import type { NetworkInfo, PoolInfo } from '../../adapters/hypervisor.js';
import { confirmDialog } from '../../base/dialog.js';
import { count, formatBytes } from '../../base/format.js';
import type { KeyBinding } from '../../base/keys.js';
import { listBindings } from '../../base/keys.js';
import type { ListMove } from '../../base/list.js';
import { padWidth, truncateWidth } from '../../base/width.js';
import type { OperationSpec } from '../../operations/types.js';
import {
  dialogTextInput,
  handleDialogAction,
  openDialog,
  openDialogBindings,
} from '../../state/vm-dialog.js';
import {
  type InfraItem,
  type InfraKind,
  loadInfra,
  moveInfraCursor,
  poolUsage,
  usageBar,
} from '../../state/vm-infra.js';
import { DialogView } from '../../ui/DialogView.js';
import { SlicedList } from '../../ui/SlicedList.js';
import type { ScreenContext, ScreenDef, ScreenViewProps } from '../types.js';
import { liveFeed, runOp, watchScreen } from './ops.js';
import { bannerRows, ConnectionBanner, StatusBar, statusRows } from './parts.js';
import { specs } from './specs.js';

const POLL_MS = 5000;

interface Column<T> {
  title: string;
  width: number;
  text: (item: T) => string;
  color?: (item: T) => string | undefined;
}

/** What differs between the networks and the pools screen. */
interface InfraDef<K extends InfraKind> {
  id: string;
  title: string;
  kind: K;
  /** "network", "pool": in help texts. */
  noun: string;
  /** "Network", "Pool": at the start of status messages. */
  Noun: string;
  summary: (total: number, active: number) => string;
  loading: string;
  /** Columns after the name (the name takes the rest of the width). */
  columns: Column<InfraItem<K>>[];
  /** A dim line about the selected item under the list, if any. */
  detail?: (item: InfraItem<K>) => string;
  /** The status line when no action ran yet. */
  idle: (item: InfraItem<K> | undefined) => string;
  ops: {
    start: OperationSpec<{ name: string }, unknown>;
    stop: OperationSpec<{ name: string }, unknown>;
    autostart: OperationSpec<{ name: string; on: boolean }, unknown>;
  };
  /** Why stopping needs a confirmation. */
  stopLines: string[];
  help: ScreenDef['help'];
  /** virsh's listing, for "show me the command". */
  listArgs: string;
}

const activeText = (on: boolean) => (on ? '▶ active' : '■ inactive');
const stateColumn = <T extends { active: boolean }>(): Column<T> => ({
  title: 'STATE',
  width: 12,
  text: (i) => activeText(i.active),
  color: (i) => (i.active ? 'green' : undefined),
});

/** Rows the list gets: the body minus summary, heading, detail, banner and status. */
function listRows<K extends InfraKind>(def: InfraDef<K>, ctx: ScreenContext, height: number) {
  const status = ctx.stores.vms.getState().status;
  return Math.max(1, height - 2 - (def.detail ? 1 : 0) - bannerRows(ctx) - statusRows(status));
}

function infraView<K extends InfraKind>(def: InfraDef<K>) {
  return function InfraView({ ctx, width, height }: ScreenViewProps) {
    const vms = useStore(ctx.stores.vms);
    const dialog = useStore(ctx.stores.vmArea.dialog, (s) => s.dialog);
    const s = useStore(ctx.stores.vmArea.infra, (st) => st[def.kind]);
    if (dialog) return <DialogView dialog={dialog} width={width} height={height} />;
    const items = s.items as InfraItem<K>[];
    const rows = listRows(def, ctx, height);
    const nameW = Math.max(12, width - 2 - def.columns.reduce((n, c) => n + c.width, 0));
    const sel = items[s.list.cursor];
    return (
      <Box flexDirection="column" height={height}>
        <Text>
          {truncateWidth(
            s.loaded
              ? def.summary(items.length, items.filter((i) => i.active).length)
              : def.loading,
            width,
          )}
        </Text>
        <ConnectionBanner ctx={ctx} width={width} />
        <Text bold>
          {'  '}
          {padWidth('NAME', nameW)}
          {def.columns.map((c) => padWidth(c.title, c.width)).join('')}
        </Text>
        {s.error ? (
          <Box height={rows} flexDirection="column">
            <Text color="red">{truncateWidth(`✕ ${s.error.message}`, width)}</Text>
            {s.error.fix ? <Text>{truncateWidth(`  fix: ${s.error.fix}`, width)}</Text> : null}
          </Box>
        ) : (
          <SlicedList
            items={items}
            state={s.list}
            height={rows}
            rowKey={(i) => i.name}
            row={(i: InfraItem<K>) => (
              <Text>
                {padWidth(i.name, nameW)}
                {def.columns.map((c) => (
                  <Text key={c.title} color={c.color?.(i)}>
                    {padWidth(c.text(i), c.width)}
                  </Text>
                ))}
              </Text>
            )}
          />
        )}
        {def.detail ? (
          <Text dimColor>{truncateWidth(sel ? def.detail(sel) : ' ', width)}</Text>
        ) : null}
        <StatusBar status={vms.status} fallback={def.idle(sel)} width={width} />
      </Box>
    );
  };
}

function infraBindings(noun: string): KeyBinding[] {
  return [
    ...listBindings,
    {
      action: 'start',
      keys: ['s'],
      label: 'start',
      hint: true,
      help: `Start the selected ${noun}.`,
    },
    {
      action: 'stop',
      keys: ['d'],
      label: 'stop',
      hint: true,
      help: `Stop the selected ${noun}. Asks first.`,
    },
    {
      action: 'autostart',
      keys: ['a'],
      label: 'autostart on/off',
      hint: true,
      help: `Start the ${noun} when the host boots, or not.`,
    },
    { action: 'refresh', keys: ['r'], label: 'refresh', help: 'Reload the list now.' },
  ];
}

function infraScreen<K extends InfraKind>(def: InfraDef<K>): ScreenDef {
  const load = (ctx: ScreenContext) => () => {
    const hv = ctx.hypervisor();
    if (hv) void loadInfra(ctx.stores.vmArea.infra, def.kind, hv);
  };
  const screen: ScreenDef = {
    id: def.id,
    title: def.title,
    watch: watchScreen(() => screen),
    bindings: (ctx) => openDialogBindings(ctx.stores.vmArea.dialog) ?? infraBindings(def.noun),
    help: def.help,
    command: (ctx) => {
      const st = ctx.stores.vms.getState().status;
      if (st?.command) return st.command;
      const uri = ctx.hypervisor()?.uri;
      return uri ? `virsh -c '${uri}' ${def.listArgs}` : undefined;
    },
    onEnter(ctx) {
      void liveFeed(ctx);
      const reload = load(ctx);
      reload();
      const t = setInterval(reload, POLL_MS);
      t.unref?.();
      return () => clearInterval(t);
    },
    textInput: (ctx) => dialogTextInput(ctx.stores.vmArea.dialog),
    onAction(action, ctx) {
      if (handleDialogAction(ctx.stores.vmArea.dialog, action)) return;
      const infra = ctx.stores.vmArea.infra;
      const slice = infra.getState()[def.kind];
      const item = slice.items[slice.list.cursor] as InfraItem<K> | undefined;
      const after = load(ctx);
      if (action === 'refresh') return after();
      if (action === 'start' && item) {
        void runOp(
          ctx,
          def.ops.start,
          { name: item.name },
          {
            busy: `Starting ${def.noun} ${item.name}…`,
            ok: () => `${def.Noun} ${item.name} is active.`,
          },
        ).then(after);
        return;
      }
      if (action === 'stop' && item) {
        openDialog(
          ctx.stores.vmArea.dialog,
          confirmDialog({
            title: `Stop ${def.noun} ${item.name}?`,
            lines: def.stopLines,
            yes: 'stop',
            onYes: () =>
              void runOp(
                ctx,
                def.ops.stop,
                { name: item.name },
                {
                  busy: `Stopping ${def.noun} ${item.name}…`,
                  ok: () => `${def.Noun} ${item.name} stopped.`,
                },
              ).then(after),
          }),
        );
        return;
      }
      if (action === 'autostart' && item) {
        void runOp(
          ctx,
          def.ops.autostart,
          { name: item.name, on: !item.autostart },
          {
            busy: `Changing autostart of ${item.name}…`,
            ok: () =>
              `${def.Noun} ${item.name} ${item.autostart ? 'no longer starts' : 'starts'} at boot.`,
          },
        ).then(after);
        return;
      }
      moveInfraCursor(infra, def.kind, action as ListMove, listRows(def, ctx, ctx.bodyHeight()));
    },
    View: infraView(def),
  };
  return screen;
}

export const networksScreen = infraScreen<'networks'>({
  id: 'vm-networks',
  title: 'Networks',
  kind: 'networks',
  noun: 'network',
  Noun: 'Network',
  summary: (n, active) => `${n} networks, ${active} active`,
  loading: 'Loading networks…',
  columns: [
    stateColumn<NetworkInfo>(),
    { title: 'AUTOSTART', width: 10, text: (n) => (n.autostart ? 'yes' : 'no') },
    { title: 'FORWARD', width: 10, text: (n) => n.forward ?? 'isolated' },
    { title: 'BRIDGE', width: 12, text: (n) => n.bridge ?? '–' },
  ],
  idle: (n) =>
    n ? `${n.name}: ${n.persistent ? 'persistent' : 'transient'}, uuid ${n.uuid}` : ' ',
  ops: { start: specs.netStart, stop: specs.netStop, autostart: specs.netAutostart },
  stopLines: ['Running VMs attached to it lose their network link until it is started again.'],
  help: {
    beginner:
      'Virtual networks connect VMs to each other and, through NAT or a bridge, to the outside. A network must be active for its VMs to have networking; autostart makes it active when the host boots. "isolated" networks reach no outside network.',
    intermediate: 'libvirt networks: s start, d stop (VMs on it lose their link), a autostart.',
    expert: 'net-list --all; s/d/a.',
  },
  listArgs: 'net-list --all',
});

const usedText = (p: PoolInfo) => {
  if (!p.active) return '–';
  const f = p.capacityBytes > 0 ? p.allocationBytes / p.capacityBytes : 0;
  return `${usageBar(f, 10)} ${Math.round(f * 100)}%`;
};

export const poolsScreen = infraScreen<'pools'>({
  id: 'vm-pools',
  title: 'Storage pools',
  kind: 'pools',
  noun: 'pool',
  Noun: 'Pool',
  summary: (n, active) => `${n} storage pools, ${active} active`,
  loading: 'Loading storage pools…',
  columns: [
    stateColumn<PoolInfo>(),
    { title: 'AUTO', width: 5, text: (p) => (p.autostart ? 'yes' : 'no') },
    { title: 'TYPE', width: 8, text: (p) => p.type },
    { title: 'USED', width: 16, text: usedText },
  ],
  detail: (p) =>
    `${p.path ?? p.name}: ${p.active ? `${poolUsage(p)}, ${formatBytes(p.availableBytes)} free` : 'inactive'}${p.volumeCount === undefined ? '' : `, ${count(p.volumeCount, 'volume')}`}`,
  idle: () => ' ',
  ops: { start: specs.poolStart, stop: specs.poolStop, autostart: specs.poolAutostart },
  stopLines: [
    'Its volumes stay on disk, but VMs cannot start from them and no volume can be created until it is started again.',
  ],
  help: {
    beginner:
      'Storage pools are places where VM disks (volumes) live, usually a folder. A pool must be active to create or use its volumes. The bar shows how full it is (# used, - free).',
    intermediate: 'libvirt storage pools with usage: s start, d stop, a autostart.',
    expert: 'pool-list --all --details; s/d/a.',
  },
  listArgs: 'pool-list --all --details',
});
