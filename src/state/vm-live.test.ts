import { afterEach, describe, expect, it } from 'vitest';
import type { DomainSummary, EventHandlers, Hypervisor } from '../adapters/hypervisor.js';
import { partialHypervisor } from '../adapters/hypervisor-fake.js';
import { HvError } from '../base/errors.js';
import { createSessionStore } from './session.js';
import { type LiveFeed, startLiveFeed } from './vm-live.js';
import { createVmsStore } from './vms.js';

const dom = (name: string, state: DomainSummary['state'] = 'running'): DomainSummary => ({
  uuid: `u-${name}`,
  name,
  state,
  vcpus: 1,
  memoryKiB: 1024,
  autostart: false,
  persistent: true,
});

// A fake of our own port: a host whose VMs, reachability and event stream the test drives.
function fakeHost() {
  const host = {
    vms: [dom('a'), dom('b', 'shut off')],
    up: true,
    lists: 0,
    subscriptions: 0,
    handlers: undefined as EventHandlers | undefined,
  };
  const down = () => new HvError('not-connected', 'cannot reach libvirt at test:///fake');
  const hv: Hypervisor = partialHypervisor('test:///fake', {
    listDomains: async () => {
      host.lists++;
      if (!host.up) throw down();
      return host.vms.map((v) => ({ ...v }));
    },
    subscribeEvents: (h) => {
      if (!host.up) throw down();
      host.subscriptions++;
      host.handlers = h;
      return {
        stop: async () => {
          if (host.handlers === h) host.handlers = undefined;
        },
      };
    },
  });
  return { host, hv };
}

const until = async (cond: () => boolean, what: string) => {
  for (let i = 0; i < 300; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
};

let feed: LiveFeed | undefined;
afterEach(async () => {
  await feed?.stop();
  feed = undefined;
});

function setup(pollMs = 60_000) {
  const { host, hv } = fakeHost();
  const vms = createVmsStore();
  const session = createSessionStore({ phase: 'setup', experience: 'expert', showCommands: false });
  session.setState({ status: 'connected' });
  feed = startLiveFeed({
    vms,
    session,
    hypervisor: () => hv,
    pollMs,
    debounceMs: 5,
    policy: { firstMs: 10, factor: 2, maxMs: 40, jitter: 0 },
  });
  return { host, vms, session };
}

describe('live feed', () => {
  it('lists once, subscribes once, and refreshes on events (a burst is one refresh)', async () => {
    const { host, vms } = setup();
    await until(() => host.handlers !== undefined, 'the subscription');
    expect(vms.getState().vms.map((v) => v.name)).toEqual(['a', 'b']);
    const lists = host.lists;
    host.vms = [dom('a', 'paused'), dom('b', 'running')];
    for (const [d, e] of [
      ['a', 'suspended'],
      ['b', 'started'],
      ['b', 'resumed'],
    ] as const) {
      host.handlers?.onEvent({ type: 'lifecycle', domain: d, event: e, detail: '', raw: '' });
    }
    await until(() => vms.getState().vms[0]?.state === 'paused', 'the refresh');
    expect(vms.getState().vms[1]?.state).toBe('running');
    expect(host.lists).toBe(lists + 1);
    expect(host.subscriptions).toBe(1);
  });

  it('polls as a safety net when events are missed', async () => {
    const { host, vms } = setup(20);
    await until(() => vms.getState().loaded, 'the first list');
    host.vms = [...host.vms, dom('c')];
    await until(() => vms.getState().vms.length === 3, 'the poll');
  });

  it('marks the connection lost, backs off, and recovers with a new subscription', async () => {
    const { host, vms, session } = setup();
    await until(() => host.handlers !== undefined, 'the subscription');
    host.up = false;
    host.handlers?.onEnd?.(new HvError('not-connected', 'end of file from libvirt'));
    await until(() => vms.getState().health.state === 'lost', 'the loss');
    expect(session.getState().status).toBe('lost');
    // Rows stay on screen while reconnecting.
    expect(vms.getState().vms.map((v) => v.name)).toEqual(['a', 'b']);
    await until(() => vms.getState().health.attempt >= 2, 'failed retries');
    host.vms = [dom('a'), dom('z')];
    host.up = true;
    await until(() => vms.getState().health.state === 'ok', 'recovery');
    expect(session.getState().status).toBe('connected');
    expect(vms.getState().vms.map((v) => v.name)).toEqual(['a', 'z']);
    expect(vms.getState().status?.message).toContain('Reconnected');
    await until(() => host.subscriptions === 2, 'the new subscription');
  });

  it('a poll that finds libvirt gone marks it lost too', async () => {
    const { host, vms } = setup(20);
    await until(() => vms.getState().loaded, 'the first list');
    host.up = false;
    await until(() => vms.getState().health.state === 'lost', 'the loss');
    expect(vms.getState().health.lastError).toContain('cannot reach libvirt');
  });

  it('keeps polling when the hypervisor has no event stream', async () => {
    const vms = createVmsStore();
    const session = createSessionStore({
      phase: 'setup',
      experience: 'expert',
      showCommands: false,
    });
    let n = 0;
    const hv = partialHypervisor('test:///noevents', {
      listDomains: async () => [dom(`v${++n}`)],
    });
    feed = startLiveFeed({ vms, session, hypervisor: () => hv, pollMs: 10 });
    await until(() => n >= 3, 'polls');
    expect(vms.getState().health.state).toBe('ok');
  });
});
