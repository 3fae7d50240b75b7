// The demo hypervisor's state file and status: whether its daemon and holder
// are alive, how long it has been idle, and the "in use" mark hv leaves.
import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { type DemoPaths, demoPaths, demoUri } from './demo-paths.js';

export type Env = Record<string, string | undefined>;

export const isDemoUri = (uri: string) => uri.startsWith('test+unix:///default?socket=');

export const DemoState = z.object({
  version: z.literal(1),
  uri: z.string(),
  libvirtdPid: z.number().int(),
  holderPid: z.number().int(),
  startedAt: z.string(),
  runsAs: z.string(),
});
export type DemoState = z.infer<typeof DemoState>;

export interface DemoStatus {
  running: boolean;
  uri: string;
  base: string;
  state?: DemoState;
  idleSeconds?: number;
  stopsAfterIdleSeconds: number;
}

export function idleLimitSeconds(env: Env = process.env): number {
  const v = Number.parseInt(env.HV_DEMO_IDLE_SECONDS ?? '', 10);
  return Number.isFinite(v) && v > 0 ? v : 1800;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    // EPERM: it exists but belongs to someone else (libvirtd runs as nobody).
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // A killed daemon not yet reaped still answers kill(0): a zombie is not alive.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return !existsSync('/proc/self'); // gone meanwhile, or no /proc here: trust kill(0)
  }
}

export function readState(paths: DemoPaths): DemoState | undefined {
  try {
    return DemoState.parse(JSON.parse(readFileSync(paths.stateFile, 'utf8')));
  } catch {
    return undefined;
  }
}

export function demoStatus(env: Env = process.env): DemoStatus {
  const paths = demoPaths(env);
  const state = readState(paths);
  const running =
    state !== undefined &&
    alive(state.holderPid) &&
    alive(state.libvirtdPid) &&
    existsSync(paths.socket);
  let idleSeconds: number | undefined;
  try {
    idleSeconds = Math.round((Date.now() - statSync(paths.lastUsed).mtimeMs) / 1000);
  } catch {
    idleSeconds = undefined;
  }
  return {
    running,
    uri: demoUri(paths),
    base: paths.base,
    ...(state ? { state } : {}),
    ...(idleSeconds !== undefined ? { idleSeconds } : {}),
    stopsAfterIdleSeconds: idleLimitSeconds(env),
  };
}

/** Marks the demo as in use, so the holder does not stop it. Cheap; call often. */
export function touchDemo(env: Env = process.env): void {
  const p = demoPaths(env).lastUsed;
  const now = new Date();
  try {
    utimesSync(p, now, now);
  } catch {
    try {
      writeFileSync(p, '');
    } catch {
      // The demo dir is gone: the demo is not running, nothing to keep alive.
    }
  }
}

export function readFileSafe(f: string): string {
  try {
    return readFileSync(f, 'utf8');
  } catch {
    return '';
  }
}
