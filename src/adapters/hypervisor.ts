// The Hypervisor port: what screens, stores, operations and commands may ask of
// libvirt. Implementations: virsh.ts (VirshHypervisor, always available where
// libvirt is), libvirt-native.ts (the @unraid/libvirt binding, optional) and
// composite.ts (binding for listing/info/lifecycle when it loads, virsh for the
// rest). Every failure is an HvError with a kind: not-found, permission (fix: the
// libvirtd group, never sudo), invalid-state, not-connected, unsupported (with why).
import { HvError } from '../errors.js';

export type DomainState =
  | 'running'
  | 'paused'
  | 'shut off'
  | 'shutting down'
  | 'crashed'
  | 'suspended'
  | 'blocked'
  | 'no state';

export interface DomainSummary {
  uuid: string;
  name: string;
  state: DomainState;
  vcpus: number;
  /** Maximum memory. */
  memoryKiB: number;
  autostart: boolean;
  persistent: boolean;
  /** Total CPU time used so far (ns), when the listing had it: CPU % = delta / wall / vcpus. */
  cpuTimeNs?: number;
  /** Memory the guest has now (balloon), when the listing had it. */
  currentMemoryKiB?: number;
  /** A managed save image exists: the next start resumes it. */
  hasManagedSave?: boolean;
}

export interface HostSummary {
  hostname: string;
  hypervisor: string;
  libvirtVersion: string;
}

/** What the host can run, for building domain XML (domain type, arch, firmware). */
export interface HostCapabilities {
  /** Host CPU architecture, e.g. x86_64. */
  arch: string;
  /** Domain types for guests of the host arch, best first: ['kvm', 'qemu'] or ['test']. */
  domainTypes: string[];
  /** The emulator libvirt reports for hvm guests of the host arch, if any. */
  emulator?: string;
  /** The driver behind the URI: 'QEMU', 'Test', ... */
  driver: string;
}

/** A domain name or UUID; names may hold spaces, quotes, non-ASCII and 64+ characters. */
export type DomainRef = string;

export interface DomainDisk {
  /** Guest device name: vda, sda, hdc. */
  target: string;
  device: 'disk' | 'cdrom' | 'floppy' | 'lun' | string;
  bus?: string;
  /** file | block | volume | network | dir */
  type: string;
  /** File path, device path, or "pool/volume" for type=volume; undefined for an empty drive. */
  source?: string;
  format?: string;
  readonly: boolean;
}

export interface DomainNic {
  mac: string;
  /** network | bridge | user | direct | ... */
  type: string;
  /** Network or bridge name. */
  source?: string;
  model?: string;
  /** Host-side device (vnet0) while running. */
  target?: string;
}

export interface DomainInfo extends DomainSummary {
  /** Running domains have an id; shut-off ones do not. */
  id?: number;
  osType: string;
  arch?: string;
  machine?: string;
  /** Domain type from the XML: kvm, qemu, test. */
  domainType: string;
  firmware: 'efi' | 'bios';
  disks: DomainDisk[];
  nics: DomainNic[];
  /** Graphics devices as "vnc", "spice" ... */
  graphics: string[];
  hasManagedSave: boolean;
  snapshotCount: number;
  description?: string;
  /** The live XML (inactive XML for shut-off domains). */
  xml: string;
}

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

export interface UndefineOptions {
  /** Also delete the volumes/files of the VM's disks (not its CD-ROM images). */
  removeStorage?: boolean;
}

export interface CloneOptions {
  /** Pool for the copied volumes; default: each source volume's own pool. */
  pool?: string;
}

export interface CloneResult {
  name: string;
  uuid: string;
  /** Volumes created for the clone, "pool/volume". */
  volumes: string[];
}

export interface BackupOptions {
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}

