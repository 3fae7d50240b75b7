// Writing and reading the phase marker. Its presence alone decides the phase
// (phase.ts); its content says since when, by whom and which configuration
// directory was hardened, so unlocking can regenerate the same one. Written
// atomically: a crash leaves either no marker or a whole one.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../base/atomic.js';
import { stateDir } from '../base/paths.js';
import { currentPhase, hardenedMarker, hypervisorRoot, type Phase } from './phase.js';

type Env = Record<string, string | undefined>;

export interface MarkerInfo {
  since?: string | undefined;
  by?: string | undefined;
  configDir?: string | undefined;
}

export interface PhaseStatus extends MarkerInfo {
  phase: Phase;
  root: string;
  marker: string;
}

function readMarker(file: string): MarkerInfo {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const s = (x: unknown) => (typeof x === 'string' ? x : undefined);
    return { since: s(v.since), by: s(v.by), configDir: s(v.configDir) };
  } catch {
    // An empty or foreign marker still means hardened: presence decides.
    return {};
  }
}

export function phaseStatus(env: Env = process.env): PhaseStatus {
  const marker = hardenedMarker(env as NodeJS.ProcessEnv);
  const phase = currentPhase(env as NodeJS.ProcessEnv);
  return {
    phase,
    root: hypervisorRoot(env as NodeJS.ProcessEnv),
    marker,
    ...(phase === 'hardened' ? readMarker(marker) : {}),
  };
}

export function writeHardenedMarker(info: MarkerInfo, env: Env = process.env): string {
  const marker = hardenedMarker(env as NodeJS.ProcessEnv);
  const body = {
    phase: 'hardened',
    since: info.since ?? new Date().toISOString(),
    by: info.by,
    ...(info.configDir ? { configDir: info.configDir } : {}),
  };
  writeFileAtomic(marker, `${JSON.stringify(body, null, 2)}\n`, 0o644);
  return marker;
}

/** Removes the marker; true when there was one. */
export function removeHardenedMarker(env: Env = process.env): boolean {
  const marker = hardenedMarker(env as NodeJS.ProcessEnv);
  if (!existsSync(marker)) return false;
  unlinkSync(marker);
  let fd: number | undefined;
  try {
    fd = openSync(dirname(marker), 'r');
    fsyncSync(fd);
  } catch {
    // Some filesystems refuse fsync on folders; the unlink stands.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return true;
}

/**
 * Configuration directories hv may have generated, most likely first: the one
 * recorded when the host was hardened, /etc/nixos, and setup's default for a
 * normal user. Only those holding hv-answers.json count.
 */
export function knownConfigDirs(env: Env = process.env): string[] {
  const recorded = phaseStatus(env).configDir;
  const dirs = [recorded, '/etc/nixos', join(stateDir(env), 'host-config')].filter(
    (d): d is string => d !== undefined,
  );
  return [...new Set(dirs)].filter((d) => existsSync(join(d, 'hv-answers.json')));
}
