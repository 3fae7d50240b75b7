// Where nixpkgs' `lib` is, found the way a user has it: HV_NIXPKGS_LIB (a path to a
// lib/ folder), else <nixpkgs/lib> from NIX_PATH (a NixOS machine has it), else none.
// CI (.ci/run) points HV_NIXPKGS_LIB at ../shared/nixpkgs-lib/lib and sets
// HV_REQUIRE_NIXPKGS=1, so a missing lib fails there instead of skipping.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { it } from 'vitest';
import { repoRoot } from '../helpers.js';
import { nixInstantiate } from './nix-tool.js';

export interface NixpkgsLib {
  /** Absolute path of the lib/ folder (it holds default.nix). */
  path: string;
  from: 'HV_NIXPKGS_LIB' | 'NIX_PATH';
}

/** The line a run without nixpkgs' lib shows, once (tests/summary-reporter.ts). */
export const NOT_CHECKED =
  "not checked: hv's NixOS modules evaluated with nixpkgs' lib (config, types, assertions); " +
  'set HV_NIXPKGS_LIB=/path/to/nixpkgs/lib or put nixpkgs in NIX_PATH to check them';

let found: Promise<NixpkgsLib | undefined> | undefined;

export function findNixpkgsLib(): Promise<NixpkgsLib | undefined> {
  found ??= locate();
  return found;
}

async function locate(): Promise<NixpkgsLib | undefined> {
  const given = process.env.HV_NIXPKGS_LIB;
  if (given) {
    const path = resolve(repoRoot, given);
    // Set but wrong is a mistake to report, never a reason to skip.
    if (!existsSync(join(path, 'default.nix'))) {
      throw new Error(
        `HV_NIXPKGS_LIB=${given}: no default.nix in ${path} (want nixpkgs' lib/ folder)`,
      );
    }
    return { path, from: 'HV_NIXPKGS_LIB' };
  }
  if (process.env.NIX_PATH) {
    const r = await nixInstantiate(['--find-file', 'nixpkgs/lib']);
    const path = r.stdout.trim();
    if (r.exitCode === 0 && path && existsSync(join(path, 'default.nix'))) {
      return { path, from: 'NIX_PATH' };
    }
  }
  if (process.env.HV_REQUIRE_NIXPKGS === '1') {
    throw new Error(
      "HV_REQUIRE_NIXPKGS=1 but nixpkgs' lib was not found: set HV_NIXPKGS_LIB to a nixpkgs lib/ folder or put nixpkgs in NIX_PATH",
    );
  }
  return undefined;
}

/**
 * nixpkgs' lib for a test file, or undefined after registering the one skipped test
 * that says what was not checked and how to enable it.
 */
export async function nixpkgsLibOrSkip(): Promise<NixpkgsLib | undefined> {
  const lib = await findNixpkgsLib();
  if (!lib) it.skip(NOT_CHECKED, () => {});
  return lib;
}
