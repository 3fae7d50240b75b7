// Fakes of the Hypervisor port for screen and store tests.
import { HvError } from '../base/errors.js';
import type { Hypervisor } from './hypervisor.js';

/**
 * A Hypervisor whose every method refuses with 'unsupported' except those given:
 * for fakes of this port in screen and store tests, so a fake need not list
 * methods it never calls.
 */
export function partialHypervisor(uri: string, impl: Partial<Omit<Hypervisor, 'uri'>>): Hypervisor {
  const refuse = (name: string) => () => {
    throw new HvError('unsupported', `${name} is not available on this hypervisor`);
  };
  return new Proxy({ uri, ...impl } as Hypervisor, {
    get(target, prop, recv) {
      if (prop in target) return Reflect.get(target, prop, recv);
      if (typeof prop === 'string' && prop !== 'then') return refuse(prop);
      return undefined;
    },
  });
}
