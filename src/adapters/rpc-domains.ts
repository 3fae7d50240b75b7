// The Hypervisor port's domain listing, lifecycle, XML, autostart and events over
// libvirt's own RPC protocol (libvirt-rpc/): one socket, no process per call, no
// native addon. composite.ts uses it when HV_LIBVIRT_RPC=1 on a local URI;
// everything else stays with virsh. The connection opens on first use and again
// after it dropped (each call tries once); event subscriptions end with
// not-connected when it drops, and the console's feed resubscribes.
import { HvError } from '../base/errors.js';
import type {
  DomainRef,
  DomainState,
  DomainSummary,
  EventHandlers,
  EventSubscription,
  HvEvent,
  LifecycleEvent,
} from './hypervisor.js';
import { stateByNumber } from './hypervisor.js';
import {
  type Domain,
  LibvirtConnection,
  ListFlags,
  type OpenOptions,
  StatsFlags,
  StatsTypes,
  XmlFlags,
} from './libvirt-rpc/connection.js';
import { toHvError } from './libvirt-rpc/errors.js';
import { resolveTarget } from './libvirt-rpc/transport.js';

type Action =
  | 'start'
  | 'shutdown'
  | 'destroy'
  | 'suspend'
  | 'resume'
  | 'reboot'
  | 'managedSave'
  | 'restoreManagedSave';

const words: Record<Action, string> = {
  start: 'start',
  shutdown: 'shut down',
  destroy: 'force off',
  suspend: 'pause',
  resume: 'resume',
  reboot: 'reboot',
  managedSave: 'save',
  restoreManagedSave: 'restore',
};

/** The states an action needs; outside them a failure is invalid-state whatever code the driver used. */
const needs: Record<Action, DomainState[]> = {
  start: ['shut off', 'crashed'],
  restoreManagedSave: ['shut off', 'crashed'],
  shutdown: ['running', 'paused', 'blocked'],
  destroy: ['running', 'paused', 'blocked', 'shutting down', 'crashed', 'suspended'],
  reboot: ['running', 'blocked'],
  suspend: ['running', 'blocked'],
  resume: ['paused'],
  managedSave: ['running', 'paused', 'blocked'],
};

/** True when `uri` is one this client can reach (a local unix socket). */
export function rpcCanServe(uri: string): boolean {
  try {
    return resolveTarget(uri).kind === 'unix';
  } catch {
    return false;
  }
}

const toNumber = (v: unknown): number | undefined =>
  typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : undefined;

/** What a domain's info gave that only changes with its definition. */
interface StaticInfo {
  vcpus: number;
  maxMem: number;
  mem: number;
  at: number;
}

/** Even with events live, cached info is re-read after this long (a missed event). */
const STATIC_MAX_AGE_MS = 60_000;

export class RpcDomains {
  private conn: Promise<LibvirtConnection> | undefined;
  /**
   * vCPUs and memory by UUID, for drivers whose stats lack them (the test driver):
   * trusted only while an event subscription is live, since only events say a
   * definition changed (a defined/undefined event drops that entry).
   */
  private readonly staticInfo = new Map<string, StaticInfo>();
  private liveSubscriptions = 0;

  constructor(
    readonly uri: string,
    private readonly opts: OpenOptions = {},
  ) {}

  private connection(): Promise<LibvirtConnection> {
    if (this.conn) return this.conn;
    const p = LibvirtConnection.open(this.uri, this.opts);
    this.conn = p;
    p.then(
      (c) =>
        c.onClose(() => {
          if (this.conn === p) this.conn = undefined;
        }),
      () => {
        if (this.conn === p) this.conn = undefined;
      },
    );
    return p;
  }

  /** Runs fn on the connection; a connection that was lost before the call is reopened once. */
  private async use<T>(fn: (c: LibvirtConnection) => Promise<T>, what?: string): Promise<T> {
    try {
      let c = await this.connection();
      if (c.closed) {
        this.conn = undefined;
        c = await this.connection();
      }
      return await fn(c);
    } catch (e) {
      throw toHvError(e, this.uri, what);
    }
  }

