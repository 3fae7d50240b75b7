// Shared by the e2e and CLI tests: the built hv, and a private environment per
// test file (config, state, demo daemon) so files can run in parallel.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';

export const repoRoot = resolve(import.meta.dirname, '..');
export const hvBin = join(repoRoot, 'bin', 'hv.js');
/**
 * The Node that runs hv in these tests: the binary HV_TEST_NODE names, else the one
 * running vitest. `HV_TEST_NODE=.cache/node/v24.22.3-linux-x64/bin/node npx vitest
 * run tests/cli` runs those files' hv on Node 24; tests/platform/node-versions.test.ts
 * passes the pinned Nodes explicitly (scripts/node-versions.mjs).
 */
export const hvNode = process.env.HV_TEST_NODE
  ? resolve(process.env.HV_TEST_NODE)
  : process.execPath;

export interface PrivateEnv extends Record<string, string> {
  XDG_CONFIG_HOME: string;
  XDG_STATE_HOME: string;
  HV_DEMO_DIR: string;
  HV_ROOT_DIR: string;
  /** Keeps tests run as root out of /var/log/hypervisor. */
  HV_AUDIT_LOG: string;
  HOME: string;
}

export function privateEnv(): PrivateEnv {
  // Short paths: the demo's unix socket path must stay under ~100 bytes.
  const dir = mkdtempSync(join(tmpdir(), 'hve-'));
  return {
    XDG_CONFIG_HOME: join(dir, 'config'),
    XDG_STATE_HOME: join(dir, 'state'),
    HV_DEMO_DIR: join(dir, 'demo'),
    HV_ROOT_DIR: join(dir, 'etc-hypervisor'),
    HV_AUDIT_LOG: join(dir, 'state', 'hv', 'audit.jsonl'),
    HOME: dir,
  };
}

/** Runs the built hv with argv (never through a shell), on `node` (default hvNode). */
export function hv(
  args: string[],
  env: Record<string, string>,
  input?: string,
  { node = hvNode }: { node?: string } = {},
) {
  return execa(node, [hvBin, ...args], {
    env: { ...process.env, ...env },
    reject: false,
    ...(input === undefined ? { stdin: 'ignore' as const } : { input }),
    timeout: 30_000,
  });
}

export async function stopDemo(env: Record<string, string>) {
  await hv(['demo', 'stop'], env);
}
