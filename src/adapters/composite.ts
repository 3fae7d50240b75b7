// The Hypervisor hv uses: the native binding for one-shot listing, the domain XML
// and the basic lifecycle when it loads (no process per call), virsh for
// everything else (and for listing while an event stream keeps its names cached)
// and for all of it when the binding is absent. With HV_LIBVIRT_RPC=1 (local URIs)
// hv's own RPC client (rpc-domains.ts) serves listing, XML, lifecycle, autostart
// and events instead of the binding. Which one served what is visible in
// `backend` (hv doctor, tests).
import type {
  BackupOptions,
  CloneOptions,
  CreateSnapshotOptions,
  DomainRef,
  DomainSummary,
  EventHandlers,
  Hypervisor,
  MigrateOptions,
  RestoreOptions,
  UndefineOptions,
  VolumeSpec,
} from './hypervisor.js';
import { loadNativeBinding, NativeConnection } from './libvirt-native.js';
import type { RpcDomains } from './rpc-domains.js';
import { VirshHypervisor } from './virsh.js';
import { clarifyDomainError } from './virsh-domains.js';
import type { ListingOptions } from './virsh-listing.js';

export interface CompositeOptions {
  /** false: virsh only (tests of the fallback; HV_NO_NATIVE=1 does the same). */
  native?: boolean;
  /** true: hv's RPC client for listing, lifecycle and events (HV_LIBVIRT_RPC=1 does the same). */
  rpc?: boolean;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  listing?: ListingOptions;
}

const lifeWords = {
  start: 'start',
  shutdown: 'shut down',
  destroy: 'force off',
  suspend: 'pause',
  resume: 'resume',
} as const;

export class CompositeHypervisor implements Hypervisor {
  readonly virsh: VirshHypervisor;
  /** hv's own libvirt RPC client, when chosen (then the binding is not loaded). */
  readonly rpc: RpcDomains | undefined;

