// The two phases of seed 000: setup (permissive) and hardened (restrictive),
// recorded as marker files under a configurable root (default /etc/hypervisor).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../base/atomic.js';
import type { Phase } from '../base/phase.js';

export type { Phase };

export function hypervisorRoot(env = process.env): string {
  return env.HV_ROOT_DIR || '/etc/hypervisor';
}

export function currentPhase(env = process.env): Phase {
  return existsSync(join(hypervisorRoot(env), '.phase-hardened')) ? 'hardened' : 'setup';
}

/** The file whose presence means "hardened" (phase-ops.ts writes and removes it). */
export function hardenedMarker(env = process.env): string {
  return join(hypervisorRoot(env), '.phase-hardened');
}

/** Written when setup finishes; the first-boot unit (console.nix) stops starting it then. */
export function setupCompleteMarker(env = process.env): string {
  return join(hypervisorRoot(env), '.setup-complete');
}

export function isSetupComplete(env = process.env): boolean {
  return existsSync(setupCompleteMarker(env));
}

/** Records that setup finished (with the time, for people reading the folder). */
export function markSetupComplete(env = process.env, now = new Date()): string {
  const file = setupCompleteMarker(env);
  writeFileAtomic(file, `${now.toISOString()}\n`);
  return file;
}
