// One open libvirt connection over RPC: the open handshake libvirt's client
// performs (auth list, CONNECT_OPEN with the daemon-side URI, keepalive), and
// the calls hv uses, in plain terms (names, UUID strings, numbers). Everything
// here speaks the wire types of gen/; hv's own types stay outside the folder.
import type { Duplex } from 'node:stream';
import { type ClientOptions, RpcClient } from './client.js';
import * as rpc from './gen/calls.gen.js';
import {
  decRemoteDomainEventCallbackLifecycleMsg,
  decRemoteDomainEventCallbackRebootMsg,
  REMOTE_AUTH_NONE,
  REMOTE_AUTH_POLKIT,
  REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE,
  REMOTE_PROC_DOMAIN_EVENT_CALLBACK_REBOOT,
  type RemoteNonnullDomain,
  type RemoteTypedParam,
} from './gen/protocol.gen.js';
import { openStream, resolveTarget, type Target } from './transport.js';
import { ConnectionError } from './wire-errors.js';

/** virConnectListAllDomainsFlags */
export const ListFlags = {
  ACTIVE: 1,
  INACTIVE: 2,
  PERSISTENT: 4,
  TRANSIENT: 8,
  RUNNING: 16,
  PAUSED: 32,
  SHUTOFF: 64,
  OTHER: 128,
  MANAGEDSAVE: 256,
  NO_MANAGEDSAVE: 512,
  AUTOSTART: 1024,
  NO_AUTOSTART: 2048,
  HAS_SNAPSHOT: 4096,
  NO_SNAPSHOT: 8192,
} as const;

/** virDomainStatsTypes */
export const StatsTypes = {
  STATE: 1,
  CPU_TOTAL: 2,
  BALLOON: 4,
  VCPU: 8,
  INTERFACE: 16,
  BLOCK: 32,
  PERF: 64,
  IOTHREAD: 128,
  MEMORY: 256,
  DIRTYRATE: 512,
} as const;

/** virConnectGetAllDomainStatsFlags that matter here. */
export const StatsFlags = { NOWAIT: 1 << 29, BACKING: 1 << 30, ENFORCE_STATS: 2 ** 31 } as const;

/** virDomainEventID */
export const EventIds = { LIFECYCLE: 0, REBOOT: 1 } as const;

/** virDomainEventType (lifecycle) */
export const lifecycleEvents = [
  'defined',
  'undefined',
  'started',
  'suspended',
  'resumed',
  'stopped',
  'shutdown',
  'pmsuspended',
  'crashed',
] as const;

/** libvirt's detail words per lifecycle event, as `virsh event` prints them. */
export const lifecycleDetails: Record<number, readonly string[]> = {
  0: ['Added', 'Updated', 'Renamed', 'Snapshot'],
  1: ['Removed', 'Renamed'],
  2: ['Booted', 'Migrated', 'Restored', 'Snapshot', 'Event wakeup'],
  3: [
    'Paused',
    'Migrated',
    'I/O Error',
    'Watchdog',
    'Restored',
    'Snapshot',
    'API error',
    'Post-copy',
    'Post-copy Error',
  ],
  4: ['Unpaused', 'Migrated', 'Snapshot', 'Post-copy', 'Post-copy Error'],
  5: ['Shutdown', 'Destroyed', 'Crashed', 'Migrated', 'Saved', 'Failed', 'Snapshot', 'Daemon'],
  6: ['Finished', 'Finished after guest request', 'Finished after host request'],
  7: ['Memory', 'Disk'],
  8: ['Panicked', 'Crashloaded'],
};

/** virDomainXMLFlags */
export const XmlFlags = { SECURE: 1, INACTIVE: 2, UPDATE_CPU: 4, MIGRATABLE: 8 } as const;

const VIR_CONNECT_RO = 1;
const VIR_DRV_FEATURE_PROGRAM_KEEPALIVE = 10;
const VIR_DRV_FEATURE_REMOTE_EVENT_CALLBACK = 14;

export interface Domain {
  name: string;
  uuid: string;
  /** -1 when not running. */
  id: number;
  /** The wire form, for calls. */
  wire: RemoteNonnullDomain;
}

