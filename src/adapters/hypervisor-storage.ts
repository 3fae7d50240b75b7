// Networks, storage pools and volumes as the Hypervisor port reports them.

export interface VolumeSpec {
  name: string;
  capacityBytes: number;
  /** qcow2 (default) or raw. */
  format?: 'qcow2' | 'raw';
}

export interface VolumeInfo {
  name: string;
  pool: string;
  path: string;
  /** file | block | dir | network ... */
  type: string;
  capacityBytes: number;
  allocationBytes: number;
  format?: string;
}

export interface NetworkInfo {
  name: string;
  uuid: string;
  active: boolean;
  autostart: boolean;
  persistent: boolean;
  bridge?: string;
  /** nat | route | bridge | open | ... ; undefined = isolated. */
  forward?: string;
}

export type PoolState = 'running' | 'inactive' | 'building' | 'degraded' | 'inaccessible';

export interface PoolInfo {
  name: string;
  uuid: string;
  state: PoolState;
  active: boolean;
  autostart: boolean;
  persistent: boolean;
  /** dir | logical | netfs | ... */
  type: string;
  /** Target path for file-based pools. */
  path?: string;
  capacityBytes: number;
  allocationBytes: number;
  availableBytes: number;
  volumeCount?: number;
}
