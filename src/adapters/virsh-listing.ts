// The VM list over virsh at about the cost of one `virsh domstats`: one virsh
// process runs the three flag lists (autostart, transient, managed save) and
// `domstats` for state, vCPUs, memory and CPU time. domstats names domains but
// gives no UUIDs, and `list --all --uuid --name` costs more than domstats itself
// at 1000 VMs, so UUIDs by name are cached and re-resolved only:
//   - for names a lifecycle event says were defined, undefined or started (a
//     name re-used for a new domain gets a new UUID; events name it),
//   - for names domstats reports that the cache lacks,
//   - entirely, while no event subscription is live (nothing would say a name was
//     re-used), until one has had `settleMs` to register with libvirt, and every
//     `maxAgeMs` as a safety net for events missed meanwhile.
import type { DomainSummary, HvEvent, LifecycleEvent } from './hypervisor.js';
import { classifyLibvirtError } from './libvirt-errors.js';
import { joinListing, parseDominfo, parseUuidNames } from './virsh-parse.js';
import type { Virsh } from './virsh-port.js';

/** vCPUs and memory rarely change; the test driver's domstats lacks them. */
interface Static {
  vcpus: number;
  memoryKiB: number;
  currentMemoryKiB?: number;
}

export interface ListingOptions {
  now?: () => number;
  /** How long a new `virsh event` stream may take to register with libvirt. */
  settleMs?: number;
  /** The longest the cached names are trusted, even with events flowing. */
  maxAgeMs?: number;
}

/** Events after which a name may belong to another domain (or to none). */
const renaming = new Set<LifecycleEvent>(['defined', 'undefined', 'started']);
const uuidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The commands of one refresh: stats and flags for every domain, in one virsh. */
export const listingCommands: readonly string[][] = [
  ['list', '--all', '--autostart', '--uuid'],
  ['list', '--all', '--transient', '--uuid'],
  ['list', '--all', '--with-managed-save', '--uuid'],
  // --nowait: a VM busy in a long job (migration, backup) must not stall the list;
  // the stats that need its job are left out for that one refresh.
  ['domstats', '--raw', '--nowait', '--state', '--vcpu', '--balloon', '--cpu-total'],
];

export class DomainListing {
  private readonly uuidByName = new Map<string, string>();
  private readonly staticByUuid = new Map<string, Static>();
  /** Names whose UUID must be asked again at the next refresh; true: its definition changed. */
  private readonly dirty = new Map<string, boolean>();
  private subscriptions = 0;
  /** When the oldest live event subscription started. */
  private watchedSince: number | undefined;
  /** When the last full name list began. */
  private resolvedAt: number | undefined;
  private readonly now: () => number;
  private readonly settleMs: number;
  private readonly maxAgeMs: number;

  constructor(
    private readonly v: Virsh,
    opts: ListingOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.settleMs = opts.settleMs ?? 2000;
    this.maxAgeMs = opts.maxAgeMs ?? 60_000;
  }

  /** An event subscription started; call watchEnded() once when it ends. */
  watchStarted(): void {
    if (this.subscriptions++ === 0) this.watchedSince = this.now();
  }

  watchEnded(): void {
    if (this.subscriptions > 0 && --this.subscriptions === 0) this.watchedSince = undefined;
  }

  /** An event subscription is live (the console's feed). */
  watching(): boolean {
    return this.subscriptions > 0;
  }

  /** Every event of a live subscription goes through here. */
  noteEvent(e: HvEvent): void {
    if (e.type === 'lifecycle' && renaming.has(e.event)) {
      this.dirty.set(e.domain, this.dirty.get(e.domain) === true || e.event === 'defined');
    }
  }

  /** A name hv itself defined, undefined or renamed. */
  nameChanged(name: string): void {
    this.dirty.set(name, true);
  }

  /** Drops cached vCPU/memory facts (after a change hv did not make itself); no uuid: everything. */
  forget(uuid?: string): void {
    if (uuid !== undefined) {
      this.staticByUuid.delete(uuid);
      return;
    }
    this.staticByUuid.clear();
    this.uuidByName.clear();
    this.resolvedAt = undefined;
  }

  /** Whether the next refresh may use the cached names (tests, hv doctor). */
  namesTrusted(): boolean {
    const t = this.now();
    return (
      this.watchedSince !== undefined &&
      this.resolvedAt !== undefined &&
      this.resolvedAt >= this.watchedSince + this.settleMs &&
      t - this.resolvedAt < this.maxAgeMs
    );
  }

