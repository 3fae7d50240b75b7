// The stores one console holds and what its screens and their actions may use:
// screens/types.ts calls the context ScreenContext. No React here.
import type { Hypervisor } from '../adapters/hypervisor.js';
import type { ConnectionsStore } from './connections.js';
import type { RouterStore } from './router.js';
import type { SessionStore } from './session.js';
import type { VmAreaStores } from './vm-area.js';
import type { VmsStore } from './vms.js';

export interface Stores {
  session: SessionStore;
  router: RouterStore;
  vms: VmsStore;
  /** The VM area's screens: dialog, detail, networks/pools, create form. */
  vmArea: VmAreaStores;
  /** Saved hosts and the hypervisor in use (ScreenContext.hypervisor reads it). */
  connections: ConnectionsStore;
}

/** What a screen may use: stores, navigation, the hypervisor (once connected). */
export interface ConsoleContext {
  stores: Stores;
  hypervisor: () => Hypervisor | undefined;
  quit: () => void;
  /** Rows available to the screen's body (set by App on every render). */
  bodyHeight: () => number;
  /**
   * Ink steps aside while `fn` runs with the terminal (e.g. `virsh console`): the
   * console is unmounted and the alternate screen left, then both come back.
   * Absent where there is no real terminal (screen tests).
   */
  suspend?: <T>(fn: () => Promise<T>) => Promise<T>;
}
