// The composite adapter with hv's RPC client (HV_LIBVIRT_RPC=1) on the real demo
// daemon, agreeing with the virsh-only path: listing, XML, lifecycle, autostart,
// errors and events; and the daemon killed under it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HvError } from '../base/errors.js';
import { CompositeHypervisor } from './composite.js';
import { demoStatus, startDemo, stopDemo } from './demo.js';
import type { DomainSummary, HvEvent } from './hypervisor.js';

const env = { ...process.env, HV_DEMO_DIR: mkdtempSync(join(tmpdir(), 'hvrd-')) };
let uri: string;
let rpc: CompositeHypervisor;
let plain: CompositeHypervisor;
const odd = 'Ana\'s "lab" VM — café';

beforeAll(async () => {
  uri = (await startDemo(env)).status.uri;
  rpc = await CompositeHypervisor.open(uri, { env: { HV_LIBVIRT_RPC: '1' } });
  plain = await CompositeHypervisor.open(uri, { native: false });
});
afterAll(async () => {
  await rpc?.close();
  await plain?.close();
  await stopDemo(env);
  rmSync(env.HV_DEMO_DIR, { recursive: true, force: true });
});

const byName = (l: DomainSummary[]) => [...l].sort((a, b) => a.name.localeCompare(b.name));
const stateOf = async (hv: CompositeHypervisor, name: string) =>
  (await hv.listDomains()).find((v) => v.name === name)?.state;