export interface DomainStats {
  domain: Domain;
  /** Typed parameters by field name (state.state, cpu.time, balloon.current, vcpu.current...). */
  params: Map<string, number | bigint | string | boolean>;
}

export interface LifecycleEventMsg {
  kind: 'lifecycle';
  domain: Domain;
  /** virDomainEventType number and its word (defined, started...). */
  event: number;
  eventName: string;
  detail: number;
  detailName: string;
}
export interface RebootEventMsg {
  kind: 'reboot';
  domain: Domain;
}
export type DomainEventMsg = LifecycleEventMsg | RebootEventMsg;

const hexByte = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function uuidString(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
    s += hexByte[b[i]!];
  }
  return s;
}

const uuidRe = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
export const isUuid = (s: string) => uuidRe.test(s);

export function uuidBytes(s: string): Uint8Array {
  if (!isUuid(s)) throw new Error(`not a UUID: ${s}`);
  return Buffer.from(s.replace(/-/g, ''), 'hex');
}

function toDomain(wire: RemoteNonnullDomain): Domain {
  return { name: wire.name, uuid: uuidString(wire.uuid), id: wire.id, wire };
}

function paramValue(p: RemoteTypedParam): number | bigint | string | boolean {
  const v = p.value;
  switch (v.type) {
    case 1:
      return v.i;
    case 2:
      return v.ui;
    case 3:
      return v.l;
    case 4:
      return v.ul;
    case 5:
      return v.d;
    case 6:
      return v.b !== 0;
    case 7:
      return v.s;
  }
}

export interface OpenOptions extends ClientOptions {
  readonly?: boolean;
  env?: Record<string, string | undefined>;
  /** Extra ssh options (tests: -o UserKnownHostsFile=..., -i key). */
  sshArgs?: string[];
  /** Use this stream instead of opening the URI's transport (tests). */
  stream?: Duplex;
}

export class LibvirtConnection {
  private constructor(
    readonly uri: string,
    readonly target: Target,
    readonly client: RpcClient,
  ) {}

  /** Connects and opens `uri` on the daemon. Failures: ConnectionError or LibvirtError. */
  static async open(uri: string, opts: OpenOptions = {}): Promise<LibvirtConnection> {
    const target = resolveTarget(uri, {
      ...(opts.readonly === undefined ? {} : { readonly: opts.readonly }),
      ...(opts.env ? { env: opts.env } : {}),
    });
    const stream =
      opts.stream ?? (await openStream(target, opts.sshArgs ? { sshArgs: opts.sshArgs } : {}));
    const client = new RpcClient(stream, opts);
    const conn = new LibvirtConnection(uri, target, client);
    try {
      // What libvirt's client does: ask which authentication the socket wants.
      // None and polkit (decided by the daemon from our uid) need nothing from us.
      const auth = await rpc.authList(client);
      if (
        auth.types.length > 0 &&
        !auth.types.some((t) => t === REMOTE_AUTH_NONE || t === REMOTE_AUTH_POLKIT)
      ) {
        throw new ConnectionError(
          'connect',
          `libvirt at ${uri} asks for SASL authentication, which hv's client does not do (virsh does)`,
          'EAUTH',
        );
      }
      if (auth.types.includes(REMOTE_AUTH_POLKIT) && !auth.types.includes(REMOTE_AUTH_NONE)) {
        // The daemon checks polkit for our uid.
        await rpc.authPolkit(client);
      }
      await rpc.connectOpen(client, {
        name: target.name,
        flags: target.readonly ? VIR_CONNECT_RO : 0,
      });
      const ka = await rpc.connectSupportsFeature(client, {
        feature: VIR_DRV_FEATURE_PROGRAM_KEEPALIVE,
      });
      if (ka.supported) client.startKeepalive();
      return conn;
    } catch (e) {
      client.close();
      throw e;
    }
  }

  async close(): Promise<void> {
    if (!this.client.closed) {
      try {
        await rpc.connectClose(this.client);
      } catch {
        // closing a dead connection: nothing to report
      }
    }
    this.client.close();
  }

