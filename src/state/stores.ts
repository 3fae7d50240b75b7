// The stores one console holds, handed to every screen (ScreenContext.stores).
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
