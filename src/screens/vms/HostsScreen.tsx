// Several hosts: the saved connections with each one's status, switching the
// console to one, adding and removing entries.
import { Box, Text } from 'ink';
import { useStore } from 'zustand';
import { confirmDialog, promptDialog } from '../../base/dialog.js';
import { isHvError } from '../../base/errors.js';
import { listBindings } from '../../base/keys.js';
import type { ListMove, ListState } from '../../base/list.js';
import { padWidth, truncateWidth } from '../../base/width.js';
import {
  checkUri,
  type HostStatus,
  isCurrent,
  moveConnCursor,
  placeCursorOnCurrent,
  type SavedConnection,
} from '../../state/connections.js';
import { pop, push } from '../../state/router.js';
import {
  dialogTextInput,
  handleDialogAction,
  openDialog,
  openDialogBindings,
} from '../../state/vm-dialog.js';
import { setStatus } from '../../state/vms.js';
import { DialogView } from '../../ui/DialogView.js';
import { SlicedList } from '../../ui/SlicedList.js';
import type { ScreenContext, ScreenDef, ScreenViewProps } from '../types.js';
import { checkAllHosts, checkHost, loadSaved, switchHost } from './hosts.js';
import { watchScreen } from './ops.js';
import { StatusBar, statusRows } from './parts.js';
import { wrapText } from './wrap.js';

function statusText(st: HostStatus | undefined): { text: string; color: string | undefined } {
  switch (st?.state) {
    case 'up':
      return {
        text: `● up, ${st.vms} ${st.vms === 1 ? 'VM' : 'VMs'} (${st.running} running)`,
        color: 'green',
      };
    case 'down':
      return { text: `✕ down: ${st.message ?? ''}`, color: 'red' };
    case 'checking':
      return { text: '◌ checking…', color: 'yellow' };
    default:
      return { text: '? not checked', color: undefined };
  }
}

/** Rows under the list: the selected host's URI, then its error (libvirt's reason and the fix). */
const WHY_ROWS = 3;
const DETAIL_ROWS = 1 + WHY_ROWS;

function HostsView({ ctx, width, height }: ScreenViewProps) {
  const c = useStore(ctx.stores.connections);
  const vms = useStore(ctx.stores.vms);
  const dialog = useStore(ctx.stores.vmArea.dialog, (s) => s.dialog);
  if (dialog) return <DialogView dialog={dialog} width={width} height={height} />;
  const rows = listRows(ctx, height);
  const nameW = 22;
  const sel = c.saved[c.list.cursor];
  const inUse = c.saved.find((s) => isCurrent(c, s));
  const selStatus = sel ? c.status[sel.uri] : undefined;
  // The list cuts a down host's reason; the selected one's is shown whole here.
  const why =
    selStatus?.state === 'down'
      ? wrapText(`✕ ${selStatus.message ?? 'down'}`, width, WHY_ROWS)
      : [];
  return (
    <Box flexDirection="column" height={height}>
      <Text>
        {truncateWidth(
          `Saved hosts: ${c.saved.length}. In use: ${inUse ? `${inUse.name} (${c.current})` : (c.current ?? 'none yet')}`,
          width,
        )}
      </Text>
      {c.notice ? <Text color="yellow">{truncateWidth(c.notice, width)}</Text> : null}
      <Text bold>
        {'  '}
        {padWidth('NAME', nameW)} STATUS
      </Text>
      <SlicedList
        items={c.saved}
        state={c.list}
        height={rows}
        rowKey={(s) => s.uri}
        row={(s: SavedConnection) => {
          const st = statusText(c.status[s.uri]);
          const here = isCurrent(c, s);
          return (
            <Text>
              {padWidth(`${here ? '★ ' : '  '}${s.name}`, nameW)}{' '}
              <Text color={st.color}>
                {truncateWidth(
                  c.switching === s.uri ? '◌ connecting…' : st.text,
                  width - nameW - 4,
                )}
              </Text>
            </Text>
          );
        }}
      />
      <Text dimColor>{truncateWidth(sel ? `URI: ${sel.uri}  (★ = in use)` : ' ', width)}</Text>
      {Array.from({ length: WHY_ROWS }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: fixed rows
        <Text key={i} color="red">
          {why[i] ?? ' '}
        </Text>
      ))}
      <StatusBar status={vms.status} fallback=" " width={width} />
    </Box>
  );
}

// Where openHosts put the cursor, so onEnter can tell whether keys moved it since.
const openedAt = new WeakMap<ScreenContext['stores']['connections'], ListState>();

/** Opens the hosts screen with the cursor on the host in use. */
export function openHosts(ctx: ScreenContext): void {
  const conns = ctx.stores.connections;
  openedAt.set(conns, placeCursorOnCurrent(conns, listRows(ctx)));
  push(ctx.stores.router, 'vm-hosts');
}

/** Rows the list gets: the body minus summary, notice, heading, detail and status. */
function listRows(ctx: ScreenContext, height = ctx.bodyHeight()): number {
  const c = ctx.stores.connections.getState();
  const status = ctx.stores.vms.getState().status;
  return Math.max(1, height - 2 - (c.notice ? 1 : 0) - DETAIL_ROWS - statusRows(status));
}

/** Changes the file through operations/connections.ts, then shows the new list. */
async function changeSaved(ctx: ScreenContext, change: () => Promise<void>): Promise<boolean> {
  try {
    await change();
    await loadSaved(ctx);
    return true;
  } catch (e) {
    setStatus(ctx.stores.vms, {
      kind: 'error',
      message: e instanceof Error ? e.message : String(e),
      fix: isHvError(e) ? e.fix : undefined,
    });
    return false;
  }
}