  get closed() {
    return this.client.closed;
  }

  onClose(fn: Parameters<RpcClient['onClose']>[0]) {
    return this.client.onClose(fn);
  }

  // ----- connection facts -----

  async hostname(): Promise<string> {
    return (await rpc.connectGetHostname(this.client)).hostname;
  }
  async driverType(): Promise<string> {
    return (await rpc.connectGetType(this.client)).type;
  }
  async libVersion(): Promise<number> {
    return Number((await rpc.connectGetLibVersion(this.client)).lib_ver);
  }
  async hypervisorVersion(): Promise<number> {
    return Number((await rpc.connectGetVersion(this.client)).hv_ver);
  }
  async daemonUri(): Promise<string> {
    return (await rpc.connectGetUri(this.client)).uri;
  }
  async supportsFeature(feature: number): Promise<boolean> {
    return (await rpc.connectSupportsFeature(this.client, { feature })).supported !== 0;
  }

  // ----- domains -----

  async listAllDomains(flags = 0): Promise<Domain[]> {
    const ret = await rpc.connectListAllDomains(this.client, { need_results: 1, flags });
    return ret.domains.map(toDomain);
  }

  /** One RPC for every domain's stats (all domains when `doms` is empty). */
  async allDomainStats(stats: number, flags = 0, doms: Domain[] = []): Promise<DomainStats[]> {
    const ret = await rpc.connectGetAllDomainStats(this.client, {
      doms: doms.map((d) => d.wire),
      stats,
      flags,
    });
    return ret.retStats.map((rec) => ({
      domain: toDomain(rec.dom),
      params: new Map(rec.params.map((p) => [p.field, paramValue(p)])),
    }));
  }

  /** By UUID when `ref` is one, else by name. */
  async lookup(ref: string): Promise<Domain> {
    if (isUuid(ref)) {
      return toDomain((await rpc.domainLookupByUuid(this.client, { uuid: uuidBytes(ref) })).dom);
    }
    return toDomain((await rpc.domainLookupByName(this.client, { name: ref })).dom);
  }

  async xml(dom: Domain, flags = 0): Promise<string> {
    return (await rpc.domainGetXmlDesc(this.client, { dom: dom.wire, flags })).xml;
  }

  async info(dom: Domain) {
    return rpc.domainGetInfo(this.client, { dom: dom.wire });
  }

  async state(dom: Domain): Promise<{ state: number; reason: number }> {
    return rpc.domainGetState(this.client, { dom: dom.wire, flags: 0 });
  }

  async create(dom: Domain, flags = 0): Promise<void> {
    if (flags === 0) await rpc.domainCreate(this.client, { dom: dom.wire });
    else await rpc.domainCreateWithFlags(this.client, { dom: dom.wire, flags });
  }
  async shutdown(dom: Domain): Promise<void> {
    await rpc.domainShutdown(this.client, { dom: dom.wire });
  }
  async destroy(dom: Domain): Promise<void> {
    await rpc.domainDestroy(this.client, { dom: dom.wire });
  }
  async reboot(dom: Domain, flags = 0): Promise<void> {
    await rpc.domainReboot(this.client, { dom: dom.wire, flags });
  }
  async suspend(dom: Domain): Promise<void> {
    await rpc.domainSuspend(this.client, { dom: dom.wire });
  }
  async resume(dom: Domain): Promise<void> {
    await rpc.domainResume(this.client, { dom: dom.wire });
  }
  async managedSave(dom: Domain, flags = 0): Promise<void> {
    await rpc.domainManagedSave(this.client, { dom: dom.wire, flags });
  }
  async hasManagedSave(dom: Domain): Promise<boolean> {
    return (
      (await rpc.domainHasManagedSaveImage(this.client, { dom: dom.wire, flags: 0 })).result !== 0
    );
  }
  async autostart(dom: Domain): Promise<boolean> {
    return (await rpc.domainGetAutostart(this.client, { dom: dom.wire })).autostart !== 0;
  }
  async setAutostart(dom: Domain, on: boolean): Promise<void> {
    await rpc.domainSetAutostart(this.client, { dom: dom.wire, autostart: on ? 1 : 0 });
  }
  async isPersistent(dom: Domain): Promise<boolean> {
    return (await rpc.domainIsPersistent(this.client, { dom: dom.wire })).persistent !== 0;
  }

