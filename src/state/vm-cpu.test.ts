import { describe, expect, it } from 'vitest';
import { type CpuReading, cpuPercent, MIN_WINDOW_MS, nextCpu } from './vm-cpu.js';

const running = (cpuTimeNs: number, vcpus = 1) => ({
  state: 'running' as const,
  cpuTimeNs,
  vcpus,
});

/** Feeds samples taken at the given ms times; returns the last reading. */
function readings(vcpus: number, samples: [atMs: number, cpuNs: number][]): CpuReading[] {
  const out: CpuReading[] = [];
  let r: CpuReading | undefined;
  for (const [at, ns] of samples) {
    r = nextCpu(r, running(ns, vcpus), at);
    out.push(r);
  }
  return out;
}

describe('cpuPercent', () => {
  it('is CPU time over wall time', () => {
    expect(cpuPercent(0, 500e6, 1000)).toBe(50);
  });
  it('is unknown without elapsed time or when the counter went back (restart)', () => {
    expect(cpuPercent(0, 1, 0)).toBeUndefined();
    expect(cpuPercent(10, 5, 1000)).toBeUndefined();
  });
});

describe('nextCpu', () => {
  it('is unknown on the first sample, then CPU time per vCPU per wall time', () => {
    const [first, second] = readings(2, [
      [10_000, 0],
      [13_000, 3e9], // 3 s of CPU in 3 s over 2 vCPUs: half of them
    ]);
    expect(first?.percent).toBeUndefined();
    expect(second?.percent).toBe(50);
  });

  it('never reads above 100% for a busy 1-vCPU VM whose listing times jitter', () => {
    // The test driver reports wall-clock time as CPU time: a 1-vCPU VM is 100%
    // busy. hv's own timestamps lag libvirt's by a varying delay, so one window
    // looks shorter than the CPU time that grew in it.
    const base = 1_795_000_000_000;
    const rs = readings(1, [
      [base, base * 1e6],
      [base + 2_950, (base + 3_000) * 1e6],
      [base + 5_900, (base + 6_000) * 1e6],
    ]);
    for (const r of rs.slice(1)) {
      expect(r.percent).toBeLessThanOrEqual(100);
      expect(r.percent).toBeGreaterThan(99);
    }
    // The same VM with 4 vCPUs uses a quarter of them.
    const four = readings(4, [
      [base, base * 1e6],
      [base + 3_000, (base + 3_000) * 1e6],
    ]);
    expect(four[1]?.percent).toBe(25);
  });

  it('keeps the baseline until the window is long enough (refreshes right after events)', () => {
    const rs = readings(1, [
      [0, 0],
      [2_000, 1e9], // 50%
      [2_040, 1.04e9 + 20e6], // 40 ms later: too short to measure, keeps 50%
      [3_000, 1.5e9], // from the 2 000 ms baseline: 0.5 s in 1 s
    ]);
    expect(rs[1]?.percent).toBe(50);
    expect(rs[2]?.percent).toBe(50);
    expect(rs[2]?.sample).toEqual({ ns: 1e9, at: 2_000 });
    expect(rs[3]?.percent).toBe(50);
    expect(MIN_WINDOW_MS).toBeGreaterThan(40);
  });

  it('is 0 when not running and starts a new baseline when it runs again', () => {
    let r = nextCpu(undefined, running(0), 0);
    r = nextCpu(r, running(1e9), 2_000);
    expect(r.percent).toBe(50);
    r = nextCpu(r, { state: 'paused', cpuTimeNs: 5e9, vcpus: 1 }, 4_000);
    expect(r).toEqual({ percent: 0, sample: undefined });
    // Resumed: no reading until a second sample, and the paused time never counts.
    r = nextCpu(r, running(9e9), 6_000);
    expect(r.percent).toBeUndefined();
    r = nextCpu(r, running(9.2e9), 8_000);
    expect(r.percent).toBeCloseTo(10);
  });

  it('is unknown after a restart between samples (the counter went back)', () => {
    let r = nextCpu(undefined, running(50e9), 0);
    r = nextCpu(r, running(1e9), 3_000);
    expect(r.percent).toBeUndefined();
    expect(r.sample).toEqual({ ns: 1e9, at: 3_000 });
  });

  it('is unknown for a running VM when the listing gives no CPU time; 0 for one that is off', () => {
    expect(nextCpu(undefined, { state: 'running', vcpus: 1 }, 0).percent).toBeUndefined();
    expect(nextCpu(undefined, { state: 'shut off', vcpus: 1 }, 0).percent).toBe(0);
  });
});
