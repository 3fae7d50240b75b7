// Several hosts: resolving saved entries to URIs, checking each host's status,
// and switching the console to another one. The demo entry resolves to the demo
// daemon's socket; switching to it starts the demo when it is not running.
import type { Hypervisor } from '../../adapters/hypervisor.js';
import { errorMessage, isHvError } from '../../base/errors.js';
import {
  DEMO,
  isCurrent,
  type SavedConnection,
  setCurrentConnection,
  setHostStatus,
} from '../../state/connections.js';
import { resetDetail } from '../../state/vm-detail.js';
import { resetVms, setStatus } from '../../state/vms.js';
import type { ScreenContext } from '../types.js';
import { liveFeed } from './ops.js';

// Which libvirt, in one place (state/vm-open.ts); loaded when first needed (execa).
const vmOpen = () => import('../../state/vm-open.js');

/** Lets go of a hypervisor no longer in use (the native binding holds a connection). */
function closeHypervisor(hv: Hypervisor | undefined): Promise<void> {
  const closable = hv as (Hypervisor & { close?: () => Promise<void> }) | undefined;
  return closable?.close?.().catch(() => undefined) ?? Promise.resolve();
}

/** The URI a saved entry stands for now (the demo's socket path for `demo`). */
export async function resolveUri(saved: SavedConnection): Promise<string> {
  return (await vmOpen()).savedUri(saved);
}

/** Reads the saved connections (operations/connections.ts, shared with `hv connections`). */
export async function loadSaved(ctx: ScreenContext): Promise<void> {
  const { loadConnections, allConnections } = await import('../../operations/connections.js');
  const file = loadConnections();
  const { list } = allConnections();
  // A connection chosen with --connect or LIBVIRT_DEFAULT_URI may not be saved:
  // show it anyway, so the list always has the host in use.
  const conns = ctx.stores.connections.getState();
  const target = ctx.stores.session.getState().target;
  if (conns.current && !list.some((c) => isCurrent(conns, c))) {
    list.unshift({ name: target?.label ?? 'in use', uri: conns.current, builtIn: true });
  }
  ctx.stores.connections.setState({
    saved: list,
    loaded: true,
    notice:
      file.status === 'corrupt'
        ? `The saved connections file was unreadable (${file.problem}); kept at ${file.keptAt}.`
        : undefined,
  });
}

/** Asks one host for its VMs: up (with counts) or down (with libvirt's reason). */
export async function checkHost(ctx: ScreenContext, saved: SavedConnection): Promise<void> {
  const store = ctx.stores.connections;
  setHostStatus(store, saved.uri, { state: 'checking' });
  try {
    const open = await vmOpen();
    if (saved.uri === DEMO) {
      if (!open.demoRunning()) {
        setHostStatus(store, saved.uri, {
          state: 'down',
          message: 'not running; choosing it starts it',
          checkedAt: Date.now(),
        });
        return;
      }
    }
    const hv = open.probeHypervisor(ctx.hypervisor(), open.savedUri(saved));
    const vms = await hv.listDomains();
    setHostStatus(store, saved.uri, {
      state: 'up',
      vms: vms.length,
      running: vms.filter((v) => v.state === 'running').length,
      checkedAt: Date.now(),
    });
  } catch (e) {
    setHostStatus(store, saved.uri, {
      state: 'down',
      message: isHvError(e) && e.fix ? `${e.message} (${e.fix})` : errorMessage(e),
      checkedAt: Date.now(),
    });
  }
}

export function checkAllHosts(ctx: ScreenContext): void {
  for (const s of ctx.stores.connections.getState().saved) void checkHost(ctx, s);
}

/**
 * Switches the console to a saved host. The old connection stays in use until
 * the new one answered, so a typo never leaves the console without a host.
 */
export async function switchHost(ctx: ScreenContext, saved: SavedConnection): Promise<boolean> {
  const conns = ctx.stores.connections;
  const vms = ctx.stores.vms;
  conns.setState({ switching: saved.uri });
  setStatus(vms, { kind: 'busy', message: `Connecting to ${saved.name}…` });
  try {
    const target = await (await vmOpen()).savedTarget(saved);
    const factory = conns.getState().factory;
    if (!factory) throw new Error('the console is still starting; try again in a moment');
    const hv = await factory(target.uri);
    try {
      await hv.listDomains();
    } catch (e) {
      void closeHypervisor(hv);
      throw e;
    }
    const old = ctx.hypervisor();
    resetVms(vms);
    resetDetail(ctx.stores.vmArea.detail, '');
    setCurrentConnection(conns, hv);
    void closeHypervisor(old);
    ctx.stores.session.setState({
      target: { ...target, label: target.kind === 'custom' ? saved.name : target.label },
      status: 'connected',
      error: undefined,
    });
    // After the first refresh: the feed clears the old host's status line.
    await liveFeed(ctx).refresh();
    setStatus(vms, { kind: 'ok', message: `Now on ${saved.name} (${target.uri}).` });
    void checkHost(ctx, saved);
    return true;
  } catch (e) {
    conns.setState({ switching: undefined });
    setStatus(vms, {
      kind: 'error',
      message: `Could not connect to ${saved.name}: ${errorMessage(e)}`,
      fix: isHvError(e) ? e.fix : undefined,
    });
    return false;
  }
}
