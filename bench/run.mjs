#!/usr/bin/env node
// hv's performance figures, measured through a real terminal (tmux) and always
// against a reference taken in the same run, so the numbers are ratios that mean
// the same on a fast laptop and a slow VM. Prints ONE JSON object on stdout;
// progress goes to stderr. Nothing here asserts a timing: it reports. See
// docs/PERFORMANCE.md for the method and the targets.
//
// Needs: a built dist/ (`node scripts/build.mjs`), tmux, and for the keystroke
// figures libvirtd + virsh (the demo hypervisor).
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
} from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { execa, execaSync } from 'execa';
import { nodeBinPath, pinnedNodes } from '../scripts/node-versions.mjs';
import { vmRefresh } from './vm-refresh.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const hvBin = join(root, 'bin', 'hv.js');
const node = process.execPath;
const RUNS = 7;
const KEYS = 40;
const KEY_GAP_MS = 60;
const SETTLE_MS = 500;
const STABLE_MS = 300;

const log = (msg) => process.stderr.write(`bench: ${msg}\n`);

// --- private resources, always released --------------------------------------

const socket = `hvbench-${process.pid}`;
const tmp = mkdtempSync(join(tmpdir(), 'hvbench-'));
const demoDir = join(tmp, 'demo');
let demoUsed = false;
let cleaned = false;

// The environment tmux (and so hv) starts from: ours, minus anything that would
// change what hv does (HV_*, Node's compile cache switches: the bench sets those
// itself), or make tmux think it is nested.
const baseEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) =>
      !k.startsWith('HV_') &&
      ![
        'TMUX',
        'TMUX_PANE',
        'NO_COLOR',
        'NODE_COMPILE_CACHE',
        'NODE_DISABLE_COMPILE_CACHE',
      ].includes(k),
  ),
);
baseEnv.TERM = 'xterm-256color';

// tmux leaves its socket file behind after kill-server; remove ours at the end.
let socketPathKnown = false;
let socketPath = join(process.env.TMUX_TMPDIR || '/tmp', `tmux-${process.getuid?.()}`, socket);

function killTmuxServer() {
  execaSync('tmux', ['-L', socket, 'kill-server'], {
    reject: false,
    env: baseEnv,
    extendEnv: false,
  });
}

function cleanup() {
  if (cleaned) return;
  cleaned = true;
  killTmuxServer();
  rmSync(socketPath, { force: true });
  if (demoUsed) {
    const r = execaSync(node, [hvBin, 'demo', 'stop'], {
      reject: false,
      timeout: 30_000,
      env: { ...baseEnv, HV_DEMO_DIR: demoDir, XDG_RUNTIME_DIR: join(tmp, 'run') },
      extendEnv: false,
    });
    if (r.exitCode !== 0) log(`demo stop failed: ${r.stderr || r.message}`);
    killStragglers();
  }
  rmSync(tmp, { recursive: true, force: true });
}

/**
 * Safety net after `hv demo stop`: a demo whose start failed half-way has no state
 * file, so stop cannot find its holder process. Ends only processes that name our
 * own temp folder (unique to this run) in their arguments or environment, by pid.
 */
function killStragglers() {
  let pids = [];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d) && Number(d) !== process.pid);
  } catch {
    return; // no /proc: nothing more we can do safely
  }
  for (const pid of pids) {
    let mine = false;
    for (const f of ['cmdline', 'environ']) {
      try {
        if (readFileSync(`/proc/${pid}/${f}`, 'latin1').includes(tmp)) mine = true;
      } catch {
        // gone, or not ours to read
      }
    }
    if (!mine) continue;
    try {
      process.kill(Number(pid), 'SIGTERM');
      log(`ended leftover process ${pid} from this run`);
    } catch {
      // already gone
    }
  }
}

process.on('exit', cleanup);
for (const [sig, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
]) {
  process.on(sig, () => {
    log(`${sig}: cleaning up`);
    cleanup();
    process.exit(code);
  });
}

// --- helpers -------------------------------------------------------------------

const round = (n, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function readStats(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined; // not written yet, or caught mid-write
  }
}

async function waitFor(what, test, timeoutMs, interval = 5) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await test();
    if (v) return v;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(interval);
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const tmux = (...args) =>
  execa('tmux', ['-L', socket, ...args], { env: baseEnv, extendEnv: false });