  async close(): Promise<void> {
    const p = this.conn;
    this.conn = undefined;
    if (!p) return;
    try {
      await (await p).close();
    } catch {
      // never opened: nothing to close
    }
  }

  private async lookup(c: LibvirtConnection, dom: DomainRef): Promise<Domain> {
    try {
      return await c.lookup(dom);
    } catch (e) {
      const err = toHvError(e, this.uri);
      if (err.kind !== 'not-found') throw err;
      throw new HvError('not-found', `no VM named "${dom}" on ${this.uri}`, {
        fix: 'list the VMs with `hv vm list` (names are case-sensitive)',
        ...(err.detail ? { detail: err.detail } : {}),
      });
    }
  }

  /**
   * All VMs in a few RPCs whatever their count: the stats of every domain in one
   * call, three flag lists (autostart, transient, managed save), and the domain
   * info only where the driver's stats lack vCPUs, memory or CPU time (the test
   * driver's give only the state), all sent at once on the one socket.
   */
  listDomains(): Promise<DomainSummary[]> {
    return this.use(async (c) => {
      const uuids = async (flags: number) =>
        new Set((await c.listAllDomains(flags)).map((d) => d.uuid));
      const [stats, auto, transient, saved] = await Promise.all([
        c.allDomainStats(
          StatsTypes.STATE | StatsTypes.CPU_TOTAL | StatsTypes.BALLOON | StatsTypes.VCPU,
          StatsFlags.NOWAIT,
        ),
        uuids(ListFlags.AUTOSTART),
        uuids(ListFlags.TRANSIENT),
        uuids(ListFlags.MANAGEDSAVE),
      ]);
      const rows = await Promise.all(
        stats.map(async ({ domain: d, params }) => {
          let state = toNumber(params.get('state.state'));
          let vcpus = toNumber(params.get('vcpu.current'));
          let maxMem = toNumber(params.get('balloon.maximum'));
          let mem = toNumber(params.get('balloon.current'));
          let cpu = toNumber(params.get('cpu.time'));
          const running = state === 1 || state === 3 || state === 2;
          const cached = this.liveSubscriptions > 0 ? this.staticInfo.get(d.uuid) : undefined;
          const known = cached && Date.now() - cached.at < STATIC_MAX_AGE_MS ? cached : undefined;
          if (known && !(running && cpu === undefined)) {
            vcpus ??= known.vcpus;
            maxMem ??= known.maxMem;
            mem ??= known.mem;
          }
          if (
            state === undefined ||
            vcpus === undefined ||
            maxMem === undefined ||
            (running && cpu === undefined)
          ) {
            try {
              const info = await c.info(d);
              state ??= info.state;
              vcpus ??= info.nrVirtCpu;
              maxMem ??= Number(info.maxMem);
              mem ??= Number(info.memory);
              cpu ??= Number(info.cpuTime);
              if (this.liveSubscriptions > 0 && !running) {
                this.staticInfo.set(d.uuid, { vcpus, maxMem, mem, at: Date.now() });
              }
            } catch {
              return undefined; // vanished meanwhile
            }
          }
          const row: DomainSummary = {
            uuid: d.uuid,
            name: d.name,
            state: (stateByNumber[state ?? 0] ?? 'no state') as DomainState,
            vcpus: vcpus ?? 0,
            memoryKiB: maxMem ?? 0,
            autostart: auto.has(d.uuid),
            persistent: !transient.has(d.uuid),
            hasManagedSave: saved.has(d.uuid),
            ...(mem === undefined ? {} : { currentMemoryKiB: mem }),
            ...(cpu === undefined ? {} : { cpuTimeNs: cpu }),
          };
          return row;
        }),
      );
      return rows.filter((r): r is DomainSummary => r !== undefined);
    });
  }

  domainXml(dom: DomainRef, opts: { inactive?: boolean } = {}): Promise<string> {
    return this.use(async (c) => {
      const d = await this.lookup(c, dom);
      try {
        return await c.xml(d, opts.inactive ? XmlFlags.INACTIVE : 0);
      } catch (e) {
        throw toHvError(e, this.uri, `cannot read the XML of "${dom}"`);
      }
    });
  }

