// The demo hypervisor: a private libvirtd serving libvirt's built-in *test* driver
// on a socket in the user's runtime dir, loaded with the VMs, networks and pools
// hv ships in demo/. Real libvirt, no real guests, nothing on the host touched.
//
// The test driver keeps `/default`'s state only while some connection holds it
// open, so a small holder process (demo-holder.ts) keeps one virsh session open
// for the demo's life and stops everything once hv has not used it for a while.
// As root, libvirtd would run privileged and fail, so it runs as `nobody`.
import { appendFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../base/atomic.js';
import { HvError } from '../base/errors.js';
import { isRoot, unprivilegedAccount } from './accounts.js';
import { loadDemoContent } from './demo-content.js';
import {
  acquireLock,
  killQuietly,
  prepareDirs,
  spawnDetached,
  stopLeftovers,
  waitFor,
} from './demo-daemon.js';
import { demoPaths, demoUri } from './demo-paths.js';
import {
  alive,
  type DemoState,
  type DemoStatus,
  demoStatus,
  type Env,
  idleLimitSeconds,
  readFileSafe,
  readState,
  touchDemo,
} from './demo-status.js';
import { packageRoot } from './package-root.js';
import { findExecutable } from './which.js';

// Split by job: demo-status.ts (state file, status), demo-daemon.ts (folders,
// lock, processes), demo-content.ts (the manifest and its loading); re-exported
// here so importers need only this module.
export {
  type DemoManifest,
  demoDir,
  demoManifest,
  demoScript,
  loadDemoContent,
} from './demo-content.js';
export { type DemoPaths, demoPaths, demoUri } from './demo-paths.js';
export {
  DemoState,
  type DemoStatus,
  demoStatus,
  idleLimitSeconds,
  isDemoUri,
  touchDemo,
} from './demo-status.js';

export interface StartResult {
  status: DemoStatus;
  started: boolean;
}

/** Starts the demo if it is not running; returns its status either way. */
export async function startDemo(env: Env = process.env): Promise<StartResult> {
  const paths = demoPaths(env);
  if (demoStatus(env).running) {
    touchDemo(env);
    return { status: demoStatus(env), started: false };
  }
  const libvirtd = findExecutable('libvirtd');
  const virsh = findExecutable('virsh');
  if (!libvirtd || !virsh) {
    throw new HvError('tool-missing', 'the demo needs libvirtd and virsh', {
      fix: 'install the libvirt-daemon and libvirt-clients packages (apt-get install libvirt-daemon libvirt-clients)',
    });
  }
  prepareDirs(paths);
  const release = acquireLock(paths);
  try {
    if (demoStatus(env).running) return { status: demoStatus(env), started: false };
    stopLeftovers(paths);
    writeFileSync(paths.lastUsed, '');
    const daemonEnv: Env = {
      PATH: env.PATH,
      LC_ALL: 'C',
      HOME: paths.home,
      XDG_RUNTIME_DIR: paths.run,
      XDG_CONFIG_HOME: paths.config,
      XDG_CACHE_HOME: paths.cache,
      XDG_DATA_HOME: join(paths.home, '.local', 'share'),
    };
    // --timeout: if the holder ever dies, the daemon still goes away by itself.
    const daemonArgv = [libvirtd, '--timeout', '60'];
    let runsAs = process.env.USER || String(process.getuid?.());
    if (isRoot()) {
      const acct = unprivilegedAccount();
      const setpriv = findExecutable('setpriv');
      if (!setpriv) {
        throw new HvError('tool-missing', 'running the demo as root needs setpriv', {
          fix: 'install util-linux',
        });
      }
      daemonArgv.unshift(setpriv, `--reuid=${acct.uid}`, `--regid=${acct.gid}`, '--clear-groups');
      runsAs = acct.user;
    }
    const launcherPid = spawnDetached(daemonArgv, daemonEnv, paths.log);
    const pidFile = join(paths.run, 'libvirt', 'libvirtd.pid');
    await waitFor(
      'libvirtd socket',
      () => existsSync(paths.socket) && existsSync(pidFile),
      15_000,
      paths.log,
    );
    const libvirtdPid = Number.parseInt(readFileSafe(pidFile), 10) || launcherPid;

    const holder = join(packageRoot(), 'dist', 'demo-holder.js');
    if (!existsSync(holder)) {
      throw new HvError('failed', `${holder} is missing`, { fix: 'build hv with `npm run build`' });
    }
    rmSync(paths.holderFile, { force: true });
    const holderPid = spawnDetached(
      [process.execPath, holder, paths.base, demoUri(paths), virsh, String(idleLimitSeconds(env))],
      { PATH: env.PATH, LC_ALL: 'C' },
      paths.log,
    );
    await waitFor('holder connection', () => existsSync(paths.holderFile), 15_000, paths.log);

    try {
      await loadDemoContent(demoUri(paths));
    } catch (e) {
      // Leave nothing half-started behind; keep the reason in the demo log.
      const detail = e instanceof HvError ? (e.detail ?? e.message) : String(e);
      appendFileSync(paths.log, `${new Date().toISOString()} load failed: ${detail}\n`);
      for (const pid of [holderPid, libvirtdPid]) killQuietly(pid);
      throw e;
    }
    const state: DemoState = {
      version: 1,
      uri: demoUri(paths),
      libvirtdPid,
      holderPid,
      startedAt: new Date().toISOString(),
      runsAs,
    };
    writeFileAtomic(paths.stateFile, `${JSON.stringify(state, null, 2)}\n`);
    return { status: demoStatus(env), started: true };
  } finally {
    release();
  }
}

export async function stopDemo(env: Env = process.env): Promise<boolean> {
  const paths = demoPaths(env);
  const state = readState(paths);
  if (!state) {
    stopLeftovers(paths);
    return false;
  }
  const wasRunning = alive(state.holderPid) || alive(state.libvirtdPid);
  for (const pid of [state.holderPid, state.libvirtdPid]) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + 5000;
  while ((alive(state.holderPid) || alive(state.libvirtdPid)) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 25));
  }
  for (const pid of [state.holderPid, state.libvirtdPid]) {
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
  stopLeftovers(paths);
  return wasRunning;
}
