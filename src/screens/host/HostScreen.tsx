// The Host screen (in the spirit of ESXi's DCUI and xsconsole): this machine at a
// glance — name, addresses, uptime, load, memory, the libvirt daemon, the NixOS
// generation, the phase and your access — and its few system actions: list
// generations and roll back, restart libvirtd, read recent logs.
import { Box, Text } from 'ink';
import { useStore } from 'zustand';
import type { DaemonState } from '../../adapters/hostinfo.js';
import { type Dialog, dialogAction, dialogBindings } from '../../base/dialog.js';
import { formatMemory, formatUptime, pad, truncate } from '../../base/format.js';
import type { KeyBinding } from '../../base/keys.js';
import { listBindings } from '../../base/keys.js';
import type { ListMove } from '../../base/list.js';
import {
  accessDescription,
  askRestart,
  askRollback,
  type HostStatus,
  hostStoreFor,
  moveGenerations,
  refreshHost,
  scrollLogs,
  showGenerations,
  showLogs,
} from '../../state/host.js';
import { DialogView } from '../../ui/DialogView.js';
import { LogPane } from '../../ui/LogPane.js';
import { SlicedList } from '../../ui/SlicedList.js';
import type { ScreenContext, ScreenDef, ScreenViewProps } from '../types.js';

const daemonLook: Record<DaemonState, { symbol: string; color: string | undefined }> = {
  active: { symbol: '●', color: 'green' },
  running: { symbol: '●', color: 'green' },
  'socket-activated': { symbol: '◌', color: 'green' },
  activating: { symbol: '◌', color: 'yellow' },
  inactive: { symbol: '■', color: 'yellow' },
  'not running': { symbol: '■', color: 'yellow' },
  failed: { symbol: '✕', color: 'red' },
  'not installed': { symbol: '✕', color: 'red' },
  unknown: { symbol: '?', color: undefined },
};

const statusColor: Record<HostStatus['kind'], string | undefined> = {
  busy: 'yellow',
  ok: 'green',
  refused: 'yellow',
  error: 'red',
};

const LABEL = 12;

function Field({ label, value, width }: { label: string; value: string; width: number }) {
  return (
    <Text>
      <Text bold>{pad(label, LABEL)}</Text>
      {truncate(value, width - LABEL)}
    </Text>
  );
}

function StatusLines({ status, width }: { status: HostStatus | undefined; width: number }) {
  if (!status) return null;
  return (
    <Box flexDirection="column">
      <Text color={statusColor[status.kind]}>{truncate(status.message, width)}</Text>
      {status.fix ? <Text>{truncate(`  fix: ${status.fix}`, width)}</Text> : null}
    </Box>
  );
}

const statusRows = (s: HostStatus | undefined) => (s ? (s.fix ? 2 : 1) : 0);

