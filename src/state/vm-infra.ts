// Networks and storage pools of the current connection, for their screens.
import { createStore } from 'zustand/vanilla';
import type { Hypervisor, NetworkInfo, PoolInfo } from '../adapters/hypervisor.js';
import { formatBytes } from '../base/format.js';
import { initialList, type ListMove, type ListState, moveList } from '../base/list.js';
import { type Problem, problemOf } from './vm-detail.js';

/** One kind of host object as its screen shows it. */
export interface InfraSlice<T> {
  items: T[];
  loaded: boolean;
  error: Problem | undefined;
  list: ListState;
}

export interface InfraState {
  networks: InfraSlice<NetworkInfo>;
  pools: InfraSlice<PoolInfo>;
}

export type InfraKind = keyof InfraState;
/** A network or a pool: what the shared screen code relies on. */
export type InfraItem<K extends InfraKind> = InfraState[K]['items'][number];

const emptySlice = <T>(): InfraSlice<T> => ({
  items: [],
  loaded: false,
  error: undefined,
  list: initialList,
});

export function createInfraStore() {
  return createStore<InfraState>()(() => ({ networks: emptySlice(), pools: emptySlice() }));
}
export type InfraStore = ReturnType<typeof createInfraStore>;

const listers: { [K in InfraKind]: (hv: Hypervisor) => Promise<InfraItem<K>[]> } = {
  networks: (hv) => hv.listNetworks(),
  pools: (hv) => hv.listPools(),
};

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

/** Keeps the cursor on the same name when the list changes. */
export function keepByName<T extends { name: string }>(
  prev: readonly T[],
  next: readonly T[],
  list: ListState,
): ListState {
  const was = prev[list.cursor]?.name;
  const idx = was === undefined ? -1 : next.findIndex((n) => n.name === was);
  return { ...list, cursor: idx >= 0 ? idx : Math.min(list.cursor, Math.max(0, next.length - 1)) };
}

function setSlice<K extends InfraKind>(
  store: InfraStore,
  kind: K,
  patch: Partial<InfraSlice<InfraItem<K>>>,
): void {
  store.setState((s) => ({ [kind]: { ...s[kind], ...patch } }) as Partial<InfraState>);
}

/** Lists one kind again; on failure the last items stay, with the problem beside them. */
export async function loadInfra(store: InfraStore, kind: InfraKind, hv: Hypervisor): Promise<void> {
  try {
    const items = (await listers[kind](hv)).sort(byName);
    const s = store.getState()[kind];
    setSlice(store, kind, {
      items,
      loaded: true,
      error: undefined,
      list: keepByName(s.items, items, s.list),
    });
  } catch (e) {
    setSlice(store, kind, { loaded: true, error: problemOf(e) });
  }
}

export const loadNetworks = (store: InfraStore, hv: Hypervisor) => loadInfra(store, 'networks', hv);
export const loadPools = (store: InfraStore, hv: Hypervisor) => loadInfra(store, 'pools', hv);

export function moveInfraCursor(
  store: InfraStore,
  kind: InfraKind,
  move: ListMove,
  height: number,
): void {
  const s = store.getState()[kind];
  setSlice(store, kind, { list: moveList(s.list, move, s.items.length, height) });
}

/** "12.0 GiB of 50.0 GiB (24%)": how full a pool is. */
export function poolUsage(p: Pick<PoolInfo, 'capacityBytes' | 'allocationBytes'>): string {
  if (p.capacityBytes <= 0) return 'unknown';
  const pct = Math.round((p.allocationBytes / p.capacityBytes) * 100);
  return `${formatBytes(p.allocationBytes)} of ${formatBytes(p.capacityBytes)} (${pct}%)`;
}

/** A bar of `width` cells: "#####-----", readable without colour. */
export function usageBar(fraction: number, width: number): string {
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const full = Math.round(f * width);
  return `${'#'.repeat(full)}${'-'.repeat(Math.max(0, width - full))}`;
}
