// Networks and storage pools of the current host: list, start/stop, autostart,
// and for pools how full they are.
import { Box, Text } from 'ink';
import { useStore } from 'zustand';
import type { NetworkInfo, PoolInfo } from '../../adapters/hypervisor.js';
import {
  dialogTextInput,
  handleDialogAction,
  openDialog,
  openDialogBindings,
} from '../../state/vm-dialog.js';
import {
  formatBytes,
  loadNetworks,
  loadPools,
  moveNetCursor,
  movePoolCursor,
  poolUsage,
  usageBar,
} from '../../state/vm-infra.js';
import { DialogView } from '../../ui/DialogView.js';
import { confirmDialog } from '../../ui/dialog.js';
import type { ListMove } from '../../ui/list.js';
import { SlicedList } from '../../ui/SlicedList.js';
import { padWidth, truncateWidth } from '../../ui/width.js';
import type { KeyBinding } from '../keys.js';
import { listBindings } from '../keys.js';
import type { ScreenContext, ScreenDef, ScreenViewProps } from '../types.js';
import { liveFeed, runOp, watchScreen } from './ops.js';
import { bannerRows, ConnectionBanner, StatusBar, statusRows } from './parts.js';
import { specs } from './specs.js';

const active = (on: boolean) => (on ? '▶ active' : '■ inactive');
const POLL_MS = 5000;

const rowsFor = (ctx: ScreenContext, extra: number) =>
  Math.max(
    1,
    ctx.bodyHeight() - 2 - extra - bannerRows(ctx) - statusRows(ctx.stores.vms.getState().status),
  );

function useCommon(ctx: ScreenContext) {
  const vms = useStore(ctx.stores.vms);
  const dialog = useStore(ctx.stores.vmArea.dialog, (s) => s.dialog);
  return { vms, dialog };
}

function NetworksView({ ctx, width, height }: ScreenViewProps) {
  const { vms, dialog } = useCommon(ctx);
  const s = useStore(ctx.stores.vmArea.infra);
  if (dialog) return <DialogView dialog={dialog} width={width} height={height} />;
  const lost = vms.health.state === 'lost';
  const rows = Math.max(1, height - 3 - (lost ? 2 : 0) - (vms.status?.fix ? 2 : 1));
  const nameW = Math.max(12, width - 2 - 12 - 10 - 10 - 12);
  const sel = s.networks[s.netList.cursor];
  return (
    <Box flexDirection="column" height={height}>
      <Text>
        {truncateWidth(
          s.networksLoaded
            ? `${s.networks.length} networks, ${s.networks.filter((n) => n.active).length} active`
            : 'Loading networks…',
          width,
        )}
      </Text>
      <ConnectionBanner ctx={ctx} width={width} />
      <Text bold>
        {'  '}
        {padWidth('NAME', nameW)}
        {padWidth('STATE', 12)}
        {padWidth('AUTOSTART', 10)}
        {padWidth('FORWARD', 10)}
        BRIDGE
      </Text>
      {s.networksError ? (
        <Box height={rows} flexDirection="column">
          <Text color="red">{truncateWidth(`✕ ${s.networksError.message}`, width)}</Text>
          {s.networksError.fix ? (
            <Text>{truncateWidth(`  fix: ${s.networksError.fix}`, width)}</Text>
          ) : null}
        </Box>
      ) : (
        <SlicedList
          items={s.networks}
          state={s.netList}
          height={rows}
          rowKey={(n) => n.name}
          row={(n: NetworkInfo) => (
            <Text>
              {padWidth(n.name, nameW)}
              <Text color={n.active ? 'green' : undefined}>{padWidth(active(n.active), 12)}</Text>
              {padWidth(n.autostart ? 'yes' : 'no', 10)}
              {padWidth(n.forward ?? 'isolated', 10)}
              {truncateWidth(n.bridge ?? '–', 12)}
            </Text>
          )}
        />
      )}
      <StatusBar
        status={vms.status}
        fallback={
          sel
            ? `${sel.name}: ${sel.persistent ? 'persistent' : 'transient'}, uuid ${sel.uuid}`
            : ' '
        }
        width={width}
      />
    </Box>
  );
}

