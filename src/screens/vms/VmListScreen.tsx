import { Box, Text } from 'ink';
import { useStore } from 'zustand';
import { formatMemory } from '../../base/format.js';
import type { KeyBinding } from '../../base/keys.js';
import { listBindings } from '../../base/keys.js';
import type { ListMove } from '../../base/list.js';
import { editText, textField } from '../../base/text-field.js';
import { padStartWidth, padWidth, truncateWidth } from '../../base/width.js';
import { push } from '../../state/router.js';
import { dialogTextInput, handleDialogAction, openDialogBindings } from '../../state/vm-dialog.js';
import { nextSort, type VmRow } from '../../state/vm-view.js';
import {
  clearSelection,
  cursorVm,
  moveVmCursor,
  openDetail,
  setView,
  toggleSelectAll,
  toggleSelected,
} from '../../state/vms.js';
import { DialogView } from '../../ui/DialogView.js';
import { SlicedList } from '../../ui/SlicedList.js';
import { StateBadge } from '../../ui/StateBadge.js';
import { stateText } from '../../ui/state-look.js';
import { TextField } from '../../ui/TextField.js';
import type { ScreenContext, ScreenDef, ScreenViewProps } from '../types.js';
import { bulkActions, bulkBindings } from './bulk.js';
import { openHosts } from './HostsScreen.js';
import { liveFeed, watchScreen } from './ops.js';
import { bannerRows, ConnectionBanner, StatusBar, statusRows } from './parts.js';

// Columns after the 2-cell cursor marker: selection mark, name (the rest), state,
// vCPUs, memory, CPU %, autostart.
const cols = { sel: 2, state: 16, vcpus: 5, memory: 10, cpu: 7, auto: 4 };
const fixed = 2 + cols.sel + cols.state + cols.vcpus + cols.memory + cols.cpu + cols.auto;
const nameWidth = (width: number) => Math.max(12, width - fixed - 1);

/** Rows the list gets: body minus summary, header, banner and status line. */
export function vmListHeight(ctx: ScreenContext): number {
  const status = ctx.stores.vms.getState().status;
  return Math.max(1, ctx.bodyHeight() - 2 - bannerRows(ctx) - statusRows(status));
}

const cpuText = (cpu: number | undefined) =>
  cpu === undefined ? '–' : `${cpu < 10 ? cpu.toFixed(1) : Math.round(cpu)}%`;

function Row({ row, selected, width }: { row: VmRow; selected: boolean; width: number }) {
  if (row.kind === 'group') {
    return (
      <Text bold dimColor>
        {truncateWidth(`── ${stateText(row.state)} (${row.count}) ──`, width - 2)}
      </Text>
    );
  }
  const vm = row.vm;
  return (
    <Text>
      {selected ? '✓ ' : '  '}
      {padWidth(vm.name, nameWidth(width))} <StateBadge state={vm.state} width={cols.state} />
      {padStartWidth(String(vm.vcpus), cols.vcpus - 1)}{' '}
      {padStartWidth(formatMemory(vm.memoryKiB), cols.memory - 1)}{' '}
      {padStartWidth(cpuText(vm.cpuPercent), cols.cpu - 1)} {vm.autostart ? 'yes' : 'no '}
    </Text>
  );
}

function summaryText(ctx: ScreenContext): string {
  const s = ctx.stores.vms.getState();
  const session = ctx.stores.session.getState();
  if (!s.loaded) {
    if (session.status === 'error') return 'Not connected';
    return 'Loading the VM list…';
  }
  const running = s.vms.filter((v) => v.state === 'running').length;
  const shown = s.rows.filter((r) => r.kind === 'vm').length;
  const parts = [
    `${s.vms.length} ${s.vms.length === 1 ? 'VM' : 'VMs'}, ${running} running`,
    `sort: ${s.view.sort}`,
  ];
  if (s.view.group) parts.push('grouped by state');
  if (s.view.filter) parts.push(`filter "${s.view.filter}": ${shown} shown`);
  if (s.selected.size > 0) parts.push(`${s.selected.size} selected`);
  return parts.join(' · ');
}

