// libvirt's RPC packet (virnetprotocol.x): a 4-byte length (counting itself),
// a 24-byte header (program, version, procedure, type, serial, status) and the
// XDR body. PacketFramer turns a byte stream into whole packets and refuses a
// length the protocol does not allow, so a corrupt stream fails at once instead
// of waiting for 4 GB that never come.
import { VIR_NET_MESSAGE_HEADER_MAX, VIR_NET_MESSAGE_MAX } from './gen/protocol.gen.js';
import { XdrError, XdrReader, XdrWriter } from './xdr.js';

export interface PacketHeader {
  prog: number;
  vers: number;
  proc: number;
  type: number;
  serial: number;
  status: number;
}

export interface Packet {
  header: PacketHeader;
  /** The body: a reader positioned after the header, ending at the packet's end. */
  body(): XdrReader;
  /** The whole packet, length prefix included. */
  bytes: Buffer;
}

const LEN = 4;
export const MIN_PACKET = LEN + VIR_NET_MESSAGE_HEADER_MAX;
export const MAX_PACKET = LEN + VIR_NET_MESSAGE_MAX;

/** One packet: header plus the body `enc` writes. */
export function encodePacket(h: PacketHeader, enc?: (w: XdrWriter) => void): Buffer {
  const w = new XdrWriter(enc ? 128 : MIN_PACKET);
  w.uint(0); // length, patched below
  w.uint(h.prog);
  w.uint(h.vers);
  w.int(h.proc);
  w.int(h.type);
  w.uint(h.serial);
  w.int(h.status);
  enc?.(w);
  if (w.length > MAX_PACKET)
    throw new XdrError(`message of ${w.length} bytes exceeds libvirt's maximum`);
  w.patchUint(0, w.length);
  return w.bytes();
}

export function decodeHeader(buf: Buffer): PacketHeader {
  const r = new XdrReader(buf, LEN);
  return {
    prog: r.uint(),
    vers: r.uint(),
    proc: r.int(),
    type: r.int(),
    serial: r.uint(),
    status: r.int(),
  };
}

/** Splits a byte stream into packets. push() throws XdrError on an impossible length. */
export class PacketFramer {
  private chunks: Buffer[] = [];
  private buffered = 0;

  /** Bytes received but not yet part of a whole packet. */
  get pending(): number {
    return this.buffered;
  }

  push(chunk: Buffer): Packet[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const out: Packet[] = [];
    for (;;) {
      if (this.buffered < LEN) break;
      const head = this.peek(LEN);
      const len = head.readUInt32BE(0);
      if (len < MIN_PACKET || len > MAX_PACKET) {
        throw new XdrError(
          `bad packet length ${len} (libvirt's packets are ${MIN_PACKET}..${MAX_PACKET} bytes)`,
        );
      }
      if (this.buffered < len) break;
      const bytes = this.take(len);
      const header = decodeHeader(bytes);
      out.push({ header, bytes, body: () => new XdrReader(bytes, MIN_PACKET) });
    }
    return out;
  }

  private peek(n: number): Buffer {
    if (this.chunks[0]!.length >= n) return this.chunks[0]!;
    const all = Buffer.concat(this.chunks);
    this.chunks = [all];
    return all;
  }

  private take(n: number): Buffer {
    const first = this.peek(n);
    // A view, not a copy: the chunks are never written to again.
    const bytes = first.subarray(0, n);
    const rest = first.subarray(n);
    this.chunks = rest.length > 0 ? [rest, ...this.chunks.slice(1)] : this.chunks.slice(1);
    this.buffered -= n;
    return bytes;
  }
}
