// XDR (RFC 4506) primitives for libvirt's RPC protocol: a growable writer and a
// bounds-checked reader. Every read checks the bytes left first, so a cut or
// corrupted message is an XdrError, never an out-of-range read or a huge
// allocation. The generated codecs (gen/protocol.gen.ts) are built on these.

/** A decoding or encoding failure: the bytes do not match the protocol. */
export class XdrError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XdrError';
  }
}

/** Upper bound for `<>` (no declared maximum). */
export const UNBOUNDED = 0xffffffff;

const pad = (n: number) => (4 - (n % 4)) % 4;
const utf8 = new TextDecoder('utf-8', { fatal: false });

const INT_MIN = -0x80000000;
const INT_MAX = 0x7fffffff;
const UINT_MAX = 0xffffffff;
const HYPER_MIN = -(2n ** 63n);
const HYPER_MAX = 2n ** 63n - 1n;
const UHYPER_MAX = 2n ** 64n - 1n;

export class XdrWriter {
  private buf: Buffer;
  private pos = 0;

  constructor(initial = 256) {
    this.buf = Buffer.alloc(initial);
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.alloc(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  get length(): number {
    return this.pos;
  }

  /** The bytes written so far (a copy-free view). */
  bytes(): Buffer {
    return this.buf.subarray(0, this.pos);
  }

  /** Overwrites 4 bytes at `at` (the length prefix, once the body is known). */
  patchUint(at: number, v: number): void {
    this.buf.writeUInt32BE(v, at);
  }

  int(v: number): void {
    if (!Number.isInteger(v) || v < INT_MIN || v > INT_MAX)
      throw new XdrError(`int out of range: ${v}`);
    this.room(4);
    this.buf.writeInt32BE(v, this.pos);
    this.pos += 4;
  }

  uint(v: number): void {
    if (!Number.isInteger(v) || v < 0 || v > UINT_MAX)
      throw new XdrError(`unsigned int out of range: ${v}`);
    this.room(4);
    this.buf.writeUInt32BE(v, this.pos);
    this.pos += 4;
  }

  hyper(v: bigint): void {
    if (typeof v !== 'bigint' || v < HYPER_MIN || v > HYPER_MAX)
      throw new XdrError(`hyper out of range: ${v}`);
    this.room(8);
    this.buf.writeBigInt64BE(v, this.pos);
    this.pos += 8;
  }

  uhyper(v: bigint): void {
    if (typeof v !== 'bigint' || v < 0n || v > UHYPER_MAX) {
      throw new XdrError(`unsigned hyper out of range: ${v}`);
    }
    this.room(8);
    this.buf.writeBigUInt64BE(v, this.pos);
    this.pos += 8;
  }

  float(v: number): void {
    this.room(4);
    this.buf.writeFloatBE(v, this.pos);
    this.pos += 4;
  }

  double(v: number): void {
    this.room(8);
    this.buf.writeDoubleBE(v, this.pos);
    this.pos += 8;
  }

  bool(v: boolean): void {
    this.int(v ? 1 : 0);
  }

  private raw(b: Uint8Array): void {
    this.room(b.length + pad(b.length));
    this.buf.set(b, this.pos);
    this.pos += b.length;
    const p = pad(b.length);
    this.buf.fill(0, this.pos, this.pos + p);
    this.pos += p;
  }

  fixedOpaque(b: Uint8Array, n: number): void {
    if (b.length !== n) throw new XdrError(`opaque[${n}] given ${b.length} bytes`);
    this.raw(b);
  }

  opaque(b: Uint8Array, max: number): void {
    if (b.length > max) throw new XdrError(`opaque longer than its maximum ${max}`);
    this.uint(b.length);
    this.raw(b);
  }

  /** A string as UTF-8; the maximum counts bytes, as libvirt's does. */
  string(s: string, max: number): void {
    if (typeof s !== 'string') throw new XdrError(`string expected, got ${typeof s}`);
    const b = Buffer.from(s, 'utf8');
    if (b.length > max) throw new XdrError(`string longer than its maximum ${max} bytes`);
    this.uint(b.length);
    this.raw(b);
  }

  fixedArray<T>(items: readonly T[], n: number, each: (x: T) => void): void {
    if (items.length !== n) throw new XdrError(`array[${n}] given ${items.length} items`);
    for (const x of items) each(x);
  }

  array<T>(items: readonly T[], max: number, each: (x: T) => void): void {
    if (items.length > max) throw new XdrError(`array longer than its maximum ${max}`);
    this.uint(items.length);
    for (const x of items) each(x);
  }

  /** XDR's optional-data (`type *name`): a bool, then the value when present. */
  optional<T>(v: T | null | undefined, each: (x: T) => void): void {
    if (v === null || v === undefined) this.int(0);
    else {
      this.int(1);
      each(v);
    }
  }
}

export class XdrReader {
  private pos: number;

  constructor(
    private readonly buf: Buffer,
    start = 0,
    private readonly end = buf.length,
  ) {
    this.pos = start;
  }

  get offset(): number {
    return this.pos;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  private need(n: number, what: string): void {
    if (n > this.end - this.pos) {
      throw new XdrError(
        `message cut short: ${what} needs ${n} bytes, ${this.end - this.pos} left`,
      );
    }
  }

  int(): number {
    this.need(4, 'int');
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  uint(): number {
    this.need(4, 'unsigned int');
    const v = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  hyper(): bigint {
    this.need(8, 'hyper');
    const v = this.buf.readBigInt64BE(this.pos);
    this.pos += 8;
    return v;
  }

  uhyper(): bigint {
    this.need(8, 'unsigned hyper');
    const v = this.buf.readBigUInt64BE(this.pos);
    this.pos += 8;
    return v;
  }

  float(): number {
    this.need(4, 'float');
    const v = this.buf.readFloatBE(this.pos);
    this.pos += 4;
    return v;
  }

  double(): number {
    this.need(8, 'double');
    const v = this.buf.readDoubleBE(this.pos);
    this.pos += 8;
    return v;
  }

  bool(): boolean {
    const v = this.int();
    if (v !== 0 && v !== 1) throw new XdrError(`bool must be 0 or 1, got ${v}`);
    return v === 1;
  }

  private raw(n: number, what: string): Buffer {
    const total = n + pad(n);
    this.need(total, what);
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += total;
    return b;
  }

  /** A view into the message (no copy): valid as long as the message is kept. */
  fixedOpaque(n: number): Uint8Array {
    return this.raw(n, `opaque[${n}]`);
  }

  private length(max: number, what: string): number {
    const n = this.uint();
    if (n > max) throw new XdrError(`${what} of ${n} exceeds its maximum ${max}`);
    return n;
  }

  /** A view into the message (no copy). */
  opaque(max: number): Uint8Array {
    return this.raw(this.length(max, 'opaque'), 'opaque');
  }

  string(max: number): string {
    return utf8.decode(this.raw(this.length(max, 'string'), 'string'));
  }

  fixedArray<T>(n: number, each: () => T): T[] {
    // Every XDR item takes at least 4 bytes: a count the message cannot hold is refused
    // before anything is allocated.
    this.need(n * 4, `array[${n}]`);
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(each());
    return out;
  }

  array<T>(max: number, each: () => T): T[] {
    return this.fixedArray(this.length(max, 'array'), each);
  }

  optional<T>(each: () => T): T | null {
    return this.bool() ? each() : null;
  }

  /** Fails unless every byte was read (a reply longer than its type is corrupt). */
  done(what: string): void {
    if (this.pos !== this.end) {
      throw new XdrError(`${what}: ${this.end - this.pos} bytes left over after decoding`);
    }
  }
}
