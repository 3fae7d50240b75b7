// What the client reports, before errors.ts turns it into hv's kinds: libvirt's
// own error (an error reply: virErrorNumber code, virErrorDomain, message), a
// lost or refused connection, or a protocol violation (bytes that do not decode).
import type { RemoteError } from './gen/protocol.gen.js';
import { errorDomains, errorNumbers } from './gen/virerror.gen.js';

/** An error reply from libvirt (struct remote_error). */
export class LibvirtError extends Error {
  /** virErrorNumber, e.g. 42 = VIR_ERR_NO_DOMAIN. */
  readonly code: number;
  /** virErrorDomain, e.g. 10 = VIR_FROM_QEMU. */
  readonly domain: number;
  readonly level: number;
  /** The procedure that failed. */
  readonly proc: number;

  constructor(err: RemoteError, proc: number) {
    super(err.message ?? `libvirt error ${err.code}`);
    this.name = 'LibvirtError';
    this.code = err.code;
    this.domain = err.domain;
    this.level = err.level;
    this.proc = proc;
  }

  /** VIR_ERR_NO_DOMAIN, or the number when this libvirt's list lacks it. */
  get codeName(): string {
    return errorNumbers[this.code] ?? `virErrorNumber ${this.code}`;
  }

  get domainName(): string {
    return errorDomains[this.domain] ?? `virErrorDomain ${this.domain}`;
  }
}

export type ConnectionFailure =
  /** The socket could not be opened (absent, refused, no permission). */
  | 'connect'
  /** The peer closed the connection or the socket failed under it. */
  | 'closed'
  /** The peer stopped answering keepalive pings. */
  | 'keepalive'
  /** The peer sent bytes that are not libvirt's protocol: the connection was dropped. */
  | 'protocol'
  /** close() was called. */
  | 'local-close';

/** The connection is not (or no longer) usable. */
export class ConnectionError extends Error {
  constructor(
    readonly failure: ConnectionFailure,
    message: string,
    /** errno code of the socket error, when there was one (ENOENT, EACCES, ECONNREFUSED...). */
    readonly errno?: string,
  ) {
    super(message);
    this.name = 'ConnectionError';
  }
}

/** A reply whose body did not decode: that call failed, the connection lives on. */
export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}
