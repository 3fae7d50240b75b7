// Hypervisor over the `virsh` command (libvirt-clients): always available where
// libvirt is, used for everything the native binding lacks. Commands for many
// objects go through ONE virsh process (script()), so listing 1000 VMs costs one
// spawn, not 1000. The areas live in virsh-domains.ts, virsh-snapshots.ts,
// virsh-storage.ts, virsh-backup.ts, virsh-migrate.ts and events.ts; parsers in
// virsh-parse.ts.
import { HvError } from '../base/errors.js';
import { subscribeVirshEvents } from './events.js';
import type {
  BackupManifest,
  BackupOptions,
  CloneOptions,
  CloneResult,
  CreateSnapshotOptions,
  DomainInfo,
  DomainRef,
  DomainSummary,
  EventHandlers,
  EventSubscription,
  HostCapabilities,
  HostSummary,
  Hypervisor,
  MigrateOptions,
  NetworkInfo,
  PoolInfo,
  RestoreOptions,
  SnapshotInfo,
  UndefineOptions,
  VolumeInfo,
  VolumeSpec,
} from './hypervisor.js';
import { classifyLibvirtError } from './libvirt-errors.js';
import { run } from './run.js';
import { backupDomain, restoreBackup } from './virsh-backup.js';
import { cloneDomain, defineXml, domainInfo, domExec, undefineDomain } from './virsh-domains.js';
import { DomainListing, type ListingOptions } from './virsh-listing.js';
import { migrateDomain } from './virsh-migrate.js';
import { parseCapabilities, parseDominfo } from './virsh-parse.js';
import { type Virsh, virshQuote } from './virsh-port.js';
import * as snapshots from './virsh-snapshots.js';
import * as storage from './virsh-storage.js';

export { parseDominfo, type Virsh, virshQuote };

export interface VirshOptions {
  timeoutMs?: number;
  listing?: ListingOptions;
}

export class VirshHypervisor implements Hypervisor, Virsh {
  private readonly listing: DomainListing;

  constructor(
    readonly uri: string,
    private readonly opts: VirshOptions = {},
  ) {
    this.listing = new DomainListing(this, opts.listing);
  }

  /** Runs one virsh command; throws a classified HvError on failure. */
  async exec(args: readonly string[], opts: { timeoutMs?: number } = {}): Promise<string> {
    const r = await run('virsh', ['--quiet', '-c', this.uri, ...args], {
      timeoutMs: opts.timeoutMs ?? this.opts.timeoutMs ?? 15_000,
    });
    if (r.exitCode !== 0) throw classifyLibvirtError(r.stderr || r.stdout, this.uri);
    return r.stdout;
  }

  /**
   * Runs many virsh commands on one connection, as one `a ; echo M ; b` command
   * string (virsh's own parser, no shell); returns each command's output (empty
   * for a failed one; the errors are in stderr). Chunked to stay under Linux's
   * 128 KiB limit for one argument.
   */
  async script(commands: readonly string[][]): Promise<{ outputs: string[]; stderr: string }> {
    const marker = `hvsplit${process.pid}x${Date.now()}`;
    const out: string[] = [];
    let stderr = '';
    let chunk: string[] = [];
    let size = 0;
    const flush = async () => {
      if (chunk.length === 0) return;
      const r = await run(
        'virsh',
        ['--quiet', '-c', this.uri, chunk.join(` ; echo ${marker} ; `)],
        {
          timeoutMs: this.opts.timeoutMs ?? 30_000,
        },
      );
      if (r.exitCode !== 0 && r.stdout.trim() === '') {
        // Only a connection problem fails the whole script; a command that
        // failed (a probe for a missing name) leaves its output empty.
        const e = classifyLibvirtError(r.stderr || r.stdout, this.uri);
        if (e.kind === 'not-connected' || e.kind === 'permission') throw e;
      }
      stderr += r.stderr;
      const parts = r.stdout.split(marker);
      for (let i = 0; i < chunk.length; i++) out.push(parts[i] ?? '');
      chunk = [];
      size = 0;
    };
    for (const c of commands) {
      const line = c.map(virshQuote).join(' ');
      if (size + line.length > 100_000) await flush();
      chunk.push(line);
      size += line.length + marker.length + 10;
    }
    await flush();
    return { outputs: out, stderr };
  }