function PoolsView({ ctx, width, height }: ScreenViewProps) {
  const { vms, dialog } = useCommon(ctx);
  const s = useStore(ctx.stores.vmArea.infra);
  if (dialog) return <DialogView dialog={dialog} width={width} height={height} />;
  const lost = vms.health.state === 'lost';
  const rows = Math.max(1, height - 4 - (lost ? 2 : 0) - (vms.status?.fix ? 2 : 1));
  const nameW = Math.max(12, width - 2 - 12 - 5 - 8 - 22);
  const sel = s.pools[s.poolList.cursor];
  return (
    <Box flexDirection="column" height={height}>
      <Text>
        {truncateWidth(
          s.poolsLoaded
            ? `${s.pools.length} storage pools, ${s.pools.filter((p) => p.active).length} active`
            : 'Loading storage pools…',
          width,
        )}
      </Text>
      <ConnectionBanner ctx={ctx} width={width} />
      <Text bold>
        {'  '}
        {padWidth('NAME', nameW)}
        {padWidth('STATE', 12)}
        {padWidth('AUTO', 5)}
        {padWidth('TYPE', 8)}
        USED
      </Text>
      {s.poolsError ? (
        <Box height={rows} flexDirection="column">
          <Text color="red">{truncateWidth(`✕ ${s.poolsError.message}`, width)}</Text>
          {s.poolsError.fix ? (
            <Text>{truncateWidth(`  fix: ${s.poolsError.fix}`, width)}</Text>
          ) : null}
        </Box>
      ) : (
        <SlicedList
          items={s.pools}
          state={s.poolList}
          height={rows}
          rowKey={(p) => p.name}
          row={(p: PoolInfo) => {
            const f = p.capacityBytes > 0 ? p.allocationBytes / p.capacityBytes : 0;
            return (
              <Text>
                {padWidth(p.name, nameW)}
                <Text color={p.active ? 'green' : undefined}>{padWidth(active(p.active), 12)}</Text>
                {padWidth(p.autostart ? 'yes' : 'no', 5)}
                {padWidth(p.type, 8)}
                {p.active ? `${usageBar(f, 10)} ${Math.round(f * 100)}%` : '–'}
              </Text>
            );
          }}
        />
      )}
      <Text dimColor>
        {truncateWidth(
          sel
            ? `${sel.path ?? sel.name}: ${sel.active ? `${poolUsage(sel)}, ${formatBytes(sel.availableBytes)} free` : 'inactive'}${sel.volumeCount === undefined ? '' : `, ${sel.volumeCount} volume(s)`}`
            : ' ',
          width,
        )}
      </Text>
      <StatusBar status={vms.status} fallback=" " width={width} />
    </Box>
  );
}

const commonBindings = (what: string): KeyBinding[] => [
  ...listBindings,
  { action: 'start', keys: ['s'], label: 'start', hint: true, help: `Start the selected ${what}.` },
  {
    action: 'stop',
    keys: ['d'],
    label: 'stop',
    hint: true,
    help: `Stop the selected ${what}. Asks first.`,
  },
  {
    action: 'autostart',
    keys: ['a'],
    label: 'autostart on/off',
    hint: true,
    help: `Start the ${what} when the host boots, or not.`,
  },
  { action: 'refresh', keys: ['r'], label: 'refresh', help: 'Reload the list now.' },
];

function poller(ctx: ScreenContext, load: () => void) {
  void liveFeed(ctx);
  load();
  const t = setInterval(load, POLL_MS);
  t.unref?.();
  return () => clearInterval(t);
}

const loadNets = (ctx: ScreenContext) => () => {
  const hv = ctx.hypervisor();
  if (hv) void loadNetworks(ctx.stores.vmArea.infra, hv);
};
const loadPls = (ctx: ScreenContext) => () => {
  const hv = ctx.hypervisor();
  if (hv) void loadPools(ctx.stores.vmArea.infra, hv);
};

