import { describe, expect, it } from 'vitest';
import { RpcClient } from './client.js';
import {
  decRemoteConnectGetAllDomainStatsRet,
  decRemoteConnectGetHostnameRet,
  decRemoteDomainEventCallbackLifecycleMsg,
  encRemoteConnectGetAllDomainStatsRet,
  encRemoteConnectGetHostnameRet,
  encRemoteDomainEventCallbackLifecycleMsg,
  encRemoteError,
  KEEPALIVE_PROC_PING,
  KEEPALIVE_PROC_PONG,
  KEEPALIVE_PROGRAM,
  REMOTE_PROC_CONNECT_GET_ALL_DOMAIN_STATS,
  REMOTE_PROC_CONNECT_GET_HOSTNAME,
  REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE,
  REMOTE_PROGRAM,
  VIR_NET_CALL,
  VIR_NET_MESSAGE,
  VIR_NET_REPLY,
} from './gen/protocol.gen.js';
import { encodePacket, PacketFramer, type PacketHeader } from './packet.js';
import { MemoryStream, prng, settle } from './test-peer.js';
import { ConnectionError, LibvirtError, ProtocolError } from './wire-errors.js';
import type { XdrWriter } from './xdr.js';

const reply = (serial: number, proc: number, enc?: (w: XdrWriter) => void, status = 0) =>
  encodePacket({ prog: REMOTE_PROGRAM, vers: 1, proc, type: VIR_NET_REPLY, serial, status }, enc);
const message = (h: Partial<PacketHeader>, enc?: (w: XdrWriter) => void) =>
  encodePacket(
    { prog: REMOTE_PROGRAM, vers: 1, proc: 0, type: VIR_NET_MESSAGE, serial: 0, status: 0, ...h },
    enc,
  );
/** The packets the client wrote (calls made together leave in one write). */
const sent = (s: MemoryStream) =>
  new PacketFramer().push(Buffer.concat(s.written)).map((p) => p.header);
const hostname = (c: RpcClient) =>
  c.call(REMOTE_PROC_CONNECT_GET_HOSTNAME, undefined, decRemoteConnectGetHostnameRet);

const uuid = Buffer.alloc(16, 1);
const statsRet = (n: number) => ({
  retStats: Array.from({ length: n }, (_, i) => ({
    dom: { name: `vm-${i} "é"`, uuid, id: i },
    params: [
      { field: 'state.state', value: { type: 1 as const, i: 1 } },
      { field: 'cpu.time', value: { type: 4 as const, ul: BigInt(i) * 1000n } },
      { field: 'balloon.current', value: { type: 4 as const, ul: 1024n } },
    ],
  })),
});

