// The Hypervisor port: what screens, stores, operations and commands may ask of
// libvirt. Implementations: virsh.ts (VirshHypervisor, always available where
// libvirt is), libvirt-native.ts (the @unraid/libvirt binding, optional) and
// composite.ts (binding for listing/info/lifecycle when it loads, virsh for the
// rest). Every failure is an HvError with a kind: not-found, permission (fix: the
// libvirtd group, never sudo), invalid-state, not-connected, unsupported (with why).
//
// The types live beside it by area (hypervisor-domain.ts, -snapshots.ts,
// -jobs.ts, -storage.ts, -events.ts) and are re-exported here, so importers
// need only this module.
import type {
  DomainInfo,
  DomainRef,
  DomainSummary,
  HostCapabilities,
  HostSummary,
} from './hypervisor-domain.js';
import type { EventHandlers, EventSubscription } from './hypervisor-events.js';
import type {
  BackupManifest,
  BackupOptions,
  CloneOptions,
  CloneResult,
  MigrateOptions,
  RestoreOptions,
  UndefineOptions,
} from './hypervisor-jobs.js';
import type { CreateSnapshotOptions, SnapshotInfo } from './hypervisor-snapshots.js';
import type { NetworkInfo, PoolInfo, VolumeInfo, VolumeSpec } from './hypervisor-storage.js';

export * from './hypervisor-domain.js';
export * from './hypervisor-events.js';
export * from './hypervisor-jobs.js';
export * from './hypervisor-snapshots.js';
export * from './hypervisor-storage.js';

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
