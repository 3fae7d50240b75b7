// Against a real libvirtd: the demo's private daemon (test driver), started for
// this file in its own folder and stopped afterwards. Every answer the client
// gives is compared with virsh's on the same daemon.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoStatus, startDemo, stopDemo } from '../demo.js';
import {
  type DomainEventMsg,
  LibvirtConnection,
  ListFlags,
  StatsTypes,
  XmlFlags,
} from './connection.js';
import { toHvError } from './errors.js';
import { ConnectionError, LibvirtError } from './wire-errors.js';

const run = promisify(execFile);
const env = { ...process.env, HV_DEMO_DIR: mkdtempSync(join(tmpdir(), 'hvrpc-')) };
let uri = '';
let conn: LibvirtConnection;

const virsh = async (...args: string[]) =>
  (await run('virsh', ['-q', '-c', uri, ...args], { env: { ...process.env, LC_ALL: 'C' } })).stdout;
const virshFails = async (...args: string[]) =>
  virsh(...args).then(
    () => false,
    () => true,
  );
const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
const sorted = <T>(a: T[]) => [...a].sort();
const domstate = async (name: string) => (await virsh('domstate', name)).trim();

beforeAll(async () => {
  const { status } = await startDemo(env);
  uri = status.uri;
  conn = await LibvirtConnection.open(uri);
});

afterAll(async () => {
  await conn?.close();
  await stopDemo(env);
  rmSync(env.HV_DEMO_DIR, { recursive: true, force: true });
});

