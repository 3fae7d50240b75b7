// Bad input never crashes hv, always exits 2 with a reason and a fix, and writes
// nothing. 1200 generated answer files go through the setup command's own code
// in-process (the same function `hv setup --answers` runs) and 1200 generated
// argument lists through the CLI's parser; a sample of each goes through the real
// binary. Everything is generated from fixed seeds, so a failure reproduces.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { isHvError } from '../../src/base/errors.js';
import { run as setupRun, validate as setupValidate } from '../../src/cli/commands/setup.js';
import { exitCodeFor } from '../../src/cli/exit-codes.js';
import { parseCommandLine } from '../../src/cli/parse.js';
import { hv, privateEnv } from '../helpers.js';
import { badAnswers, badArgv, goldenHardware, prng } from './generators.js';

const ANSWER_FILES = 1200;
const ARGUMENT_LISTS = 1200;
const BINARY_SAMPLE = 12;

const work = mkdtempSync(join(tmpdir(), 'hv-robust-in-'));

/** Everything under dir, recursively (empty when it does not exist). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true }).map(String);
}

const globals = { demo: false, plain: false, json: false };

describe('malformed answer files', () => {
  it(`refuses ${ANSWER_FILES} generated files with exit 2, a reason and a fix, writing nothing`, async () => {
    const r = prng(0x5eed);
    const out = join(work, 'out');
    const hardware = goldenHardware('balanced-server');
    const kinds = new Set<number>();
    // The command prints nothing before it refuses; keep any stray output out of the log.
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      for (let i = 0; i < ANSWER_FILES; i++) {
        const bad = badAnswers(r);
        kinds.add(bad.kind);
        const file = join(work, `answers-${i}.json`);
        writeFileSync(file, bad.text);
        const ctx = {
          globals,
          positionals: [],
          options: { answers: file, 'non-interactive': true, out, hardware },
        };
        let code: number;
        try {
          code = await setupRun(ctx);
        } catch (e) {
          // A crash is anything but an HvError: a TypeError here fails the case.
          expect(isHvError(e), `${bad.why}: ${String(e)}`).toBe(true);
          if (!isHvError(e)) throw e;
          code = exitCodeFor(e.kind);
          expect(e.message.length, bad.why).toBeGreaterThan(10);
          expect(e.fix, bad.why).toBeTruthy();
        }
        expect(code, bad.why).toBe(2);
        expect(filesUnder(out), bad.why).toEqual([]);
        // `hv setup validate` agrees on every tenth file.
        if (i % 10 === 0) {
          let v: number;
          try {
            v = await setupValidate({ globals, positionals: [file], options: { hardware } });
          } catch (e) {
            if (!isHvError(e)) throw e;
            v = exitCodeFor(e.kind);
          }
          expect(v, bad.why).toBe(2);
        }
      }
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
    // Every class of damage was exercised many times.
    expect(kinds.size).toBe(16);
  });

  it(`the real binary agrees on a sample of ${BINARY_SAMPLE} files`, async () => {
    const r = prng(0xbad);
    const env = privateEnv();
    const out = join(work, 'bin-out');
    for (let i = 0; i < BINARY_SAMPLE; i++) {
      const bad = badAnswers(r);
      const file = join(work, `bin-${i}.json`);
      writeFileSync(file, bad.text);
      const res = await hv(
        [
          'setup',
          '--answers',
          file,
          '--non-interactive',
          '--out',
          out,
          '--hardware',
          goldenHardware('expert-full'),
        ],
        env,
      );
      expect(res.exitCode, `${bad.why}\n${res.stderr}`).toBe(2);
      expect(res.stderr, bad.why).toMatch(/^hv: /);
      expect(res.stderr, bad.why).toContain('fix:');
      expect(res.stderr, bad.why).not.toMatch(/\n\s+at /);
      expect(filesUnder(out), bad.why).toEqual([]);
    }
    expect(filesUnder(env.XDG_CONFIG_HOME)).toEqual([]);
    expect(filesUnder(env.HV_ROOT_DIR)).toEqual([]);
  });
});

describe('malformed argument lists', () => {
  it(`refuses ${ARGUMENT_LISTS} generated argument lists as usage errors (exit 2) with a fix`, () => {
    const r = prng(0xa765);
    const kinds = new Set<number>();
    for (let i = 0; i < ARGUMENT_LISTS; i++) {
      const bad = badArgv(r);
      kinds.add(bad.kind);
      let err: unknown;
      try {
        parseCommandLine(bad.argv);
      } catch (e) {
        err = e;
      }
      const label = `${bad.why}: hv ${bad.argv.join(' ')}`;
      expect(isHvError(err), label).toBe(true);
      if (!isHvError(err)) continue;
      expect(exitCodeFor(err.kind), label).toBe(2);
      expect(err.fix, label).toBeTruthy();
    }
    expect(kinds.size).toBe(8);
  });

  it(`the real binary agrees on a sample of ${BINARY_SAMPLE} argument lists, and writes nothing`, async () => {
    const r = prng(7);
    const env = privateEnv();
    mkdirSync(env.HOME, { recursive: true });
    for (let i = 0; i < BINARY_SAMPLE; i++) {
      const bad = badArgv(r);
      const res = await hv(bad.argv, env);
      const label = `${bad.why}: hv ${bad.argv.join(' ')}\n${res.stderr}${res.stdout}`;
      expect(res.exitCode, label).toBe(2);
      expect(res.stderr + res.stdout, label).toContain('fix');
      expect(res.stderr, label).not.toMatch(/\n\s+at /);
    }
    expect(filesUnder(env.XDG_CONFIG_HOME)).toEqual([]);
    expect(filesUnder(env.XDG_STATE_HOME)).toEqual([]);
    expect(filesUnder(env.HV_ROOT_DIR)).toEqual([]);
    expect(filesUnder(env.HV_DEMO_DIR)).toEqual([]);
  });
});
