import { z } from 'zod';
import { type LoadResult, loadJson, saveJson } from '../base/persist.js';
import {
  defaultSettings,
  experienceLevels,
  type SettingsV1,
  settingsFile,
} from '../base/settings-peek.js';

export { defaultSettings, settingsFile };

export const ExperienceLevel = z.enum(experienceLevels);
export type ExperienceLevel = z.infer<typeof ExperienceLevel>;

export const Settings = z
  .object({
    version: z.literal(1),
    experience: ExperienceLevel,
    showCommands: z.boolean(),
  })
  .strict();
export type Settings = SettingsV1;

export function loadSettings(env = process.env): LoadResult<Settings> {
  return loadJson(settingsFile(env), Settings, defaultSettings);
}

export function saveSettings(s: Settings, env = process.env): void {
  saveJson(settingsFile(env), Settings.parse(s));
}