export interface BackupDisk {
  target: string;
  /** The original source path (or pool/volume). */
  source: string;
  /** The copy's file name inside the backup directory. */
  file: string;
  format: string;
  /** Size of the copy in the backup directory. */
  bytes: number;
  /** The disk's virtual size, for re-creating the volume. */
  capacityBytes?: number;
  /** The pool and volume it came from, when it was in a pool. */
  pool?: string;
  volume?: string;
}

/** hv-backup.json in the backup directory: what restore needs. */
export interface BackupManifest {
  version: 1;
  domain: string;
  uuid: string;
  createdAt: string;
  uri: string;
  /** How consistency was kept: the guest was shut off, or libvirt's backup job (point in time). */
  method: 'offline-copy' | 'backup-job';
  xmlFile: string;
  disks: BackupDisk[];
}

export interface RestoreOptions {
  /** Define under another name (a new UUID and MACs are generated). */
  newName?: string;
  /** Where the disks go: a pool (volumes are created there). Default: the original paths when free. */
  pool?: string;
}

export interface VolumeSpec {
  name: string;
  capacityBytes: number;
  /** qcow2 (default) or raw. */
  format?: 'qcow2' | 'raw';
}

export interface VolumeInfo {
  name: string;
  pool: string;
  path: string;
  /** file | block | dir | network ... */
  type: string;
  capacityBytes: number;
  allocationBytes: number;
  format?: string;
}

export interface NetworkInfo {
  name: string;
  uuid: string;
  active: boolean;
  autostart: boolean;
  persistent: boolean;
  bridge?: string;
  /** nat | route | bridge | open | ... ; undefined = isolated. */
  forward?: string;
}

export type PoolState = 'running' | 'inactive' | 'building' | 'degraded' | 'inaccessible';

export interface PoolInfo {
  name: string;
  uuid: string;
  state: PoolState;
  active: boolean;
  autostart: boolean;
  persistent: boolean;
  /** dir | logical | netfs | ... */
  type: string;
  /** Target path for file-based pools. */
  path?: string;
  capacityBytes: number;
  allocationBytes: number;
  availableBytes: number;
  volumeCount?: number;
}

export interface Progress {
  /** 0..100 when known. */
  percent?: number;
  message?: string;
}

export interface MigrateOptions {
  /** Default true. */
  live?: boolean;
  /** Define the domain on the destination; default true. */
  persistent?: boolean;
  /** Undefine it on the source after success; default false. */
  undefineSource?: boolean;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export type LifecycleEvent =
  | 'defined'
  | 'undefined'
  | 'started'
  | 'suspended'
  | 'resumed'
  | 'stopped'
  | 'shutdown'
  | 'pmsuspended'
  | 'crashed';

export type HvEvent =
  | {
      type: 'lifecycle';
      domain: string;
      event: LifecycleEvent;
      /** libvirt's detail word: Booted, Destroyed, Snapshot, ... */
      detail: string;
      raw: string;
    }
  | {
      /** Any other domain event (reboot, device-added, ...): the domain changed. */
      type: 'other';
      domain: string;
      event: string;
      raw: string;
    };

export interface EventSubscription {
  /** Stops the event stream; resolves when the virsh process has exited. */
  stop(): Promise<void>;
}

export interface EventHandlers {
  onEvent(e: HvEvent): void;
  /** The stream ended without stop(): the daemon went away (error) or virsh exited. */
  onEnd?(error: HvError | undefined): void;
}

export interface Hypervisor {
  readonly uri: string;
  listDomains(): Promise<DomainSummary[]>;
  host(): Promise<HostSummary>;
  capabilities(): Promise<HostCapabilities>;

