// hv run as another, unprivileged user. When the suite runs as root, each test
// file gets a user of its own (useradd; removed with its processes afterwards) and
// a copy of what hv reads at run time in a private folder that user owns: the
// checkout may sit where other users cannot enter (a root home is 0700, so is
// `mktemp -d`), so the user could not reach bin/hv.js there. As a normal user the
// tests run hv as themselves from the checkout, with the same calls.
import {
  chmodSync,
  chownSync,
  copyFileSync,
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, parse } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { hvBin, hvNode, repoRoot } from './helpers.js';

/** What a run gives back (execa's result, strings only). */
export interface RunResult {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  /** execa's summary when the run failed (a timeout, a signal). */
  message?: string;
}
export interface RunOptions {
  /** ms; 30 s by default. */
  timeout?: number;
}

export interface TestUser {
  /** The account's name (root: `hvt-<label>-<pid>-<n>`), uid and primary gid. */
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  /** Whether hv runs as another account (the suite runs as root) or as us. */
  readonly isOther: boolean;
  /** A fresh folder of this test, owned by the user, mode 0700. */
  readonly dir: string;
  /** The launcher hv runs from (the user's copy when isOther). */
  readonly hvBin: string;
  /** The Node that runs hv for the user, one they can read and run. */
  readonly node: string;
  /** Makes folders (with parents, below `dir`) owned by the user. */
  mkdirs(...paths: string[]): void;
  /** argv run as the user: setpriv to their uid and gid, no supplementary groups. */
  argv(cmd: string, args: string[]): [string, ...string[]];
  /** Runs a program as the user with exactly `env` (plus PATH when not given). */
  run(
    cmd: string,
    args: string[],
    env: Record<string, string>,
    opts?: RunOptions,
  ): Promise<RunResult>;
  /** Runs hv (the user's copy) as the user. */
  hv(args: string[], env: Record<string, string>, opts?: RunOptions): Promise<RunResult>;
  /** Ends the user's processes, deletes the account and every folder made for it. */
  remove(): Promise<void>;
}

const isRoot = process.getuid?.() === 0;
let counter = 0;

/**
 * What hv reads at run time, relative to the package folder: package.json (hv
 * finds its folder by it, and reads its version) and the package's `files` (bin/,
 * dist/ with the demo holder, demo/, nix-templates/), as an installed package has
 * them.
 */
export function runtimeFiles(): string[] {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  return ['package.json', ...(pkg.files as string[])];
}

// Not in the bundle (scripts/build.mjs `external`) and resolved from node_modules
// at run time: the optional native binding, with the packages its code imports.
const runtimeModules = ['@unraid/libvirt'];
// Listed in @unraid/libvirt's dependencies, but only used to build it.
const buildOnly = new Set(['tsx', 'node-addon-api', '@mapbox/node-pre-gyp', 'bindings']);

function moduleClosure(): string[] {
  const found = new Set<string>();
  const visit = (name: string) => {
    const dir = join(repoRoot, 'node_modules', name);
    if (found.has(name) || buildOnly.has(name) || !existsSync(join(dir, 'package.json'))) return;
    found.add(name);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep);
  };
  for (const m of runtimeModules) visit(m);
  return [...found];
}

/** Whether an account that is neither the owner nor in the group can reach `path`. */
function othersCanReach(path: string, bits: number): boolean {
  const { root } = parse(path);
  for (let d = dirname(path); ; d = dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) return false;
    if (d === root) break;
  }
  return (statSync(path).mode & bits) === bits;
}

/** A base folder every account can enter: the temp folder, else /tmp. */
function sharedTmp(): string {
  const t = tmpdir();
  return othersCanReach(t, 0o001) ? t : '/tmp';
}