  /** One virsh process per refresh, about one `virsh domstats` (see virsh-listing.ts). */
  listDomains(): Promise<DomainSummary[]> {
    return this.listing.list();
  }

  /** Drops cached facts about a domain (after a change hv did not make itself); no uuid: all. */
  forget(uuid?: string): void {
    this.listing.forget(uuid);
  }

  /** An event subscription is live, so the listing can keep names cached. */
  get listingWatched(): boolean {
    return this.listing.watching();
  }

  /** Whether the next listing may skip resolving names to UUIDs (tests). */
  get listingTrustsNames(): boolean {
    return this.listing.namesTrusted();
  }

  async host(): Promise<HostSummary> {
    const {
      outputs: [hostname, version],
    } = await this.script([['hostname'], ['version']]);
    const hv = /Running hypervisor:\s*(.+)/.exec(version ?? '')?.[1]?.trim() ?? 'unknown';
    const lib = /Using library:\s*libvirt\s*(\S+)/.exec(version ?? '')?.[1] ?? 'unknown';
    return { hostname: (hostname ?? '').trim() || 'unknown', hypervisor: hv, libvirtVersion: lib };
  }

  async capabilities(): Promise<HostCapabilities> {
    const {
      outputs: [caps = '', version = ''],
      stderr,
    } = await this.script([['capabilities'], ['version']]);
    if (!caps.trim()) throw classifyLibvirtError(stderr, this.uri);
    const driver = /Running hypervisor:\s*(\S+)/.exec(version)?.[1] ?? 'unknown';
    return parseCapabilities(caps, driver);
  }

  domainInfo(dom: DomainRef): Promise<DomainInfo> {
    return domainInfo(this, dom);
  }

  domainXml(dom: DomainRef, opts: { inactive?: boolean } = {}): Promise<string> {
    return domExec(this, dom, [
      'dumpxml',
      '--domain',
      dom,
      ...(opts.inactive ? ['--inactive'] : []),
    ]);
  }

  // Lifecycle: one virsh command each. `--domain` keeps a name that looks like
  // an option (or a number) from being read as one.
  async start(dom: DomainRef): Promise<void> {
    await domExec(this, dom, ['start', '--domain', dom]);
  }
  async shutdown(dom: DomainRef): Promise<void> {
    await domExec(this, dom, ['shutdown', '--domain', dom]);
  }
  async reboot(dom: DomainRef): Promise<void> {
    await domExec(this, dom, ['reboot', '--domain', dom]);
  }
  async destroy(dom: DomainRef): Promise<void> {
    await domExec(this, dom, ['destroy', '--domain', dom]);
  }
  async suspend(dom: DomainRef): Promise<void> {
    await domExec(this, dom, ['suspend', '--domain', dom]);
  }
  async resume(dom: DomainRef): Promise<void> {
    await domExec(this, dom, ['resume', '--domain', dom]);
  }
  async managedSave(dom: DomainRef): Promise<void> {
    await domExec(this, dom, ['managedsave', '--domain', dom], { timeoutMs: 300_000 });
  }
  async restoreManagedSave(dom: DomainRef): Promise<void> {
    const info = await domainInfo(this, dom);
    if (!info.hasManagedSave) {
      throw new HvError('invalid-state', `${info.name} has no saved state to restore`, {
        fix: `save it first (hv vm save "${info.name}"), or start it normally`,
      });
    }
    await this.exec(['start', '--domain', dom], { timeoutMs: 300_000 });
  }
  async setAutostart(dom: DomainRef, on: boolean): Promise<void> {
    await domExec(this, dom, ['autostart', '--domain', dom, ...(on ? [] : ['--disable'])]);
  }

