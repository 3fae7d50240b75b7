import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentPhase } from './phase.js';
import {
  knownConfigDirs,
  phaseStatus,
  removeHardenedMarker,
  writeHardenedMarker,
} from './phase-ops.js';

const envFor = () => {
  const dir = mkdtempSync(join(tmpdir(), 'hv-phase-'));
  return { HV_ROOT_DIR: join(dir, 'etc'), XDG_STATE_HOME: join(dir, 'state'), HOME: dir };
};

describe('phase marker', () => {
  it('writes, reads and removes the marker under HV_ROOT_DIR', () => {
    const env = envFor();
    expect(phaseStatus(env).phase).toBe('setup');
    writeHardenedMarker({ by: 'root', configDir: '/srv/cfg', since: '2026-01-01T00:00:00Z' }, env);
    expect(currentPhase(env)).toBe('hardened');
    expect(phaseStatus(env)).toMatchObject({
      phase: 'hardened',
      by: 'root',
      configDir: '/srv/cfg',
      since: '2026-01-01T00:00:00Z',
    });
    // Atomic: no temp file is left next to it.
    expect(readdirSync(env.HV_ROOT_DIR)).toEqual(['.phase-hardened']);
    expect(removeHardenedMarker(env)).toBe(true);
    expect(removeHardenedMarker(env)).toBe(false);
    expect(currentPhase(env)).toBe('setup');
  });

  it('treats an empty or foreign marker as hardened (presence decides)', () => {
    const env = envFor();
    mkdirSync(env.HV_ROOT_DIR, { recursive: true });
    writeFileSync(join(env.HV_ROOT_DIR, '.phase-hardened'), '');
    const status = phaseStatus(env);
    expect(status.phase).toBe('hardened');
    expect(status.by).toBeUndefined();
  });

  it('knows configuration folders that hold hv-answers.json', () => {
    const env = envFor();
    const cfg = join(env.XDG_STATE_HOME, 'hv', 'host-config');
    expect(knownConfigDirs(env)).toEqual([]);
    mkdirSync(cfg, { recursive: true });
    writeFileSync(join(cfg, 'hv-answers.json'), '{}');
    expect(knownConfigDirs(env)).toEqual([cfg]);
  });
});