function VmListView({ ctx, width, height }: ScreenViewProps) {
  const s = useStore(ctx.stores.vms);
  const dialog = useStore(ctx.stores.vmArea.dialog, (d) => d.dialog);
  const session = useStore(ctx.stores.session);
  if (dialog) return <DialogView dialog={dialog} width={width} height={height} />;
  const problem = s.error ?? (session.status === 'error' ? session.error : undefined);
  const lost = s.health.state === 'lost';
  const listHeight = Math.max(
    1,
    height - 2 - (lost ? 2 : 0) - (s.status?.fix ? 2 : 1) - (problem && !lost ? 2 : 0),
  );
  const shown = s.rows.filter((r) => r.kind === 'vm').length;
  const fallback = !s.loaded
    ? ''
    : shown === 0
      ? s.view.filter
        ? `No VM matches "${s.view.filter}". / changes the filter, Esc clears it.`
        : 'No VMs on this connection yet. n creates one from a template.'
      : `${s.list.cursor + 1}/${s.rows.length}  Enter: details · space: select · n: new · N/P/C: networks, pools, hosts`;
  return (
    <Box flexDirection="column" height={height}>
      {s.filterEdit ? (
        <Box>
          <Text bold>/ </Text>
          <TextField state={s.filterEdit} width={width - 3} placeholder="name or state" />
        </Box>
      ) : (
        <Text>{truncateWidth(summaryText(ctx), width)}</Text>
      )}
      <ConnectionBanner ctx={ctx} width={width} />
      {problem && !lost ? (
        <Box flexDirection="column">
          <Text color="red">{truncateWidth(`✕ ${problem.message}`, width)}</Text>
          <Text>{truncateWidth(problem.fix ? `  fix: ${problem.fix}` : ' ', width)}</Text>
        </Box>
      ) : null}
      <Text bold>
        {'    '}
        {padWidth('NAME', nameWidth(width))} {padWidth('STATE', cols.state)}
        {padStartWidth('VCPU', cols.vcpus - 1)} {padStartWidth('MEMORY', cols.memory - 1)}{' '}
        {padStartWidth('CPU', cols.cpu - 1)} AUTO
      </Text>
      <SlicedList
        items={s.rows}
        state={s.list}
        height={listHeight}
        rowKey={(r) => r.key}
        row={(r) => <Row row={r} selected={s.selected.has(r.key)} width={width} />}
      />
      <StatusBar status={s.status} fallback={fallback} width={width} />
    </Box>
  );
}

const filterBinding: KeyBinding = {
  action: 'filter',
  keys: ['/'],
  label: 'filter',
  hint: true,
  help: 'Type to filter by name (accents and case ignored) or state ("state:paused"); Enter keeps it, Esc clears it.',
};

const baseBindings: KeyBinding[] = [
  ...listBindings,
  {
    action: 'open',
    keys: ['enter', 'right'],
    label: 'open',
    hint: true,
    help: 'Details and actions of the VM under the cursor.',
  },
  filterBinding,
  {
    action: 'sort',
    keys: ['o'],
    label: 'sort',
    hint: true,
    help: 'Cycle the order: name, state, memory (biggest first), CPU (busiest first).',
  },
  {
    action: 'group',
    keys: ['v'],
    label: 'group',
    help: 'Group the list by state (running first), or not.',
  },
  {
    action: 'select',
    keys: [' '],
    label: 'select',
    hint: true,
    help: 'Select the VM under the cursor for a bulk action (and move down).',
  },
  {
    action: 'selectAll',
    keys: ['a'],
    label: 'select all',
    help: 'Select every VM shown (the filter applies), or none.',
  },
  ...bulkBindings,
  { action: 'create', keys: ['n'], label: 'new', help: 'Create a VM from a template.' },
  {
    action: 'networks',
    keys: ['N'],
    label: 'networks',
    help: 'Virtual networks: start, stop, autostart.',
  },
  {
    action: 'pools',
    keys: ['P'],
    label: 'pools',
    help: 'Storage pools: start, stop, autostart, usage.',
  },
  {
    action: 'hosts',
    keys: ['C'],
    label: 'hosts',
    help: 'Saved connections (hosts): status, switch, add.',
  },
  {
    action: 'refresh',
    keys: ['r'],
    label: 'refresh',
    help: 'Reload the list now; while reconnecting, retry now.',
  },
];

