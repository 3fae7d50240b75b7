// Options and results of the long or many-step domain jobs of the Hypervisor
// port: delete, clone, backup/restore, migration, and their progress.

export interface UndefineOptions {
  /** Also delete the volumes/files of the VM's disks (not its CD-ROM images). */
  removeStorage?: boolean;
}

export interface CloneOptions {
  /** Pool for the copied volumes; default: each source volume's own pool. */
  pool?: string;
}

export interface CloneResult {
  name: string;
  uuid: string;
  /** Volumes created for the clone, "pool/volume". */
  volumes: string[];
}

export interface BackupOptions {
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}

export interface BackupDisk {
  target: string;
  /** The original source path (or pool/volume). */
  source: string;
  /** The copy's file name inside the backup directory. */
  file: string;
  format: string;
  /** Size of the copy in the backup directory. */
  bytes: number;
  /** The disk's virtual size, for re-creating the volume. */
  capacityBytes?: number;
  /** The pool and volume it came from, when it was in a pool. */
  pool?: string;
  volume?: string;
}

/** hv-backup.json in the backup directory: what restore needs. */
export interface BackupManifest {
  version: 1;
  domain: string;
  uuid: string;
  createdAt: string;
  uri: string;
  /** How consistency was kept: the guest was shut off, or libvirt's backup job (point in time). */
  method: 'offline-copy' | 'backup-job';
  xmlFile: string;
  disks: BackupDisk[];
}

export interface RestoreOptions {
  /** Define under another name (a new UUID and MACs are generated). */
  newName?: string;
  /** Where the disks go: a pool (volumes are created there). Default: the original paths when free. */
  pool?: string;
}

export interface Progress {
  /** 0..100 when known. */
  percent?: number;
  message?: string;
}

export interface MigrateOptions {
  /** Default true. */
  live?: boolean;
  /** Define the domain on the destination; default true. */
  persistent?: boolean;
  /** Undefine it on the source after success; default false. */
  undefineSource?: boolean;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  timeoutMs?: number;
}