/** Private XDG folders for hv, so the bench never reads or writes the user's. */
function hvEnv(statsFile, extra = {}) {
  const dirs = {
    XDG_CONFIG_HOME: join(tmp, 'config'),
    XDG_STATE_HOME: join(tmp, 'state'),
    XDG_RUNTIME_DIR: join(tmp, 'run'),
    // Node 22.8+ keeps compiled code here (bin/hv.js); one folder per Node version.
    XDG_CACHE_HOME: join(tmp, 'cache'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true, mode: 0o700 });
  const env = { TERM: 'xterm-256color', HV_BENCH_STATS: statsFile, ...dirs, ...extra };
  return Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
}

/** Starts hv in a detached 80x24 tmux session (argv form, no shell). Returns t0. */
async function startHv(session, statsFile, hvArgs, extraEnv, nodeBin = node) {
  const args = [
    '-f',
    '/dev/null',
    'new-session',
    '-d',
    '-s',
    session,
    '-x',
    '80',
    '-y',
    '24',
    ...hvEnv(statsFile, extraEnv),
    '--',
    nodeBin,
    hvBin,
    ...hvArgs,
  ];
  const t0 = Date.now();
  await tmux(...args);
  if (!socketPathKnown) {
    socketPathKnown = true;
    const r = await tmux('display-message', '-p', '-t', session, '#{socket_path}');
    if (r.stdout) socketPath = r.stdout.trim();
  }
  return t0;
}

async function stopHv(statsFile) {
  const pid = readStats(statsFile)?.pid;
  killTmuxServer();
  if (pid) await waitFor(`hv (pid ${pid}) to exit`, () => !alive(pid), 10_000, 10);
}

const pane = async (session) => (await tmux('capture-pane', '-p', '-t', session)).stdout;

async function waitForPane(session, what, test, timeoutMs) {
  try {
    return await waitFor(what, async () => test(await pane(session)), timeoutMs, 50);
  } catch (e) {
    log(`pane at timeout:\n${await pane(session).catch(() => '(no pane)')}`);
    throw e;
  }
}

/** Waits until hv has handled `keys` keys and has written nothing for STABLE_MS. */
async function waitForQuiet(statsFile, keys) {
  let last = await waitFor(
    `${keys} handled keys`,
    () => {
      const s = readStats(statsFile);
      return s && s.keys >= keys ? s : undefined;
    },
    15_000,
  );
  let since = Date.now();
  for (;;) {
    await sleep(20);
    const s = readStats(statsFile) ?? last;
    if (s.bytes !== last.bytes) since = Date.now();
    last = s;
    if (Date.now() - since >= STABLE_MS) return last;
  }
}

/** Sends `keys` one by one, ~KEY_GAP_MS apart; returns the bytes hv wrote for them. */
async function bytesForKeys(session, statsFile, keys) {
  await sleep(SETTLE_MS);
  const before = await waitForQuiet(statsFile, 0);
  for (const k of keys) {
    await tmux('send-keys', '-t', session, k);
    await sleep(KEY_GAP_MS);
  }
  const after = await waitForQuiet(statsFile, before.keys + keys.length);
  return { bytes: after.bytes - before.bytes, writes: after.writes - before.writes };
}

// Line index of the selected row ("›" marker) in a pane capture.
const cursorLine = (text) => text.split('\n').findIndex((l) => l.startsWith('›'));

// --- 1. startup and memory -------------------------------------------------------

async function nodeRun(nodeBin) {
  const t0 = performance.now();
  await execa(nodeBin, ['-e', '0']);
  return performance.now() - t0;
}

async function hvRun(i, nodeBin, extraEnv) {
  const statsFile = join(tmp, `startup-${i}.json`);
  const t0 = await startHv(
    `start${i}`,
    statsFile,
    ['--connect', 'test:///default'],
    extraEnv,
    nodeBin,
  );
  const stats = await waitFor(
    'the first frame',
    () => {
      const s = readStats(statsFile);
      return s?.firstFrameAt !== undefined ? s : undefined;
    },
    20_000,
  );
  await stopHv(statsFile);
  return {
    firstFrameMs: stats.firstFrameAt - t0,
    // Informational: the part of it spent inside hv's own process.
    inProcessMs: stats.firstFrameAt - stats.startedAt,
    rssMB: stats.rssAtFirstFrame / 2 ** 20,
    cpuMs: stats.cpuMsAtFirstFrame,
  };
}