function listScreenBindings(ctx: ScreenContext): KeyBinding[] {
  const dialog = openDialogBindings(ctx.stores.vmArea.dialog);
  if (dialog) return dialog;
  const s = ctx.stores.vms.getState();
  const extra: KeyBinding[] = [];
  // Esc first undoes the filter and the selection, then goes back.
  if (s.view.filter || s.selected.size > 0) {
    extra.push({
      action: 'clear',
      keys: ['escape'],
      label: s.view.filter ? 'clear filter' : 'clear selection',
      help: 'Clear the filter, then the selection.',
    });
  }
  return [...extra, ...baseBindings];
}

export const vmListScreen: ScreenDef = {
  id: 'vms',
  title: 'Virtual machines',
  watch: watchScreen(() => vmListScreen),
  bindings: listScreenBindings,
  help: {
    beginner:
      'Each row is a virtual machine (VM). "running" means it is switched on, "shut off" means it is off, "paused" means it is frozen in memory. vCPUs are the processor cores it may use; memory is its RAM; CPU is how busy it is. "Auto" says whether it starts when the host boots. The list updates by itself. Press Enter on a VM for its details and actions, / to filter, o to change the order, space to select several VMs and then s (start), d (shut down) or F (force off) for all of them.',
    intermediate:
      'Live list of libvirt domains, updated from libvirt events with a 3 s poll as a safety net. o sorts, v groups by state, / filters, space selects for bulk start/shutdown/force off. n creates from a template; N networks, P pools, C hosts.',
    expert:
      'Domains via `virsh event --all --loop` + poll. o sort, v group, / filter, space/a select, s/d/F bulk, n new, N/P/C.',
  },
  command: (ctx) => {
    const uri = ctx.hypervisor()?.uri;
    const status = ctx.stores.vms.getState().status;
    if (status?.command) return status.command;
    return uri ? `virsh -c '${uri}' list --all` : undefined;
  },
  onEnter(ctx) {
    void liveFeed(ctx).refresh();
    return undefined;
  },
  textInput(ctx) {
    const dialog = dialogTextInput(ctx.stores.vmArea.dialog);
    if (dialog) return dialog;
    const vms = ctx.stores.vms;
    if (!vms.getState().filterEdit) return undefined;
    return (input, key) => {
      const edit = vms.getState().filterEdit;
      if (!edit) return;
      const { state, outcome } = editText(edit, input, key, 200);
      const h = vmListHeight(ctx);
      if (outcome === 'cancel') {
        vms.setState({ filterEdit: undefined });
        setView(vms, { filter: '' }, h);
      } else if (outcome === 'submit') {
        vms.setState({ filterEdit: undefined });
      } else {
        vms.setState({ filterEdit: state });
        // Filter as you type: the list narrows with every key.
        setView(vms, { filter: state.value }, h);
      }
    };
  },
  onAction(action, ctx) {
    if (handleDialogAction(ctx.stores.vmArea.dialog, action)) return;
    const vms = ctx.stores.vms;
    const s = vms.getState();
    const h = vmListHeight(ctx);
    switch (action) {
      case 'open': {
        const vm = cursorVm(s);
        if (!vm) return;
        openDetail(vms, vm);
        push(ctx.stores.router, 'vm-detail');
        return;
      }
      case 'filter':
        vms.setState({ filterEdit: textField(s.view.filter) });
        return;
      case 'clear':
        if (s.view.filter) setView(vms, { filter: '' }, h);
        else clearSelection(vms);
        return;
      case 'sort':
        setView(vms, { sort: nextSort(s.view.sort) }, h);
        return;
      case 'group':
        setView(vms, { group: !s.view.group }, h);
        return;
      case 'select':
        toggleSelected(vms, h);
        return;
      case 'selectAll':
        toggleSelectAll(vms);
        return;
      case 'create':
        push(ctx.stores.router, 'vm-create');
        return;
      case 'networks':
        push(ctx.stores.router, 'vm-networks');
        return;
      case 'pools':
        push(ctx.stores.router, 'vm-pools');
        return;
      case 'hosts':
        openHosts(ctx);
        return;
      case 'refresh': {
        const feed = liveFeed(ctx);
        if (s.health.state === 'lost') feed.retryNow();
        else void feed.refresh();
        return;
      }
    }
    if (bulkActions.has(action)) {
      bulkActions.get(action)?.(ctx);
      return;
    }
    moveVmCursor(vms, action as ListMove, h);
  },
  View: VmListView,
};