describe('the RPC client against libvirtd (test driver), compared with virsh', () => {
  it('opens the daemon-side URI and reports what virsh reports', async () => {
    expect(await conn.daemonUri()).toBe('test:///default');
    expect(await conn.hostname()).toBe((await virsh('hostname')).trim());
    expect(await conn.driverType()).toBe('TEST');
    const v = await conn.libVersion();
    const [maj, min, mic] = [Math.floor(v / 1e6), Math.floor(v / 1e3) % 1000, v % 1000];
    expect(await virsh('version')).toContain(`Using library: libvirt ${maj}.${min}.${mic}`);
  });

  it('lists every domain with name, UUID and id as virsh does (quotes, unicode, 64+ characters)', async () => {
    const doms = await conn.listAllDomains();
    const byVirsh = lines(await virsh('list', '--all', '--uuid', '--name')).map((l) => {
      const i = l.indexOf(' ');
      return `${l.slice(0, i)} ${l.slice(i + 1)}`;
    });
    expect(sorted(doms.map((d) => `${d.uuid} ${d.name}`))).toEqual(sorted(byVirsh));
    expect(doms.some((d) => d.name === 'Ana\'s "lab" VM — café')).toBe(true);
    expect(doms.some((d) => d.name.length > 64)).toBe(true);
    for (const d of doms) {
      const id = (await virsh('domid', d.name)).trim();
      expect(d.id === -1 ? '-' : String(d.id)).toBe(id);
    }
  });

  it('filters with every listing flag as virsh list does', async () => {
    const cases: [number, string[]][] = [
      [ListFlags.ACTIVE, []],
      [ListFlags.INACTIVE, ['--inactive']],
      [ListFlags.PERSISTENT, ['--all', '--persistent']],
      [ListFlags.TRANSIENT, ['--all', '--transient']],
      [ListFlags.RUNNING, ['--state-running']],
      [ListFlags.PAUSED, ['--state-paused']],
      [ListFlags.SHUTOFF, ['--state-shutoff']],
      [ListFlags.OTHER, ['--state-other']],
      [ListFlags.MANAGEDSAVE, ['--all', '--with-managed-save']],
      [ListFlags.NO_MANAGEDSAVE, ['--all', '--without-managed-save']],
      [ListFlags.AUTOSTART, ['--all', '--autostart']],
      [ListFlags.NO_AUTOSTART, ['--all', '--no-autostart']],
      [ListFlags.HAS_SNAPSHOT, ['--all', '--with-snapshot']],
      [ListFlags.NO_SNAPSHOT, ['--all', '--without-snapshot']],
    ];
    const counts: number[] = [];
    for (const [flag, args] of cases) {
      const ours = (await conn.listAllDomains(flag)).map((d) => d.name);
      expect(sorted(ours), args.join(' ')).toEqual(
        sorted(lines(await virsh('list', ...args, '--name'))),
      );
      counts.push(ours.length);
    }
    // The demo has running, paused and shut-off domains, autostart and snapshots.
    expect(counts.filter((n) => n > 0).length).toBeGreaterThanOrEqual(8);
  });

  it('gets all domain stats in one call, the same fields and values as virsh domstats', async () => {
    const parse = (out: string) => {
      const m = new Map<string, Record<string, string>>();
      let cur: Record<string, string> | undefined;
      for (const l of out.split('\n')) {
        const d = /^Domain: '(.*)'$/.exec(l.trim());
        if (d) {
          cur = {};
          m.set(d[1]!, cur);
        } else if (cur && l.includes('=')) {
          const [k, ...v] = l.trim().split('=');
          cur[k!] = v.join('=');
        }
      }
      return m;
    };
    const types = StatsTypes.STATE | StatsTypes.CPU_TOTAL | StatsTypes.BALLOON | StatsTypes.VCPU;
    const stats = await conn.allDomainStats(types);
    const expected = parse(
      await virsh('domstats', '--state', '--cpu-total', '--balloon', '--vcpu'),
    );
    expect(stats.length).toBe(expected.size);
    for (const s of stats) {
      const mine = Object.fromEntries(
        [...s.params].map(([k, v]) => [k, typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v)]),
      );
      expect(mine, s.domain.name).toEqual(expected.get(s.domain.name));
    }
    // Every state the demo has, as numbers virsh agrees with.
    expect(new Set(stats.map((s) => s.params.get('state.state')))).toEqual(new Set([1, 3, 5]));
    // A subset of domains.
    const two = (await conn.listAllDomains()).slice(0, 2);
    expect((await conn.allDomainStats(StatsTypes.STATE, 0, two)).map((s) => s.domain.uuid)).toEqual(
      two.map((d) => d.uuid),
    );
  });

  it('looks domains up by name and by UUID, reads XML and info as virsh does', async () => {
    for (const d of await conn.listAllDomains()) {
      const byName = await conn.lookup(d.name);
      const byUuid = await conn.lookup(d.uuid);
      expect([byName.uuid, byUuid.name]).toEqual([d.uuid, d.name]);
      expect(await conn.xml(byName)).toBe(await virsh('dumpxml', d.name));
      expect(await conn.xml(byName, XmlFlags.INACTIVE)).toBe(
        await virsh('dumpxml', '--inactive', d.name),
      );
      const info = await conn.info(byName);
      const dominfo = Object.fromEntries(
        lines(await virsh('dominfo', d.name)).map((l) => {
          const i = l.indexOf(':');
          return [l.slice(0, i), l.slice(i + 1).trim()];
        }),
      );
      expect(String(info.nrVirtCpu)).toBe(dominfo['CPU(s)']);
      expect(`${info.maxMem} KiB`).toBe(dominfo['Max memory']);
      expect(`${info.memory} KiB`).toBe(dominfo['Used memory']);
      expect((await conn.autostart(byName)) ? 'enable' : 'disable').toBe(dominfo.Autostart);
      expect((await conn.isPersistent(byName)) ? 'yes' : 'no').toBe(dominfo.Persistent);
      expect((await conn.hasManagedSave(byName)) ? 'yes' : 'no').toBe(dominfo['Managed save']);
      const st = await conn.state(byName);
      expect(st.state).toBe(info.state);
    }
  });

  it('runs the lifecycle; virsh sees each state; events match `virsh event`', async () => {
    const name = 'Ana\'s "lab" VM — café';
    const events: DomainEventMsg[] = [];
    const stop = await conn.subscribeDomainEvents((e) => events.push(e));
    // virsh's own event stream beside ours, for the comparison.
    const watcher = spawn('virsh', ['-c', uri, 'event', '--all', '--loop'], {
      env: { ...process.env, LC_ALL: 'C' },
    });
    let watched = '';
    watcher.stdout.on('data', (b: Buffer) => {
      watched += b.toString();
    });
    try {
      // Wait until virsh's stream is registered: poke another domain until it reports it.
      while (!watched.includes("'win-desktop'")) {
        await virsh('start', 'win-desktop');
        await virsh('destroy', 'win-desktop');
      }
      const d = await conn.lookup(name);
      expect(await domstate(name)).toBe('shut off');
      await conn.create(d);
      expect(await domstate(name)).toBe('running');
      await conn.suspend(d);
      expect(await domstate(name)).toBe('paused');
      await conn.resume(d);
      expect(await domstate(name)).toBe('running');
      await conn.reboot(d);
      expect(await domstate(name)).toBe('running');
      await conn.shutdown(d);
      expect(await domstate(name)).toBe('shut off');
      await conn.create(d);
      await conn.destroy(d);
      expect(await domstate(name)).toBe('shut off');
      await conn.create(d);
      await conn.managedSave(d);
      expect(await domstate(name)).toBe('shut off');
      expect(await conn.hasManagedSave(d)).toBe(true);
      expect(lines(await virsh('list', '--all', '--with-managed-save', '--name'))).toContain(name);
      await conn.create(d); // from the managed save image
      expect(await domstate(name)).toBe('running');
      expect(await conn.hasManagedSave(d)).toBe(false);
      // Another client (virsh) acting: its change arrives as an event too.
      await virsh('destroy', name);
      const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);
      const ours = () =>
        events
          .filter((e) => e.domain.name === name)
          .map((e) =>
            e.kind === 'reboot'
              ? `event 'reboot' for domain '${name}'`
              : `event 'lifecycle' for domain '${name}': ${cap(e.eventName)} ${e.detailName}`,
          );
      const theirs = () => lines(watched).filter((l) => l.includes(`'${name}'`));
      const last = `event 'lifecycle' for domain '${name}': Stopped Destroyed`;
      while (ours().at(-1) !== last || theirs().at(-1) !== last) {
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(ours()).toEqual(theirs());
      expect(ours()).toEqual(
        expect.arrayContaining([
          `event 'lifecycle' for domain '${name}': Started Booted`,
          `event 'lifecycle' for domain '${name}': Suspended Paused`,
          `event 'lifecycle' for domain '${name}': Resumed Unpaused`,
          `event 'lifecycle' for domain '${name}': Stopped Shutdown`,
          `event 'lifecycle' for domain '${name}': Stopped Saved`,
        ]),
      );
      expect(
        events.filter((e) => e.domain.name === name).every((e) => e.domain.uuid === d.uuid),
      ).toBe(true);
    } finally {
      watcher.kill();
      await stop();
    }
  });

  it('several listeners share one registration on the daemon', async () => {
    const a: string[] = [];
    const b: string[] = [];
    const [stopA, stopB] = await Promise.all([
      conn.subscribeDomainEvents((e) => a.push(e.domain.name)),
      conn.subscribeDomainEvents((e) => b.push(e.domain.name)),
    ]);
    await virsh('start', 'win-desktop');
    await virsh('destroy', 'win-desktop');
    while (a.length < 2 || b.length < 2) await new Promise((r) => setTimeout(r, 20));
    expect(a).toEqual(['win-desktop', 'win-desktop']);
    expect(b).toEqual(a);
    await stopA();
    await virsh('start', 'win-desktop');
    await virsh('destroy', 'win-desktop');
    while (b.length < 4) await new Promise((r) => setTimeout(r, 20));
    expect(a.length).toBe(2);
    await stopB();
    // All stopped: the daemon's callbacks are gone, and a new listener registers afresh.
    const c: string[] = [];
    const stopC = await conn.subscribeDomainEvents((e) => c.push(e.domain.name));
    await virsh('start', 'win-desktop');
    await virsh('destroy', 'win-desktop');
    while (c.length < 2) await new Promise((r) => setTimeout(r, 20));
    await stopC();
    expect([a.length, b.length]).toEqual([2, 4]);
  });

  it('sets autostart as virsh sees it', async () => {
    const d = await conn.lookup('build-runner');
    const before = await conn.autostart(d);
    await conn.setAutostart(d, !before);
    expect(lines(await virsh('list', '--all', '--autostart', '--name')).includes(d.name)).toBe(
      !before,
    );
    await conn.setAutostart(d, before);
    expect(await conn.autostart(d)).toBe(before);
  });

  it('maps libvirt error replies by code, where virsh fails too', async () => {
    const missing = await conn.lookup('no-such-vm').catch((e) => e);
    expect(missing).toBeInstanceOf(LibvirtError);
    expect((missing as LibvirtError).codeName).toBe('VIR_ERR_NO_DOMAIN');
    expect(toHvError(missing, uri).kind).toBe('not-found');
    expect(await virshFails('dominfo', 'no-such-vm')).toBe(true);

    // The test driver reports "already running" as VIR_ERR_INTERNAL_ERROR (QEMU's
    // driver says VIR_ERR_OPERATION_INVALID): the kind follows the code, not the text.
    const running = await conn.lookup('web-01');
    const again = await conn.create(running).catch((e) => e);
    expect((again as LibvirtError).codeName).toBe('VIR_ERR_INTERNAL_ERROR');
    expect((again as LibvirtError).message).toMatch(/already running/);
    expect(toHvError(again, uri, 'cannot start "web-01"').kind).toBe('failed');
    expect(await virshFails('start', 'web-01')).toBe(true);

    const off = await conn.lookup('build-runner');
    const notRunning = await conn.reboot(off).catch((e) => e);
    expect((notRunning as LibvirtError).codeName).toBe('VIR_ERR_OPERATION_INVALID');
    expect(toHvError(notRunning, uri).kind).toBe('invalid-state');
    expect(await virshFails('reboot', 'build-runner')).toBe(true);

    // A procedure this daemon does not know (as one newer than it would be).
    const newer = await conn.client.call(9999, undefined, undefined).catch((e) => e);
    expect((newer as LibvirtError).codeName).toBe('VIR_ERR_RPC');
    const hv = toHvError(newer, uri);
    expect(hv.kind).toBe('unsupported');
    expect(hv.fix).toMatch(/older than this call/);
    // The connection is still fine after all of these.
    expect((await conn.listAllDomains()).length).toBeGreaterThan(0);
  });

  it('a read-only connection may read but not act (permission by code)', async () => {
    // The demo daemon has no read-only socket; read-only is a flag of CONNECT_OPEN.
    const ro = await LibvirtConnection.open(uri, { readonly: true });
    try {
      const d = await ro.lookup('build-runner');
      expect((await ro.listAllDomains()).length).toBeGreaterThan(0);
      const e = await ro.create(d).catch((x) => x);
      expect((e as LibvirtError).codeName).toBe('VIR_ERR_OPERATION_DENIED');
      expect(toHvError(e, uri).kind).toBe('permission');
    } finally {
      await ro.close();
    }
  });

  it('a socket nobody listens on is not-connected at open', async () => {
    const e = await LibvirtConnection.open(
      `test+unix:///default?socket=${encodeURIComponent(join(env.HV_DEMO_DIR, 'none.sock'))}`,
    ).catch((x) => x);
    expect(e).toBeInstanceOf(ConnectionError);
    expect(toHvError(e, uri).kind).toBe('not-connected');
    expect(e.message).toMatch(/No such file or directory/);
  });

  it('a daemon that stops answering is detected by keepalive', async () => {
    const pid = demoStatus(env).state!.libvirtdPid;
    const c = await LibvirtConnection.open(uri, { keepaliveIntervalMs: 100, keepaliveCount: 2 });
    process.kill(pid, 'SIGSTOP');
    try {
      const e = await c.listAllDomains().catch((x) => x);
      expect((e as ConnectionError).failure).toBe('keepalive');
      expect(toHvError(e, uri).kind).toBe('not-connected');
    } finally {
      process.kill(pid, 'SIGCONT');
      c.client.close();
    }
    expect((await conn.listAllDomains()).length).toBeGreaterThan(0);
  });

  it('the daemon killed under a connection: waiting calls and events end as not-connected at once', async () => {
    // Keepalive off: only the socket closing can end these.
    const c = await LibvirtConnection.open(uri, { keepaliveIntervalMs: 0 });
    const ended: ConnectionError[] = [];
    c.onClose((e) => ended.push(e));
    await c.subscribeDomainEvents(() => {});
    const pid = demoStatus(env).state!.libvirtdPid;
    const pending = c.listAllDomains().catch((x) => x);
    process.kill(pid, 'SIGKILL');
    const results = await Promise.all(
      Array.from({ length: 50 }, () => c.listAllDomains().catch((x) => x)),
    );
    const first = await pending;
    for (const e of [first, ...results].filter((x) => x instanceof Error)) {
      expect(e).toBeInstanceOf(ConnectionError);
      expect(toHvError(e, uri).kind).toBe('not-connected');
    }
    while (ended.length === 0) await new Promise((r) => setTimeout(r, 10));
    expect(ended[0]!.failure).toBe('closed');
    const after = await c.listAllDomains().catch((x) => x);
    expect(toHvError(after, uri).kind).toBe('not-connected');
    expect(toHvError(after, uri).message).toMatch(/lost the connection/);
  });
});
