// hv on the Node releases NixOS ships (flake.nix builds with nixpkgs' default
// nodejs, 22 or 24) besides the Node 20 the rest of the suite runs on: the pinned
// official binaries (scripts/node-versions.mjs, fetched into .cache/node/ by
// `npm test`'s bootstrap, or here when missing) run the CLI, a demo lifecycle, the
// build and the console in a real 80x24 tmux. A Node that cannot be had is a
// visible skip with the reason; with CI=true it is a failure instead.
import { readdirSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import * as nodeVersions from '../../scripts/node-versions.mjs';
import { Tmux } from '../e2e/tmux.js';
import { hv, hvBin, privateEnv, repoRoot, stopDemo } from '../helpers.js';

type Got = { ok: true; bin: string; version: string } | { ok: false; why: string };
const { ensureNode, pinnedNodes } = nodeVersions as {
  ensureNode: (major: number) => Got;
  pinnedNodes: { major: number; version: string }[];
};

const inCI = !!process.env.CI && !['0', 'false'].includes(process.env.CI.toLowerCase());

/** The Node of this block, or a skip naming why not (a failure in CI). */
function need(got: Got | undefined, major: number, ctx: TestContext): string {
  if (got?.ok) return got.bin;
  const why = `Node ${major} is not available: ${got?.why ?? 'not fetched'}`;
  if (inCI) throw new Error(`${why} (CI=true: the Node matrix must run, not skip)`);
  ctx.skip(why);
  throw new Error('unreachable');
}

/** Every file under dir (relative path -> bytes), without the build's time stamp. */
function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name !== '.built') out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

// Builds go to the same depth inside the checkout as dist/ would be compared at:
// source maps name sources relative to the output folder.
const buildRoot = join(repoRoot, '.cache', `platform-build-${process.pid}`);
const build = (node: string, name: string) =>
  execa(node, [join(repoRoot, 'scripts', 'build.mjs'), '--outdir', join(buildRoot, name, 'dist')], {
    reject: false,
    timeout: 120_000,
  });
let reference: Map<string, Buffer> | undefined;
let referenceError = '';

beforeAll(async () => {
  // The reference: the same sources built by the Node running this suite.
  const r = await build(process.execPath, 'reference');
  if (r.exitCode === 0) reference = tree(join(buildRoot, 'reference', 'dist'));
  else referenceError = String(r.stderr || r.message);
}, 120_000);
afterAll(() => rmSync(buildRoot, { recursive: true, force: true }));

it('this Node uses a compile cache exactly when it has module.enableCompileCache', async () => {
  const env = privateEnv();
  const r = await hv(['version', '--json'], env, undefined, { node: process.execPath });
  expect(r.exitCode, r.stderr).toBe(0);
  // @types/node 20 does not know the function; Node 22.8+ has it.
  const mod = (await import('node:module')).default as { enableCompileCache?: unknown };
  const hasApi = typeof mod.enableCompileCache === 'function';
  const cache = join(env.HOME, '.cache', 'hv', 'node-compile-cache');
  let entries: string[] = [];
  try {
    entries = readdirSync(cache);
  } catch {
    // no cache folder
  }
  expect(entries.length > 0, `${process.version}: ${cache} holds ${entries.join(', ')}`).toBe(
    hasApi,
  );
});

/** The whole frame is on screen: header on the first row, footer on the last live one. */
function fits(screen: string, where: string) {
  const lines = screen.split('\n');
  expect(lines.length).toBeLessThanOrEqual(24);
  for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
  expect(lines[0]).toMatch(new RegExp(`^hv │ ${where} `));
  expect(lines[22]).toContain('q/Ctrl-C quit');
}

