// Corrupt and truncated state files of every kind hv reads: it never crashes,
// falls back to safe defaults, keeps the damaged file aside (never deletes it) and
// says so. In-process through hv's own loaders for every damage pattern, then a
// few through the real binary.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoStatus } from '../../src/adapters/demo.js';
import { readAudit } from '../../src/security/audit-log.js';
import { phaseStatus } from '../../src/security/phase-ops.js';
import { hv, privateEnv, repoRoot } from '../helpers.js';
import { type Env, kindNamed } from './state-kinds.js';

function envFor(): Env {
  return {
    ...privateEnv(),
    HV_TEST_OUT: mkdtempSync(join(tmpdir(), 'hv-state-out-')),
    HV_REPO: repoRoot,
  };
}

function asObject(text: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Every way a file can be damaged, from a whole version of it. */
function damaged(whole: string): Array<{ why: string; bytes: string | Buffer | 'dir' }> {
  const cuts = [1, 2, 3, 5, 8].map((k) => Math.floor((whole.length * k) / 9));
  return [
    { why: 'empty', bytes: '' },
    ...cuts.map((c) => ({ why: `truncated at ${c}/${whole.length}`, bytes: whole.slice(0, c) })),
    { why: 'binary junk', bytes: Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80, 0x7b, 0x22]) },
    { why: 'not JSON', bytes: 'version: 1\nexperience: expert\n' },
    { why: 'JSON array', bytes: '[1, 2, 3]' },
    { why: 'JSON null', bytes: 'null' },
    ...(asObject(whole)
      ? [
          { why: 'future version', bytes: JSON.stringify({ ...asObject(whole), version: 99 }) },
          { why: 'unknown key', bytes: JSON.stringify({ ...asObject(whole), zz: true }) },
        ]
      : []),
    { why: '2 MB of garbage', bytes: 'x'.repeat(2 * 1024 * 1024) },
    { why: 'a folder in its place', bytes: 'dir' },
  ];
}

function put(file: string, bytes: string | Buffer | 'dir') {
  mkdirSync(dirname(file), { recursive: true });
  if (bytes === 'dir') mkdirSync(join(file, 'inside'), { recursive: true });
  else writeFileSync(file, bytes);
}

const keptAside = (file: string) =>
  readdirSync(dirname(file)).filter((f) => f.startsWith(`${basename(file)}.corrupt-`));

describe('corrupt and truncated state files', () => {
  it.each(['settings', 'setup draft', 'learning progress', 'saved connections'])(
    '%s: every damage gives the defaults and keeps the damaged file aside',
    (name) => {
      const kind = kindNamed(name);
      const probe = envFor();
      kind.write(probe, 3);
      const whole = readFileSync(kind.file(probe), 'utf8');
      const defaults = (() => {
        const e = envFor();
        return kind.load!(e);
      })();
      expect(defaults.status).toBe('missing');
      for (const d of damaged(whole)) {
        const env = envFor();
        const file = kind.file(env);
        put(file, d.bytes);
        const r = kind.load!(env) as {
          status: string;
          value?: unknown;
          keptAt?: string;
          problem?: string;
        };
        expect(r.status, `${name}: ${d.why}`).toBe('corrupt');
        expect(r.value, `${name}: ${d.why}`).toEqual((defaults as { value: unknown }).value);
        expect(r.problem, `${name}: ${d.why}`).toBeTruthy();
        // Never deleted: moved aside whole, and the next save works.
        expect(existsSync(file), `${name}: ${d.why}`).toBe(false);
        expect(keptAside(file)).toHaveLength(1);
        if (d.bytes !== 'dir') {
          expect(readFileSync(r.keptAt!).equals(Buffer.from(d.bytes)), `${name}: ${d.why}`).toBe(
            true,
          );
        }
        kind.write(env, 4);
        expect(kind.check(env), `${name}: ${d.why} then saved`).toEqual([]);
      }
    },
  );

  it('audit log: damaged lines are skipped and counted, the rest is read', () => {
    const kind = kindNamed('audit log (with rotation)');
    const env = envFor();
    for (let n = 0; n < 5; n++) kind.write(env, n);
    const whole = readFileSync(env.HV_AUDIT_LOG, 'utf8');
    const lines = whole.trimEnd().split('\n');
    for (const d of damaged(whole)) {
      if (d.bytes === 'dir') continue;
      writeFileSync(
        env.HV_AUDIT_LOG,
        `${lines.slice(0, 2).join('\n')}\n${String(d.bytes)}\n${lines.slice(2).join('\n')}\n`,
      );
      const r = readAudit(env);
      expect(r.entries.length, d.why).toBeGreaterThanOrEqual(5);
      if (/junk|not JSON|array|null|garbage/.test(d.why))
        expect(r.skipped, d.why).toBeGreaterThan(0);
      expect(
        r.entries.map((e) => e.target).filter((t) => t.startsWith('vm-')).length,
        d.why,
      ).toBeGreaterThanOrEqual(5);
    }
    // A folder where the log should be: reading says unreadable, writing finds nowhere to go, neither throws.
    const env2 = envFor();
    mkdirSync(env2.HV_AUDIT_LOG, { recursive: true });
    expect(() => readAudit(env2)).not.toThrow();
    expect(() => kind.write(env2, 1)).not.toThrow();
  });

  it('demo.json: any damage reads as "not running", never a crash', () => {
    const kind = kindNamed('demo state (demo.json)');
    const probe = envFor();
    kind.write(probe, 1);
    const whole = readFileSync(kind.file(probe), 'utf8');
    for (const d of damaged(whole)) {
      const env = envFor();
      put(kind.file(env), d.bytes);
      expect(demoStatus(env).running, d.why).toBe(false);
    }
  });

  it('phase marker: any content still means hardened (presence decides), and reads without error', () => {
    const kind = kindNamed('phase marker');
    const probe = envFor();
    kind.write(probe, 1);
    const whole = readFileSync(kind.file(probe), 'utf8');
    for (const d of damaged(whole)) {
      if (d.bytes === 'dir') continue;
      const env = envFor();
      put(kind.file(env), d.bytes);
      expect(phaseStatus(env).phase, d.why).toBe('hardened');
    }
  });
});

