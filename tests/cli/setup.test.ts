// `hv setup` from answer files, as scripts and CI use it: golden outputs, every
// invalid file rejected with its path and nothing written, and writes that
// survive kill -9.
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { ownership } from '../../src/nix/header.js';
import { hv, hvBin, hvNode, privateEnv, repoRoot } from '../helpers.js';
import { evaluateCases, expectClean } from '../nix/hv-eval.js';
import { nixInstantiate } from '../nix/nix-tool.js';
import { nixpkgsLibOrSkip } from '../nix/nixpkgs-lib.js';

const env = privateEnv();
// nixpkgs' lib, to evaluate what setup writes as NixOS does (tests/nix/hv-eval.ts).
const nixpkgs = await nixpkgsLibOrSkip();

/** The written host, evaluated with nixpkgs' lib: hv's copied modules + the host folder. */
async function expectHostEvaluates(out: string) {
  if (!nixpkgs) return;
  const [host] = readdirSync(join(out, 'hosts'));
  const name = `hv setup --out ${out}`;
  const outcomes = await evaluateCases(nixpkgs, {
    [name]: {
      modules: [
        join(out, 'modules', 'hypervisor', 'default.nix'),
        join(out, 'hosts', host!, 'default.nix'),
      ],
    },
  });
  expectClean(name, outcomes[name]);
  return outcomes[name];
}
const golden = join(repoRoot, 'tests', 'golden');
const invalidDir = join(repoRoot, 'tests', 'fixtures', 'invalid-answers');

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out;
}

const goldenSets = readdirSync(golden).filter((n) => statSync(join(golden, n)).isDirectory());

describe('golden outputs', () => {
  it('has the three reference answer sets', () => {
    expect(goldenSets.sort()).toEqual(['balanced-server', 'beginner-minimal', 'expert-full']);
  });

  it.each(goldenSets)('%s: same files, same bytes, parse and evaluate', async (name) => {
    const set = join(golden, name);
    const out = mkdtempSync(join(tmpdir(), `hv-golden-${name}-`));
    const r = await hv(
      [
        'setup',
        '--answers',
        join(set, 'answers.json'),
        '--hardware',
        join(set, 'hardware.json'),
        '--non-interactive',
        '--out',
        out,
      ],
      env,
    );
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const expectedDir = join(set, 'expected');
    const produced = listFiles(out).filter((f) => !f.startsWith('modules/'));
    if (process.env.UPDATE_GOLDEN) {
      for (const f of produced) {
        const dest = join(expectedDir, f);
        (await import('node:fs')).mkdirSync(join(dest, '..'), { recursive: true });
        writeFileSync(dest, readFileSync(join(out, f)));
      }
    }
    expect(produced).toEqual(listFiles(expectedDir));
    for (const f of produced) {
      expect(readFileSync(join(out, f), 'utf8'), f).toBe(
        readFileSync(join(expectedDir, f), 'utf8'),
      );
    }
    // The module copies are nix-templates verbatim under hv's header.
    const templates = listFiles(join(repoRoot, 'nix-templates'));
    expect(listFiles(join(out, 'modules', 'hypervisor'))).toEqual(templates);
    for (const t of templates)
      expect(ownership(readFileSync(join(out, 'modules', 'hypervisor', t), 'utf8'))).toBe('ours');

    const nixFiles = listFiles(out).filter((f) => f.endsWith('.nix') || f.endsWith('.nix.example'));
    const parsed = await nixInstantiate(['--parse', ...nixFiles.map((f) => join(out, f))]);
    expect(parsed.exitCode, parsed.stderr).toBe(0);

    // The generated settings evaluate, and say exactly what the plan says.
    const evaluated = await nixInstantiate([
      '--eval',
      '--strict',
      '--json',
      '-E',
      `(import ${JSON.stringify(join(out, 'hypervisor-features.nix'))} { }).hypervisor`,
    ]);
    expect(evaluated.exitCode, evaluated.stderr).toBe(0);
    const plan = JSON.parse(
      (
        await hv(
          [
            'setup',
            '--answers',
            join(set, 'answers.json'),
            '--hardware',
            join(set, 'hardware.json'),
            '--non-interactive',
            '--out',
            out,
            '--dry-run',
            '--json',
          ],
          env,
        )
      ).stdout,
    );
    const settings = JSON.parse(evaluated.stdout);
    const enabled = plan.features
      .filter((f: { enabled: boolean }) => f.enabled)
      .map((f: { id: string }) => f.id);
    const { features } = await import('../../src/catalog/features.js');
    const onInNix = features
      .filter((f) => {
        const leaf = f.option
          .split('.')
          .slice(1)
          .reduce<Record<string, unknown> | undefined>(
            (o, k) => o?.[k] as Record<string, unknown> | undefined,
            settings,
          );
        return leaf?.enable === true;
      })
      .map((f) => f.id);
    expect(onInNix.sort()).toEqual(enabled.sort());

    // And the whole host, as nixos-rebuild would evaluate it (with nixpkgs' lib).
    const host = await expectHostEvaluates(out);
    if (host?.ok) {
      const answers = JSON.parse(readFileSync(join(set, 'answers.json'), 'utf8'));
      expect(host.result.values['networking.hostName']).toBe(answers.host.hostname);
      expect(host.result.values['users.users']).toHaveProperty(answers.host.adminUser);
    }
  });

  it('is deterministic: a second run changes nothing', async () => {
    const set = join(golden, 'balanced-server');
    const out = mkdtempSync(join(tmpdir(), 'hv-again-'));
    const args = [
      'setup',
      '--answers',
      join(set, 'answers.json'),
      '--hardware',
      join(set, 'hardware.json'),
      '--non-interactive',
      '--out',
      out,
      '--json',
    ];
    await hv(args, env);
    const second = JSON.parse((await hv(args, env)).stdout);
    expect(new Set(second.files.map((f: { status: string }) => f.status))).toEqual(
      new Set(['unchanged']),
    );
  });
});