describe.each(pinnedNodes)('on Node $major', ({ major, version }) => {
  let got: Got | undefined;
  const env = privateEnv();

  beforeAll(() => {
    got = ensureNode(major);
  }, 300_000);
  afterAll(() => stopDemo(env));

  it('runs the CLI: version, doctor, the demo and a VM lifecycle', async (ctx) => {
    const node = need(got, major, ctx);
    const run = (...args: string[]) => hv(args, env, undefined, { node });
    const json = async (...args: string[]) => {
      const r = await run(...args, '--json');
      expect(r.stderr).toBe('');
      return { code: r.exitCode, out: JSON.parse(r.stdout || '{}') };
    };

    expect((await json('version')).out).toEqual({ version: expect.any(String), node: version });
    const checks = (await json('doctor')).out.checks as {
      id: string;
      status: string;
      summary: string;
    }[];
    const check = (id: string) => checks.find((c) => c.id === id);
    expect(check('node')).toMatchObject({ status: 'ok', summary: `Node ${version}` });
    // The native binding is N-API: what loads on the suite's Node loads here too.
    const here = JSON.parse((await hv(['doctor', '--json'], env)).stdout).checks.find(
      (c: { id: string }) => c.id === 'binding',
    );
    expect(check('binding')).toEqual(here);

    const start = await json('demo', 'start');
    expect(start.code).toBe(0);
    // The demo's holder process is started by hv with hv's own Node.
    const holder = start.out.state.holderPid as number;
    expect(realpathSync(`/proc/${holder}/exe`)).toBe(realpathSync(node));

    const list = await json('vm', 'list', '--demo');
    expect(list.code).toBe(0);
    const vms = list.out.vms as { name: string; state: string }[];
    expect(vms.map((v) => v.name)).toContain('web-01');
    const vm = vms.find((v) => v.state === 'shut off')!.name;
    const state = async () =>
      (await json('vm', 'list', '--demo')).out.vms.find((v: { name: string }) => v.name === vm)
        .state;
    for (const [action, after] of [
      ['start', 'running'],
      ['suspend', 'paused'],
      ['resume', 'running'],
      ['destroy', 'shut off'],
    ] as const) {
      const r = await run('vm', action, vm, '--demo');
      expect(r.exitCode, `${action}: ${r.stderr}`).toBe(0);
      expect(await state(), action).toBe(after);
    }
  });

  it('builds the same bundle as the suite’s Node, and that bundle runs', async (ctx) => {
    const node = need(got, major, ctx);
    expect(reference, referenceError).toBeDefined();
    const r = await build(node, `node${major}`);
    expect(r.exitCode, r.stderr).toBe(0);
    const dist = join(buildRoot, `node${major}`, 'dist');
    const built = tree(dist);
    expect([...built.keys()].sort()).toEqual([...reference!.keys()].sort());
    const differ = [...built].filter(([f, bytes]) => !bytes.equals(reference!.get(f)!));
    expect(differ.map(([f]) => f)).toEqual([]);
    const v = await execa(node, [join(dist, 'hv.js'), '--version'], { reject: false });
    expect(v.stdout).toMatch(/^hv \d+\.\d+\.\d+$/);
  });

  it('draws the console in a real 80x24 terminal and quits cleanly', async (ctx) => {
    const node = need(got, major, ctx);
    const term = await Tmux.start({ command: [node, hvBin, '--demo'], env });
    try {
      fits(await term.waitFor('demo ● connected', 20_000), 'Home');
      await term.keys('2');
      fits(await term.waitFor('web-01'), 'Home › Virtual machines');
      await term.keys('?');
      await term.waitFor('Help: Virtual machines');
      await term.keys('Escape');
      await term.waitForGone('Help: Virtual machines');
      await term.keys('q');
      expect(await term.waitForExit()).toBe(0);
    } finally {
      await term.kill();
    }
    // Node 22.8+ kept hv's compiled code for the next start (bin/hv.js).
    const cache = join(env.HOME, '.cache', 'hv', 'node-compile-cache');
    const perNode = readdirSync(cache).filter((d) => d.startsWith(`v${version}-`));
    expect(perNode).toHaveLength(1);
    expect(statSync(cache).mode & 0o777).toBe(0o700);
    expect(readdirSync(join(cache, perNode[0]!)).length).toBeGreaterThan(5);
  });
});
