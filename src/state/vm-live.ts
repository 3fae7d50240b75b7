// Keeps the VM store live: ONE long-running event subscription (`virsh event
// --all --loop` behind the port) triggers a coalesced refresh on every change,
// and a periodic poll is the safety net (missed events, CPU %). When libvirt
// goes away the feed marks the connection lost, retries with backoff, and on
// success resubscribes and refreshes, so the view recovers by itself.
import type { EventSubscription, Hypervisor } from '../adapters/hypervisor.js';
import { errorMessage, isHvError } from '../base/errors.js';
import type { SessionStore } from './session.js';
import { type BackoffPolicy, nextHealth, reconnectPolicy } from './vm-backoff.js';
import { refreshVms, resetVms, type VmsStore } from './vms.js';

export interface LiveFeedOptions {
  vms: VmsStore;
  session: SessionStore;
  hypervisor: () => Hypervisor | undefined;
  /** Rows of the list on screen, to keep the cursor in view. */
  listHeight?: () => number;
  pollMs?: number;
  /** Events arrive in bursts (start = defined + started + resumed): one refresh per burst. */
  debounceMs?: number;
  random?: () => number;
  policy?: BackoffPolicy;
}

export interface LiveFeed {
  /** Refresh now (r). */
  refresh(): Promise<void>;
  /** Skip the wait and try to reconnect now. */
  retryNow(): void;
  stop(): Promise<void>;
}

const isLostError = (e: unknown) => isHvError(e) && e.kind === 'not-connected';

export function startLiveFeed(opts: LiveFeedOptions): LiveFeed {
  const pollMs = opts.pollMs ?? 3000;
  const debounceMs = opts.debounceMs ?? 120;
  const height = () => opts.listHeight?.() ?? 15;
  let stopped = false;
  let sub: EventSubscription | undefined;
  let subUri: string | undefined;
  let debounce: NodeJS.Timeout | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;
  let again = false;

  const lost = () => opts.vms.getState().health.state === 'lost';

  const unsubscribe = () => {
    const s = sub;
    sub = undefined;
    subUri = undefined;
    if (s) void s.stop().catch(() => undefined);
  };

  const subscribe = (hv: Hypervisor) => {
    if (sub && subUri === hv.uri) return;
    unsubscribe();
    try {
      const mine = hv.subscribeEvents({
        onEvent: () => schedule(),
        onEnd: (error) => {
          if (sub !== mine || stopped) return;
          sub = undefined;
          subUri = undefined;
          // The stream ended by itself: libvirt went away, or only virsh did.
          // A refresh tells which; a healthy refresh resubscribes.
          void refresh().then(() => {
            if (!lost() && error) schedule();
          });
        },
      });
      sub = mine;
      subUri = hv.uri;
    } catch {
      // No event stream on this hypervisor: the poll alone keeps the list fresh.
      sub = undefined;
    }
  };

  const markLost = (e: unknown) => {
    const vms = opts.vms;
    const health = nextHealth(
      vms.getState().health,
      lost()
        ? { type: 'retry-failed', now: Date.now(), error: errorMessage(e) }
        : { type: 'lost', now: Date.now(), error: errorMessage(e) },
      opts.policy ?? reconnectPolicy,
      opts.random,
    );
    vms.setState({ health });
    opts.session.setState({ status: 'lost' });
    unsubscribe();
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = setTimeout(
      () => {
        retryTimer = undefined;
        void refresh();
      },
      Math.max(0, (health.retryAt ?? Date.now()) - Date.now()),
    );
    retryTimer.unref?.();
  };

  const recovered = (hv: Hypervisor) => {
    opts.vms.setState({
      health: nextHealth(opts.vms.getState().health, { type: 'recovered' }),
      status: { kind: 'ok', message: `Reconnected to ${hv.uri}.` },
    });
    opts.session.setState({ status: 'connected', error: undefined });
  };

  let lastUri: string | undefined;
  const doRefresh = async () => {
    const hv = opts.hypervisor();
    if (!hv || stopped) return;
    if (lastUri !== undefined && lastUri !== hv.uri) {
      // Switched to another host: nothing of the old list may linger.
      resetVms(opts.vms);
      unsubscribe();
    }
    lastUri = hv.uri;
    const wasLost = lost();
    const error = await refreshVms(opts.vms, hv, height());
    if (stopped) return;
    if (error === undefined) {
      if (wasLost) recovered(hv);
      subscribe(hv);
    } else if (isLostError(error)) markLost(error);
  };

  // One refresh at a time; a request during one runs once more right after it.
  const refresh = (): Promise<void> => {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = (async () => {
      try {
        do {
          again = false;
          await doRefresh();
        } while (again && !stopped);
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  };

  function schedule() {
    if (stopped || debounce) return;
    debounce = setTimeout(() => {
      debounce = undefined;
      void refresh();
    }, debounceMs);
    debounce.unref?.();
  }

  const poll = setInterval(() => {
    if (!lost()) void refresh();
  }, pollMs);
  poll.unref?.();
  void refresh();

  return {
    refresh,
    retryNow() {
      if (!lost()) return;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = undefined;
      void refresh();
    },
    async stop() {
      stopped = true;
      clearInterval(poll);
      if (debounce) clearTimeout(debounce);
      if (retryTimer) clearTimeout(retryTimer);
      const s = sub;
      sub = undefined;
      await s?.stop().catch(() => undefined);
    },
  };
}

// One feed per VM store (one per console): the VM screens share it.
const feeds = new WeakMap<VmsStore, LiveFeed>();

export function ensureLiveFeed(opts: LiveFeedOptions): LiveFeed {
  let feed = feeds.get(opts.vms);
  if (!feed) {
    feed = startLiveFeed(opts);
    feeds.set(opts.vms, feed);
  }
  return feed;
}

export const liveFeedOf = (vms: VmsStore): LiveFeed | undefined => feeds.get(vms);

export async function stopLiveFeed(vms: VmsStore): Promise<void> {
  const feed = feeds.get(vms);
  feeds.delete(vms);
  await feed?.stop();
}