/** Copies hv's run-time files into `dest` (root-owned, readable by everyone). */
function copyHv(dest: string, node: string): { hvBin: string; node: string } {
  mkdirSync(dest, { mode: 0o755 });
  for (const f of runtimeFiles()) cpSync(join(repoRoot, f), join(dest, f), { recursive: true });
  for (const m of moduleClosure()) {
    cpSync(join(repoRoot, 'node_modules', m), join(dest, 'node_modules', m), {
      recursive: true,
    });
  }
  // The Node binary too when the user could not run it where it is (a pinned Node
  // in .cache/node/ of a private checkout); a hard link when possible.
  let userNode = node;
  if (!othersCanReach(node, 0o005)) {
    userNode = join(dest, 'node', 'bin', 'node');
    mkdirSync(dirname(userNode), { recursive: true, mode: 0o755 });
    try {
      linkSync(node, userNode);
    } catch {
      copyFileSync(node, userNode);
    }
  }
  const walk = (p: string) => {
    const st = statSync(p);
    chmodSync(p, st.isDirectory() || st.mode & 0o100 ? 0o755 : 0o644);
    if (st.isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
  };
  walk(dest);
  return { hvBin: join(dest, 'bin', 'hv.js'), node: userNode };
}

/** useradd/userdel refuse while another one holds /etc/passwd's lock: try again. */
async function accounts(cmd: string, args: string[]): Promise<void> {
  let last = '';
  for (let i = 0; i < 40; i++) {
    const r = await execa(cmd, args, { reject: false, stdin: 'ignore' });
    if (r.exitCode === 0) return;
    last = `${r.stderr || r.stdout}`.trim();
    if (!/lock|try again/i.test(last)) break;
    await sleep(100 + Math.random() * 200);
  }
  throw new Error(`${cmd} ${args.join(' ')} failed: ${last}`);
}

/** Pids of processes whose real uid is `uid`. */
function processesOf(uid: number): number[] {
  const pids: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const m = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${d}/status`, 'utf8'));
      if (m && Number(m[1]) === uid) pids.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** Ends what the user still runs (a demo or session libvirtd, a guest), by pid. */
async function endProcessesOf(uid: number): Promise<void> {
  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    const pids = processesOf(uid);
    if (pids.length === 0) return;
    for (const pid of pids) {
      try {
        process.kill(pid, signal);
      } catch {
        // already gone
      }
    }
    for (let i = 0; i < 50 && processesOf(uid).length > 0; i++) await sleep(100);
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Accounts left by a test run that was killed before its clean-up (its pid is gone). */
async function removeStaleUsers(): Promise<void> {
  for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
    const m = /^(hvt-[a-z0-9]+-(\d+)-\d+):x:(\d+):/.exec(line);
    if (!m || alive(Number(m[2]))) continue;
    await endProcessesOf(Number(m[3]));
    await accounts('userdel', [m[1]!]).catch(() => undefined);
  }
}

/**
 * Runs argv with exactly `env` (and our PATH unless env has one), never a shell,
 * in `cwd`: the test's own folder, as a login would start in the user's home. The
 * suite's working folder (the checkout) may be one the user cannot enter, and
 * then every program hv starts through execa fails: execa passes the inherited
 * working folder explicitly, so the child's chdir is refused (a known gap of
 * src/adapters/run.ts, in README.md).
 */
async function runWith(
  [cmd, ...args]: string[],
  env: Record<string, string>,
  cwd: string,
  opts: RunOptions = {},
): Promise<RunResult> {
  const r = await execa(cmd!, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
    timeout: opts.timeout ?? 30_000,
  });
  return {
    exitCode: r.exitCode,
    stdout: r.stdout,
    stderr: r.stderr,
    ...(r.failed ? { message: r.message } : {}),
  };
}

/**
 * A user for one test file. `label` (a-z, 0-9) names it, e.g. `createTestUser('phase')`
 * gives `hvt-phase-<pid>-<n>`. Call `remove()` in afterAll.
 */
export async function createTestUser(label: string): Promise<TestUser> {
  if (!isRoot) {
    const dir = mkdtempSync(join(tmpdir(), `hvt-${label}-`));
    const self = process.getuid?.() ?? 0;
    const run = (cmd: string, args: string[], env: Record<string, string>, opts?: RunOptions) =>
      runWith([cmd, ...args], env, dir, opts);
    return {
      name: process.env.USER ?? String(self),
      uid: self,
      gid: process.getgid?.() ?? 0,
      isOther: false,
      dir,
      hvBin,
      node: hvNode,
      mkdirs: (...paths) => {
        for (const p of paths) mkdirSync(p, { recursive: true, mode: 0o700 });
      },
      argv: (cmd, args) => [cmd, ...args],
      run,
      hv: (args, env, opts) => run(hvNode, [hvBin, ...args], env, opts),
      remove: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }

  if (!/^[a-z0-9]{1,12}$/.test(label)) throw new Error(`bad test user label "${label}"`);
  await removeStaleUsers();
  const name = `hvt-${label}-${process.pid}-${++counter}`;
  const dir = mkdtempSync(join(sharedTmp(), `${name}-`));
  await accounts('useradd', [
    '--system',
    '--user-group',
    '--no-create-home',
    '--home-dir',
    join(dir, 'home'),
    '--shell',
    '/usr/sbin/nologin',
    name,
  ]);
  let uid = -1;
  try {
    const id = (flag: string) =>
      execa('id', [flag, name]).then((r) => Number.parseInt(r.stdout.trim(), 10));
    uid = await id('-u');
    const gid = await id('-g');
    const copy = copyHv(join(dir, 'hv'), hvNode);
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
    const argv = (cmd: string, args: string[]): [string, ...string[]] => [
      'setpriv',
      `--reuid=${uid}`,
      `--regid=${gid}`,
      '--clear-groups',
      cmd,
      ...args,
    ];
    const run = (cmd: string, args: string[], env: Record<string, string>, opts?: RunOptions) =>
      runWith(argv(cmd, args), env, dir, opts);
    return {
      name,
      uid,
      gid,
      isOther: true,
      dir,
      hvBin: copy.hvBin,
      node: copy.node,
      mkdirs: (...paths) => {
        for (const p of paths) {
          const made = mkdirSync(p, { recursive: true, mode: 0o700 });
          // chown every folder mkdir made, from the first one down.
          if (made) for (let d = p; d.length >= made.length; d = dirname(d)) chownSync(d, uid, gid);
        }
      },
      argv,
      run,
      hv: (args, env, opts) => run(copy.node, [copy.hvBin, ...args], env, opts),
      remove: async () => {
        await endProcessesOf(uid);
        await accounts('userdel', [name]);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    if (uid >= 0) await endProcessesOf(uid);
    await accounts('userdel', [name]).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
