// kill -9 at random moments while hv writes each kind of file it keeps: settings,
// the setup draft, learning progress, saved connections, the phase marker,
// demo.json, the audit log (through rotations) and a whole host configuration.
// A child process runs hv's own write code in a loop (writer.ts, bundled here with
// esbuild); it is killed mid-write again and again, and after every kill the file
// on disk must read back whole.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privateEnv, repoRoot } from '../helpers.js';
import { prng } from './generators.js';
import { type Env, kinds } from './state-kinds.js';

const ROUNDS = 8;
let writer = '';

beforeAll(async () => {
  // Inside the package, so hv's code finds its own files (nix-templates) from there.
  const cache = join(repoRoot, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  writer = join(mkdtempSync(join(cache, 'hv-writer-')), 'writer.mjs');
  await build({
    entryPoints: [join(repoRoot, 'tests', 'robustness', 'writer.ts')],
    outfile: writer,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    // Bundled CommonJS dependencies call require().
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
});

afterAll(() => {
  if (writer) rmSync(dirname(writer), { recursive: true, force: true });
});

function envFor(): Env {
  const p = privateEnv();
  return {
    ...p,
    HV_TEST_OUT: mkdtempSync(join(tmpdir(), 'hv-kill-out-')),
    HV_REPO: repoRoot,
    // Small, so the audit log rotates many times while being killed.
    HV_AUDIT_MAX_BYTES: '4096',
    HV_AUDIT_KEEP: '3',
  };
}

/** Starts the writer; resolves once its first version is on disk. */
function startWriter(kind: string, env: Env): Promise<ChildProcess> {
  const child = spawn(process.execPath, [writer, kind], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (b: Buffer) => {
    err += b.toString();
  });
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`writer ${kind} did not start: ${err}`)), 15_000);
    child.stdout?.once('data', () => {
      clearTimeout(t);
      resolve(child);
    });
    child.once('exit', (code) => {
      clearTimeout(t);
      reject(new Error(`writer ${kind} exited (${code}): ${err}`));
    });
  });
}

const tempFiles = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.tmp'))
    : [];

describe('kill -9 during every kind of write', () => {
  it.each(kinds.map((k) => k.name))(
    `%s: ${ROUNDS} kills mid-write, never a partial file`,
    async (name) => {
      const kind = kinds.find((k) => k.name === name)!;
      const env = envFor();
      const r = prng(name.length * 7919);
      let killed = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const child = await startWriter(name, env);
        await new Promise((res) => setTimeout(res, r.int(40)));
        const exited = new Promise((res) => child.once('exit', res));
        if (child.kill('SIGKILL')) killed++;
        await exited;
        expect(existsSync(kind.file(env)), `${name}: file gone after kill ${round}`).toBe(true);
        expect(kind.check(env, killed), `${name} after kill ${round}`).toEqual([]);
        // hv reads it back as usual.
        if (kind.load) expect(kind.load(env).status).not.toBe('corrupt');
      }
      expect(killed).toBe(ROUNDS);
      // At most one temp file per kill is left beside the file; never the file itself cut.
      expect(tempFiles(dirname(kind.file(env))).length).toBeLessThanOrEqual(killed);
      // And the next ordinary write works.
      kind.write(env, 10_000);
      expect(kind.check(env, killed)).toEqual([]);
    },
  );
});
