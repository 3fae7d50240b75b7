// The composite adapter on the real demo daemon: through the native binding when
// it loads here, and through virsh alone (the fallback) — both must agree. Also
// the event stream: one `virsh event --all --loop`, parsed, stopped cleanly.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HvError } from '../base/errors.js';
import { CompositeHypervisor } from './composite.js';
import { startDemo, stopDemo } from './demo.js';
import { buildDomainXml, specFromTemplate } from './domain-xml.js';
import type { HvEvent } from './hypervisor.js';
import { loadNativeBinding } from './libvirt-native.js';
import { templates } from './templates.js';

const env = { ...process.env, HV_DEMO_DIR: mkdtempSync(join(tmpdir(), 'hvc-')) };
let uri: string;
const odd = 'Ana\'s "lab" VM — café';

beforeAll(async () => {
  uri = (await startDemo(env)).status.uri;
}, 30_000);
afterAll(async () => {
  await stopDemo(env);
});

async function until<T>(fn: () => T | undefined, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('composite hypervisor', () => {
  it('works through virsh alone when the binding is off', async () => {
    const hv = await CompositeHypervisor.open(uri, { native: false });
    expect(hv.backend).toBe('virsh');
    const vms = await hv.listDomains();
    expect(vms.find((v) => v.name === odd)).toMatchObject({
      state: 'shut off',
      vcpus: 1,
      memoryKiB: 1048576,
    });
    await hv.start(odd);
    expect((await hv.domainInfo(odd)).state).toBe('running');
    await hv.destroy(odd);
    await expect(hv.start('no-such-vm')).rejects.toMatchObject({ kind: 'not-found' });
    await hv.close();
  });

  it('reports why the binding is not used when HV_NO_NATIVE=1', async () => {
    const load = await loadNativeBinding({ HV_NO_NATIVE: '1' });
    expect(load).toEqual({ ok: false, why: 'turned off with HV_NO_NATIVE=1' });
  });

  it('uses the native binding when it loads, agreeing with virsh', async (ctx) => {
    const load = await loadNativeBinding({});
    // The binding is an optionalDependency built from source; where it did not
    // build, the fallback test above is what runs. Here it is expected to load.
    if (!load.ok) ctx.skip();
    const native = await CompositeHypervisor.open(uri);
    const plain = await CompositeHypervisor.open(uri, { native: false });
    expect(native.backend).toBe('native+virsh');
    const strip = (l: Awaited<ReturnType<typeof native.listDomains>>) =>
      l
        .map(({ cpuTimeNs: _c, currentMemoryKiB: _m, ...rest }) => rest)
        .sort((a, b) => a.name.localeCompare(b.name));
    expect(strip(await native.listDomains())).toEqual(strip(await plain.listDomains()));

    await native.start(odd);
    expect((await plain.listDomains()).find((v) => v.name === odd)?.state).toBe('running');
    await native.suspend(odd);
    await native.resume(odd);
    await native.shutdown(odd);
    expect((await native.listDomains()).find((v) => v.name === odd)?.state).toBe('shut off');
    expect(await native.domainXml(odd)).toContain(
      '<name>Ana&apos;s &quot;lab&quot; VM — café</name>',
    );
    await expect(native.destroy(odd)).rejects.toMatchObject({ kind: 'invalid-state' });
    await expect(native.start('no-such-vm')).rejects.toMatchObject({
      kind: 'not-found',
      message: expect.stringContaining('no VM named "no-such-vm"'),
    });
    await native.close();
    await plain.close();
  });

  it('lists through virsh with cached names while an event stream is live', async () => {
    const hv = await CompositeHypervisor.open(uri, { listing: { settleMs: 0 } });
    const sub = hv.subscribeEvents({ onEvent: () => undefined });
    const vms = await hv.listDomains();
    // Only virsh's listing resolves and caches names; the binding's never does.
    expect(hv.virsh.listingTrustsNames).toBe(true);
    expect(vms.find((v) => v.name === odd)).toMatchObject({ vcpus: 1, memoryKiB: 1048576 });
    await sub.stop();
    expect(hv.virsh.listingWatched).toBe(false);
    await hv.close();
  });
});

describe("errors on the real demo carry libvirt's reason, whichever backend answers", () => {
  const backends = async () => {
    const out = [await CompositeHypervisor.open(uri, { native: false })];
    if ((await loadNativeBinding({})).ok) out.push(await CompositeHypervisor.open(uri));
    return out;
  };
  const failure = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      return e as HvError;
    }
    throw new Error('expected a failure');
  };

  it('wrong states name the VM, the action and why', async () => {
    for (const hv of await backends()) {
      const running = await failure(hv.start('web-01'));
      expect(running).toMatchObject({ kind: 'invalid-state' });
      expect(running.message).toMatch(/^cannot start "web-01": .*already (active|running)$/i);
      expect(running.fix).toContain('hv vm list');
      const off = await failure(hv.destroy('build-runner'));
      expect(off.message).toBe('cannot force off "build-runner": domain is not running');
      const paused = await failure(hv.suspend('build-runner'));
      expect(paused.message).toMatch(/^cannot pause "build-runner": .*not running$/);
      const notPaused = await failure(hv.resume('web-02'));
      expect(notPaused).toMatchObject({ kind: 'invalid-state' });
      expect(notPaused.message).toMatch(/^cannot resume "web-02": .*not paused$/);
      // virsh only (no binding call): reboot and managed save.
      const reboot = await failure(hv.reboot('build-runner'));
      expect(reboot.message).toBe('cannot reboot "build-runner": domain is not running');
      const save = await failure(hv.managedSave('build-runner'));
      expect(save.message).toBe('cannot save "build-runner": domain is not running');
      const missing = await failure(hv.start('no-such-vm'));
      expect(missing).toMatchObject({
        kind: 'not-found',
        message: `no VM named "no-such-vm" on ${uri}`,
      });
      await hv.close();
    }
  });

  it('networks, pools, volumes, snapshots and unsupported calls keep the reason', async () => {
    const hv = await CompositeHypervisor.open(uri, { native: false });
    const net = await failure(hv.startNetwork('default'));
    expect(net).toMatchObject({
      kind: 'invalid-state',
      message: "Failed to start network default: Network 'default' is already running",
    });
    const noNet = await failure(hv.stopNetwork('nope'));
    expect(noNet).toMatchObject({
      kind: 'not-found',
      message: "failed to get network 'nope': no network with matching name 'nope'",
      fix: expect.stringContaining('hv net list'),
    });
    const noVol = await failure(hv.deleteVolume('default-pool', 'nope'));
    expect(noVol).toMatchObject({
      kind: 'not-found',
      message: "failed to get vol 'nope': no storage vol with matching path 'nope'",
    });
    const noSnap = await failure(hv.revertSnapshot('web-02', 'nope'));
    expect(noSnap.kind).toBe('not-found');
    const migrate = await failure(hv.migrate('web-02', 'test:///default'));
    expect(migrate).toMatchObject({ kind: 'unsupported' });
    expect(migrate.message).toBe(
      'the test driver cannot migrate "web-02" to test:///default, so nothing was moved: this function is not supported by the connection driver: virDomainMigrate3',
    );
  });
});

