// The RPC client over one byte stream (a unix socket, or ssh's stdin/stdout):
// calls matched to replies by serial, error replies as LibvirtError, events
// (type MESSAGE) dispatched by procedure, and libvirt's keepalive protocol
// (answer the daemon's pings; ping it when it falls silent and give up after a
// few missed intervals). A dropped stream fails every waiting call at once.
//
// Strict on purpose: a reply that matches no waiting call, or a header that is
// not libvirt's, means the stream is out of step, so the connection is dropped
// (never a call left waiting for a reply that cannot come).
import type { Duplex } from 'node:stream';
import {
  decRemoteError,
  KEEPALIVE_PROC_PING,
  KEEPALIVE_PROC_PONG,
  KEEPALIVE_PROGRAM,
  KEEPALIVE_PROTOCOL_VERSION,
  procedureNames,
  REMOTE_PROGRAM,
  REMOTE_PROTOCOL_VERSION,
  VIR_NET_CALL,
  VIR_NET_ERROR,
  VIR_NET_MESSAGE,
  VIR_NET_OK,
  VIR_NET_REPLY,
} from './gen/protocol.gen.js';
import { encodePacket, type Packet, PacketFramer } from './packet.js';
import {
  ConnectionError,
  type ConnectionFailure,
  LibvirtError,
  ProtocolError,
} from './wire-errors.js';
import type { XdrReader, XdrWriter } from './xdr.js';

export interface ClientOptions {
  /** Ping the daemon after this long without a message from it (ms; default 2000; 0: off). */
  keepaliveIntervalMs?: number;
  /** Give up after this many unanswered pings (default 3): a dead peer is noticed in about 8 s. */
  keepaliveCount?: number;
}

interface Pending {
  proc: number;
  dec: ((r: XdrReader) => unknown) | undefined;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

type MessageHandler = (body: XdrReader) => void;

export const procName = (proc: number) => procedureNames[proc] ?? `procedure ${proc}`;

export class RpcClient {
  private readonly framer = new PacketFramer();
  private readonly pending = new Map<number, Pending>();
  private readonly handlers = new Map<number, Set<MessageHandler>>();
  private readonly closeHandlers = new Set<(e: ConnectionError) => void>();
  private serial = 0;
  private failure: ConnectionError | undefined;
  private timer: NodeJS.Timeout | undefined;
  private missed = 0;
  private heardAt = Date.now();
  /** Event messages that did not decode (a newer daemon's shape); they are skipped. */
  droppedMessages = 0;

  constructor(
    private readonly stream: Duplex,
    private readonly opts: ClientOptions = {},
  ) {
    stream.on('data', (chunk: Buffer) => this.onData(chunk));
    stream.on('error', (e: NodeJS.ErrnoException) =>
      e instanceof ConnectionError
        ? this.fail(e.failure, e.message, e.errno)
        : this.fail('closed', `the connection to libvirt failed: ${e.message}`, e.code),
    );
    stream.on('close', () => this.fail('closed', 'libvirt closed the connection'));
    stream.on('end', () => this.fail('closed', 'libvirt closed the connection'));
  }

  /** Why the connection is unusable, once it is. */
  get closed(): ConnectionError | undefined {
    return this.failure;
  }

  /** Calls a procedure of libvirt's remote program. */
  call(
    proc: number,
    enc: ((w: XdrWriter) => void) | undefined,
    dec: ((r: XdrReader) => unknown) | undefined,
  ): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    this.serial = (this.serial + 1) >>> 0 || 1;
    const serial = this.serial;
    let packet: Buffer;
    try {
      packet = encodePacket(
        {
          prog: REMOTE_PROGRAM,
          vers: REMOTE_PROTOCOL_VERSION,
          proc,
          type: VIR_NET_CALL,
          serial,
          status: VIR_NET_OK,
        },
        enc,
      );
    } catch (e) {
      return Promise.reject(e);
    }
    return new Promise((resolve, reject) => {
      this.pending.set(serial, { proc, dec, resolve, reject });
      this.send(packet);
    });
  }

  /** Handles event messages of one procedure; returns the function that stops it. */
  onMessage(proc: number, fn: MessageHandler): () => void {
    let set = this.handlers.get(proc);
    if (!set) {
      set = new Set();
      this.handlers.set(proc, set);
    }
    set.add(fn);
    return () => set.delete(fn);
  }

  /** Called once when the connection becomes unusable (not after close()). */
  onClose(fn: (e: ConnectionError) => void): () => void {
    this.closeHandlers.add(fn);
    return () => this.closeHandlers.delete(fn);
  }