interface InvalidCase {
  file: string;
  path: string | null;
  contains: string;
}
const invalid: InvalidCase[] = JSON.parse(readFileSync(join(invalidDir, 'expected.json'), 'utf8'));
const hardware = join(golden, 'balanced-server', 'hardware.json');

describe('invalid answer files', () => {
  it('has a corpus of at least 20', () => {
    expect(invalid.length).toBeGreaterThanOrEqual(20);
    expect(
      readdirSync(invalidDir)
        .filter((f) => f !== 'expected.json')
        .sort(),
    ).toEqual(invalid.map((c) => c.file).sort());
  });

  it.each(invalid)('$file: exit 2 naming $path, nothing written', async (c) => {
    const file = join(invalidDir, c.file);
    const v = await hv(['setup', 'validate', file, '--hardware', hardware], env);
    expect(v.exitCode).toBe(2);
    const line = c.path === null ? c.contains : `${c.path}: `;
    expect(v.stderr).toContain(line);
    expect(v.stderr).toContain(c.contains);

    const out = mkdtempSync(join(tmpdir(), 'hv-invalid-'));
    const s = await hv(
      ['setup', '--answers', file, '--hardware', hardware, '--non-interactive', '--out', out],
      env,
    );
    expect(s.exitCode).toBe(2);
    expect(s.stderr).toContain(c.contains);
    expect(readdirSync(out)).toEqual([]);
  });

  it('reports validation problems as JSON too', async () => {
    const r = await hv(
      ['setup', 'validate', join(invalidDir, invalid[10]!.file), '--json', '--hardware', hardware],
      env,
    );
    expect(r.exitCode).toBe(2);
    const j = JSON.parse(r.stdout);
    expect(j.ok).toBe(false);
    expect(j.problems[0]).toMatchObject({ path: invalid[10]!.path });
  });

  it('says a missing answers file is missing (exit 4)', async () => {
    const r = await hv(['setup', 'validate', '/nonexistent/answers.json'], env);
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain('does not exist');
  });
});

