// Reconnect delays after libvirt went away: quick at first (a restarted daemon is
// usually back within a second), then doubling up to a cap, with jitter so that
// several consoles on one host do not retry in lock-step. Pure: the live feed
// (vm-live.ts) owns the timers.

export interface BackoffPolicy {
  firstMs: number;
  factor: number;
  maxMs: number;
  /** 0..1: the delay varies by up to this share either way. */
  jitter: number;
}

export const reconnectPolicy: BackoffPolicy = { firstMs: 500, factor: 2, maxMs: 5000, jitter: 0.2 };

/** Delay before retry number `attempt` (1-based). `random` is injectable for tests. */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy = reconnectPolicy,
  random: () => number = Math.random,
): number {
  const n = Math.max(1, Math.floor(attempt));
  const base = Math.min(policy.maxMs, policy.firstMs * policy.factor ** (n - 1));
  const spread = base * policy.jitter * (random() * 2 - 1);
  return Math.max(0, Math.round(base + spread));
}

export interface ConnectionHealth {
  state: 'ok' | 'lost';
  /** Failed reconnect attempts so far (0 right after the loss). */
  attempt: number;
  /** When the connection was lost (ms since epoch). */
  since: number | undefined;
  /** When the next retry is due (ms since epoch). */
  retryAt: number | undefined;
  /** libvirt's words for the last failure. */
  lastError: string | undefined;
}

export const healthy: ConnectionHealth = {
  state: 'ok',
  attempt: 0,
  since: undefined,
  retryAt: undefined,
  lastError: undefined,
};

export type HealthEvent =
  | { type: 'lost'; now: number; error: string }
  | { type: 'retry-failed'; now: number; error: string }
  | { type: 'recovered' };

/** The connection's health after an event, with the next retry scheduled. */
export function nextHealth(
  h: ConnectionHealth,
  e: HealthEvent,
  policy: BackoffPolicy = reconnectPolicy,
  random: () => number = Math.random,
): ConnectionHealth {
  switch (e.type) {
    case 'recovered':
      return healthy;
    case 'lost':
      if (h.state === 'lost') return { ...h, lastError: e.error };
      return {
        state: 'lost',
        attempt: 0,
        since: e.now,
        retryAt: e.now + backoffDelay(1, policy, random),
        lastError: e.error,
      };
    case 'retry-failed': {
      const attempt = h.attempt + 1;
      return {
        state: 'lost',
        attempt,
        since: h.since ?? e.now,
        retryAt: e.now + backoffDelay(attempt + 1, policy, random),
        lastError: e.error,
      };
    }
  }
}