export const networksScreen: ScreenDef = {
  id: 'vm-networks',
  title: 'Networks',
  watch: watchScreen(() => networksScreen),
  bindings: (ctx) => openDialogBindings(ctx.stores.vmArea.dialog) ?? commonBindings('network'),
  help: {
    beginner:
      'Virtual networks connect VMs to each other and, through NAT or a bridge, to the outside. A network must be active for its VMs to have networking; autostart makes it active when the host boots. "isolated" networks reach no outside network.',
    intermediate: 'libvirt networks: s start, d stop (VMs on it lose their link), a autostart.',
    expert: 'net-list --all; s/d/a.',
  },
  command: (ctx) => {
    const st = ctx.stores.vms.getState().status;
    if (st?.command) return st.command;
    const uri = ctx.hypervisor()?.uri;
    return uri ? `virsh -c '${uri}' net-list --all` : undefined;
  },
  onEnter: (ctx) => poller(ctx, loadNets(ctx)),
  textInput: (ctx) => dialogTextInput(ctx.stores.vmArea.dialog),
  onAction(action, ctx) {
    if (handleDialogAction(ctx.stores.vmArea.dialog, action)) return;
    const infra = ctx.stores.vmArea.infra;
    const net = infra.getState().networks[infra.getState().netList.cursor];
    const after = loadNets(ctx);
    if (action === 'refresh') return after();
    if (action === 'start' && net) {
      void runOp(
        ctx,
        specs.netStart,
        { name: net.name },
        { busy: `Starting network ${net.name}…`, ok: () => `Network ${net.name} is active.` },
      ).then(after);
      return;
    }
    if (action === 'stop' && net) {
      openDialog(
        ctx.stores.vmArea.dialog,
        confirmDialog({
          title: `Stop network ${net.name}?`,
          lines: ['Running VMs attached to it lose their network link until it is started again.'],
          yes: 'stop',
          onYes: () =>
            void runOp(
              ctx,
              specs.netStop,
              { name: net.name },
              { busy: `Stopping network ${net.name}…`, ok: () => `Network ${net.name} stopped.` },
            ).then(after),
        }),
      );
      return;
    }
    if (action === 'autostart' && net) {
      void runOp(
        ctx,
        specs.netAutostart,
        { name: net.name, on: !net.autostart },
        {
          busy: `Changing autostart of ${net.name}…`,
          ok: () => `Network ${net.name} ${net.autostart ? 'no longer starts' : 'starts'} at boot.`,
        },
      ).then(after);
      return;
    }
    moveNetCursor(infra, action as ListMove, rowsFor(ctx, 1));
  },
  View: NetworksView,
};

export const poolsScreen: ScreenDef = {
  id: 'vm-pools',
  title: 'Storage pools',
  watch: watchScreen(() => poolsScreen),
  bindings: (ctx) => openDialogBindings(ctx.stores.vmArea.dialog) ?? commonBindings('pool'),
  help: {
    beginner:
      'Storage pools are places where VM disks (volumes) live, usually a folder. A pool must be active to create or use its volumes. The bar shows how full it is (# used, - free).',
    intermediate: 'libvirt storage pools with usage: s start, d stop, a autostart.',
    expert: 'pool-list --all --details; s/d/a.',
  },
  command: (ctx) => {
    const st = ctx.stores.vms.getState().status;
    if (st?.command) return st.command;
    const uri = ctx.hypervisor()?.uri;
    return uri ? `virsh -c '${uri}' pool-list --all --details` : undefined;
  },
  onEnter: (ctx) => poller(ctx, loadPls(ctx)),
  textInput: (ctx) => dialogTextInput(ctx.stores.vmArea.dialog),
  onAction(action, ctx) {
    if (handleDialogAction(ctx.stores.vmArea.dialog, action)) return;
    const infra = ctx.stores.vmArea.infra;
    const pool = infra.getState().pools[infra.getState().poolList.cursor];
    const after = loadPls(ctx);
    if (action === 'refresh') return after();
    if (action === 'start' && pool) {
      void runOp(
        ctx,
        specs.poolStart,
        { name: pool.name },
        { busy: `Starting pool ${pool.name}…`, ok: () => `Pool ${pool.name} is active.` },
      ).then(after);
      return;
    }
    if (action === 'stop' && pool) {
      openDialog(
        ctx.stores.vmArea.dialog,
        confirmDialog({
          title: `Stop pool ${pool.name}?`,
          lines: [
            'Its volumes stay on disk, but VMs cannot start from them and no volume can be created until it is started again.',
          ],
          yes: 'stop',
          onYes: () =>
            void runOp(
              ctx,
              specs.poolStop,
              { name: pool.name },
              { busy: `Stopping pool ${pool.name}…`, ok: () => `Pool ${pool.name} stopped.` },
            ).then(after),
        }),
      );
      return;
    }
    if (action === 'autostart' && pool) {
      void runOp(
        ctx,
        specs.poolAutostart,
        { name: pool.name, on: !pool.autostart },
        {
          busy: `Changing autostart of ${pool.name}…`,
          ok: () => `Pool ${pool.name} ${pool.autostart ? 'no longer starts' : 'starts'} at boot.`,
        },
      ).then(after);
      return;
    }
    movePoolCursor(infra, action as ListMove, rowsFor(ctx, 2));
  },
  View: PoolsView,
};
