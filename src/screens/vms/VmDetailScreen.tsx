import { Box, Text } from 'ink';
import { useStore } from 'zustand';
import { formatMemory } from '../../base/format.js';
import type { KeyBinding } from '../../base/keys.js';
import type { ListMove } from '../../base/list.js';
import { truncateWidth } from '../../base/width.js';
import { pop } from '../../state/router.js';
import {
  cycleTab,
  detailTabs,
  loadDetail,
  resetDetail,
  scrollDetail,
  setTab,
} from '../../state/vm-detail.js';
import { dialogTextInput, handleDialogAction, openDialogBindings } from '../../state/vm-dialog.js';
import { detailVm } from '../../state/vms.js';
import { DialogView } from '../../ui/DialogView.js';
import { StateBadge } from '../../ui/StateBadge.js';
import type { ScreenContext, ScreenDef, ScreenViewProps } from '../types.js';
import {
  actionBindings,
  actionDefs,
  availableActions,
  type DetailAction,
} from './detail-actions.js';
import { runDetailAction } from './detail-run.js';
import { detailLines, tabTitles } from './detail-text.js';
import { liveFeed, watchScreen } from './ops.js';
import { bannerRows, ConnectionBanner, StatusBar, statusRows } from './parts.js';

function actionsFor(ctx: ScreenContext): DetailAction[] {
  const vm = detailVm(ctx.stores.vms.getState());
  if (!vm) return [];
  const info = ctx.stores.vmArea.detail.getState().info;
  return availableActions(vm.state, {
    managedSave: vm.hasManagedSave ?? info?.hasManagedSave ?? false,
    autostart: vm.autostart,
  });
}

/** "s start · d shut down · …": every action, wrapped to the width. */
function actionLines(actions: readonly DetailAction[], width: number): string[] {
  const parts = actions.map((a) => `${actionDefs[a].key} ${actionDefs[a].label}`);
  const lines: string[] = [];
  const head = 'Actions:';
  // Continuation lines start under the first action.
  const indent = ' '.repeat(head.length + 1);
  let line = head;
  for (const p of parts) {
    if (line.length + 3 + p.length > width) {
      lines.push(line);
      line = `${indent}${p}`;
    } else line = line === head ? `${line} ${p}` : `${line} · ${p}`;
  }
  lines.push(line);
  return lines;
}

/** Rows of the scrollable tab text. */
function textHeight(ctx: ScreenContext, width = 80): number {
  const status = ctx.stores.vms.getState().status;
  const actions = actionLines(actionsFor(ctx), width).length;
  return Math.max(1, ctx.bodyHeight() - 2 - actions - bannerRows(ctx) - statusRows(status));
}

function VmDetailView({ ctx, width, height }: ScreenViewProps) {
  const vms = useStore(ctx.stores.vms);
  const d = useStore(ctx.stores.vmArea.detail);
  const dialog = useStore(ctx.stores.vmArea.dialog, (s) => s.dialog);
  if (dialog) return <DialogView dialog={dialog} width={width} height={height} />;
  const vm = detailVm(vms);
  const name = vms.detail?.name ?? '';
  if (!vm) {
    return (
      <Box flexDirection="column" height={height}>
        <Text bold>{truncateWidth(name, width)}</Text>
        <Text>{vms.loaded ? 'This VM no longer exists on this host.' : 'Loading…'}</Text>
        <StatusBar status={vms.status} fallback="Esc goes back to the list." width={width} />
      </Box>
    );
  }
  const actions = actionLines(actionsFor(ctx), width);
  const lost = vms.health.state === 'lost';
  const textRows = Math.max(
    1,
    height - 2 - actions.length - (lost ? 2 : 0) - (vms.status?.fix ? 2 : 1),
  );
  const all = d.info
    ? detailLines(d.info, d.tab)
    : d.error
      ? [`✕ ${d.error.message}`, ...(d.error.fix ? [`  fix: ${d.error.fix}`] : [])]
      : ['Loading details…'];
  const shown = all.slice(d.scroll, d.scroll + textRows);
  const more =
    all.length > textRows ? ` ${d.scroll + 1}-${d.scroll + shown.length}/${all.length}` : '';
  const facts = ` ${vm.vcpus} vCPU · ${formatMemory(vm.memoryKiB)} · autostart ${vm.autostart ? 'on' : 'off'}`;
  const nameRoom = Math.max(8, width - 18 - facts.length);
  return (
    <Box flexDirection="column" height={height}>
      <Box>
        <Text bold>{truncateWidth(vm.name, nameRoom)} </Text>
        <StateBadge state={vm.state} />
        <Text dimColor>{truncateWidth(facts, Math.max(0, width - nameRoom - 17))}</Text>
      </Box>
      <ConnectionBanner ctx={ctx} width={width} />
      <Text>
        {detailTabs.map((t) => (t === d.tab ? `[${tabTitles[t]}]` : ` ${tabTitles[t]} `)).join(' ')}
        <Text dimColor>{`  Tab: next view${more}`}</Text>
      </Text>
      <Box flexDirection="column" height={textRows}>
        {shown.map((l, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines of a text, by position
          <Text key={i}>{truncateWidth(l || ' ', width)}</Text>
        ))}
      </Box>
      {actions.map((l) => (
        <Text key={l} dimColor>
          {truncateWidth(l, width)}
        </Text>
      ))}
      <StatusBar status={vms.status} fallback=" " width={width} />
    </Box>
  );
}