  // ----- events -----

  private listeners = new Set<(e: DomainEventMsg) => void>();
  /** The daemon-side registration shared by every listener (libvirt allows one per event ID). */
  private registration: Promise<() => Promise<void>> | undefined;
  /** Registrations and deregistrations run one after another. */
  private eventOps: Promise<unknown> = Promise.resolve();

  /**
   * Lifecycle and reboot events of every domain, through libvirt's callback
   * events. Resolves once the daemon has registered them; the returned function
   * stops this listener (the last one out deregisters on the daemon).
   */
  async subscribeDomainEvents(onEvent: (e: DomainEventMsg) => void): Promise<() => Promise<void>> {
    this.listeners.add(onEvent);
    const op = this.eventOps.then(() => {
      this.registration ??= this.register();
      return this.registration;
    });
    this.eventOps = op.catch(() => {});
    try {
      await op;
    } catch (e) {
      this.listeners.delete(onEvent);
      this.registration = undefined;
      throw e;
    }
    let stopped = false;
    return async () => {
      if (stopped) return;
      stopped = true;
      this.listeners.delete(onEvent);
      const done = this.eventOps.then(async () => {
        if (this.listeners.size > 0 || !this.registration) return;
        const reg = this.registration;
        this.registration = undefined;
        await (await reg)();
      });
      this.eventOps = done.catch(() => {});
      await done.catch(() => {});
    };
  }

  private async register(): Promise<() => Promise<void>> {
    if (!(await this.supportsFeature(VIR_DRV_FEATURE_REMOTE_EVENT_CALLBACK))) {
      throw new ConnectionError(
        'connect',
        'this libvirt daemon has no callback events (libvirt < 1.2.1)',
      );
    }
    const ids = new Set<number>();
    // An event may arrive right behind the reply that names its callback ID, before
    // that ID is recorded: hold events of unknown IDs until registration is done.
    let held: [number, DomainEventMsg][] | undefined = [];
    const fanOut = (e: DomainEventMsg) => {
      for (const fn of [...this.listeners]) fn(e);
    };
    const deliver = (id: number, e: DomainEventMsg) => {
      if (held && !ids.has(id)) held.push([id, e]);
      else if (ids.has(id)) fanOut(e);
    };
    const offLife = this.client.onMessage(REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE, (r) => {
      const m = decRemoteDomainEventCallbackLifecycleMsg(r);
      deliver(m.callbackID, {
        kind: 'lifecycle',
        domain: toDomain(m.msg.dom),
        event: m.msg.event,
        eventName: lifecycleEvents[m.msg.event] ?? `event ${m.msg.event}`,
        detail: m.msg.detail,
        detailName: lifecycleDetails[m.msg.event]?.[m.msg.detail] ?? `detail ${m.msg.detail}`,
      });
    });
    const offReboot = this.client.onMessage(REMOTE_PROC_DOMAIN_EVENT_CALLBACK_REBOOT, (r) => {
      const m = decRemoteDomainEventCallbackRebootMsg(r);
      deliver(m.callbackID, { kind: 'reboot', domain: toDomain(m.msg.dom) });
    });
    const stop = async () => {
      offLife();
      offReboot();
      const list = [...ids];
      ids.clear();
      for (const callbackID of list) {
        if (this.client.closed) break;
        await rpc
          .connectDomainEventCallbackDeregisterAny(this.client, { callbackID })
          .catch(() => {});
      }
    };
    try {
      for (const eventID of [EventIds.LIFECYCLE, EventIds.REBOOT]) {
        const ret = await rpc.connectDomainEventCallbackRegisterAny(this.client, {
          eventID,
          dom: null,
        });
        ids.add(ret.callbackID);
      }
    } catch (e) {
      held = undefined;
      await stop();
      throw e;
    }
    const early = held;
    held = undefined;
    for (const [id, e] of early) if (ids.has(id)) fanOut(e);
    return stop;
  }
}
