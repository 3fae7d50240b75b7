import { describe, expect, it } from 'vitest';
import type { NetworkInfo, PoolInfo } from '../adapters/hypervisor.js';
import { partialHypervisor } from '../adapters/hypervisor-fake.js';
import { HvError } from '../base/errors.js';
import { createInfraStore, loadInfra, moveInfraCursor, poolUsage, usageBar } from './vm-infra.js';

const net = (name: string, active = true): NetworkInfo => ({
  name,
  uuid: `u-${name}`,
  active,
  autostart: false,
  persistent: true,
});

const pool = (name: string): PoolInfo => ({
  name,
  uuid: `u-${name}`,
  state: 'running',
  active: true,
  autostart: true,
  persistent: true,
  type: 'dir',
  capacityBytes: 100,
  allocationBytes: 25,
  availableBytes: 75,
});

describe('infra store', () => {
  it('loads each kind sorted by name and keeps the cursor on the same name', async () => {
    let nets = [net('zeta'), net('alpha')];
    const hv = partialHypervisor('test:///x', {
      listNetworks: async () => nets,
      listPools: async () => [pool('p')],
    });
    const store = createInfraStore();
    await loadInfra(store, 'networks', hv);
    expect(store.getState().networks.items.map((n) => n.name)).toEqual(['alpha', 'zeta']);
    expect(store.getState().pools.loaded).toBe(false);
    moveInfraCursor(store, 'networks', 'down', 10);
    nets = [net('zeta'), net('alpha'), net('beta')];
    await loadInfra(store, 'networks', hv);
    const s = store.getState().networks;
    expect(s.items[s.list.cursor]?.name).toBe('zeta');
    await loadInfra(store, 'pools', hv);
    expect(store.getState().pools.items).toHaveLength(1);
  });

  it('keeps the last items and records the problem when listing fails', async () => {
    let fail = false;
    const hv = partialHypervisor('test:///x', {
      listPools: async () => {
        if (fail) throw new HvError('not-connected', 'libvirt went away', { fix: 'start it' });
        return [pool('a')];
      },
    });
    const store = createInfraStore();
    await loadInfra(store, 'pools', hv);
    fail = true;
    await loadInfra(store, 'pools', hv);
    const s = store.getState().pools;
    expect(s.items.map((p) => p.name)).toEqual(['a']);
    expect(s.error).toMatchObject({ message: 'libvirt went away', fix: 'start it' });
  });
});

describe('pool usage', () => {
  it('says how full a pool is, in words and as a bar readable without colour', () => {
    expect(poolUsage({ capacityBytes: 100 * 1024 ** 3, allocationBytes: 24 * 1024 ** 3 })).toBe(
      '24.0 GiB of 100.0 GiB (24%)',
    );
    expect(poolUsage({ capacityBytes: 0, allocationBytes: 0 })).toBe('unknown');
    expect(usageBar(0.91, 10)).toBe('#########-');
    expect(usageBar(Number.NaN, 4)).toBe('----');
  });
});
