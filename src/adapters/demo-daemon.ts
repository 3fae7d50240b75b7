// The demo's processes and folders: its private folders (reachable by `nobody`
// when hv runs as root), the start lock with stale-owner detection, detached
// spawning, waiting for readiness, and clearing what a crash left behind.
import { spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  closeSync,
  lstatSync,
  mkdirSync,
  openSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { HvError } from '../base/errors.js';
import { isRoot, unprivilegedAccount } from './accounts.js';
import { childCwd } from './child-cwd.js';
import type { DemoPaths } from './demo-paths.js';
import { alive, type Env, readFileSafe, readState } from './demo-status.js';

export function prepareDirs(paths: DemoPaths): void {
  mkdirSync(paths.base, { recursive: true, mode: 0o700 });
  const st = lstatSync(paths.base);
  const uid = process.getuid?.() ?? 0;
  if (!st.isDirectory() || st.uid !== uid) {
    throw new HvError(
      'permission',
      `the demo folder ${paths.base} is not a directory owned by you`,
      {
        fix: 'remove it or point HV_DEMO_DIR at a folder of your own',
      },
    );
  }
  const sub = [paths.home, paths.run, paths.config, paths.cache];
  for (const d of sub) mkdirSync(d, { recursive: true, mode: 0o700 });
  if (isRoot()) {
    // libvirtd runs as nobody, which must be able to reach its folders; root
    // still reaches its socket.
    const acct = unprivilegedAccount();
    allowTraverse(paths.base);
    for (const d of sub) chownSync(d, acct.uid, acct.gid);
  }
  if (Buffer.byteLength(paths.socket) > 100) {
    throw new HvError(
      'usage',
      `the demo socket path is too long for a unix socket: ${paths.socket}`,
      {
        fix: 'set HV_DEMO_DIR (or XDG_RUNTIME_DIR) to a shorter folder',
      },
    );
  }
}

/** Adds the search (x) bit for others to base and its ancestors, so `nobody` can
 * reach the daemon's folders. Only x: nobody can pass through, not list. */
function allowTraverse(base: string): void {
  let dir = base;
  for (;;) {
    const st = statSync(dir);
    if ((st.mode & 0o001) === 0) {
      if (st.uid !== 0) {
        throw new HvError('permission', `the demo daemon (user nobody) cannot reach ${dir}`, {
          fix: 'set HV_DEMO_DIR to a folder under /run or /tmp',
        });
      }
      chmodSync(dir, (st.mode & 0o7777) | 0o001);
    }
    const up = dirname(dir);
    if (up === dir) return;
    dir = up;
  }
}

export function acquireLock(paths: DemoPaths): () => void {
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const fd = openSync(paths.lock, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(paths.lock, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number.parseInt(readFileSafe(paths.lock), 10);
      if (!Number.isFinite(owner) || !alive(owner)) {
        rmSync(paths.lock, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new HvError('failed', 'another hv is still starting the demo', {
          fix: `wait a moment, or remove ${paths.lock} if no hv is running`,
        });
      }
      sleepSync(50);
    }
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export async function waitFor(what: string, test: () => boolean, ms: number, logFile: string) {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline) {
      throw new HvError('failed', `the demo hypervisor did not start: ${what}`, {
        fix: `see ${logFile}; \`hv doctor\` checks the libvirt tools`,
        detail: readFileSafe(logFile).slice(-2000),
      });
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

export function spawnDetached(argv: string[], env: Env, logFile: string): number {
  const out = openSync(logFile, 'a');
  const child = spawn(argv[0]!, argv.slice(1), {
    detached: true,
    stdio: ['ignore', out, out],
    env: env as NodeJS.ProcessEnv,
    cwd: childCwd(),
  });
  closeSync(out);
  child.unref();
  if (child.pid === undefined) throw new HvError('failed', `could not start ${argv[0]}`);
  return child.pid;
}

export function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

/** Kills what a crashed earlier demo may have left behind. */
export function stopLeftovers(paths: DemoPaths): void {
  const state = readState(paths);
  const pids = [state?.holderPid, state?.libvirtdPid];
  const pidFile = join(paths.run, 'libvirt', 'libvirtd.pid');
  pids.push(Number.parseInt(readFileSafe(pidFile), 10));
  for (const pid of pids) {
    if (pid && Number.isFinite(pid) && alive(pid)) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }
  for (const f of [paths.stateFile, paths.holderFile, paths.socket]) rmSync(f, { force: true });
}