describe('RpcClient', () => {
  it('sends calls with increasing serials and matches replies by serial, in any order', async () => {
    const s = new MemoryStream();
    const c = new RpcClient(s);
    const a = hostname(c);
    const b = hostname(c);
    await settle();
    expect(sent(s).map((h) => [h.prog, h.type, h.proc, h.serial])).toEqual([
      [REMOTE_PROGRAM, VIR_NET_CALL, REMOTE_PROC_CONNECT_GET_HOSTNAME, 1],
      [REMOTE_PROGRAM, VIR_NET_CALL, REMOTE_PROC_CONNECT_GET_HOSTNAME, 2],
    ]);
    s.feed(
      Buffer.concat([
        reply(2, REMOTE_PROC_CONNECT_GET_HOSTNAME, (w) =>
          encRemoteConnectGetHostnameRet(w, { hostname: 'second' }),
        ),
        reply(1, REMOTE_PROC_CONNECT_GET_HOSTNAME, (w) =>
          encRemoteConnectGetHostnameRet(w, { hostname: 'first' }),
        ),
      ]),
    );
    expect(await a).toEqual({ hostname: 'first' });
    expect(await b).toEqual({ hostname: 'second' });
    c.close();
  });

  it('turns an error reply into LibvirtError with code, domain and message', async () => {
    const s = new MemoryStream();
    const c = new RpcClient(s);
    const p = hostname(c);
    s.feed(
      reply(
        1,
        REMOTE_PROC_CONNECT_GET_HOSTNAME,
        (w) =>
          encRemoteError(w, {
            code: 42,
            domain: 10,
            message: "Domain not found: no domain with matching name 'x'",
            level: 2,
            dom: null,
            str1: null,
            str2: null,
            str3: null,
            int1: 0,
            int2: 0,
            net: null,
          }),
        1,
      ),
    );
    const e = (await p.catch((x) => x)) as LibvirtError;
    expect(e).toBeInstanceOf(LibvirtError);
    expect([e.code, e.codeName, e.domain, e.domainName]).toEqual([
      42,
      'VIR_ERR_NO_DOMAIN',
      10,
      'VIR_FROM_QEMU',
    ]);
    expect(e.message).toContain('no domain with matching name');
    expect(c.closed).toBeUndefined(); // an error reply is not a broken connection
    c.close();
  });

  it('dispatches event messages by procedure and answers keepalive pings', async () => {
    const s = new MemoryStream();
    const c = new RpcClient(s);
    const seen: number[] = [];
    c.onMessage(REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE, (r) =>
      seen.push(decRemoteDomainEventCallbackLifecycleMsg(r).msg.event),
    );
    const ev = (event: number) =>
      message({ proc: REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE }, (w) =>
        encRemoteDomainEventCallbackLifecycleMsg(w, {
          callbackID: 1,
          msg: { dom: { name: 'a', uuid, id: 1 }, event, detail: 0 },
        }),
      );
    s.feed(
      Buffer.concat([
        ev(2),
        message({ prog: KEEPALIVE_PROGRAM, proc: KEEPALIVE_PROC_PING }),
        ev(5),
        message({ proc: 9999 }), // an event nobody registered for: ignored
      ]),
    );
    await settle();
    expect(seen).toEqual([2, 5]);
    expect(sent(s)).toEqual([
      {
        prog: KEEPALIVE_PROGRAM,
        vers: 1,
        proc: KEEPALIVE_PROC_PONG,
        type: 2,
        serial: 0,
        status: 0,
      },
    ]);
    c.close();
  });

  it('fails every waiting call as soon as the stream closes', async () => {
    const s = new MemoryStream();
    const c = new RpcClient(s);
    const closed: string[] = [];
    c.onClose((e) => closed.push(e.failure));
    const calls = [hostname(c), hostname(c)].map((p) => p.catch((e) => e));
    s.end2();
    const errs = await Promise.all(calls);
    for (const e of errs) {
      expect(e).toBeInstanceOf(ConnectionError);
      expect((e as ConnectionError).failure).toBe('closed');
    }
    expect(closed).toEqual(['closed']);
    await expect(hostname(c)).rejects.toBeInstanceOf(ConnectionError);
  });

  it('drops the connection on a reply that matches no call (out of step)', async () => {
    const s = new MemoryStream();
    const c = new RpcClient(s);
    const p = hostname(c).catch((e) => e);
    s.feed(reply(77, REMOTE_PROC_CONNECT_GET_HOSTNAME));
    const e = (await p) as ConnectionError;
    expect(e.failure).toBe('protocol');
    expect(e.message).toMatch(/matches no call/);
  });

  it('a reply body that does not decode fails that call only', async () => {
    const s = new MemoryStream();
    const c = new RpcClient(s);
    const p = hostname(c).catch((e) => e);
    s.feed(reply(1, REMOTE_PROC_CONNECT_GET_HOSTNAME, (w) => w.uint(1000)));
    expect(await p).toBeInstanceOf(ProtocolError);
    expect(c.closed).toBeUndefined();
    c.close();
  });

  it('gives up on a peer that stops answering keepalive pings', async () => {
    const s = new MemoryStream();
    const c = new RpcClient(s, { keepaliveIntervalMs: 20, keepaliveCount: 2 });
    c.startKeepalive();
    const p = hostname(c).catch((e) => e);
    const e = (await p) as ConnectionError;
    expect(e.failure).toBe('keepalive');
    const pings = sent(s).filter(
      (h) => h.prog === KEEPALIVE_PROGRAM && h.proc === KEEPALIVE_PROC_PING,
    );
    expect(pings.length).toBe(2);
  });

  it('a peer that answers pings stays connected', async () => {
    const s = new MemoryStream();
    const c = new RpcClient(s, { keepaliveIntervalMs: 10, keepaliveCount: 1 });
    let pongs = 0;
    s.onWrite = (b) => {
      const h = new PacketFramer().push(b)[0]!.header;
      if (h.prog === KEEPALIVE_PROGRAM && h.proc === KEEPALIVE_PROC_PING) {
        pongs++;
        setImmediate(() => s.feed(message({ prog: KEEPALIVE_PROGRAM, proc: KEEPALIVE_PROC_PONG })));
      }
    };
    c.startKeepalive();
    while (pongs < 5) await new Promise((r) => setTimeout(r, 5));
    expect(c.closed).toBeUndefined();
    c.close();
  });
});