  /** Runs a lifecycle action; a failure in a state the action does not apply to is invalid-state. */
  act(action: Action, dom: DomainRef): Promise<void> {
    return this.use(async (c) => {
      const d = await this.lookup(c, dom);
      const what = `cannot ${words[action]} "${dom}"`;
      try {
        switch (action) {
          case 'start':
            return await c.create(d);
          case 'restoreManagedSave':
            if (!(await c.hasManagedSave(d))) {
              throw new HvError('invalid-state', `${d.name} has no saved state to restore`, {
                fix: `save it first (hv vm save "${d.name}"), or start it normally`,
              });
            }
            return await c.create(d);
          case 'shutdown':
            return await c.shutdown(d);
          case 'destroy':
            return await c.destroy(d);
          case 'suspend':
            return await c.suspend(d);
          case 'resume':
            return await c.resume(d);
          case 'reboot':
            return await c.reboot(d);
          case 'managedSave':
            return await c.managedSave(d);
        }
      } catch (e) {
        const err = toHvError(e, this.uri, what);
        if (err.kind !== 'failed' && err.kind !== 'invalid-state') throw err;
        // Drivers differ in the code for "already running" (the test driver says
        // internal error): the state decides.
        const now = await c.state(d).catch(() => undefined);
        const state = now ? stateByNumber[now.state] : undefined;
        if (state && !needs[action].includes(state)) {
          throw new HvError('invalid-state', `${what}: it is ${state}`, {
            fix: 'check its state with `hv vm list`',
            ...(err.detail ? { detail: err.detail } : {}),
          });
        }
        throw err;
      }
    });
  }

  setAutostart(dom: DomainRef, on: boolean): Promise<void> {
    return this.use(async (c) => {
      const d = await this.lookup(c, dom);
      try {
        await c.setAutostart(d, on);
      } catch (e) {
        throw toHvError(e, this.uri, `cannot change autostart of "${dom}"`);
      }
    });
  }

  /**
   * Lifecycle and reboot events over the connection (no virsh process). The
   * subscription ends with not-connected when the connection drops; events are
   * shaped as events.ts makes them from `virsh event` lines.
   */
  subscribeEvents(handlers: EventHandlers): EventSubscription {
    let stopped = false;
    let deregister: (() => Promise<void>) | undefined;
    let offClose: (() => void) | undefined;
    let counted = false;
    const uncount = () => {
      if (!counted) return;
      counted = false;
      this.liveSubscriptions--;
      if (this.liveSubscriptions === 0) this.staticInfo.clear();
    };
    const end = (e: HvError | undefined) => {
      if (stopped) return;
      stopped = true;
      offClose?.();
      uncount();
      handlers.onEnd?.(e);
    };
    const started = (async () => {
      try {
        const c = await this.connection();
        if (stopped) return;
        offClose = c.onClose((e) => end(toHvError(e, this.uri)));
        deregister = await c.subscribeDomainEvents((m) => {
          // Any lifecycle event may come with a changed definition (defined, a
          // restore, a snapshot revert): that domain's cached info goes.
          this.staticInfo.delete(m.domain.uuid);
          if (stopped) return;
          const e: HvEvent =
            m.kind === 'reboot'
              ? {
                  type: 'other',
                  domain: m.domain.name,
                  event: 'reboot',
                  raw: `event 'reboot' for domain '${m.domain.name}'`,
                }
              : {
                  type: 'lifecycle',
                  domain: m.domain.name,
                  event: m.eventName as LifecycleEvent,
                  detail: m.detailName,
                  raw: `event 'lifecycle' for domain '${m.domain.name}': ${m.eventName[0]!.toUpperCase()}${m.eventName.slice(1)} ${m.detailName}`,
                };
          handlers.onEvent(e);
        });
        if (stopped) await deregister();
        else {
          counted = true;
          this.liveSubscriptions++;
        }
      } catch (e) {
        end(toHvError(e, this.uri));
      }
    })();
    return {
      stop: async () => {
        if (stopped) return;
        stopped = true;
        offClose?.();
        uncount();
        await started;
        await deregister?.().catch(() => {});
      },
    };
  }
}
