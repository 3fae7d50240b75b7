// Builds the OperationContext for a libvirt connection from the CLI's globals (or
// any front end that knows its connection): who acts, in which phase, on what.
import { userInfo } from 'node:os';
import type { Hypervisor } from '../adapters/hypervisor.js';
import { currentPhase } from '../security/phase.js';
import type { OperationContext } from './types.js';

type Env = Record<string, string | undefined>;

/** The login name, or "uid N" where the user database has no entry (containers). */
export function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return `uid ${process.getuid?.() ?? '?'}`;
  }
}

export function operationContext(
  hypervisor: Hypervisor,
  opts: { env?: Env; signal?: AbortSignal } = {},
): OperationContext {
  const env = opts.env ?? process.env;
  return {
    hypervisor,
    uri: hypervisor.uri,
    phase: currentPhase(env as NodeJS.ProcessEnv),
    user: currentUser(),
    isRoot: process.getuid?.() === 0,
    env,
    ...(opts.signal ? { signal: opts.signal } : {}),
  };
}
