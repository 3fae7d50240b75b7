// Where the console keeps the wizard's store, and how `hv setup` hands over its
// flags. Light on purpose: the home menu's first frame imports this, not the wizard.

import type { SetupStore } from './setup.js';
import type { SetupLaunch } from './setup-launch.js';
import type { Stores } from './stores.js';

const stores = new WeakMap<Stores, SetupStore>();
let pending: SetupLaunch | undefined;

/** `hv setup` calls this before opening the console on the setup screen. */
export function launchSetup(launch: SetupLaunch): void {
  pending = launch;
}

export function takeLaunch(): SetupLaunch {
  const l = pending ?? { standalone: false, firstBoot: false, force: false };
  pending = undefined;
  return l;
}

export const setupStoreOf = (s: Stores) => stores.get(s);
export const attachSetupStore = (s: Stores, store: SetupStore) => stores.set(s, store);
export const detachSetupStore = (s: Stores) => stores.delete(s);