  // domains
  domainInfo(dom: DomainRef): Promise<DomainInfo>;
  domainXml(dom: DomainRef, opts?: { inactive?: boolean }): Promise<string>;
  start(dom: DomainRef): Promise<void>;
  /** Asks the guest OS to shut down (ACPI); returns before it has stopped. */
  shutdown(dom: DomainRef): Promise<void>;
  reboot(dom: DomainRef): Promise<void>;
  /** Force off: like pulling the power cord. */
  destroy(dom: DomainRef): Promise<void>;
  suspend(dom: DomainRef): Promise<void>;
  resume(dom: DomainRef): Promise<void>;
  /** Saves the guest's memory to libvirt's managed save image and stops it. */
  managedSave(dom: DomainRef): Promise<void>;
  /** Starts the guest from its managed save image (invalid-state when none). */
  restoreManagedSave(dom: DomainRef): Promise<void>;
  setAutostart(dom: DomainRef, on: boolean): Promise<void>;
  clone(dom: DomainRef, newName: string, opts?: CloneOptions): Promise<CloneResult>;
  undefine(dom: DomainRef, opts?: UndefineOptions): Promise<{ removedVolumes: string[] }>;
  defineXml(xml: string): Promise<{ name: string; uuid: string }>;

  // snapshots
  listSnapshots(dom: DomainRef): Promise<SnapshotInfo[]>;
  createSnapshot(dom: DomainRef, opts?: CreateSnapshotOptions): Promise<SnapshotInfo>;
  revertSnapshot(dom: DomainRef, snapshot: string): Promise<void>;
  deleteSnapshot(dom: DomainRef, snapshot: string, opts?: { children?: boolean }): Promise<void>;

  // backup
  backup(dom: DomainRef, dir: string, opts?: BackupOptions): Promise<BackupManifest>;
  restoreBackup(dir: string, opts?: RestoreOptions): Promise<{ name: string; uuid: string }>;

  // networks
  listNetworks(): Promise<NetworkInfo[]>;
  startNetwork(name: string): Promise<void>;
  stopNetwork(name: string): Promise<void>;
  setNetworkAutostart(name: string, on: boolean): Promise<void>;

  // pools and volumes
  listPools(): Promise<PoolInfo[]>;
  startPool(name: string): Promise<void>;
  stopPool(name: string): Promise<void>;
  setPoolAutostart(name: string, on: boolean): Promise<void>;
  listVolumes(pool: string): Promise<VolumeInfo[]>;
  createVolume(pool: string, spec: VolumeSpec): Promise<VolumeInfo>;
  deleteVolume(pool: string, name: string): Promise<void>;

  // several hosts
  migrate(dom: DomainRef, destUri: string, opts?: MigrateOptions): Promise<void>;

  // changes
  subscribeEvents(handlers: EventHandlers): EventSubscription;
}

/** libvirt's virDomainState numbers, as `virsh domstats --state` reports them. */
export const stateByNumber: Record<number, DomainState> = {
  0: 'no state',
  1: 'running',
  2: 'blocked',
  3: 'paused',
  4: 'shutting down',
  5: 'shut off',
  6: 'crashed',
  7: 'suspended',
};

export function parseStateText(text: string): DomainState {
  const t = text.trim().toLowerCase();
  const known: DomainState[] = [
    'running',
    'paused',
    'shut off',
    'shutting down',
    'crashed',
    'suspended',
    'blocked',
  ];
  return known.find((k) => k === t) ?? (t === 'idle' ? 'blocked' : 'no state');
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

/**
 * A Hypervisor whose every method refuses with 'unsupported' except those given:
 * for fakes of this port in screen and store tests, so a fake need not list
 * methods it never calls.
 */
export function partialHypervisor(uri: string, impl: Partial<Omit<Hypervisor, 'uri'>>): Hypervisor {
  const refuse = (name: string) => () => {
    throw new HvError('unsupported', `${name} is not available on this hypervisor`);
  };
  return new Proxy({ uri, ...impl } as Hypervisor, {
    get(target, prop, recv) {
      if (prop in target) return Reflect.get(target, prop, recv);
      if (typeof prop === 'string' && prop !== 'then') return refuse(prop);
      return undefined;
    },
  });
}