function InfoView({ ctx, width, height }: ScreenViewProps) {
  const { store } = hostStoreFor(ctx.stores);
  const s = useStore(store);
  const session = useStore(ctx.stores.session);
  const h = s.info;
  if (!h) return <Text>Reading this host…</Text>;
  const d = daemonLook[h.libvirtd.state];
  const gen = h.nixos.isNixos
    ? h.nixos.current
      ? `generation ${h.nixos.current.number} of ${h.nixos.generations}${h.nixos.current.nixosVersion ? ` (NixOS ${h.nixos.current.nixosVersion})` : ''}, made ${h.nixos.current.date.slice(0, 10)}`
      : `${h.nixos.generations} generation(s); the current one is unknown`
    : 'not NixOS (no generations to roll back to)';
  const phase = s.phase
    ? s.phase.phase === 'hardened'
      ? `hardened${s.phase.since ? ` since ${s.phase.since.slice(0, 16).replace('T', ' ')}` : ''} (changes refused; sudo hv phase unlock)`
      : 'setup (permissive; sudo hv phase harden when done)'
    : '…';
  const fields: Array<[string, string]> = [
    ['Host', `${h.hostname} — ${h.os}, kernel ${h.kernel}`],
    ['Addresses', h.addresses.map((a) => `${a.address} (${a.iface})`).join(', ') || 'none'],
    [
      'Uptime',
      `${formatUptime(h.uptimeSeconds)}   load ${h.load.map((l) => l.toFixed(2)).join(' ')} on ${h.cpus} CPUs`,
    ],
    ['Memory', `${formatMemory(h.memory.availableKiB)} free of ${formatMemory(h.memory.totalKiB)}`],
    ['NixOS', gen],
    ['Phase', phase],
    ['You', s.me ? `${s.me.user}: ${accessDescription[s.me.access]}` : '…'],
    [
      'Connection',
      session.target ? `${session.target.label} (${session.target.uri})` : 'choosing…',
    ],
  ];
  const used = fields.length + 3 + statusRows(s.status);
  return (
    <Box flexDirection="column" height={height}>
      <Field label={fields[0]![0]} value={fields[0]![1]} width={width} />
      <Field label={fields[1]![0]} value={fields[1]![1]} width={width} />
      <Field label={fields[2]![0]} value={fields[2]![1]} width={width} />
      <Field label={fields[3]![0]} value={fields[3]![1]} width={width} />
      <Text>
        <Text bold>{pad('libvirtd', LABEL)}</Text>
        <Text color={d.color}>{`${d.symbol} ${h.libvirtd.state}`}</Text>
        <Text dimColor>
          {truncate(
            `  ${h.libvirtd.detail}`,
            Math.max(0, width - LABEL - h.libvirtd.state.length - 2),
          )}
        </Text>
      </Text>
      {fields.slice(4).map(([l, v]) => (
        <Field key={l} label={l} value={v} width={width} />
      ))}
      <Text> </Text>
      <Text dimColor>
        {truncate('g generations · b roll back · d restart libvirtd · l logs · r refresh', width)}
      </Text>
      <StatusLines status={s.status} width={width} />
      {s.output.length > 0 ? (
        <LogPane lines={s.output} height={Math.max(1, height - used)} width={width} />
      ) : null}
    </Box>
  );
}

function GenerationsView({ ctx, width, height }: ScreenViewProps) {
  const { store } = hostStoreFor(ctx.stores);
  const s = useStore(store);
  const rows = Math.max(1, height - 2 - statusRows(s.status));
  return (
    <Box flexDirection="column" height={height}>
      <Text bold>
        {'  '}
        {pad('GEN', 6)}
        {pad('MADE', 22)}
        {pad('NIXOS', 26)}
        IN USE
      </Text>
      <SlicedList
        items={s.generations}
        state={s.genList}
        height={rows}
        rowKey={(g) => String(g.number)}
        row={(g) => (
          <Text>
            {pad(String(g.number), 6)}
            {pad(g.date.replace('T', ' ').slice(0, 19), 22)}
            {pad(g.nixosVersion ?? '', 26)}
            {g.current ? '● current' : ''}
          </Text>
        )}
      />
      <Text dimColor>{truncate('b roll back to the previous generation · Esc back', width)}</Text>
      <StatusLines status={s.status} width={width} />
    </Box>
  );
}

function LogsView({ ctx, width, height }: ScreenViewProps) {
  const { store } = hostStoreFor(ctx.stores);
  const s = useStore(store);
  const lines = s.logs?.lines ?? [];
  return (
    <Box flexDirection="column" height={height}>
      <LogPane lines={lines} height={Math.max(1, height - 2)} width={width} back={s.logBack} />
      <StatusLines status={s.status} width={width} />
    </Box>
  );
}

function HostView(props: ScreenViewProps) {
  const { store } = hostStoreFor(props.ctx.stores);
  const view = useStore(store, (s) => s.view);
  const dialog = useStore(store, (s) => s.dialog);
  if (dialog) return <DialogView dialog={dialog} width={props.width} height={props.height} />;
  if (view === 'generations') return <GenerationsView {...props} />;
  if (view === 'logs') return <LogsView {...props} />;
  return <InfoView {...props} />;
}