  /** Starts pinging a silent daemon (call after CONNECT_SUPPORTS_FEATURE said keepalive). */
  startKeepalive(): void {
    const interval = this.opts.keepaliveIntervalMs ?? 2000;
    const count = this.opts.keepaliveCount ?? 3;
    if (this.timer || this.failure || interval <= 0) return;
    this.heardAt = Date.now();
    this.timer = setInterval(
      () => {
        if (Date.now() - this.heardAt < interval) return;
        if (this.missed >= count) {
          this.fail(
            'keepalive',
            `libvirt stopped answering (no reply to ${count} keepalive pings, ${interval} ms apart)`,
          );
          return;
        }
        this.missed++;
        this.sendKeepalive(KEEPALIVE_PROC_PING);
      },
      Math.max(10, Math.floor(interval / 2)),
    );
    this.timer.unref();
  }

  /** Closes the connection; waiting calls fail with a local-close ConnectionError. */
  close(): void {
    this.closeHandlers.clear();
    this.fail('local-close', 'the connection was closed');
  }

  private outgoing: Buffer[] = [];

  /** Calls made in one go (a listing's N lookups) leave in one write, not N. */
  private send(packet: Buffer): void {
    this.outgoing.push(packet);
    if (this.outgoing.length > 1) return;
    queueMicrotask(() => {
      const out = this.outgoing;
      this.outgoing = [];
      if (this.failure || out.length === 0) return;
      this.stream.write(out.length === 1 ? out[0]! : Buffer.concat(out));
    });
  }

  private sendKeepalive(proc: number): void {
    if (this.failure) return;
    this.send(
      encodePacket({
        prog: KEEPALIVE_PROGRAM,
        vers: KEEPALIVE_PROTOCOL_VERSION,
        proc,
        type: VIR_NET_MESSAGE,
        serial: 0,
        status: VIR_NET_OK,
      }),
    );
  }

  private onData(chunk: Buffer): void {
    if (this.failure) return;
    this.heardAt = Date.now();
    this.missed = 0;
    let packets: Packet[];
    try {
      packets = this.framer.push(chunk);
    } catch (e) {
      this.fail('protocol', `libvirt sent a malformed packet: ${(e as Error).message}`);
      return;
    }
    for (const p of packets) {
      if (this.failure) return;
      this.onPacket(p);
    }
  }

  private onPacket(p: Packet): void {
    const h = p.header;
    if (h.prog === KEEPALIVE_PROGRAM) {
      if (h.type === VIR_NET_MESSAGE && h.proc === KEEPALIVE_PROC_PING) {
        this.sendKeepalive(KEEPALIVE_PROC_PONG);
      }
      return; // PONG: hearing it was the point
    }
    if (h.prog !== REMOTE_PROGRAM || h.vers !== REMOTE_PROTOCOL_VERSION) {
      this.fail(
        'protocol',
        `libvirt sent a packet of an unknown program ${h.prog} version ${h.vers}`,
      );
      return;
    }
    if (h.type === VIR_NET_MESSAGE) {
      const set = this.handlers.get(h.proc);
      if (!set) return; // an event nobody asked for (or a newer daemon's): ignored
      for (const fn of [...set]) {
        try {
          fn(p.body());
        } catch {
          this.droppedMessages++;
        }
      }
      return;
    }
    if (h.type !== VIR_NET_REPLY) {
      this.fail('protocol', `libvirt sent an unexpected packet of type ${h.type}`);
      return;
    }
    const call = this.pending.get(h.serial);
    if (!call || call.proc !== h.proc) {
      this.fail('protocol', `libvirt sent a reply (serial ${h.serial}) that matches no call`);
      return;
    }
    this.pending.delete(h.serial);
    try {
      const r = p.body();
      if (h.status === VIR_NET_OK) {
        const v = call.dec ? call.dec(r) : undefined;
        r.done(`reply to ${procName(call.proc)}`);
        call.resolve(v);
      } else if (h.status === VIR_NET_ERROR) {
        const err = decRemoteError(r);
        call.reject(new LibvirtError(err, call.proc));
      } else {
        call.reject(new ProtocolError(`reply to ${procName(call.proc)} has status ${h.status}`));
      }
    } catch (e) {
      call.reject(
        new ProtocolError(
          `libvirt's reply to ${procName(call.proc)} did not decode: ${(e as Error).message}`,
        ),
      );
    }
  }

  private fail(failure: ConnectionFailure, message: string, errno?: string): void {
    if (this.failure) return;
    const err = new ConnectionError(failure, message, errno);
    this.failure = err;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const c of waiting) c.reject(err);
    this.stream.destroy();
    for (const fn of [...this.closeHandlers]) fn(err);
    this.closeHandlers.clear();
  }
}