  async list(): Promise<DomainSummary[]> {
    const began = this.now();
    const full = !this.namesTrusted();
    const asked = full ? [] : [...this.dirty.keys()];
    const redefined = new Map(this.dirty);
    this.dirty.clear();
    let outputs: string[];
    let stderr: string;
    try {
      ({ outputs, stderr } = await this.v.script([
        ...(full
          ? [['list', '--all', '--uuid', '--name']]
          : asked.map((n) => ['domuuid', '--domain', n])),
        ...listingCommands,
      ]));
    } catch (e) {
      for (const [n, changed] of redefined) this.dirty.set(n, changed);
      throw e;
    }
    const lead = full ? 1 : asked.length;
    const [autostart = '', transient = '', managedSave = '', domstats = ''] = outputs.slice(lead);
    if (domstats.trim() === '' && outputs.slice(lead).every((o) => o.trim() === '')) {
      // Nothing at all: no domains, or virsh could not ask (its error says which).
      const e = stderr.trim() ? classifyLibvirtError(stderr, this.v.uri) : undefined;
      if (e && e.kind !== 'not-found') throw e;
    }
    if (full) {
      this.uuidByName.clear();
      for (const r of parseUuidNames(outputs[0] ?? '')) this.uuidByName.set(r.name, r.uuid);
      this.resolvedAt = began;
    } else {
      for (const [i, name] of asked.entries()) {
        this.setUuid(name, outputs[i] ?? '', redefined.get(name));
      }
    }
    const parts = { uuidByName: this.uuidByName, autostart, transient, managedSave, domstats };
    let joined = joinListing(parts);
    if (joined.unknown.length > 0) {
      // Defined since the names were resolved (its event not seen yet, or none).
      const r = await this.v.script(joined.unknown.map((n) => ['domuuid', '--domain', n]));
      for (const [i, name] of joined.unknown.entries()) this.setUuid(name, r.outputs[i] ?? '');
      joined = joinListing(parts);
    }
    // Names domstats no longer reports are gone (a sized check first: usually none are).
    if (this.uuidByName.size !== joined.rows.length) {
      const present = new Set(joined.rows.map((d) => d.name));
      for (const name of this.uuidByName.keys())
        if (!present.has(name)) this.uuidByName.delete(name);
    }
    await this.fillStatic(joined.rows);
    const out: DomainSummary[] = [];
    // The rows are this refresh's own objects: completed in place, not copied.
    for (const d of joined.rows) {
      const cached = this.staticByUuid.get(d.uuid);
      d.vcpus ??= cached?.vcpus;
      d.memoryKiB ??= cached?.memoryKiB;
      // Vanished between domstats and dominfo: left out, the next refresh agrees.
      if (d.vcpus === undefined || d.memoryKiB === undefined) continue;
      if (d.currentMemoryKiB === undefined && cached?.currentMemoryKiB !== undefined) {
        d.currentMemoryKiB = cached.currentMemoryKiB;
      }
      out.push(d as DomainSummary);
    }
    return out;
  }

  private setUuid(name: string, output: string, redefined = false): void {
    const uuid = output.trim();
    const old = this.uuidByName.get(name);
    if (old !== undefined && old !== uuid) this.staticByUuid.delete(old);
    if (!uuidRe.test(uuid)) {
      this.uuidByName.delete(name);
      return;
    }
    this.uuidByName.set(name, uuid);
    // A changed definition may hold other vCPUs or memory (test driver: from dominfo).
    if (redefined) this.staticByUuid.delete(uuid);
  }

  /**
   * Drivers whose domstats lacks vCPUs/memory (the test driver) get one dominfo
   * per domain the first time it is seen, in one virsh, then from the cache.
   */
  private async fillStatic(rows: ReturnType<typeof joinListing>['rows']): Promise<void> {
    const missing = rows.filter(
      (d) => (d.vcpus === undefined || d.memoryKiB === undefined) && !this.staticByUuid.has(d.uuid),
    );
    if (missing.length === 0) return;
    const { outputs } = await this.v.script(missing.map((d) => ['dominfo', d.uuid]));
    outputs.forEach((out, i) => {
      const info = parseDominfo(out, missing[i]!.uuid);
      if (!info) return;
      this.staticByUuid.set(info.uuid, {
        vcpus: info.vcpus,
        memoryKiB: info.memoryKiB,
        ...(info.currentMemoryKiB === undefined ? {} : { currentMemoryKiB: info.currentMemoryKiB }),
      });
    });
  }
}
