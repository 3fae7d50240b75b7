import { describe, expect, it } from 'vitest';
import { backoffDelay, healthy, nextHealth, reconnectPolicy } from './vm-backoff.js';

const mid = () => 0.5; // no jitter

describe('backoffDelay', () => {
  it('doubles from the first delay up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map((n) => backoffDelay(n, reconnectPolicy, mid))).toEqual([
      500, 1000, 2000, 4000, 5000, 5000, 5000,
    ]);
  });
  it('keeps jitter within its share', () => {
    expect(backoffDelay(3, reconnectPolicy, () => 0)).toBe(1600);
    expect(backoffDelay(3, reconnectPolicy, () => 0.999999)).toBe(2400);
  });
  it('treats nonsense attempts as the first', () => {
    expect(backoffDelay(0, reconnectPolicy, mid)).toBe(500);
    expect(backoffDelay(-3, reconnectPolicy, mid)).toBe(500);
  });
});

describe('nextHealth', () => {
  it('schedules the first retry on loss and backs off on failures', () => {
    let h = nextHealth(healthy, { type: 'lost', now: 1000, error: 'gone' }, reconnectPolicy, mid);
    expect(h).toMatchObject({ state: 'lost', attempt: 0, since: 1000, retryAt: 1500 });
    h = nextHealth(
      h,
      { type: 'retry-failed', now: 1500, error: 'still gone' },
      reconnectPolicy,
      mid,
    );
    expect(h).toMatchObject({ attempt: 1, since: 1000, retryAt: 2500, lastError: 'still gone' });
    h = nextHealth(h, { type: 'retry-failed', now: 2500, error: 'x' }, reconnectPolicy, mid);
    expect(h.retryAt).toBe(4500);
  });
  it('a second loss report does not restart the schedule', () => {
    const h = nextHealth(healthy, { type: 'lost', now: 1000, error: 'a' }, reconnectPolicy, mid);
    const again = nextHealth(h, { type: 'lost', now: 1200, error: 'b' }, reconnectPolicy, mid);
    expect(again).toMatchObject({ since: 1000, retryAt: 1500, lastError: 'b' });
  });
  it('recovers to healthy', () => {
    const h = nextHealth(healthy, { type: 'lost', now: 1, error: 'a' });
    expect(nextHealth(h, { type: 'recovered' })).toEqual(healthy);
  });
});