describe('composite hypervisor over hv RPC client', () => {
  it('is chosen by HV_LIBVIRT_RPC=1 and lists what virsh lists', async () => {
    expect(rpc.backend).toBe('rpc+virsh');
    expect(plain.backend).toBe('virsh');
    const ours = byName(await rpc.listDomains());
    const theirs = byName(await plain.listDomains());
    // The test driver's domstats has no CPU time; virsh's listing leaves it out, ours
    // fills it from the domain info (as the binding did).
    const strip = (l: DomainSummary[]) => l.map(({ cpuTimeNs: _c, ...rest }) => rest);
    expect(strip(ours)).toEqual(strip(theirs));
    expect(ours.filter((v) => v.state === 'running').every((v) => v.cpuTimeNs! > 0)).toBe(true);
  });

  it('reads XML and runs the lifecycle, seen by virsh', async () => {
    expect(await rpc.domainXml(odd)).toBe(await plain.domainXml(odd));
    expect(await rpc.domainXml(odd, { inactive: true })).toBe(
      await plain.domainXml(odd, { inactive: true }),
    );
    await rpc.start(odd);
    expect(await stateOf(plain, odd)).toBe('running');
    await rpc.suspend(odd);
    expect(await stateOf(plain, odd)).toBe('paused');
    await rpc.resume(odd);
    await rpc.reboot(odd);
    expect(await stateOf(plain, odd)).toBe('running');
    await rpc.managedSave(odd);
    expect((await plain.listDomains()).find((v) => v.name === odd)).toMatchObject({
      state: 'shut off',
      hasManagedSave: true,
    });
    await rpc.restoreManagedSave(odd);
    expect(await stateOf(plain, odd)).toBe('running');
    await rpc.shutdown(odd);
    expect(await stateOf(plain, odd)).toBe('shut off');
    await rpc.setAutostart(odd, true);
    expect((await plain.listDomains()).find((v) => v.name === odd)?.autostart).toBe(true);
    await rpc.setAutostart(odd, false);
    expect((await rpc.listDomains()).find((v) => v.name === odd)?.autostart).toBe(false);
  });

  it('gives the same error kinds as virsh', async () => {
    const kind = (p: () => Promise<unknown>) =>
      p().then(
        () => 'ok',
        (e: HvError) => e.kind,
      );
    const cases: [string, (hv: CompositeHypervisor) => Promise<unknown>][] = [
      ['start a missing VM', (hv) => hv.start('no-such-vm')],
      ['start a running VM', (hv) => hv.start('web-01')],
      ['resume a running VM', (hv) => hv.resume('web-01')],
      ['pause a shut-off VM', (hv) => hv.suspend('build-runner')],
      ['restore without a saved state', (hv) => hv.restoreManagedSave('build-runner')],
    ];
    for (const [what, fn] of cases) {
      const theirs = await kind(() => fn(plain));
      expect(theirs, what).not.toBe('ok');
      expect(await kind(() => fn(rpc)), what).toBe(theirs);
    }
    await expect(rpc.start('web-01')).rejects.toMatchObject({
      kind: 'invalid-state',
      message: 'cannot start "web-01": it is running',
    });
    await expect(rpc.domainXml('no-such-vm')).rejects.toMatchObject({
      kind: 'not-found',
      message: `no VM named "no-such-vm" on ${uri}`,
    });
  });

  it('streams events without virsh, in the shape the virsh stream has', async () => {
    const events: HvEvent[] = [];
    const sub = rpc.subscribeEvents({ onEvent: (e) => events.push(e) });
    // The subscription registers in the background: wait until it delivers.
    while (!events.some((e) => e.domain === 'win-desktop')) {
      await plain.start('win-desktop');
      await plain.destroy('win-desktop');
    }
    await plain.start(odd);
    await plain.destroy(odd);
    while (
      !events.some((e) => e.domain === odd && e.type === 'lifecycle' && e.event === 'stopped')
    ) {
      await new Promise((r) => setTimeout(r, 20));
    }
    await sub.stop();
    expect(events.filter((e) => e.domain === odd)).toEqual([
      {
        type: 'lifecycle',
        domain: odd,
        event: 'started',
        detail: 'Booted',
        raw: `event 'lifecycle' for domain '${odd}': Started Booted`,
      },
      {
        type: 'lifecycle',
        domain: odd,
        event: 'stopped',
        detail: 'Destroyed',
        raw: `event 'lifecycle' for domain '${odd}': Stopped Destroyed`,
      },
    ]);
  });

  it('with events live, keeps what only a new definition changes, and re-reads it after one', async () => {
    const events: HvEvent[] = [];
    const sub = rpc.subscribeEvents({ onEvent: (e) => events.push(e) });
    while (!events.some((e) => e.domain === 'win-desktop')) {
      await plain.start('win-desktop');
      await plain.destroy('win-desktop');
    }
    const strip = (l: DomainSummary[]) => byName(l).map(({ cpuTimeNs: _c, ...rest }) => rest);
    expect(strip(await rpc.listDomains())).toEqual(strip(await plain.listDomains()));
    expect(strip(await rpc.listDomains())).toEqual(strip(await plain.listDomains())); // cached
    // Redefine a shut-off VM with more memory from another client (virsh).
    const xml = await plain.domainXml('winsrv-2022-ad', { inactive: true });
    const before = (await rpc.listDomains()).find((v) => v.name === 'winsrv-2022-ad')!;
    const more = before.memoryKiB * 2;
    const changed = xml
      .replace(/<memory unit='KiB'>\d+<\/memory>/, `<memory unit='KiB'>${more}</memory>`)
      .replace(
        /<currentMemory unit='KiB'>\d+<\/currentMemory>/,
        `<currentMemory unit='KiB'>${more}</currentMemory>`,
      );
    expect(changed).not.toBe(xml);
    await plain.defineXml(changed);
    while (
      !events.some(
        (e) => e.domain === 'winsrv-2022-ad' && e.type === 'lifecycle' && e.event === 'defined',
      )
    ) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect((await rpc.listDomains()).find((v) => v.name === 'winsrv-2022-ad')?.memoryKiB).toBe(
      more,
    );
    expect(strip(await rpc.listDomains())).toEqual(strip(await plain.listDomains()));
    await sub.stop();
  });

  it('the daemon killed: the event stream ends and calls fail as not-connected, then recovers', async () => {
    const ended: (HvError | undefined)[] = [];
    const sub = rpc.subscribeEvents({ onEvent: () => {}, onEnd: (e) => ended.push(e) });
    const seen: HvEvent[] = [];
    const probe = rpc.subscribeEvents({ onEvent: (e) => seen.push(e) });
    // Both subscriptions registered once the later one delivers.
    while (!seen.some((e) => e.domain === 'win-desktop')) {
      await plain.start('win-desktop');
      await plain.destroy('win-desktop');
    }
    await probe.stop();
    const pid = demoStatus(env).state!.libvirtdPid;
    process.kill(pid, 'SIGKILL');
    while (ended.length === 0) await new Promise((r) => setTimeout(r, 10));
    expect(ended[0]?.kind).toBe('not-connected');
    await expect(rpc.listDomains()).rejects.toMatchObject({ kind: 'not-connected' });
    await sub.stop();
    // A new daemon (the demo restarted): the next call reconnects by itself.
    await stopDemo(env);
    await startDemo(env);
    expect((await rpc.listDomains()).length).toBeGreaterThan(0);
  });
});
