// Measurement hook for bench/: when HV_BENCH_STATS names a file, hv counts the
// bytes it writes to the terminal and records the first frame's time and RSS
// there. Costs nothing when the variable is unset.
import { writeFileSync } from 'node:fs';

interface Stats {
  pid: number;
  startedAt: number;
  firstFrameAt?: number;
  rssAtFirstFrame?: number;
  /** CPU time (user + system, all threads) until the first frame, in ms: steadier than wall time on a busy machine. */
  cpuMsAtFirstFrame?: number;
  bytes: number;
  writes: number;
  keys: number;
}

let stats: Stats | undefined;
let file: string | undefined;

export function installBenchProbe(): void {
  file = process.env.HV_BENCH_STATS;
  if (!file) return;
  stats = { pid: process.pid, startedAt: performance.timeOrigin, bytes: 0, writes: 0, keys: 0 };
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    if (stats) {
      stats.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      stats.writes += 1;
      scheduleFlush();
    }
    return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
  process.on('exit', flush);
}

let pending: NodeJS.Timeout | undefined;
function scheduleFlush(): void {
  if (pending) return;
  pending = setTimeout(() => {
    pending = undefined;
    flush();
  }, 20);
  pending.unref();
}

function flush(): void {
  if (stats && file) writeFileSync(file, JSON.stringify(stats));
}

/** Called by the console after its first frame is on the terminal. */
export function markFirstFrame(): void {
  if (!stats || stats.firstFrameAt !== undefined) return;
  stats.firstFrameAt = performance.timeOrigin + performance.now();
  stats.rssAtFirstFrame = process.memoryUsage().rss;
  const cpu = process.cpuUsage();
  stats.cpuMsAtFirstFrame = (cpu.user + cpu.system) / 1000;
  flush();
}

/** Called after each handled key, so the bench can read bytes per key. */
export function markKey(): void {
  if (!stats) return;
  stats.keys += 1;
  flush();
}