function addHost(ctx: ScreenContext) {
  const dialog = ctx.stores.vmArea.dialog;
  openDialog(
    dialog,
    promptDialog({
      title: 'Add a host',
      lines: [
        'A libvirt URI: qemu:///system, qemu:///session, qemu+ssh://user@host/system.',
        'Over SSH, key login must work without a password prompt (ssh-agent).',
      ],
      label: 'URI',
      value: '',
      validate: (v) => checkUri(v),
      onSubmit: (uri) =>
        openDialog(
          dialog,
          promptDialog({
            title: `A name for ${uri}`,
            lines: ['Letters, digits, ".", "_" and "-"; shown in the list and the header.'],
            label: 'Name',
            value: (/\/\/(?:[^@/]*@)?([^/:?]+)/.exec(uri)?.[1] ?? 'host').replace(
              /[^A-Za-z0-9._-]/g,
              '-',
            ),
            validate: (v) =>
              /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(v)
                ? ctx.stores.connections.getState().saved.some((c) => c.name === v)
                  ? `A connection named "${v}" exists already.`
                  : undefined
                : 'Use letters, digits, ".", "_" and "-" (up to 63), starting with a letter or digit.',
            onSubmit: (name) =>
              void changeSaved(ctx, async () => {
                const { addConnection } = await import('../../operations/connections.js');
                addConnection(name, uri);
              }).then((ok) => {
                const added = ctx.stores.connections.getState().saved.find((c) => c.name === name);
                if (ok && added) {
                  setStatus(ctx.stores.vms, { kind: 'ok', message: `Saved ${name} (${uri}).` });
                  void checkHost(ctx, added);
                }
              }),
          }),
        ),
    }),
  );
}

export const hostsScreen: ScreenDef = {
  id: 'vm-hosts',
  title: 'Hosts',
  watch: watchScreen(() => hostsScreen),
  bindings: (ctx) =>
    openDialogBindings(ctx.stores.vmArea.dialog) ?? [
      ...listBindings,
      {
        action: 'switch',
        keys: ['enter'],
        label: 'use this host',
        hint: true,
        help: 'Switch the console to the selected host (the current one stays until it answers).',
      },
      {
        action: 'add',
        keys: ['n'],
        label: 'add',
        hint: true,
        help: 'Save another host by its libvirt URI.',
      },
      {
        action: 'remove',
        keys: ['x'],
        label: 'remove',
        help: 'Forget the selected saved host (nothing on it changes).',
      },
      {
        action: 'check',
        keys: ['r'],
        label: 'check all',
        hint: true,
        help: 'Read the saved hosts again and ask each one for its status.',
      },
    ],
  help: {
    beginner:
      'hv can manage VMs on several machines (hosts). Each row is a saved connection to a libvirt; the status says whether it answers and how many VMs it has. Enter switches the console to that host. The demo hypervisor is a safe practice host.',
    intermediate:
      'Saved libvirt connections ($XDG_CONFIG_HOME/hv/connections.json) with per-host status. Enter switches; n adds (qemu+ssh:// needs key login); x removes.',
    expert: 'Saved URIs; Enter switch, n add, x remove, r recheck.',
  },
  command: (ctx) => {
    const c = ctx.stores.connections.getState();
    const sel = c.saved[c.list.cursor];
    return sel && sel.uri !== 'demo' ? `virsh -c '${sel.uri}' list --all` : 'hv demo status';
  },
  onEnter(ctx) {
    // The VM list put the cursor on the host in use before opening this screen
    // (openHosts), so keys pressed at once act from there. Reading the file may
    // add hosts: place it again, unless it was moved meanwhile.
    const conns = ctx.stores.connections;
    const placed = openedAt.get(conns) ?? conns.getState().list;
    void loadSaved(ctx).then(() => {
      if (conns.getState().list === placed) placeCursorOnCurrent(conns, listRows(ctx));
      checkAllHosts(ctx);
    });
    return undefined;
  },
  textInput: (ctx) => dialogTextInput(ctx.stores.vmArea.dialog),
  onAction(action, ctx) {
    if (handleDialogAction(ctx.stores.vmArea.dialog, action)) return;
    const conns = ctx.stores.connections;
    const c = conns.getState();
    const sel = c.saved[c.list.cursor];
    switch (action) {
      case 'switch':
        if (!sel) return;
        if (isCurrent(c, sel)) {
          setStatus(ctx.stores.vms, { kind: 'info', message: `Already on ${sel.name}.` });
          return;
        }
        void switchHost(ctx, sel).then((ok) => {
          if (ok) pop(ctx.stores.router);
        });
        return;
      case 'add':
        return addHost(ctx);
      case 'check':
        // The file may have changed (`hv connections add` in another shell).
        void loadSaved(ctx).then(() => checkAllHosts(ctx));
        return;
      case 'remove':
        if (!sel) return;
        if (sel.builtIn) {
          setStatus(ctx.stores.vms, {
            kind: 'refused',
            message: `${sel.name} is built in and cannot be removed.`,
          });
          return;
        }
        openDialog(
          ctx.stores.vmArea.dialog,
          confirmDialog({
            title: `Forget ${sel.name}?`,
            lines: [`${sel.uri} is removed from the saved hosts. Nothing on that host changes.`],
            yes: 'forget',
            onYes: () =>
              void changeSaved(ctx, async () => {
                const { removeConnection } = await import('../../operations/connections.js');
                removeConnection(sel.name);
              }),
          }),
        );
        return;
    }
    moveConnCursor(conns, action as ListMove, listRows(ctx));
  },
  View: HostsView,
};
