import { describe, expect, it } from 'vitest';
import {
  REMOTE_PROC_CONNECT_GET_HOSTNAME,
  REMOTE_PROGRAM,
  VIR_NET_REPLY,
} from './gen/protocol.gen.js';
import { decodeHeader, encodePacket, MAX_PACKET, MIN_PACKET, PacketFramer } from './packet.js';
import { prng } from './test-peer.js';
import { XdrError } from './xdr.js';

const header = (serial: number) => ({
  prog: REMOTE_PROGRAM,
  vers: 1,
  proc: REMOTE_PROC_CONNECT_GET_HOSTNAME,
  type: VIR_NET_REPLY,
  serial,
  status: 0,
});

describe('RPC packet', () => {
  it('is length, six header words, then the body', () => {
    const p = encodePacket(header(7), (w) => w.string('host', 100));
    expect(p.readUInt32BE(0)).toBe(p.length);
    expect(p.length).toBe(MIN_PACKET + 8);
    expect(p.subarray(4, 28).toString('hex')).toBe(
      ['20008086', '00000001', '0000003b', '00000001', '00000007', '00000000'].join(''),
    );
    expect(decodeHeader(p)).toEqual(header(7));
  });

  it('frames packets however the stream splits or joins them', () => {
    const packets = [1, 2, 3].map((s) =>
      encodePacket(header(s), (w) => w.string('x'.repeat(s * 5), 100)),
    );
    const all = Buffer.concat(packets);
    const rnd = prng(14);
    for (let round = 0; round < 200; round++) {
      const framer = new PacketFramer();
      const got: number[] = [];
      let at = 0;
      while (at < all.length) {
        const n = 1 + Math.floor(rnd() * 40);
        for (const p of framer.push(all.subarray(at, at + n))) {
          got.push(p.header.serial);
          expect(p.body().string(100)).toBe('x'.repeat(p.header.serial * 5));
        }
        at += n;
      }
      expect(got).toEqual([1, 2, 3]);
      expect(framer.pending).toBe(0);
    }
  });

  it('refuses lengths libvirt never sends, at once', () => {
    const tooShort = Buffer.alloc(4);
    tooShort.writeUInt32BE(MIN_PACKET - 1, 0);
    expect(() => new PacketFramer().push(tooShort)).toThrow(XdrError);
    const tooLong = Buffer.alloc(4);
    tooLong.writeUInt32BE(MAX_PACKET + 1, 0);
    expect(() => new PacketFramer().push(tooLong)).toThrow(/bad packet length/);
  });

  it('keeps the body inside its packet', () => {
    const p = encodePacket(header(1), (w) => w.uint(5));
    const next = encodePacket(header(2), (w) => w.uint(6));
    const [a] = new PacketFramer().push(Buffer.concat([p, next]));
    const r = a!.body();
    expect(r.uint()).toBe(5);
    expect(() => r.uint()).toThrow(/cut short/);
  });
});
