import type { ErrorKind } from '../base/errors.js';

/** The one exit-code table (README "Exit codes" repeats it for people). */
export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  permission: 3,
  notConnected: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export function exitCodeFor(kind: ErrorKind): ExitCode {
  switch (kind) {
    case 'usage':
    case 'invalid-input':
      return ExitCode.usage;
    case 'permission':
      return ExitCode.permission;
    case 'not-connected':
    case 'not-found':
      return ExitCode.notConnected;
    default:
      return ExitCode.failed;
  }
}
