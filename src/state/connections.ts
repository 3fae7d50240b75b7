// Saved libvirt connections (hosts) as the console shows them, their status,
// and the one the console uses. The hypervisor of the current connection lives
// here, so switching hosts is a store change the live feed and every screen
// follow. The file itself is operations/connections.ts's (shared with `hv
// connections`), imported only when the hosts screen opens (it needs zod).
import { createStore } from 'zustand/vanilla';
import type { Hypervisor } from '../adapters/hypervisor.js';
import { follow, initialList, type ListMove, type ListState, moveList } from '../base/list.js';

/** `demo` stands for the demo hypervisor, whose socket path is only known once it runs. */
export const DEMO = 'demo';

export interface SavedConnection {
  name: string;
  uri: string;
  /** system, session and the demo: always there, cannot be removed. */
  builtIn: boolean;
}

export interface HostStatus {
  state: 'unknown' | 'checking' | 'up' | 'down';
  message?: string | undefined;
  vms?: number | undefined;
  running?: number | undefined;
  checkedAt?: number | undefined;
}

export interface ConnectionsState {
  saved: SavedConnection[];
  loaded: boolean;
  /** A note about the file (corrupt, kept aside), shown on the screen. */
  notice: string | undefined;
  /** By saved uri (DEMO for the demo). */
  status: Record<string, HostStatus>;
  list: ListState;
  /** The resolved URI in use. */
  current: string | undefined;
  hypervisor: Hypervisor | undefined;
  /** Opens a Hypervisor for a URI (state/vm-open.ts; fakes in tests). */
  factory: ((uri: string) => Promise<Hypervisor>) | undefined;
  /** A switch in progress (its saved uri). */
  switching: string | undefined;
}

/** Until the file is read: the built-in ones (as operations/connections.ts has them). */
export const defaultConnections: SavedConnection[] = [
  { name: 'system', uri: 'qemu:///system', builtIn: true },
  { name: 'session', uri: 'qemu:///session', builtIn: true },
  { name: DEMO, uri: DEMO, builtIn: true },
];

export function createConnectionsStore(
  init: { hypervisor?: Hypervisor; factory?: (uri: string) => Promise<Hypervisor> } = {},
) {
  return createStore<ConnectionsState>()(() => ({
    saved: defaultConnections,
    loaded: false,
    notice: undefined,
    status: {},
    list: initialList,
    current: init.hypervisor?.uri,
    hypervisor: init.hypervisor,
    factory: init.factory,
    switching: undefined,
  }));
}
export type ConnectionsStore = ReturnType<typeof createConnectionsStore>;

/** Demo URIs name a socket in a private folder: `test+unix:///default?socket=…`. */
export const isDemoLike = (uri: string) => uri.startsWith('test+unix:///default?socket=');

/** Is this saved entry the connection in use? */
export function isCurrent(s: Pick<ConnectionsState, 'current'>, saved: SavedConnection): boolean {
  if (!s.current) return false;
  return saved.uri === DEMO ? isDemoLike(s.current) : saved.uri === s.current;
}

/** Sets the connection in use (after connecting). */
export function setCurrentConnection(store: ConnectionsStore, hypervisor: Hypervisor): void {
  store.setState({ hypervisor, current: hypervisor.uri, switching: undefined });
}

/** A libvirt URI, or `demo`: scheme://[user@host]/path. */
export function checkUri(uri: string): string | undefined {
  if (uri === DEMO) return undefined;
  if (uri === '') return 'A URI is needed, e.g. qemu+ssh://host.example/system.';
  if (/\s/.test(uri)) return 'A URI has no spaces.';
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^\s]*\/[^\s]*$/i.test(uri)) {
    return `"${uri}" is not a libvirt URI; they look like qemu:///system or qemu+ssh://user@host/system.`;
  }
  return undefined;
}

export function moveConnCursor(store: ConnectionsStore, move: ListMove, height: number): void {
  const s = store.getState();
  store.setState({ list: moveList(s.list, move, s.saved.length, height) });
}

export function setHostStatus(store: ConnectionsStore, uri: string, status: HostStatus): void {
  store.setState((s) => ({ status: { ...s.status, [uri]: status } }));
}

/** Puts the cursor on the host in use (where the hosts screen opens); returns the list state. */
export function placeCursorOnCurrent(store: ConnectionsStore, height: number): ListState {
  const s = store.getState();
  const here = s.saved.findIndex((c) => isCurrent(s, c));
  if (here < 0) return s.list;
  const list = follow({ cursor: here, top: 0 }, s.saved.length, height);
  store.setState({ list });
  return list;
}
