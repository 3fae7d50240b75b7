// What the VM detail and snapshot screens show: the VM's full info (disks, NICs,
// XML), the tab, the scroll position, and its snapshots as a tree.
import { createStore } from 'zustand/vanilla';
import {
  type DomainInfo,
  flattenSnapshotTree,
  type Hypervisor,
  type SnapshotNode,
  snapshotTree,
} from '../adapters/hypervisor.js';
import { errorMessage, isHvError } from '../base/errors.js';
import { initialList, type ListMove, type ListState, moveList } from '../base/list.js';

export type DetailTab = 'info' | 'disks' | 'nics' | 'xml';
export const detailTabs: readonly DetailTab[] = ['info', 'disks', 'nics', 'xml'];

export interface Problem {
  message: string;
  fix?: string | undefined;
  kind?: string | undefined;
}

export const problemOf = (e: unknown): Problem => ({
  message: errorMessage(e),
  fix: isHvError(e) ? e.fix : undefined,
  kind: isHvError(e) ? e.kind : undefined,
});

export interface VmDetailState {
  /** Whose info this is (uuid), so a late answer for another VM is dropped. */
  uuid: string | undefined;
  info: DomainInfo | undefined;
  loading: boolean;
  error: Problem | undefined;
  tab: DetailTab;
  /** First line shown of the current tab's text (XML, disks...). */
  scroll: number;
  snapshots: SnapshotNode[];
  snapshotsLoaded: boolean;
  snapshotsError: Problem | undefined;
  snapList: ListState;
}

const initial: VmDetailState = {
  uuid: undefined,
  info: undefined,
  loading: false,
  error: undefined,
  tab: 'info',
  scroll: 0,
  snapshots: [],
  snapshotsLoaded: false,
  snapshotsError: undefined,
  snapList: initialList,
};

export function createVmDetailStore() {
  return createStore<VmDetailState>()(() => initial);
}
export type VmDetailStore = ReturnType<typeof createVmDetailStore>;

/** A different VM: start from its info tab with nothing of the last one. */
export function resetDetail(store: VmDetailStore, uuid: string): void {
  if (store.getState().uuid === uuid) return;
  store.setState({ ...initial, uuid });
}

export async function loadDetail(store: VmDetailStore, hv: Hypervisor, ref: string): Promise<void> {
  const uuid = store.getState().uuid;
  store.setState({ loading: true });
  try {
    const info = await hv.domainInfo(ref);
    if (store.getState().uuid !== uuid) return;
    store.setState({ info, loading: false, error: undefined });
  } catch (e) {
    if (store.getState().uuid !== uuid) return;
    store.setState({ loading: false, error: problemOf(e) });
  }
}

export async function loadSnapshots(
  store: VmDetailStore,
  hv: Hypervisor,
  ref: string,
): Promise<void> {
  const uuid = store.getState().uuid;
  try {
    const list = await hv.listSnapshots(ref);
    if (store.getState().uuid !== uuid) return;
    const prev = store.getState();
    const flat = flattenSnapshotTree(snapshotTree(list));
    // Keep the cursor on the same snapshot by name.
    const was = flattenSnapshotTree(prev.snapshots)[prev.snapList.cursor]?.name;
    const idx = was === undefined ? -1 : flat.findIndex((s) => s.name === was);
    store.setState({
      snapshots: snapshotTree(list),
      snapshotsLoaded: true,
      snapshotsError: undefined,
      snapList: {
        ...prev.snapList,
        cursor: idx >= 0 ? idx : Math.min(prev.snapList.cursor, Math.max(0, flat.length - 1)),
      },
    });
  } catch (e) {
    if (store.getState().uuid !== uuid) return;
    store.setState({ snapshotsLoaded: true, snapshotsError: problemOf(e) });
  }
}

/** Snapshots in display order (tree pre-order). */
export const flatSnapshots = (s: VmDetailState): SnapshotNode[] => flattenSnapshotTree(s.snapshots);

export function moveSnapshotCursor(store: VmDetailStore, move: ListMove, height: number): void {
  const s = store.getState();
  store.setState({ snapList: moveList(s.snapList, move, flatSnapshots(s).length, height) });
}

export function setTab(store: VmDetailStore, tab: DetailTab): void {
  store.setState({ tab, scroll: 0 });
}

export function cycleTab(store: VmDetailStore, dir: 1 | -1): void {
  const { tab } = store.getState();
  const i = detailTabs.indexOf(tab);
  setTab(store, detailTabs[(i + dir + detailTabs.length) % detailTabs.length]!);
}

/** Scrolls the tab's text, clamped so the last page stays full. */
export function scrollDetail(
  store: VmDetailStore,
  move: ListMove,
  total: number,
  height: number,
): void {
  const { scroll } = store.getState();
  const max = Math.max(0, total - height);
  const page = Math.max(1, height - 1);
  const next = {
    up: scroll - 1,
    down: scroll + 1,
    pageUp: scroll - page,
    pageDown: scroll + page,
    first: 0,
    last: max,
  }[move];
  store.setState({ scroll: Math.min(max, Math.max(0, next)) });
}
