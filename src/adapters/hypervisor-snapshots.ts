// Snapshots in the Hypervisor port: libvirt lists them flat with parents; the
// console and `hv vm snapshot list` show a tree.

export interface SnapshotInfo {
  name: string;
  /** Parent snapshot name; undefined for a root. */
  parent?: string;
  /** ISO 8601 creation time. */
  createdAt: string;
  /** The domain state the snapshot recorded (running, shut off) or 'disk-snapshot'. */
  state: string;
  current: boolean;
  description?: string;
}

/** A snapshot with its children, as listSnapshots' results form a forest. */
export interface SnapshotNode extends SnapshotInfo {
  children: SnapshotNode[];
  depth: number;
}

export interface CreateSnapshotOptions {
  /** Default: libvirt picks (the creation time in seconds). */
  name?: string;
  description?: string;
  /** Only disks (external, crash-consistent for running guests); default full. */
  diskOnly?: boolean;
}

/** Builds the snapshot forest from a flat list (parents before or after children). */
export function snapshotTree(snaps: readonly SnapshotInfo[]): SnapshotNode[] {
  const nodes = new Map<string, SnapshotNode>();
  for (const s of snaps) nodes.set(s.name, { ...s, children: [], depth: 0 });
  const roots: SnapshotNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.parent === undefined ? undefined : nodes.get(n.parent);
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  const byTime = (a: SnapshotNode, b: SnapshotNode) =>
    a.createdAt.localeCompare(b.createdAt) || a.name.localeCompare(b.name);
  const setDepth = (list: SnapshotNode[], depth: number) => {
    list.sort(byTime);
    for (const n of list) {
      n.depth = depth;
      setDepth(n.children, depth + 1);
    }
  };
  setDepth(roots, 0);
  return roots;
}

/** The forest in display order (pre-order), for lists. */
export function flattenSnapshotTree(roots: readonly SnapshotNode[]): SnapshotNode[] {
  const out: SnapshotNode[] = [];
  const walk = (list: readonly SnapshotNode[]) => {
    for (const n of list) {
      out.push(n);
      walk(n.children);
    }
  };
  walk(roots);
  return out;
}