describe('dry run, hand edits and kill -9', () => {
  const set = join(golden, 'balanced-server');
  const base = [
    'setup',
    '--answers',
    join(set, 'answers.json'),
    '--hardware',
    join(set, 'hardware.json'),
    '--non-interactive',
  ];

  it('--dry-run prints the diff and writes nothing', async () => {
    const out = mkdtempSync(join(tmpdir(), 'hv-dry-'));
    const r = await hv([...base, '--out', out, '--dry-run'], env);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('+++ hypervisor-features.nix');
    expect(r.stdout).toContain('Dry run: nothing written');
    expect(readdirSync(out)).toEqual([]);
  });

  it("keeps the installer's configuration.nix and hardware-configuration.nix (imported, untouched)", async () => {
    const set = join(golden, 'beginner-minimal');
    const out = mkdtempSync(join(tmpdir(), 'hv-etc-nixos-'));
    const installer =
      '{ ... }:\n{\n  imports = [ ./hardware-configuration.nix ];\n  boot.loader.systemd-boot.enable = true;\n  system.stateVersion = "25.05";\n}\n';
    const hardware = '{ ... }:\n{\n  fileSystems."/".device = "/dev/disk/by-label/nixos";\n}\n';
    writeFileSync(join(out, 'configuration.nix'), installer);
    writeFileSync(join(out, 'hardware-configuration.nix'), hardware);
    const r = await hv(
      [
        'setup',
        '--answers',
        join(set, 'answers.json'),
        '--hardware',
        join(set, 'hardware.json'),
        '--non-interactive',
        '--out',
        out,
      ],
      env,
    );
    expect(r.exitCode, r.stderr).toBe(0);
    expect(readFileSync(join(out, 'configuration.nix'), 'utf8')).toBe(installer);
    expect(readFileSync(join(out, 'hardware-configuration.nix'), 'utf8')).toBe(hardware);
    const host = readFileSync(join(out, 'hosts', 'hv-home', 'default.nix'), 'utf8');
    expect(host).toContain('../../configuration.nix');
    expect(host).toContain('../../hardware-configuration.nix');
    expect(host).not.toContain('No hardware-configuration.nix was found');
    const parsed = await nixInstantiate(['--parse', join(out, 'hosts', 'hv-home', 'default.nix')]);
    expect(parsed.exitCode, parsed.stderr).toBe(0);
    // The installer's settings are evaluated with hv's: its boot loader, file systems
    // and stateVersion (which wins over hv's mkDefault) reach the host.
    const evaluated = await expectHostEvaluates(out);
    if (evaluated?.ok) {
      expect(evaluated.result.values['boot.loader.systemd-boot.enable']).toBe(true);
      expect(evaluated.result.values['system.stateVersion']).toBe('25.05');
      expect(evaluated.result.values.fileSystems).toHaveProperty('/');
    }
  });

  it('refuses to overwrite a hand-edited file (exit 2) until --force, keeping a backup', async () => {
    const out = mkdtempSync(join(tmpdir(), 'hv-edit-'));
    expect((await hv([...base, '--out', out], env)).exitCode).toBe(0);
    const target = join(out, 'hypervisor-features.nix');
    const edited = `${readFileSync(target, 'utf8')}# my note\n`;
    writeFileSync(target, edited);
    const other = JSON.parse(readFileSync(join(set, 'answers.json'), 'utf8'));
    other.experience = 'expert';
    other.features = { ...other.features, podman: { enable: true } };
    const answers2 = join(out, '..', `${relative(tmpdir(), out)}-answers2.json`);
    writeFileSync(answers2, JSON.stringify(other));
    const args2 = [
      'setup',
      '--answers',
      answers2,
      '--hardware',
      join(set, 'hardware.json'),
      '--non-interactive',
      '--out',
      out,
    ];
    const refused = await hv(args2, env);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('hypervisor-features.nix: was edited by hand');
    expect(readFileSync(target, 'utf8')).toBe(edited);
    const forced = await hv([...args2, '--force'], env);
    expect(forced.exitCode).toBe(0);
    expect(forced.stdout).toContain('Previous versions kept in');
    const backups = readdirSync(join(out, '.hv-backups'));
    expect(
      readFileSync(join(out, '.hv-backups', backups[0]!, 'hypervisor-features.nix'), 'utf8'),
    ).toBe(edited);
  });

  it('leaves whole files after kill -9 at random moments', async () => {
    const out = mkdtempSync(join(tmpdir(), 'hv-kill-'));
    const sets = ['beginner-minimal', 'expert-full'].map((n) => join(golden, n));
    let killed = 0;
    for (let round = 0; round < 12; round++) {
      const s = sets[round % 2]!;
      const child = execa(
        hvNode,
        [
          hvBin,
          'setup',
          '--answers',
          join(s, 'answers.json'),
          '--hardware',
          join(s, 'hardware.json'),
          '--non-interactive',
          '--out',
          out,
          '--force',
        ],
        { env: { ...process.env, ...env }, reject: false },
      );
      await new Promise((r) => setTimeout(r, 60 + ((round * 37) % 140)));
      if (child.kill('SIGKILL')) killed += 1;
      await child;
      for (const f of listFiles(out)) {
        // A temp file may be left by the kill; the real file next to it is whole.
        if (f.startsWith('.hv-backups/') || f.endsWith('.tmp')) continue;
        const text = readFileSync(join(out, f), 'utf8');
        if (f.endsWith('.json')) expect(() => JSON.parse(text), f).not.toThrow();
        else expect(ownership(text), f).not.toBe('not-ours');
      }
    }
    expect(killed).toBeGreaterThan(0);
    // The next complete run clears the temp files the killed ones left.
    const s = sets[0]!;
    const done = await hv(
      [
        'setup',
        '--answers',
        join(s, 'answers.json'),
        '--hardware',
        join(s, 'hardware.json'),
        '--non-interactive',
        '--out',
        out,
        '--force',
      ],
      env,
    );
    expect(done.exitCode).toBe(0);
    expect(listFiles(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(join(out, 'hv-answers.json'))).toBe(true);
  });
});