describe('templates on real libvirt', () => {
  it('every template defines on the demo, for its own and for a KVM host type', async () => {
    const hv = await CompositeHypervisor.open(uri, { native: false });
    const caps = await hv.capabilities();
    expect(caps.domainTypes).toEqual(['test']);
    for (const t of templates) {
      for (const domainType of ['test', 'kvm']) {
        const name = `${t.id} <${domainType}> "q" & é ${'n'.repeat(64)}`;
        const xml = buildDomainXml(
          specFromTemplate(t, {
            name,
            domainType,
            arch: 'x86_64',
            diskPath: '/iso-library/x.qcow2',
            network: 'default',
          }),
        );
        const r = await hv.defineXml(xml);
        expect(r.name).toBe(name);
        const info = await hv.domainInfo(name);
        expect(info).toMatchObject({ vcpus: t.vcpus, memoryKiB: t.memoryMiB * 1024 });
        expect(info.firmware).toBe(t.firmware);
        await hv.undefine(name);
      }
    }
  });
});

describe('event stream', () => {
  it('delivers typed lifecycle events for odd names and stops cleanly', async () => {
    const hv = await CompositeHypervisor.open(uri, { native: false });
    const seen: HvEvent[] = [];
    let ended = false;
    const sub = hv.subscribeEvents({ onEvent: (e) => seen.push(e), onEnd: () => (ended = true) });
    // The stream registers with libvirt a moment after the process starts:
    // start (and undo) until the first event arrives, then check what follows.
    const isStart = (e: HvEvent) =>
      e.domain === odd && e.type === 'lifecycle' && e.event === 'started';
    for (let i = 0; i < 50 && !seen.some(isStart); i++) {
      await hv.start(odd);
      await new Promise((r) => setTimeout(r, 100));
      if (!seen.some(isStart)) await hv.destroy(odd);
    }
    const started = seen.find(isStart);
    expect(started).toMatchObject({ detail: 'Booted' });
    const from = seen.indexOf(started!);
    await hv.suspend(odd);
    await hv.destroy(odd);
    const sinceStart = () => seen.slice(from).filter((e) => e.domain === odd);
    await until(() => sinceStart().find((e) => e.type === 'lifecycle' && e.event === 'stopped'));
    expect(sinceStart().map((e) => e.event)).toEqual(['started', 'suspended', 'stopped']);
    await sub.stop();
    expect(ended).toBe(false);
  });

  it('says so when the daemon goes away', async () => {
    const hv = await CompositeHypervisor.open(uri, { native: false });
    let end: unknown = 'not yet';
    hv.subscribeEvents({ onEvent: () => undefined, onEnd: (e) => (end = e) });
    await new Promise((r) => setTimeout(r, 300));
    await stopDemo(env);
    const err = await until(() => (end === 'not yet' ? undefined : end));
    expect(err).toMatchObject({ kind: 'not-connected' });
    uri = (await startDemo(env)).status.uri;
  }, 30_000);
});
