import { Box, Text } from 'ink';
import { useStore } from 'zustand';
import type { DomainState, DomainSummary } from '../../adapters/hypervisor.js';
import { moveVmCursor, refreshVms } from '../../state/vms.js';
import { formatMemory, pad, truncate } from '../../ui/format.js';
import type { ListMove } from '../../ui/list.js';
import { SlicedList } from '../../ui/SlicedList.js';
import { listBindings } from '../keys.js';
import type { ScreenContext, ScreenDef, ScreenViewProps } from '../types.js';

// State as symbol + word + colour: readable without colour and on serial consoles.
const stateLook: Record<DomainState, { symbol: string; color: string | undefined }> = {
  running: { symbol: '▶', color: 'green' },
  paused: { symbol: '‖', color: 'yellow' },
  'shut off': { symbol: '■', color: undefined },
  'shutting down': { symbol: '↓', color: 'yellow' },
  crashed: { symbol: '✕', color: 'red' },
  suspended: { symbol: '‖', color: 'yellow' },
  blocked: { symbol: '…', color: 'yellow' },
  'no state': { symbol: '?', color: undefined },
};

const cols = { state: 15, vcpus: 6, memory: 10, auto: 5 };

function nameWidth(width: number): number {
  return Math.max(12, width - 2 - cols.state - cols.vcpus - cols.memory - cols.auto);
}

function Row({ vm, width }: { vm: DomainSummary; width: number }) {
  const look = stateLook[vm.state];
  return (
    <Text>
      {pad(vm.name, nameWidth(width))}
      <Text color={look.color}>{pad(`${look.symbol} ${vm.state}`, cols.state)}</Text>
      {pad(String(vm.vcpus), cols.vcpus)}
      {pad(formatMemory(vm.memoryKiB), cols.memory)}
      {vm.autostart ? 'yes' : 'no'}
    </Text>
  );
}

function VmListView({ ctx, width, height }: ScreenViewProps) {
  const { vms, loaded, error, list } = useStore(ctx.stores.vms);
  const status = useStore(ctx.stores.session, (s) => s.status);
  const sessionError = useStore(ctx.stores.session, (s) => s.error);
  const running = vms.filter((v) => v.state === 'running').length;
  const summary = loaded
    ? `${vms.length} ${vms.length === 1 ? 'VM' : 'VMs'}, ${running} running`
    : status === 'error'
      ? 'Not connected'
      : 'Loading the VM list…';
  const problem = error ?? (status === 'error' ? sessionError : undefined);
  const listHeight = Math.max(1, height - 3 - (problem ? 2 : 0));
  return (
    <Box flexDirection="column" height={height}>
      <Text>{truncate(summary, width)}</Text>
      {problem ? (
        <Box flexDirection="column">
          <Text color="red">{truncate(`✕ ${problem.message}`, width)}</Text>
          <Text>{truncate(problem.fix ? `  fix: ${problem.fix}` : ' ', width)}</Text>
        </Box>
      ) : null}
      <Text bold>
        {'  '}
        {pad('NAME', nameWidth(width))}
        {pad('STATE', cols.state)}
        {pad('VCPUS', cols.vcpus)}
        {pad('MEMORY', cols.memory)}
        AUTO
      </Text>
      <SlicedList
        items={vms}
        state={list}
        height={listHeight}
        rowKey={(v) => v.uuid}
        row={(vm) => <Row vm={vm} width={width} />}
      />
      <Text dimColor>
        {truncate(
          vms.length > listHeight
            ? `${list.cursor + 1}/${vms.length}  (VM actions arrive in a later build)`
            : 'Read-only list: start/stop, console and snapshots arrive in a later build.',
          width,
        )}
      </Text>
    </Box>
  );
}

const listHeight = (ctx: ScreenContext) => Math.max(1, ctx.bodyHeight() - 3);

export const vmListScreen: ScreenDef = {
  id: 'vms',
  title: 'Virtual machines',
  bindings: [
    ...listBindings,
    { action: 'refresh', keys: ['r'], label: 'refresh', hint: true, help: 'Reload the list now.' },
  ],
  help: {
    beginner:
      'Each row is a virtual machine (VM). "running" means it is switched on, "shut off" means it is off, "paused" means it is frozen in memory. vCPUs are the processor cores it may use; memory is its RAM. "Auto" says whether it starts when the host boots. The list updates by itself every few seconds.',
    intermediate:
      'Live list of libvirt domains on this connection, sorted by name, refreshed every 2 s. The footer shows the equivalent virsh command.',
    expert: 'Domains (virsh list --all + dominfo), 2 s poll. r refreshes.',
  },
  command: (ctx) => {
    const uri = ctx.stores.session.getState().target?.uri;
    return uri ? `virsh -c '${uri}' list --all` : undefined;
  },
  onEnter(ctx) {
    const tick = () => {
      const hv = ctx.hypervisor();
      if (hv) void refreshVms(ctx.stores.vms, hv);
    };
    tick();
    const timer = setInterval(tick, 2000);
    const unsub = ctx.stores.session.subscribe((s, prev) => {
      if (s.status === 'connected' && prev.status !== 'connected') tick();
    });
    return () => {
      clearInterval(timer);
      unsub();
    };
  },
  onAction(action, ctx) {
    if (action === 'refresh') {
      const hv = ctx.hypervisor();
      if (hv) void refreshVms(ctx.stores.vms, hv);
      return;
    }
    moveVmCursor(ctx.stores.vms, action as ListMove, listHeight(ctx));
  },
  View: VmListView,
};