  private constructor(
    readonly uri: string,
    private readonly native: NativeConnection | undefined,
    /** Why the binding is not used, when it is not. */
    readonly nativeUnavailable: string | undefined,
    opts: CompositeOptions,
    rpc?: RpcDomains,
  ) {
    this.rpc = rpc;
    this.virsh = new VirshHypervisor(uri, {
      ...(opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs }),
      ...(opts.listing ? { listing: opts.listing } : {}),
    });
  }

  static async open(uri: string, opts: CompositeOptions = {}): Promise<CompositeHypervisor> {
    const wantRpc = opts.rpc ?? (opts.env ?? process.env).HV_LIBVIRT_RPC === '1';
    if (wantRpc) {
      // Loaded only when chosen: the client stays out of every other start-up.
      const { RpcDomains, rpcCanServe } = await import('./rpc-domains.js');
      if (rpcCanServe(uri)) {
        return new CompositeHypervisor(
          uri,
          undefined,
          'hv uses its RPC client',
          opts,
          new RpcDomains(uri),
        );
      }
    }
    if (opts.native === false) {
      return new CompositeHypervisor(uri, undefined, 'turned off by the caller', opts);
    }
    const load = await loadNativeBinding(opts.env ?? process.env);
    return load.ok
      ? new CompositeHypervisor(uri, new NativeConnection(uri, load.module), undefined, opts)
      : new CompositeHypervisor(uri, undefined, load.why, opts);
  }

  /** 'rpc+virsh' or 'native+virsh' when those serve listing and lifecycle, else 'virsh'. */
  get backend(): 'rpc+virsh' | 'native+virsh' | 'virsh' {
    return this.rpc ? 'rpc+virsh' : this.native ? 'native+virsh' : 'virsh';
  }

  async close(): Promise<void> {
    await this.native?.close();
    await this.rpc?.close();
  }

  private async onDomain<T>(
    dom: DomainRef,
    action: string,
    fn: (n: NativeConnection) => Promise<T>,
  ): Promise<T> {
    try {
      return await fn(this.native!);
    } catch (e) {
      throw clarifyDomainError(e, this.uri, dom, action);
    }
  }

  /**
   * With an event stream live (the console), virsh's listing keeps names cached
   * and costs about one `virsh domstats`: one RPC for every VM. The binding makes
   * one RPC per VM, which loses to it at 1000 VMs (bench/vm-refresh.mjs). Without
   * events (one-shot commands) the binding saves resolving every name in virsh.
   */
  async listDomains(): Promise<DomainSummary[]> {
    if (this.rpc) return this.rpc.listDomains();
    if (this.native && (!this.virsh.listingWatched || this.virshLacksCpuTime)) {
      return this.native.listDomains();
    }
    const vms = await this.virsh.listDomains();
    // Some drivers (libvirt's test driver: the demo) give no cpu.time in
    // domstats; the binding's per-VM info has it, so the CPU column keeps working.
    if (this.native && vms.some((v) => v.state === 'running' && v.cpuTimeNs === undefined)) {
      this.virshLacksCpuTime = true;
      return this.native.listDomains();
    }
    return vms;
  }
  /** Set once virsh's listing showed running VMs without CPU time on this connection. */
  private virshLacksCpuTime = false;
  host() {
    return this.virsh.host();
  }
  capabilities() {
    return this.virsh.capabilities();
  }
  domainInfo(dom: DomainRef) {
    return this.virsh.domainInfo(dom);
  }
  domainXml(dom: DomainRef, opts: { inactive?: boolean } = {}) {
    if (this.rpc) return this.rpc.domainXml(dom, opts);
    return this.native
      ? this.onDomain(dom, 'read the XML of', (n) => n.domainXml(dom, opts.inactive))
      : this.virsh.domainXml(dom, opts);
  }

  private life(action: 'start' | 'shutdown' | 'destroy' | 'suspend' | 'resume', dom: DomainRef) {
    if (this.rpc) return this.rpc.act(action, dom);
    return this.native
      ? this.onDomain(dom, lifeWords[action], (n) => n.lifecycle(action, dom))
      : this.virsh[action](dom);
  }
  start(dom: DomainRef) {
    return this.life('start', dom);
  }
  shutdown(dom: DomainRef) {
    return this.life('shutdown', dom);
  }
  destroy(dom: DomainRef) {
    return this.life('destroy', dom);
  }
  suspend(dom: DomainRef) {
    return this.life('suspend', dom);
  }
  resume(dom: DomainRef) {
    return this.life('resume', dom);
  }
  // The binding has no reboot, managed save or autostart: virsh.
  reboot(dom: DomainRef) {
    return this.rpc ? this.rpc.act('reboot', dom) : this.virsh.reboot(dom);
  }
  managedSave(dom: DomainRef) {
    return this.rpc ? this.rpc.act('managedSave', dom) : this.virsh.managedSave(dom);
  }
  restoreManagedSave(dom: DomainRef) {
    return this.rpc ? this.rpc.act('restoreManagedSave', dom) : this.virsh.restoreManagedSave(dom);
  }
  setAutostart(dom: DomainRef, on: boolean) {
    return this.rpc ? this.rpc.setAutostart(dom, on) : this.virsh.setAutostart(dom, on);
  }
  clone(dom: DomainRef, newName: string, opts?: CloneOptions) {
    return this.virsh.clone(dom, newName, opts);
  }
  undefine(dom: DomainRef, opts?: UndefineOptions) {
    return this.virsh.undefine(dom, opts);
  }
  defineXml(xml: string) {
    return this.virsh.defineXml(xml);
  }
  listSnapshots(dom: DomainRef) {
    return this.virsh.listSnapshots(dom);
  }
  createSnapshot(dom: DomainRef, opts?: CreateSnapshotOptions) {
    return this.virsh.createSnapshot(dom, opts);
  }
  revertSnapshot(dom: DomainRef, snapshot: string) {
    return this.virsh.revertSnapshot(dom, snapshot);
  }
  deleteSnapshot(dom: DomainRef, snapshot: string, opts?: { children?: boolean }) {
    return this.virsh.deleteSnapshot(dom, snapshot, opts);
  }
  backup(dom: DomainRef, dir: string, opts?: BackupOptions) {
    return this.virsh.backup(dom, dir, opts);
  }
  restoreBackup(dir: string, opts?: RestoreOptions) {
    return this.virsh.restoreBackup(dir, opts);
  }
  listNetworks() {
    return this.virsh.listNetworks();
  }
  startNetwork(name: string) {
    return this.virsh.startNetwork(name);
  }
  stopNetwork(name: string) {
    return this.virsh.stopNetwork(name);
  }
  setNetworkAutostart(name: string, on: boolean) {
    return this.virsh.setNetworkAutostart(name, on);
  }
  listPools() {
    return this.virsh.listPools();
  }
  startPool(name: string) {
    return this.virsh.startPool(name);
  }
  stopPool(name: string) {
    return this.virsh.stopPool(name);
  }
  setPoolAutostart(name: string, on: boolean) {
    return this.virsh.setPoolAutostart(name, on);
  }
  listVolumes(pool: string) {
    return this.virsh.listVolumes(pool);
  }
  createVolume(pool: string, spec: VolumeSpec) {
    return this.virsh.createVolume(pool, spec);
  }
  deleteVolume(pool: string, name: string) {
    return this.virsh.deleteVolume(pool, name);
  }
  migrate(dom: DomainRef, destUri: string, opts?: MigrateOptions) {
    return this.virsh.migrate(dom, destUri, opts);
  }
  subscribeEvents(handlers: EventHandlers) {
    return this.rpc ? this.rpc.subscribeEvents(handlers) : this.virsh.subscribeEvents(handlers);
  }
}
