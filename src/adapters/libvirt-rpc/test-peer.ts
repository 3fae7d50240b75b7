// Test helpers (not shipped code): an in-memory byte stream standing in for the
// socket, and a seeded PRNG for the fuzz tests.
import { Duplex } from 'node:stream';

/** A stream the client writes to (`written`) and the test feeds (`feed`, `end`). */
export class MemoryStream extends Duplex {
  readonly written: Buffer[] = [];
  onWrite: ((b: Buffer) => void) | undefined;

  override _read(): void {}

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.written.push(chunk);
    this.onWrite?.(chunk);
    cb();
  }

  feed(b: Buffer): void {
    this.push(b);
  }

  end2(): void {
    this.push(null);
  }
}

/** mulberry32: small, seeded, good enough to pick fuzz positions reproducibly. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Lets queued stream events and promise callbacks run (no timers involved). */
export async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
}
