// Settings as the console's first frame needs them, read without zod: the full,
// zod-validated load (settings.ts) runs right after the first frame, so the
// schema library stays off the start-up path. A file the peek cannot use simply
// gives the defaults; the full load then reports it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configDir } from './paths.js';

export const experienceLevels = ['beginner', 'intermediate', 'expert'] as const;
export type ExperienceLevel = (typeof experienceLevels)[number];

export interface SettingsV1 {
  version: 1;
  experience: ExperienceLevel;
  /** Show the equivalent virsh/nix/hv command in the footer as the user acts. */
  showCommands: boolean;
}

export const defaultSettings = (): SettingsV1 => ({
  version: 1,
  experience: 'beginner',
  showCommands: true,
});

export const settingsFile = (env = process.env) => join(configDir(env), 'settings.json');

export function peekSettings(env = process.env): SettingsV1 {
  const d = defaultSettings();
  try {
    const raw = JSON.parse(readFileSync(settingsFile(env), 'utf8'));
    return {
      version: 1,
      experience: experienceLevels.includes(raw?.experience) ? raw.experience : d.experience,
      showCommands: typeof raw?.showCommands === 'boolean' ? raw.showCommands : d.showCommands,
    };
  } catch {
    return d;
  }
}
