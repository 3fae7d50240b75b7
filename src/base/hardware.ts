// What hv knows about the machine's hardware: found by adapters/host.ts, used by
// the catalog to say which features fit and why.
export interface HardwareFacts {
  cpuVirtualization: boolean;
  iommu: boolean;
  ramGiB: number;
  cores: number;
  nics: number;
  gpus: number;
  /** systemd-detect-virt's answer: "none" on bare metal. */
  virtualization: string;
  rootFilesystem: string;
}