  async clone(dom: DomainRef, newName: string, opts: CloneOptions = {}): Promise<CloneResult> {
    const r = await cloneDomain(this, dom, newName, opts);
    this.listing.nameChanged(r.name);
    return r;
  }
  async undefine(
    dom: DomainRef,
    opts: UndefineOptions = {},
  ): Promise<{ removedVolumes: string[] }> {
    const r = await undefineDomain(this, dom, opts);
    this.forget(r.uuid);
    this.listing.nameChanged(r.name);
    return { removedVolumes: r.removedVolumes };
  }
  async defineXml(xml: string): Promise<{ name: string; uuid: string }> {
    const r = await defineXml(this, xml);
    this.forget(r.uuid);
    this.listing.nameChanged(r.name);
    return r;
  }

  listSnapshots(dom: DomainRef): Promise<SnapshotInfo[]> {
    return snapshots.listSnapshots(this, dom);
  }
  createSnapshot(dom: DomainRef, opts: CreateSnapshotOptions = {}): Promise<SnapshotInfo> {
    return snapshots.createSnapshot(this, dom, opts);
  }
  revertSnapshot(dom: DomainRef, snapshot: string): Promise<void> {
    return snapshots.revertSnapshot(this, dom, snapshot);
  }
  deleteSnapshot(dom: DomainRef, snapshot: string, opts: { children?: boolean } = {}) {
    return snapshots.deleteSnapshot(this, dom, snapshot, opts);
  }

  backup(dom: DomainRef, dir: string, opts: BackupOptions = {}): Promise<BackupManifest> {
    return backupDomain(this, dom, dir, opts);
  }
  async restoreBackup(dir: string, opts: RestoreOptions = {}) {
    const r = await restoreBackup(this, dir, opts);
    this.forget(r.uuid);
    this.listing.nameChanged(r.name);
    return r;
  }

  listNetworks(): Promise<NetworkInfo[]> {
    return storage.listNetworks(this);
  }
  async startNetwork(name: string): Promise<void> {
    await this.exec(['net-start', '--network', name]);
  }
  async stopNetwork(name: string): Promise<void> {
    await this.exec(['net-destroy', '--network', name]);
  }
  async setNetworkAutostart(name: string, on: boolean): Promise<void> {
    await this.exec(['net-autostart', '--network', name, ...(on ? [] : ['--disable'])]);
  }

  listPools(): Promise<PoolInfo[]> {
    return storage.listPools(this);
  }
  async startPool(name: string): Promise<void> {
    await this.exec(['pool-start', '--pool', name]);
  }
  async stopPool(name: string): Promise<void> {
    await this.exec(['pool-destroy', '--pool', name]);
  }
  async setPoolAutostart(name: string, on: boolean): Promise<void> {
    await this.exec(['pool-autostart', '--pool', name, ...(on ? [] : ['--disable'])]);
  }
  listVolumes(pool: string): Promise<VolumeInfo[]> {
    return storage.listVolumes(this, pool);
  }
  createVolume(pool: string, spec: VolumeSpec): Promise<VolumeInfo> {
    return storage.createVolume(this, pool, spec);
  }
  async deleteVolume(pool: string, name: string): Promise<void> {
    await this.exec(['vol-delete', '--pool', pool, '--vol', name]);
  }

  async migrate(dom: DomainRef, destUri: string, opts: MigrateOptions = {}): Promise<void> {
    await migrateDomain(this.uri, dom, destUri, opts);
  }

  /** Events also keep the listing's names current (see virsh-listing.ts). */
  subscribeEvents(handlers: EventHandlers): EventSubscription {
    let watching = true;
    const unwatch = () => {
      if (watching) this.listing.watchEnded();
      watching = false;
    };
    const sub = subscribeVirshEvents(this.uri, {
      onEvent: (e) => {
        this.listing.noteEvent(e);
        handlers.onEvent(e);
      },
      onEnd: (error) => {
        unwatch();
        handlers.onEnd?.(error);
      },
    });
    this.listing.watchStarted();
    return {
      stop: async () => {
        unwatch();
        await sub.stop();
      },
    };
  }
}

export function requireUri(uri: string | undefined): string {
  if (!uri) throw new HvError('not-connected', 'no libvirt connection is configured');
  return uri;
}