const scrollBindings: KeyBinding[] = [
  { action: 'up', keys: ['up', 'k'], label: 'scroll', help: 'Scroll up.' },
  { action: 'down', keys: ['down', 'j'], label: 'scroll', help: 'Scroll down.' },
  { action: 'pageUp', keys: ['pageup'], label: 'page up', help: 'One page up.' },
  { action: 'pageDown', keys: ['pagedown'], label: 'page down', help: 'One page down.' },
  { action: 'first', keys: ['home', 'g'], label: 'top', help: 'To the top.' },
  { action: 'last', keys: ['end', 'G'], label: 'bottom', help: 'To the bottom.' },
  {
    action: 'tab',
    keys: ['tab', 'right'],
    label: 'next view',
    help: 'Next view: info, disks, NICs, XML.',
  },
  {
    action: 'tabBack',
    keys: ['shift+tab', 'left'],
    label: 'previous view',
    help: 'Previous view.',
  },
  ...detailTabs.map((t, i) => ({
    action: `tab:${t}`,
    keys: [String(i + 1)],
    label: tabTitles[t],
    help: 'Show a view by number: 1 info, 2 disks, 3 NICs, 4 XML.',
    group: 'tabs',
  })),
  { action: 'refresh', keys: ['r'], label: 'refresh', help: 'Reload the details now.' },
];

function reload(ctx: ScreenContext) {
  const s = ctx.stores.vms.getState();
  const hv = ctx.hypervisor();
  if (!s.detail || !hv) return;
  void loadDetail(ctx.stores.vmArea.detail, hv, s.detail.uuid || s.detail.name);
}

export const vmDetailScreen: ScreenDef = {
  id: 'vm-detail',
  title: 'VM details',
  watch: watchScreen(() => vmDetailScreen),
  bindings: (ctx) =>
    openDialogBindings(ctx.stores.vmArea.dialog) ?? [
      ...actionBindings(actionsFor(ctx)),
      ...scrollBindings,
    ],
  help: {
    beginner:
      "One virtual machine: its settings (Info), its virtual disks (Disks), its network cards (NICs) and libvirt's full definition (XML). Tab or 1-4 switch views; the arrows scroll. The actions below change with the VM's state: a stopped VM can be started, a running one shut down, paused or opened in a console. Dangerous actions ask first; deleting asks you to type the VM's name.",
    intermediate:
      'Details of one domain with state-dependent actions. Every action goes through hv operations (phase checks, audit log) and shows the equivalent virsh command.',
    expert:
      'dominfo/dumpxml. Actions per state; Tab/1-4 views; D delete (typed), m migrate, S snapshots.',
  },
  command: (ctx) => {
    const s = ctx.stores.vms.getState();
    if (s.status?.command) return s.status.command;
    const uri = ctx.hypervisor()?.uri;
    const name = s.detail?.name;
    if (!uri || !name) return undefined;
    const tab = ctx.stores.vmArea.detail.getState().tab;
    const q = (x: string) => `'${x.replace(/'/g, `'\\''`)}'`;
    return `virsh -c ${q(uri)} ${tab === 'xml' ? 'dumpxml' : tab === 'disks' ? 'domblklist --details' : tab === 'nics' ? 'domiflist' : 'dominfo'} ${q(name)}`;
  },
  onEnter(ctx) {
    const vms = ctx.stores.vms;
    const detail = ctx.stores.vmArea.detail;
    const sel = vms.getState().detail;
    if (sel) resetDetail(detail, sel.uuid);
    void liveFeed(ctx);
    reload(ctx);
    // The live list says when the VM changed (state, autostart...): reload then.
    let last = detailVm(vms.getState());
    const unsub = vms.subscribe((s) => {
      const now = detailVm(s);
      if (
        now &&
        (now.state !== last?.state ||
          now.autostart !== last?.autostart ||
          now.hasManagedSave !== last?.hasManagedSave)
      ) {
        reload(ctx);
      }
      last = now;
    });
    return unsub;
  },
  textInput: (ctx) => dialogTextInput(ctx.stores.vmArea.dialog),
  onAction(action, ctx) {
    if (handleDialogAction(ctx.stores.vmArea.dialog, action)) return;
    const detail = ctx.stores.vmArea.detail;
    if (action.startsWith('vm:')) {
      const vm = detailVm(ctx.stores.vms.getState());
      if (!vm) return;
      runDetailAction(ctx, action.slice(3) as DetailAction, vm, detail.getState().info);
      return;
    }
    if (action === 'tab') return cycleTab(detail, 1);
    if (action === 'tabBack') return cycleTab(detail, -1);
    if (action.startsWith('tab:')) return setTab(detail, action.slice(4) as never);
    if (action === 'refresh') return reload(ctx);
    if (action === 'back') return void pop(ctx.stores.router);
    const d = detail.getState();
    const total = d.info ? detailLines(d.info, d.tab).length : 0;
    scrollDetail(detail, action as ListMove, total, textHeight(ctx));
  },
  View: VmDetailView,
};
