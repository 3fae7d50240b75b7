// The cached VM listing on the real demo daemon: names resolved to UUIDs once,
// then again only where events (or domstats) say a name changed hands. Changes
// are made behind hv's back with a separate virsh, as another tool would.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, stopDemo } from './demo.js';
import { subscribeVirshEvents } from './events.js';
import type { EventSubscription, HvEvent } from './hypervisor.js';
import { VirshHypervisor } from './virsh.js';
import { DomainListing } from './virsh-listing.js';

const dir = mkdtempSync(join(tmpdir(), 'hvl-'));
const env = { ...process.env, HV_DEMO_DIR: join(dir, 'demo') };
let uri: string;
let other: VirshHypervisor;
const name = 'lst "re-used" — ü';

beforeAll(async () => {
  uri = (await startDemo(env)).status.uri;
  other = new VirshHypervisor(uri);
}, 30_000);
afterAll(() => stopDemo(env));

/** Defines `name` afresh (a new UUID each time), as another tool would. */
async function redefine(memoryMiB: number): Promise<string> {
  await other.exec(['undefine', '--domain', name]).catch(() => undefined);
  const file = join(dir, 'dom.xml');
  writeFileSync(
    file,
    `<domain type='test'><name>${name.replace(/"/g, '&quot;')}</name><memory unit='MiB'>${memoryMiB}</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>`,
  );
  await other.exec(['define', '--file', file]);
  return (await other.exec(['domuuid', '--domain', name])).trim();
}

/** A listing whose virsh calls are recorded (real virsh, real daemon). */
function recorded(opts: ConstructorParameters<typeof DomainListing>[1] = {}) {
  const hv = new VirshHypervisor(uri);
  const calls: string[][][] = [];
  const listing = new DomainListing(
    {
      uri,
      exec: (a, o) => hv.exec(a, o),
      script: (cmds) => {
        calls.push(cmds.map((c) => [...c]));
        return hv.script(cmds);
      },
    },
    opts,
  );
  const words = () => calls.map((script) => script.map((c) => c.slice(0, 2).join(' ')));
  /** Refreshes that resolved every name (`list --all --uuid --name`). */
  const fullLists = () =>
    calls.filter((script) => script[0]?.join(' ') === 'list --all --uuid --name').length;
  return { listing, calls, words, fullLists };
}

async function until<T>(fn: () => T | undefined, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** An event stream feeding the listing, known to be registered (it has seen an event). */
async function watch(listing: DomainListing): Promise<{ seen: HvEvent[]; sub: EventSubscription }> {
  const seen: HvEvent[] = [];
  listing.watchStarted();
  const sub = subscribeVirshEvents(uri, {
    onEvent: (e) => {
      seen.push(e);
      listing.noteEvent(e);
    },
  });
  for (let i = 0; i < 100 && seen.length === 0; i++) {
    await other.exec(['suspend', '--domain', 'web-01']).catch(() => undefined);
    await other.exec(['resume', '--domain', 'web-01']).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(seen.length).toBeGreaterThan(0);
  return { seen, sub };
}

describe('VM listing over virsh', () => {
  it('without an event stream, resolves every name on every refresh', async () => {
    const { listing, fullLists } = recorded();
    const first = await redefine(512);
    expect((await listing.list()).find((d) => d.name === name)?.uuid).toBe(first);
    const second = await redefine(768);
    expect(second).not.toBe(first);
    const vm = (await listing.list()).find((d) => d.name === name);
    expect(vm).toMatchObject({ uuid: second, memoryKiB: 768 * 1024 });
    expect(fullLists()).toBe(2);
    expect(listing.namesTrusted()).toBe(false);
  });

  it('with a live event stream, one virsh process per refresh and names re-resolved from events', async () => {
    const { listing, calls, words } = recorded({ settleMs: 0 });
    const { seen, sub } = await watch(listing);
    try {
      const all = await listing.list(); // full: resolves every name, then trusted
      expect(listing.namesTrusted()).toBe(true);
      calls.length = 0;
      const again = await listing.list();
      expect(again.map((d) => [d.uuid, d.name, d.state]).sort()).toEqual(
        all.map((d) => [d.uuid, d.name, d.state]).sort(),
      );
      // One script, no name resolution: the flag lists and domstats only.
      expect(words()).toEqual([['list --all', 'list --all', 'list --all', 'domstats --raw']]);

      // The name re-used for a new domain: its events mark it, the next refresh asks it alone.
      const before = seen.length;
      const fresh = await redefine(1024);
      await until(() =>
        seen
          .slice(before)
          .find((e) => e.domain === name && e.type === 'lifecycle' && e.event === 'defined'),
      );
      calls.length = 0;
      const vm = (await listing.list()).find((d) => d.name === name);
      expect(vm).toMatchObject({ uuid: fresh, memoryKiB: 1024 * 1024 });
      expect(calls[0]![0]).toEqual(['domuuid', '--domain', name]);
      expect(words()[0]!.filter((w) => w === 'list --all')).toHaveLength(3);

      // Gone: dropped; a name defined before its event arrived is asked by name.
      await other.exec(['undefine', '--domain', name]);
      const listed = await listing.list();
      expect(listed.find((d) => d.name === name)).toBeUndefined();
      const newest = await redefine(256);
      expect((await listing.list()).find((d) => d.name === name)?.uuid).toBe(newest);
    } finally {
      await sub.stop();
      listing.watchEnded();
    }
    expect(listing.namesTrusted()).toBe(false);
  });

  it('trusts cached names only after the stream settled, and never longer than maxAgeMs', async () => {
    let now = 1_000_000;
    const { listing, fullLists } = recorded({ now: () => now, settleMs: 2000, maxAgeMs: 60_000 });
    listing.watchStarted();
    await listing.list(); // began before the stream could have registered
    expect(listing.namesTrusted()).toBe(false);
    now += 2500;
    await listing.list();
    expect(listing.namesTrusted()).toBe(true);
    now += 59_000;
    expect(listing.namesTrusted()).toBe(true);
    now += 2000;
    expect(listing.namesTrusted()).toBe(false);
    await listing.list();
    expect(fullLists()).toBe(3);
    listing.watchEnded();
    expect(listing.namesTrusted()).toBe(false);
  });

  it('VirshHypervisor feeds its own listing from its event subscription', async () => {
    const hv = new VirshHypervisor(uri, { listing: { settleMs: 0 } });
    const seen: HvEvent[] = [];
    const sub = hv.subscribeEvents({ onEvent: (e) => seen.push(e) });
    await hv.listDomains();
    expect(hv.listingTrustsNames).toBe(true);
    const before = seen.length;
    const fresh = await redefine(640);
    await until(() => seen.slice(before).find((e) => e.domain === name));
    expect((await hv.listDomains()).find((d) => d.name === name)?.uuid).toBe(fresh);
    await sub.stop();
    expect(hv.listingTrustsNames).toBe(false);
  });
});
