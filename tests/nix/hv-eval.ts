// Runs tests/nix/hv-eval.nix: NixOS configurations of hv's modules evaluated with
// nixpkgs' real lib, many cases in one nix-instantiate call. When that call fails,
// each case is evaluated on its own (with --show-trace) so every failure is named:
// the case, NixOS's message, the option it was evaluating and the file that set it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { repoRoot } from '../helpers.js';
import { nixInstantiate } from './nix-tool.js';
import type { NixpkgsLib } from './nixpkgs-lib.js';

export interface EvalCase {
  /** Absolute paths of the modules, e.g. nix-templates/default.nix and a host folder. */
  modules: string[];
  /** One more module's `config`, as JSON (e.g. { hypervisor: { ... } }). */
  settings?: unknown;
}

export interface Located {
  file: string;
  message: string;
}

export interface CaseResult {
  failedAssertions: Located[];
  warnings: Located[];
  /** Every option the case's own files set (not defaults), by its path. */
  values: Record<string, unknown>;
  /** How many defined options were forced deeply. */
  checked: number;
}

export type Outcome = { ok: true; result: CaseResult } | { ok: false; error: string };

const harness = join(repoRoot, 'tests', 'nix', 'hv-eval.nix');

function args(lib: NixpkgsLib, casesFile: string, extra: string[] = []) {
  return [
    '--eval',
    '--strict',
    '--json',
    harness,
    '--argstr',
    'libPath',
    lib.path,
    '--argstr',
    'casesFile',
    casesFile,
    ...extra,
  ];
}

/** NixOS's message, the option it was evaluating and the files named, from stderr. */
export function describeFailure(stderr: string): string {
  const lines = stderr.split('\n');
  const start = lines.findIndex((l) => l.startsWith('error:'));
  const body: string[] = [];
  for (const l of lines.slice(start < 0 ? 0 : start)) {
    if (/^\s*… /.test(l) || l.startsWith('(use')) break;
    body.push(l);
  }
  const message = body
    .join('\n')
    .replace(/\n\s*\n/g, '\n')
    .trim();
  const option = stderr.match(/while evaluating the option `([^']+)'/)?.[1];
  const definedIn = [...stderr.matchAll(/while evaluating definitions from `([^']+)'/g)].map(
    (m) => m[1],
  );
  return [
    message,
    ...(option ? [`option: ${option}`] : []),
    ...(definedIn.length > 0 ? [`defined in: ${[...new Set(definedIn)].join(', ')}`] : []),
  ].join('\n');
}

/** Evaluates every case; a failing batch is split so each failure is named. */
export async function evaluateCases(
  lib: NixpkgsLib,
  cases: Record<string, EvalCase>,
): Promise<Record<string, Outcome>> {
  const dir = mkdtempSync(join(tmpdir(), 'hv-eval-'));
  try {
    const casesFile = join(dir, 'cases.json');
    writeFileSync(casesFile, JSON.stringify(cases));
    const all = await nixInstantiate(args(lib, casesFile));
    if (all.exitCode === 0) {
      const results = JSON.parse(all.stdout) as Record<string, CaseResult>;
      return Object.fromEntries(
        Object.keys(cases).map((name) => [name, { ok: true, result: results[name]! }]),
      );
    }
    const out: Record<string, Outcome> = {};
    const names = Object.keys(cases);
    // Two at a time: the machine has two cores.
    for (let i = 0; i < names.length; i += 2) {
      await Promise.all(
        names.slice(i, i + 2).map(async (name) => {
          const r = await nixInstantiate(
            args(lib, casesFile, ['--show-trace', '--arg', 'only', `[ ${JSON.stringify(name)} ]`]),
          );
          out[name] =
            r.exitCode === 0
              ? { ok: true, result: (JSON.parse(r.stdout) as Record<string, CaseResult>)[name]! }
              : { ok: false, error: describeFailure(r.stderr) };
        }),
      );
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A case's result as NixOS would report it: failed assertions, then warnings. */
export function problems(outcome: Outcome): { failed: string[]; warnings: string[] } {
  if (!outcome.ok) return { failed: [outcome.error], warnings: [] };
  const show = (l: Located) => `${l.file}: ${l.message.trim()}`;
  return {
    failed: outcome.result.failedAssertions.map(show),
    warnings: outcome.result.warnings.map(show),
  };
}

/** The warnings hv's modules give on purpose, when the value that triggers them is set. */
const intendedWarnings: Array<{
  file: string;
  starts: string;
  when: (values: Record<string, unknown>) => boolean;
}> = [
  {
    // A fresh host's answers bring no LUKS device (hardware-configuration.nix would).
    file: 'storage.nix',
    starts: 'hypervisor.storage.encryption: no LUKS device is configured',
    when: (v) =>
      v['hypervisor.storage.encryption.enable'] === true &&
      Object.keys((v['boot.initrd.luks.devices'] as object | undefined) ?? {}).length === 0,
  },
  {
    file: 'experimental.nix',
    starts: 'hypervisor.experimental.liveMigration: no peers are listed',
    when: (v) =>
      v['hypervisor.experimental.liveMigration.enable'] === true &&
      ((v['hypervisor.experimental.liveMigration.peers'] as unknown[] | undefined) ?? []).length ===
        0,
  },
];

export function expectClean(name: string, outcome: Outcome | undefined) {
  expect(outcome, `${name} was not evaluated`).toBeDefined();
  const { failed, warnings } = problems(outcome!);
  expect(failed, `${name}: evaluation failed or assertions failed`).toEqual([]);
  if (!outcome!.ok) return;
  const { values } = outcome!.result;
  const expected = intendedWarnings.filter((w) => w.when(values));
  expect(
    warnings
      .map((w) => {
        const hit = expected.find((e) => w.includes(`/${e.file}: ${e.starts}`));
        return hit ? `${hit.file}: ${hit.starts}` : w;
      })
      .sort(),
    `${name}: warnings`,
  ).toEqual(expected.map((e) => `${e.file}: ${e.starts}`).sort());
  expect(outcome!.result.checked).toBeGreaterThan(100);
}
