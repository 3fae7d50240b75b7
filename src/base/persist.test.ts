import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings, saveSettings, settingsFile } from '../state/settings.js';
import { writeFileAtomic } from './atomic.js';

const tempEnv = () => {
  const dir = mkdtempSync(join(tmpdir(), 'hv-persist-'));
  return { XDG_CONFIG_HOME: dir, HOME: dir };
};

describe('atomic writes', () => {
  it('replaces the file and leaves no temp files behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hv-atomic-'));
    const f = join(dir, 'a.json');
    writeFileAtomic(f, 'one');
    writeFileAtomic(f, 'two');
    expect(readFileSync(f, 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['a.json']);
  });
});

describe('settings file', () => {
  it('gives defaults when missing and round-trips what was saved', () => {
    const env = tempEnv();
    expect(loadSettings(env)).toMatchObject({
      status: 'missing',
      value: { experience: 'beginner' },
    });
    saveSettings({ version: 1, experience: 'expert', showCommands: false }, env);
    expect(loadSettings(env)).toEqual({
      status: 'ok',
      value: { version: 1, experience: 'expert', showCommands: false },
    });
  });

  it.each([
    ['truncated JSON', '{"version": 1, "experience": "exp'],
    ['wrong type', '{"version": 1, "experience": 42, "showCommands": true}'],
    ['unknown key', '{"version": 1, "experience": "expert", "showCommands": true, "x": 1}'],
    ['future version', '{"version": 9, "experience": "expert", "showCommands": true}'],
    ['empty file', ''],
  ])('keeps a corrupt file aside and starts fresh (%s)', (_name, content) => {
    const env = tempEnv();
    const file = settingsFile(env);
    saveSettings({ version: 1, experience: 'expert', showCommands: true }, env);
    writeFileSync(file, content);
    const r = loadSettings(env);
    expect(r.status).toBe('corrupt');
    if (r.status !== 'corrupt') return;
    expect(r.value.experience).toBe('beginner');
    expect(readFileSync(r.keptAt, 'utf8')).toBe(content);
    expect(r.problem.length).toBeGreaterThan(0);
  });
});