describe('fuzz: cut, corrupted and garbage replies', () => {
  // A real-shaped exchange: a ping, an event, then the stats reply for serial 1.
  const good = Buffer.concat([
    message({ prog: KEEPALIVE_PROGRAM, proc: KEEPALIVE_PROC_PING }),
    message({ proc: REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE }, (w) =>
      encRemoteDomainEventCallbackLifecycleMsg(w, {
        callbackID: 1,
        msg: { dom: { name: 'a', uuid, id: 1 }, event: 2, detail: 0 },
      }),
    ),
    reply(1, REMOTE_PROC_CONNECT_GET_ALL_DOMAIN_STATS, (w) =>
      encRemoteConnectGetAllDomainStatsRet(w, statsRet(5)),
    ),
  ]);

  const mutate = (rnd: () => number): Buffer => {
    const b = Buffer.from(good);
    const pick = () => Math.floor(rnd() * b.length);
    switch (Math.floor(rnd() * 4)) {
      case 0:
        return b.subarray(0, pick()); // cut
      case 1: {
        for (let i = 0, n = 1 + Math.floor(rnd() * 8); i < n; i++)
          b[pick()] = Math.floor(rnd() * 256);
        return b; // corrupted bytes
      }
      case 2: {
        const at = pick(); // a word replaced by an extreme value (lengths, counts, discriminants)
        const words = [0xffffffff, 0x7fffffff, 0, 0x80000000, 1];
        if (at + 4 <= b.length)
          b.writeUInt32BE(words[Math.floor(rnd() * words.length)]!, at - (at % 4));
        return b;
      }
      default: {
        const junk = Buffer.from(
          Array.from({ length: Math.floor(rnd() * 64) }, () => Math.floor(rnd() * 256)),
        );
        const at = pick();
        return Buffer.concat([b.subarray(0, at), junk, b.subarray(at)]); // inserted garbage
      }
    }
  };

  it('every mutated stream settles the call with a clear error or a correct value (2000 seeded cases)', async () => {
    const rnd = prng(20261204);
    const outcomes = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const s = new MemoryStream();
      const c = new RpcClient(s);
      c.onMessage(REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE, (r) =>
        decRemoteDomainEventCallbackLifecycleMsg(r),
      );
      let settled: unknown = 'pending';
      c.call(
        REMOTE_PROC_CONNECT_GET_ALL_DOMAIN_STATS,
        undefined,
        decRemoteConnectGetAllDomainStatsRet,
      )
        .then((v) => {
          settled = v;
        })
        .catch((e) => {
          settled = e;
        });
      const bytes = mutate(rnd);
      // In pieces, like a socket delivers them, then the end of the stream.
      for (let at = 0; at < bytes.length; at += 1 + Math.floor(rnd() * 300)) {
        s.feed(bytes.subarray(at, at + 1 + Math.floor(rnd() * 300)));
      }
      s.feed(bytes.subarray(0, 0));
      s.end2();
      await settle(4);
      if (settled === 'pending') throw new Error(`case ${i}: the call never settled`);
      const kind =
        settled instanceof ConnectionError
          ? `connection:${settled.failure}`
          : settled instanceof ProtocolError || settled instanceof LibvirtError
            ? settled.name
            : settled instanceof Error
              ? `UNEXPECTED ${settled.name}: ${settled.message}`
              : 'value';
      outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
    }
    const unexpected = [...outcomes.keys()].filter((k) => k.startsWith('UNEXPECTED'));
    expect(unexpected).toEqual([]);
    // The fuzz reached the different failure paths, not just one.
    expect(outcomes.get('connection:closed')).toBeGreaterThan(0);
    expect(outcomes.get('connection:protocol')).toBeGreaterThan(0);
    expect(outcomes.get('ProtocolError')).toBeGreaterThan(0);
  });
});

describe('fuzz: every generated decoder on random bytes', () => {
  it('returns or throws XdrError, nothing else (seeded)', async () => {
    const gen = await import('./gen/protocol.gen.js');
    const { XdrError, XdrReader } = await import('./xdr.js');
    const decoders = Object.entries(gen as Record<string, unknown>).filter(
      (e): e is [string, (r: InstanceType<typeof XdrReader>) => unknown] =>
        e[0].startsWith('dec') && typeof e[1] === 'function',
    );
    expect(decoders.length).toBeGreaterThan(50);
    const rnd = prng(42);
    for (const [name, dec] of decoders) {
      for (let i = 0; i < 200; i++) {
        // Small words make plausible counts, discriminants and bools.
        const words = Array.from({ length: Math.floor(rnd() * 40) }, () =>
          rnd() < 0.6 ? Math.floor(rnd() * 8) : Math.floor(rnd() * 2 ** 32),
        );
        const b = Buffer.alloc(words.length * 4);
        for (const [k, w] of words.entries()) b.writeUInt32BE(w, k * 4);
        try {
          dec(new XdrReader(b));
        } catch (e) {
          if (!(e instanceof XdrError)) throw new Error(`${name}: ${(e as Error).message}`);
        }
      }
    }
  });
});
