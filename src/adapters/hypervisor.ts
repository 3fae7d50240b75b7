// The Hypervisor port: what screens, stores and commands may ask of libvirt.
// Implementations: virsh.ts (always available), later the native binding and a
// composite. Errors are HvError with a kind (not-found, permission, ...).

export type DomainState =
  | 'running'
  | 'paused'
  | 'shut off'
  | 'shutting down'
  | 'crashed'
  | 'suspended'
  | 'blocked'
  | 'no state';

export interface DomainSummary {
  uuid: string;
  name: string;
  state: DomainState;
  vcpus: number;
  memoryKiB: number;
  autostart: boolean;
  persistent: boolean;
}

export interface HostSummary {
  hostname: string;
  hypervisor: string;
  libvirtVersion: string;
}

export interface Hypervisor {
  readonly uri: string;
  listDomains(): Promise<DomainSummary[]>;
  host(): Promise<HostSummary>;
}

/** libvirt's virDomainState numbers, as `virsh domstats --state` reports them. */
export const stateByNumber: Record<number, DomainState> = {
  0: 'no state',
  1: 'running',
  2: 'blocked',
  3: 'paused',
  4: 'shutting down',
  5: 'shut off',
  6: 'crashed',
  7: 'suspended',
};

export function parseStateText(text: string): DomainState {
  const t = text.trim().toLowerCase();
  const known: DomainState[] = [
    'running',
    'paused',
    'shut off',
    'shutting down',
    'crashed',
    'suspended',
    'blocked',
  ];
  return known.find((k) => k === t) ?? (t === 'idle' ? 'blocked' : 'no state');
}
