// One error type for everything hv reports to a person: what happened, and what to do.
// The kind decides the exit code (see src/cli/exit-codes.ts and README).

export type ErrorKind =
  | 'usage' // bad arguments or input: exit 2
  | 'invalid-input' // a file or value failed validation: exit 2
  | 'permission' // not allowed: exit 3
  | 'not-connected' // hypervisor unreachable: exit 4
  | 'not-found' // VM, network, file... does not exist: exit 4
  | 'invalid-state' // e.g. starting a running VM: exit 1
  | 'unsupported' // the driver or host cannot do it: exit 1
  | 'tool-missing' // a program hv needs is not installed: exit 1
  | 'failed'; // anything else that went wrong: exit 1

export class HvError extends Error {
  readonly kind: ErrorKind;
  /** What the person can do about it, in one sentence or a command. */
  readonly fix: string | undefined;
  /** Raw detail (e.g. libvirt's message) kept for --json and logs. */
  readonly detail: string | undefined;

  constructor(kind: ErrorKind, message: string, opts: { fix?: string; detail?: string } = {}) {
    super(message);
    this.name = 'HvError';
    this.kind = kind;
    this.fix = opts.fix;
    this.detail = opts.detail;
  }

  toJSON(): Record<string, unknown> {
    return { kind: this.kind, message: this.message, fix: this.fix, detail: this.detail };
  }
}

export function isHvError(e: unknown): e is HvError {
  return e instanceof HvError;
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
