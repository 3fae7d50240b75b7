// Shared by the e2e and CLI tests: the built hv, and a private environment per
// test file (config, state, demo daemon) so files can run in parallel.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';

export const repoRoot = resolve(import.meta.dirname, '..');
export const hvBin = join(repoRoot, 'bin', 'hv.js');

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

/** Runs the built hv with argv (never through a shell). */
export function hv(args: string[], env: Record<string, string>, input?: string) {
  return execa(process.execPath, [hvBin, ...args], {
    env: { ...process.env, ...env },
    reject: false,
    ...(input === undefined ? { stdin: 'ignore' as const } : { input }),
    timeout: 30_000,
  });
}

export async function stopDemo(env: Record<string, string>) {
  await hv(['demo', 'stop'], env);
}
