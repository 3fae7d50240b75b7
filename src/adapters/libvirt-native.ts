// The native binding (@unraid/libvirt, an optionalDependency built from source
// against libvirt-dev): one in-process connection, no spawn per call. It covers
// listing, the domain XML and the basic lifecycle; everything else stays with
// virsh (composite.ts decides). When the package is absent or did not build,
// loadNativeBinding() says why and hv works through virsh alone.
import type { DomainState, DomainSummary } from './hypervisor.js';
import { stateByNumber } from './hypervisor.js';
import { classifyLibvirtError } from './libvirt-errors.js';

/** The parts of the binding hv uses (typed here: the package may be absent at build time). */
interface NativeHypervisor {
  connectOpen(): Promise<void>;
  connectClose(): Promise<void>;
  connectListAllDomains(flags?: number): Promise<unknown[]>;
  domainLookupByName(name: string): Promise<unknown>;
  domainLookupByUUIDString(uuid: string): Promise<unknown>;
  domainGetName(d: unknown): Promise<string>;
  domainGetUUIDString(d: unknown): Promise<string>;
  domainGetInfo(d: unknown): Promise<{
    state: number;
    maxMem: number;
    memory: number;
    nrVirtCpu: number;
    cpuTime: number;
  }>;
  domainGetXMLDesc(d: unknown, flags?: number): Promise<string>;
  domainCreate(d: unknown): Promise<void>;
  domainShutdown(d: unknown): Promise<void>;
  domainDestroy(d: unknown): Promise<void>;
  domainSuspend(d: unknown): Promise<void>;
  domainResume(d: unknown): Promise<void>;
}
interface NativeModule {
  Hypervisor: new (opts: { uri: string }) => NativeHypervisor;
}

// virConnectListAllDomainsFlags
const TRANSIENT = 8;
const MANAGEDSAVE = 256;
const AUTOSTART = 1024;
const XML_INACTIVE = 2;

export type NativeLoad = { ok: true; module: NativeModule } | { ok: false; why: string };

let cached: Promise<NativeLoad> | undefined;

/** Loads the binding once per process; never throws. HV_NO_NATIVE=1 turns it off. */
export function loadNativeBinding(env = process.env): Promise<NativeLoad> {
  if (env.HV_NO_NATIVE === '1') {
    return Promise.resolve({ ok: false, why: 'turned off with HV_NO_NATIVE=1' });
  }
  cached ??= (async (): Promise<NativeLoad> => {
    // A variable specifier: the package is optional, so neither tsc nor esbuild may need it.
    const specifier = '@unraid/libvirt';
    try {
      const mod = (await import(specifier)) as Partial<NativeModule>;
      if (typeof mod.Hypervisor !== 'function') {
        return { ok: false, why: '@unraid/libvirt loaded but has no Hypervisor class' };
      }
      return { ok: true, module: mod as NativeModule };
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      return {
        ok: false,
        why: /Cannot find (package|module)/.test(msg)
          ? '@unraid/libvirt is not installed'
          : `@unraid/libvirt did not load: ${msg.split('\n')[0]}`,
      };
    }
  })();
  return cached;
}

const uuidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One open connection through the binding. */
export class NativeConnection {
  private opened: Promise<void> | undefined;
  private readonly hv: NativeHypervisor;

  constructor(
    readonly uri: string,
    mod: NativeModule,
  ) {
    this.hv = new mod.Hypervisor({ uri });
  }

  private async call<T>(fn: (hv: NativeHypervisor) => Promise<T>): Promise<T> {
    if (!this.opened) {
      const p = this.hv.connectOpen();
      this.opened = p;
      // A failed open is retried by the next call (the daemon may come back).
      p.catch(() => {
        if (this.opened === p) this.opened = undefined;
      });
    }
    try {
      await this.opened;
      return await fn(this.hv);
    } catch (e) {
      const err = classifyLibvirtError(e instanceof Error ? e.message : String(e), this.uri);
      if (err.kind === 'not-connected') this.opened = undefined;
      throw err;
    }
  }

  private lookup(hv: NativeHypervisor, dom: string): Promise<unknown> {
    return uuidRe.test(dom) ? hv.domainLookupByUUIDString(dom) : hv.domainLookupByName(dom);
  }

  async listDomains(): Promise<DomainSummary[]> {
    return this.call(async (hv) => {
      const uuidsOf = async (flags: number) =>
        new Set(
          await Promise.all(
            (await hv.connectListAllDomains(flags)).map((d) => hv.domainGetUUIDString(d)),
          ),
        );
      const [all, auto, transient, saved] = await Promise.all([
        hv.connectListAllDomains(),
        uuidsOf(AUTOSTART),
        uuidsOf(TRANSIENT),
        uuidsOf(MANAGEDSAVE),
      ]);
      const rows = await Promise.all(
        all.map(async (d) => {
          try {
            const [name, uuid, info] = await Promise.all([
              hv.domainGetName(d),
              hv.domainGetUUIDString(d),
              hv.domainGetInfo(d),
            ]);
            return { name, uuid, info };
          } catch {
            return undefined; // vanished meanwhile
          }
        }),
      );
      return rows
        .filter((r): r is NonNullable<typeof r> => r !== undefined)
        .map(({ name, uuid, info }) => ({
          uuid,
          name,
          state: (stateByNumber[info.state] ?? 'no state') as DomainState,
          vcpus: info.nrVirtCpu,
          memoryKiB: info.maxMem,
          currentMemoryKiB: info.memory,
          cpuTimeNs: info.cpuTime,
          autostart: auto.has(uuid),
          persistent: !transient.has(uuid),
          hasManagedSave: saved.has(uuid),
        }));
    });
  }

  domainXml(dom: string, inactive = false): Promise<string> {
    return this.call(async (hv) =>
      hv.domainGetXMLDesc(await this.lookup(hv, dom), inactive ? XML_INACTIVE : 0),
    );
  }

  /** start | shutdown | destroy | suspend | resume */
  lifecycle(
    action: 'start' | 'shutdown' | 'destroy' | 'suspend' | 'resume',
    dom: string,
  ): Promise<void> {
    return this.call(async (hv) => {
      const d = await this.lookup(hv, dom);
      if (action === 'start') await hv.domainCreate(d);
      else if (action === 'shutdown') await hv.domainShutdown(d);
      else if (action === 'destroy') await hv.domainDestroy(d);
      else if (action === 'suspend') await hv.domainSuspend(d);
      else await hv.domainResume(d);
    });
  }

  async close(): Promise<void> {
    if (!this.opened) return;
    const opened = this.opened;
    this.opened = undefined;
    try {
      await opened;
      await this.hv.connectClose();
    } catch {
      // closing a dead connection is not an error worth reporting
    }
  }
}