/** hv's figures from a list of runs, against the median of the same Node's `node -e 0`. */
function startupFigures(nodeMs, hv) {
  const hvMs = hv.map((r) => r.firstFrameMs);
  const inProcess = hv.map((r) => r.inProcessMs);
  return {
    hvFirstFrameMs: round(median(hvMs)),
    ratio: round(median(hvMs) / median(nodeMs), 2),
    hvSamplesMs: hvMs.map((v) => round(v)),
    hvInProcessMs: round(median(inProcess)),
    hvInProcessSamplesMs: inProcess.map((v) => round(v)),
    // Informational, and steadier than wall time on a busy machine: CPU time
    // (all threads) hv used until its first frame.
    hvCpuMs: round(median(hv.map((r) => r.cpuMs))),
  };
}

/**
 * Start-up on one Node binary: its own `node -e 0` is the reference. Where that
 * Node has module.enableCompileCache, hv runs twice per round, with the cache
 * (filled by the warm-up run, as after hv's first start on a machine) and with
 * NODE_DISABLE_COMPILE_CACHE=1, so the gain is shown rather than assumed.
 */
async function startup(nodeBin, label) {
  const hasCache =
    (await execa(nodeBin, ['-p', "typeof require('node:module').enableCompileCache"])).stdout ===
    'function';
  const noCache = { NODE_DISABLE_COMPILE_CACHE: '1' };
  log(`startup on ${label}: one warm-up run of each (not counted)`);
  await nodeRun(nodeBin);
  await hvRun(`${label}-warmup`, nodeBin);
  if (hasCache) await hvRun(`${label}-warmup-nocache`, nodeBin, noCache);
  const nodeMs = [];
  const hv = [];
  const hvNoCache = [];
  // Interleaved, so a slow moment of the machine hits every side alike.
  for (let i = 0; i < RUNS; i++) {
    nodeMs.push(await nodeRun(nodeBin));
    hv.push(await hvRun(`${label}-${i}`, nodeBin));
    if (hasCache) hvNoCache.push(await hvRun(`${label}-${i}-nocache`, nodeBin, noCache));
    log(
      `startup ${label} ${i + 1}/${RUNS}: node -e 0 ${round(nodeMs[i])} ms, hv first frame ${round(hv[i].firstFrameMs)} ms${hasCache ? ` (${round(hvNoCache[i].firstFrameMs)} ms without the compile cache)` : ''}`,
    );
  }
  const rss = hv.map((r) => r.rssMB);
  return {
    startup: {
      node: label,
      runs: RUNS,
      nodeMs: round(median(nodeMs)),
      ...startupFigures(nodeMs, hv),
      target: '≤2x (3x at most)',
      nodeSamplesMs: nodeMs.map((v) => round(v)),
      compileCache: hasCache,
      ...(hasCache ? { withoutCompileCache: startupFigures(nodeMs, hvNoCache) } : {}),
    },
    memory: {
      rssAtFirstFrameMB: round(median(rss)),
      samplesMB: rss.map((v) => round(v)),
      target: '<120 MB',
    },
  };
}

/**
 * The Node running the bench first, then each pinned Node (scripts/node-versions.mjs)
 * that `npm run bench`'s bootstrap fetched into .cache/node/; a missing one is left
 * out with a message. `--this-node` measures only the running Node.
 */
async function startupNodes() {
  const nodes = [{ bin: node, label: process.version }];
  if (process.argv.includes('--this-node')) return nodes;
  const seen = new Set([realpathSync(node)]);
  for (const { major } of pinnedNodes) {
    const bin = nodeBinPath(major);
    if (!existsSync(bin)) {
      log(`startup: Node ${major} is not in .cache/node/ (\`npm run bench\` fetches it); left out`);
      continue;
    }
    if (seen.has(realpathSync(bin))) continue;
    seen.add(realpathSync(bin));
    nodes.push({ bin, label: (await execa(bin, ['--version'])).stdout.trim() });
  }
  return nodes;
}

// --- 2. bytes per key -------------------------------------------------------------