const actions: KeyBinding[] = [
  {
    action: 'generations',
    keys: ['g'],
    label: 'generations',
    hint: true,
    help: 'List the NixOS generations of this host.',
  },
  {
    action: 'rollback',
    keys: ['b'],
    label: 'roll back',
    hint: true,
    help: 'Go back to the previous NixOS generation (root; refused in the hardened phase). hv asks first.',
  },
  {
    action: 'restart',
    keys: ['d'],
    label: 'restart libvirtd',
    hint: true,
    help: 'Restart the libvirt daemon (root). Running VMs keep running.',
  },
  {
    action: 'logs',
    keys: ['l'],
    label: 'logs',
    hint: true,
    help: "Show libvirtd's recent log lines from the journal.",
  },
  { action: 'refresh', keys: ['r'], label: 'refresh', help: 'Read the host facts again.' },
];

const subViewBack: KeyBinding = {
  action: 'view:info',
  keys: ['escape'],
  label: 'back',
  hint: true,
  help: 'Back to the host overview.',
};

const rowsFor = (ctx: ScreenContext) => Math.max(1, ctx.bodyHeight() - 4);

export const hostScreen: ScreenDef = {
  id: 'host',
  title: 'Host',
  bindings: (ctx) => {
    const s = hostStoreFor(ctx.stores).store.getState();
    if (s.dialog) return dialogBindings(s.dialog);
    if (s.view === 'generations') return [...listBindings, ...actions.slice(1, 2), subViewBack];
    if (s.view === 'logs')
      return [...listBindings, { ...actions[4]!, action: 'logs' }, subViewBack];
    return actions;
  },
  help: {
    beginner:
      'This is the machine itself. NixOS keeps every configuration you applied as a numbered "generation"; rolling back switches to the one before, which undoes the last change (the host is not reinstalled and your VMs are untouched). libvirtd is the service that runs your VMs; restarting it does not stop them. Rolling back and restarting change the system, so they need root: hv shows the exact sudo command when you are not root, and refuses system changes while the host is hardened.',
    intermediate:
      'Host facts (addresses, uptime, load, memory, libvirtd, NixOS generation, phase). g lists generations, b runs nixos-rebuild switch --rollback, d systemctl restart libvirtd, l journalctl -u libvirtd. System actions need root and are refused in the hardened phase (restart is allowed). CLI: hv host …',
    expert: 'g generations, b rollback, d restart libvirtd, l logs, r refresh. hv host --json.',
  },
  command: (ctx) => {
    const v = hostStoreFor(ctx.stores).store.getState().view;
    return v === 'generations'
      ? 'hv host generations'
      : v === 'logs'
        ? 'journalctl --unit libvirtd --lines 200 --no-pager'
        : 'hv host info';
  },
  // The footer's keys and command follow the view and the open confirmation.
  watch: (ctx, changed) =>
    hostStoreFor(ctx.stores).store.subscribe((s, p) => {
      if (s.view !== p.view || s.dialog !== p.dialog) changed();
    }),
  onEnter(ctx) {
    const { store, env } = hostStoreFor(ctx.stores);
    void refreshHost(ctx.stores, store, env);
    // Uptime, load and memory move; the phase may change from another shell.
    const timer = setInterval(() => void refreshHost(ctx.stores, store, env), 5000);
    timer.unref?.();
    return () => clearInterval(timer);
  },
  onAction(action, ctx) {
    const { store, env } = hostStoreFor(ctx.stores);
    const s = store.getState();
    if (action.startsWith('dialog:') && s.dialog) {
      const step = dialogAction(s.dialog as Dialog, action);
      store.setState({ dialog: step.dialog });
      step.run?.();
      return;
    }
    switch (action) {
      case 'generations':
        return void showGenerations(store, env);
      case 'rollback':
        return askRollback(ctx.stores, store, env);
      case 'restart':
        return askRestart(ctx.stores, store, env);
      case 'logs':
        return void showLogs(store, env);
      case 'refresh':
        return void refreshHost(ctx.stores, store, env);
      case 'view:info':
        store.setState({ view: 'info' });
        return;
    }
    if (s.view === 'generations') moveGenerations(store, action as ListMove, rowsFor(ctx));
    else if (s.view === 'logs') scrollLogs(store, action as ListMove, rowsFor(ctx));
  },
  View: HostView,
};
