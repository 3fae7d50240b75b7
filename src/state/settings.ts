import { join } from 'node:path';
import { z } from 'zod';
import { configDir } from './paths.js';
import { type LoadResult, loadJson, saveJson } from './persist.js';

export const ExperienceLevel = z.enum(['beginner', 'intermediate', 'expert']);
export type ExperienceLevel = z.infer<typeof ExperienceLevel>;

export const Settings = z
  .object({
    version: z.literal(1),
    experience: ExperienceLevel,
    /** Show the equivalent virsh/nix/hv command in the footer as the user acts. */
    showCommands: z.boolean(),
  })
  .strict();
export type Settings = z.infer<typeof Settings>;

export const defaultSettings = (): Settings => ({
  version: 1,
  experience: 'beginner',
  showCommands: true,
});

export const settingsFile = (env = process.env) => join(configDir(env), 'settings.json');

export function loadSettings(env = process.env): LoadResult<Settings> {
  return loadJson(settingsFile(env), Settings, defaultSettings);
}

export function saveSettings(s: Settings, env = process.env): void {
  saveJson(settingsFile(env), Settings.parse(s));
}
