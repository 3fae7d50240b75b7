// CPU % of a VM from successive samples of its cumulative CPU time. Pure.
//
// libvirt reports CPU time (ns) summed over all vCPUs; hv divides the growth by
// the wall time between the two samples and by the vCPU count, so a VM using
// all of its vCPUs shows 100% whatever their number.
//
// Two things make a naive division read above 100%: the wall time hv measures
// is when the listing came back, not when libvirt took the sample (a slow
// listing, or two refreshes a few ms apart after an event, skews the ratio);
// and QEMU's own threads are counted in a VM's CPU time. So the sample time is
// the middle of the listing call, a baseline is kept until at least
// MIN_WINDOW_MS have passed (short windows magnify jitter), and the result is
// capped at 100%: a VM cannot use more than its vCPUs.
import type { DomainState } from '../adapters/hypervisor.js';

/** A baseline: cumulative CPU time and when it was read (ms since the epoch). */
export interface CpuSample {
  ns: number;
  at: number;
}

export interface CpuReading {
  /** 0..100: share of the VM's vCPUs in use; undefined when not known yet. */
  percent: number | undefined;
  /** The baseline the next reading is measured from. */
  sample: CpuSample | undefined;
}

export const MIN_WINDOW_MS = 1000;

/** CPU use between two samples of cumulative CPU time (ns), as % of one host CPU. */
export function cpuPercent(prevNs: number, nowNs: number, elapsedMs: number): number | undefined {
  if (elapsedMs <= 0 || nowNs < prevNs) return undefined;
  return ((nowNs - prevNs) / 1e6 / elapsedMs) * 100;
}

/**
 * The next reading of one VM from its previous reading and a fresh listing
 * entry sampled at `at`.
 */
export function nextCpu(
  prev: CpuReading | undefined,
  vm: { state: DomainState; cpuTimeNs?: number | undefined; vcpus: number },
  at: number,
): CpuReading {
  // Not running uses no CPU; the baseline starts again when it runs, so time
  // spent off or paused never counts as use.
  if (vm.state !== 'running') return { percent: 0, sample: undefined };
  // This driver or listing gives no CPU time: unknown, not 0.
  if (vm.cpuTimeNs === undefined) return { percent: prev?.percent, sample: undefined };
  const now: CpuSample = { ns: vm.cpuTimeNs, at };
  const base = prev?.sample;
  // First sample, or the counter went back (the VM restarted between samples).
  if (!base || now.ns < base.ns || now.at < base.at) return { percent: undefined, sample: now };
  if (now.at - base.at < MIN_WINDOW_MS) return { percent: prev?.percent, sample: base };
  const raw = cpuPercent(base.ns, now.ns, now.at - base.at);
  if (raw === undefined) return { percent: prev?.percent, sample: now };
  return { percent: Math.min(100, Math.max(0, raw / Math.max(1, vm.vcpus))), sample: now };
}
