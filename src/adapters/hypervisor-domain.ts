// The domain side of the Hypervisor port (hypervisor.ts): what a VM is, as the
// list and the detail view show it, and libvirt's state numbers and words.

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
  /** Maximum memory. */
  memoryKiB: number;
  autostart: boolean;
  persistent: boolean;
  /** Total CPU time used so far (ns), when the listing had it: CPU % = delta / wall / vcpus. */
  cpuTimeNs?: number;
  /** Memory the guest has now (balloon), when the listing had it. */
  currentMemoryKiB?: number;
  /** A managed save image exists: the next start resumes it. */
  hasManagedSave?: boolean;
}

export interface HostSummary {
  hostname: string;
  hypervisor: string;
  libvirtVersion: string;
}

/** What the host can run, for building domain XML (domain type, arch, firmware). */
export interface HostCapabilities {
  /** Host CPU architecture, e.g. x86_64. */
  arch: string;
  /** Domain types for guests of the host arch, best first: ['kvm', 'qemu'] or ['test']. */
  domainTypes: string[];
  /** The emulator libvirt reports for hvm guests of the host arch, if any. */
  emulator?: string;
  /** The driver behind the URI: 'QEMU', 'Test', ... */
  driver: string;
}

/** A domain name or UUID; names may hold spaces, quotes, non-ASCII and 64+ characters. */
export type DomainRef = string;

export interface DomainDisk {
  /** Guest device name: vda, sda, hdc. */
  target: string;
  device: 'disk' | 'cdrom' | 'floppy' | 'lun' | string;
  bus?: string;
  /** file | block | volume | network | dir */
  type: string;
  /** File path, device path, or "pool/volume" for type=volume; undefined for an empty drive. */
  source?: string;
  format?: string;
  readonly: boolean;
}

export interface DomainNic {
  mac: string;
  /** network | bridge | user | direct | ... */
  type: string;
  /** Network or bridge name. */
  source?: string;
  model?: string;
  /** Host-side device (vnet0) while running. */
  target?: string;
}

export interface DomainInfo extends DomainSummary {
  /** Running domains have an id; shut-off ones do not. */
  id?: number;
  osType: string;
  arch?: string;
  machine?: string;
  /** Domain type from the XML: kvm, qemu, test. */
  domainType: string;
  firmware: 'efi' | 'bios';
  disks: DomainDisk[];
  nics: DomainNic[];
  /** Graphics devices as "vnc", "spice" ... */
  graphics: string[];
  hasManagedSave: boolean;
  snapshotCount: number;
  description?: string;
  /** The live XML (inactive XML for shut-off domains). */
  xml: string;
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
