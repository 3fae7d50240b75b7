import { describe, expect, it } from 'vitest';
import { partialHypervisor } from '../adapters/hypervisor-fake.js';
import {
  checkUri,
  createConnectionsStore,
  DEMO,
  isCurrent,
  placeCursorOnCurrent,
} from './connections.js';

describe('connections store', () => {
  it('knows the demo entry by its socket URI and puts the cursor on the host in use', () => {
    const demoUri = 'test+unix:///default?socket=/tmp/x/libvirt-sock';
    const store = createConnectionsStore({ hypervisor: partialHypervisor(demoUri, {}) });
    const s = store.getState();
    expect(isCurrent(s, { name: DEMO, uri: DEMO, builtIn: true })).toBe(true);
    expect(isCurrent(s, { name: 'system', uri: 'qemu:///system', builtIn: true })).toBe(false);
    expect(placeCursorOnCurrent(store, 10).cursor).toBe(2);
    expect(store.getState().list.cursor).toBe(2);
  });

  it('leaves the cursor alone when the host in use is not in the list', () => {
    const store = createConnectionsStore({
      hypervisor: partialHypervisor('qemu+ssh://elsewhere/system', {}),
    });
    store.setState({ list: { cursor: 1, top: 0 } });
    expect(placeCursorOnCurrent(store, 10)).toEqual({ cursor: 1, top: 0 });
  });

  it('checks URIs before they are saved', () => {
    expect(checkUri('qemu+ssh://admin@rack-07/system')).toBeUndefined();
    expect(checkUri(DEMO)).toBeUndefined();
    expect(checkUri('')).toMatch(/needed/);
    expect(checkUri('qemu:///sys tem')).toMatch(/no spaces/);
    expect(checkUri('rack-07')).toMatch(/not a libvirt URI/);
  });
});