describe('the real binary with damaged files', () => {
  it('starts, reports and keeps going: corrupt settings, draft, progress, connections, demo.json, audit, marker', async () => {
    const env = envFor();
    const put2 = (file: string, text: string) => {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    };
    put2(kindNamed('settings').file(env), '{"version":1,"experience":"exp');
    put2(kindNamed('setup draft').file(env), '\u0000\u0001');
    put2(kindNamed('learning progress').file(env), '[]');
    put2(kindNamed('saved connections').file(env), '{"version":1,"connections":[{"na');
    put2(kindNamed('demo state (demo.json)').file(env), '{"version":1,"uri":');
    put2(env.HV_AUDIT_LOG, 'garbage\n{"time":"20');
    put2(kindNamed('phase marker').file(env), '');

    const doctor = await hv(['doctor', '--json'], env);
    expect(doctor.stderr).not.toMatch(/\n\s+at /);
    expect(JSON.parse(doctor.stdout)).toBeTruthy();
    const demo = await hv(['demo', 'status', '--json'], env);
    expect(demo.exitCode).toBe(0);
    expect(JSON.parse(demo.stdout).running).toBe(false);
    const audit = await hv(['audit'], env);
    expect(audit.exitCode).toBe(0);
    expect(audit.stderr).toContain('skipped 2 damaged lines');
    const phase = await hv(['phase', '--json'], env);
    expect(JSON.parse(phase.stdout).phase).toBe('hardened');
    const plain = await hv(['--plain'], env, 'q\n');
    expect(plain.exitCode).toBe(0);
    expect(plain.stdout).toContain('settings file was unreadable');
    // The damaged settings were kept aside, not lost.
    expect(keptAside(kindNamed('settings').file(env))).toHaveLength(1);

    // A configuration folder whose saved answers are damaged: hardening refuses
    // (exit 2) before changing anything.
    const cfg = mkdtempSync(join(tmpdir(), 'hv-bad-cfg-'));
    writeFileSync(join(cfg, 'hv-answers.json'), '{"version":1,"host":{"hostname":"x"');
    const harden = await hv(['phase', 'unlock', '--confirm', 'unlock'], env);
    expect(harden.exitCode).toBe(0);
    const h2 = await hv(['phase', 'harden', '--config', cfg], env);
    expect(h2.exitCode).toBe(2);
    expect(h2.stderr).toContain('is not valid JSON');
    expect((await hv(['phase', '--json'], env)).stdout).toContain('"phase": "setup"');
  });
});
