// Networks and storage pools of the current connection, for their screens.
import { createStore } from 'zustand/vanilla';
import type { Hypervisor, NetworkInfo, PoolInfo } from '../adapters/hypervisor.js';
import { initialList, type ListMove, type ListState, moveList } from '../ui/list.js';
import { type Problem, problemOf } from './vm-detail.js';

export interface InfraState {
  networks: NetworkInfo[];
  networksLoaded: boolean;
  networksError: Problem | undefined;
  netList: ListState;
  pools: PoolInfo[];
  poolsLoaded: boolean;
  poolsError: Problem | undefined;
  poolList: ListState;
}

export function createInfraStore() {
  return createStore<InfraState>()(() => ({
    networks: [],
    networksLoaded: false,
    networksError: undefined,
    netList: initialList,
    pools: [],
    poolsLoaded: false,
    poolsError: undefined,
    poolList: initialList,
  }));
}
export type InfraStore = ReturnType<typeof createInfraStore>;

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

/** Keeps the cursor on the same name when the list changes. */
function keep<T extends { name: string }>(prev: T[], next: T[], list: ListState): ListState {
  const was = prev[list.cursor]?.name;
  const idx = was === undefined ? -1 : next.findIndex((n) => n.name === was);
  return { ...list, cursor: idx >= 0 ? idx : Math.min(list.cursor, Math.max(0, next.length - 1)) };
}

export async function loadNetworks(store: InfraStore, hv: Hypervisor): Promise<void> {
  try {
    const networks = (await hv.listNetworks()).sort(byName);
    const s = store.getState();
    store.setState({
      networks,
      networksLoaded: true,
      networksError: undefined,
      netList: keep(s.networks, networks, s.netList),
    });
  } catch (e) {
    store.setState({ networksLoaded: true, networksError: problemOf(e) });
  }
}

export async function loadPools(store: InfraStore, hv: Hypervisor): Promise<void> {
  try {
    const pools = (await hv.listPools()).sort(byName);
    const s = store.getState();
    store.setState({
      pools,
      poolsLoaded: true,
      poolsError: undefined,
      poolList: keep(s.pools, pools, s.poolList),
    });
  } catch (e) {
    store.setState({ poolsLoaded: true, poolsError: problemOf(e) });
  }
}

export function moveNetCursor(store: InfraStore, move: ListMove, height: number): void {
  const s = store.getState();
  store.setState({ netList: moveList(s.netList, move, s.networks.length, height) });
}

export function movePoolCursor(store: InfraStore, move: ListMove, height: number): void {
  const s = store.getState();
  store.setState({ poolList: moveList(s.poolList, move, s.pools.length, height) });
}

/** "12.0 GiB of 50.0 GiB (24%)": how full a pool is. */
export function poolUsage(p: Pick<PoolInfo, 'capacityBytes' | 'allocationBytes'>): string {
  if (p.capacityBytes <= 0) return 'unknown';
  const pct = Math.round((p.allocationBytes / p.capacityBytes) * 100);
  return `${formatBytes(p.allocationBytes)} of ${formatBytes(p.capacityBytes)} (${pct}%)`;
}

export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(1)} ${units[u]}`;
}

/** A bar of `width` cells: "#####-----", readable without colour. */
export function usageBar(fraction: number, width: number): string {
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const full = Math.round(f * width);
  return `${'#'.repeat(full)}${'-'.repeat(Math.max(0, width - full))}`;
}