async function keystrokeBytes() {
  const session = 'keys';
  const statsFile = join(tmp, 'keys.json');
  demoUsed = true;
  log('keystrokes: starting hv --demo (it starts a private demo hypervisor)');
  await startHv(session, statsFile, ['--demo'], { HV_DEMO_DIR: demoDir });
  await waitFor('the first frame', () => readStats(statsFile)?.firstFrameAt, 20_000);
  await waitForPane(
    session,
    'the demo connection',
    (t) => {
      if (t.includes('not connected')) {
        let demoLog = '';
        try {
          demoLog = readFileSync(join(demoDir, 'demo.log'), 'utf8')
            .split('\n')
            .slice(-8)
            .join('\n');
        } catch {
          // no log yet
        }
        throw new Error(`hv could not connect:\n${t}\ndemo.log (end):\n${demoLog}`);
      }
      return t.includes('● connected');
    },
    90_000,
  );

  log(`keystrokes: home menu, Down/Up alternating x${KEYS}`);
  const alternating = Array.from({ length: KEYS }, (_, i) => (i % 2 ? 'Up' : 'Down'));
  const home = await bytesForKeys(session, statsFile, alternating);

  log('keystrokes: opening the VM list');
  await tmux('send-keys', '-t', session, '2');
  await waitForPane(session, 'the VM list (web-01)', (t) => t.includes('web-01'), 30_000);
  const before = cursorLine(await pane(session));
  log(`keystrokes: VM list, Down x${KEYS}`);
  const list = await bytesForKeys(session, statsFile, Array(KEYS).fill('Down'));
  const screen = await pane(session);
  const moves = cursorLine(screen) - before;
  log(`keystrokes: VM list, Down/Up alternating x${KEYS}`);
  const listAlt = await bytesForKeys(session, statsFile, alternating);

  log('keystrokes: idle VM list for 3 s (background refresh only)');
  const quiet = await waitForQuiet(statsFile, 0);
  await sleep(3000);
  const idleBytes = (await waitForQuiet(statsFile, 0)).bytes - quiet.bytes;

  await stopHv(statsFile);
  return {
    perKey: round(list.bytes / KEYS),
    samples: KEYS,
    target: '<1 KB (aim 300 B)',
    // Informational. The list does not wrap: once the cursor is on the last VM,
    // further Downs change nothing and Ink writes nothing for them.
    cursorMoves: moves,
    perCursorMove: moves > 0 ? round(list.bytes / moves) : null,
    listAlternatingPerKey: round(listAlt.bytes / KEYS),
    homePerKey: round(home.bytes / KEYS),
    homeSamples: KEYS,
    idleBytesOver3s: idleBytes,
  };
}

// --- main -------------------------------------------------------------------------

async function main() {
  if (!existsSync(join(root, 'dist', 'hv.js'))) {
    throw new Error('dist/hv.js is missing: run `node scripts/build.mjs` first');
  }
  const date = new Date().toISOString();
  const tmuxVersion = (await execa('tmux', ['-V'], { reject: false })).stdout;
  if (!tmuxVersion) throw new Error('tmux is needed for the bench (apt-get install tmux)');
  // `--only startup` (or keys, refresh): one part alone, for working on it.
  const only = process.argv.includes('--only')
    ? process.argv[process.argv.indexOf('--only') + 1]
    : undefined;
  const want = (part) => only === undefined || only === part;
  let s;
  let memory;
  const byNode = [];
  if (want('startup')) {
    for (const { bin, label } of await startupNodes()) {
      const r = await startup(bin, label);
      byNode.push({ ...r.startup, rssAtFirstFrameMB: r.memory.rssAtFirstFrameMB });
      // The headline figures stay those of the Node running the bench.
      if (bin === node) ({ startup: s, memory } = r);
    }
  }
  const k = want('keys') ? await keystrokeBytes() : undefined;
  const vms = want('refresh')
    ? await vmRefresh({ root, tmp, node, hvBin, baseEnv, log })
    : undefined;
  const result = {
    node: process.version,
    date,
    cpus: cpus().length,
    tmux: tmuxVersion,
    startup: s,
    // The same start-up measurement on each available Node, each against its own
    // `node -e 0`.
    startupByNode: byNode.length ? byNode : undefined,
    keystrokeBytes: k,
    memory,
    vmRefresh: vms,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main().then(
  () => {
    cleanup();
  },
  (e) => {
    log(`failed: ${e instanceof Error ? e.message : String(e)}`);
    cleanup();
    process.exitCode = 1;
  },
);
