import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answersSchema } from '../wizard/answers.js';
import { clearDraft, type Draft, draftFile, loadDraft, saveDraft } from './draft.js';

const tempEnv = () => {
  const dir = mkdtempSync(join(tmpdir(), 'hv-draft-'));
  return { XDG_STATE_HOME: join(dir, 'state'), HOME: dir };
};

const draft = (): Draft => ({
  version: 1,
  savedAt: '2026-01-02T03:04:05.000Z',
  step: 'features:backup',
  answers: answersSchema.parse({
    version: 1,
    experience: 'intermediate',
    host: { hostname: 'resume-me', adminUser: 'ada' },
    features: { tailscale: { enable: true } },
  }),
  showAll: true,
  autoOff: { sshHardening: 'no key' },
  outDir: '/tmp/out',
});

describe('setup draft', () => {
  it('is missing at first, then round-trips step and answers in the XDG state folder', () => {
    const env = tempEnv();
    expect(loadDraft(env).status).toBe('missing');
    saveDraft(draft(), env);
    expect(draftFile(env)).toBe(join(env.XDG_STATE_HOME, 'hv', 'setup-draft.json'));
    const back = loadDraft(env);
    expect(back.status).toBe('ok');
    expect(back.value).toEqual(draft());
    // Only the draft: the atomic write leaves no temp files behind.
    expect(readdirSync(dirname(draftFile(env)))).toEqual(['setup-draft.json']);
    clearDraft(env);
    expect(loadDraft(env).status).toBe('missing');
  });

  it('keeps a corrupt draft aside and says why', () => {
    const env = tempEnv();
    mkdirSync(dirname(draftFile(env)), { recursive: true });
    writeFileSync(draftFile(env), '{"version": 1, "step": "host", "answ');
    const r = loadDraft(env);
    expect(r.status).toBe('corrupt');
    if (r.status !== 'corrupt') return;
    expect(r.value).toBeUndefined();
    expect(readFileSync(r.keptAt, 'utf8')).toContain('"answ');
    expect(readdirSync(dirname(draftFile(env)))).toEqual([r.keptAt.split('/').pop()]);
  });

  it('rejects drafts whose answers the answers schema rejects, or another version', () => {
    const env = tempEnv();
    mkdirSync(dirname(draftFile(env)), { recursive: true });
    const bad = { ...draft(), answers: { ...draft().answers, host: { hostname: 'a_b' } } };
    writeFileSync(draftFile(env), JSON.stringify(bad));
    const r = loadDraft(env);
    expect(r.status).toBe('corrupt');
    expect(r.status === 'corrupt' && r.problem).toContain('answers.host.hostname');
    writeFileSync(draftFile(env), JSON.stringify({ ...draft(), version: 2 }));
    expect(loadDraft(env).status).toBe('corrupt');
    writeFileSync(draftFile(env), JSON.stringify({ ...draft(), step: 'nowhere' }));
    expect(loadDraft(env).status).toBe('corrupt');
  });
});
