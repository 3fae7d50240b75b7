// The demo hypervisor: a private libvirtd serving libvirt's built-in *test* driver
// on a socket in the user's runtime dir, loaded with the VMs, networks and pools
// hv ships in demo/. Real libvirt, no real guests, nothing on the host touched.
//
// The test driver keeps `/default`'s state only while some connection holds it
// open, so a small holder process (demo-holder.ts) keeps one virsh session open
// for the demo's life and stops everything once hv has not used it for a while.
// As root, libvirtd would run privileged and fail, so it runs as `nobody`.
import { spawn } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { HvError } from '../errors.js';
import { writeFileAtomic } from '../state/atomic.js';
import { isRoot, unprivilegedAccount } from './accounts.js';
import { type DemoPaths, demoPaths, demoUri } from './demo-paths.js';
import { packageRoot } from './package-root.js';
import { VirshHypervisor } from './virsh.js';
import { findExecutable } from './which.js';

type Env = Record<string, string | undefined>;

export { type DemoPaths, demoPaths, demoUri };

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

function alive(pid: number): boolean {
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

function readState(paths: DemoPaths): DemoState | undefined {
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

function prepareDirs(paths: DemoPaths): void {
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

function acquireLock(paths: DemoPaths): () => void {
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

function readFileSafe(f: string): string {
  try {
    return readFileSync(f, 'utf8');
  } catch {
    return '';
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

async function waitFor(what: string, test: () => boolean, ms: number, logFile: string) {
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

function spawnDetached(argv: string[], env: Env, logFile: string): number {
  const out = openSync(logFile, 'a');
  const child = spawn(argv[0]!, argv.slice(1), {
    detached: true,
    stdio: ['ignore', out, out],
    env: env as NodeJS.ProcessEnv,
  });
  closeSync(out);
  child.unref();
  if (child.pid === undefined) throw new HvError('failed', `could not start ${argv[0]}`);
  return child.pid;
}

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

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

/** Kills what a crashed earlier demo may have left behind. */
function stopLeftovers(paths: DemoPaths): void {
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

const Manifest = z.object({
  version: z.literal(1),
  remove: z.array(z.string()),
  networks: z.array(
    z.object({ file: z.string(), name: z.string(), start: z.boolean(), autostart: z.boolean() }),
  ),
  pools: z.array(
    z.object({
      file: z.string(),
      name: z.string(),
      start: z.boolean(),
      autostart: z.boolean(),
      volumes: z.array(z.object({ name: z.string(), capacity: z.string() })),
    }),
  ),
  domains: z.array(
    z.object({
      file: z.string(),
      uuid: z.string(),
      name: z.string(),
      state: z.enum(['running', 'paused', 'shut off']),
      autostart: z.boolean(),
      snapshots: z.array(z.object({ name: z.string(), description: z.string() })),
      volume: z.object({ pool: z.string(), name: z.string(), capacity: z.string() }),
    }),
  ),
});
export type DemoManifest = z.infer<typeof Manifest>;

export function demoManifest(): DemoManifest {
  return Manifest.parse(JSON.parse(readFileSync(join(demoDir(), 'manifest.json'), 'utf8')));
}

export const demoDir = () => join(packageRoot(), 'demo');

/** The virsh commands that turn a fresh test:///default into the demo. */
export function demoScript(m: DemoManifest, dir = demoDir()): string[][] {
  const cmds: string[][] = [];
  for (const name of m.remove) cmds.push(['destroy', name], ['undefine', name]);
  for (const n of m.networks) {
    cmds.push(['net-define', join(dir, n.file)]);
    if (n.start) cmds.push(['net-start', n.name]);
    if (n.autostart) cmds.push(['net-autostart', n.name]);
  }
  for (const p of m.pools) {
    cmds.push(['pool-define', join(dir, p.file)]);
    if (p.start) cmds.push(['pool-start', p.name]);
    if (p.autostart) cmds.push(['pool-autostart', p.name]);
    for (const v of p.volumes) cmds.push(['vol-create-as', p.name, v.name, v.capacity]);
  }
  for (const d of m.domains) {
    cmds.push([
      'vol-create-as',
      d.volume.pool,
      d.volume.name,
      d.volume.capacity,
      '--format',
      'qcow2',
    ]);
    cmds.push(['define', join(dir, d.file)]);
    // Snapshots are taken while shut off, so reverting them is always allowed.
    for (const s of d.snapshots) {
      cmds.push([
        'snapshot-create-as',
        '--domain',
        d.uuid,
        '--name',
        s.name,
        '--description',
        s.description,
      ]);
    }
    if (d.state !== 'shut off') cmds.push(['start', d.uuid]);
    if (d.state === 'paused') cmds.push(['suspend', d.uuid]);
    if (d.autostart) cmds.push(['autostart', d.uuid]);
  }
  return cmds;
}

export async function loadDemoContent(uri: string): Promise<void> {
  const hv = new VirshHypervisor(uri);
  const { stderr } = await hv.script(demoScript(demoManifest()));
  if (stderr.trim()) {
    throw new HvError('failed', 'libvirt refused part of the demo content', {
      detail: stderr.trim(),
      fix: "this is a bug in hv's demo files; `hv demo stop` and report the detail (HV_DEBUG=1)",
    });
  }
  const expected = demoManifest().domains.length;
  const got = (await hv.listDomains()).length;
  if (got !== expected) {
    throw new HvError('failed', `the demo loaded ${got} of ${expected} VMs`, {
      fix: 'run `hv demo stop` and `hv demo start` again; `hv doctor` checks libvirt',
    });
  }
}
