// The VM list as the console sees it, refreshed from the Hypervisor port.
import { createStore } from 'zustand/vanilla';
import type { DomainSummary, Hypervisor } from '../adapters/hypervisor.js';
import { errorMessage, isHvError } from '../errors.js';
import { initialList, type ListMove, type ListState, moveList } from '../ui/list.js';

export interface VmsState {
  vms: DomainSummary[];
  loaded: boolean;
  error: { message: string; fix?: string | undefined } | undefined;
  refreshedAt: number | undefined;
  list: ListState;
}

export function createVmsStore() {
  return createStore<VmsState>()(() => ({
    vms: [],
    loaded: false,
    error: undefined,
    refreshedAt: undefined,
    list: initialList,
  }));
}
export type VmsStore = ReturnType<typeof createVmsStore>;

const byName = (a: DomainSummary, b: DomainSummary) => a.name.localeCompare(b.name);

/** Fetches the list; keeps the old rows on failure so the screen does not blank. */
export async function refreshVms(store: VmsStore, hv: Hypervisor): Promise<void> {
  try {
    const vms = (await hv.listDomains()).sort(byName);
    const prev = store.getState();
    // Keep the cursor on the same VM when rows come and go.
    const selected = prev.vms[prev.list.cursor]?.uuid;
    const idx = selected ? vms.findIndex((v) => v.uuid === selected) : -1;
    store.setState({
      vms,
      loaded: true,
      error: undefined,
      refreshedAt: Date.now(),
      list: idx >= 0 ? { ...prev.list, cursor: idx } : prev.list,
    });
  } catch (e) {
    store.setState({
      error: { message: errorMessage(e), fix: isHvError(e) ? e.fix : undefined },
    });
  }
}

export function moveVmCursor(store: VmsStore, move: ListMove, height: number): void {
  const s = store.getState();
  store.setState({ list: moveList(s.list, move, s.vms.length, height) });
}
