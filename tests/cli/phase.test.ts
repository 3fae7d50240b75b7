// `hv phase` through the built binary: status, harden and unlock as root (the suite
// runs as root here), the same as a normal user (a test user: refused with
// the exact sudo command), the hardened phase refusing changes with exit 3, and
// the configuration folder regenerated for each phase.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hv, hvBin, hvNode, privateEnv, repoRoot, stopDemo } from '../helpers.js';
import { createTestUser, type TestUser } from '../other-user.js';

const root = process.getuid?.() === 0;
const golden = join(repoRoot, 'tests', 'golden', 'balanced-server');
const hardware = join(golden, 'hardware.json');

const auditLines = (env: { HV_AUDIT_LOG: string }) =>
  existsSync(env.HV_AUDIT_LOG)
    ? readFileSync(env.HV_AUDIT_LOG, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
    : [];

describe.runIf(root)('hv phase as root', () => {
  it('hardens and unlocks, regenerating the configuration folder and auditing each step', async () => {
    const env = privateEnv();
    const cfg = mkdtempSync(join(tmpdir(), 'hv-phase-cfg-'));
    const setup = await hv(
      [
        'setup',
        '--answers',
        join(golden, 'answers.json'),
        '--hardware',
        hardware,
        '--non-interactive',
        '--out',
        cfg,
      ],
      env,
    );
    expect(setup.exitCode, setup.stderr).toBe(0);
    const before = readFileSync(join(cfg, 'hypervisor-features.nix'), 'utf8');

    expect((await hv(['phase'], env)).stdout).toContain('Phase: setup');
    const h = await hv(['phase', 'harden', '--config', cfg, '--hardware', hardware], env);
    expect(h.exitCode, h.stderr).toBe(0);
    expect(h.stdout).toContain('phase is now hardened');
    expect(h.stdout).toContain(`To apply it now: nixos-rebuild switch --flake '${cfg}#rack-07'`);
    expect(readFileSync(join(cfg, 'hypervisor-features.nix'), 'utf8')).toContain(
      'the hardened phase locks it',
    );
    const status = JSON.parse((await hv(['phase', 'status', '--json'], env)).stdout);
    expect(status).toMatchObject({ phase: 'hardened', by: 'root', configDir: cfg });

    // System configuration is refused while hardened, naming the way out.
    const refused = await hv(['host', 'rollback', '--yes'], env);
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toContain('hardened phase');
    expect(refused.stderr).toContain('sudo hv phase unlock');

    // Without a terminal, unlocking needs --confirm with the word.
    const noWord = await hv(['phase', 'unlock'], env);
    expect(noWord.exitCode).toBe(2);
    expect(noWord.stderr).toContain('--confirm unlock');
    const wrong = await hv(['phase', 'unlock', '--confirm', 'yes'], env);
    expect(wrong.exitCode).toBe(2);
    expect(existsSync(join(env.HV_ROOT_DIR, '.phase-hardened'))).toBe(true);

    const u = await hv(
      ['phase', 'unlock', '--confirm', 'unlock', '--hardware', hardware, '--json'],
      env,
    );
    expect(u.exitCode, u.stderr).toBe(0);
    expect(JSON.parse(u.stdout)).toMatchObject({ ok: true, phase: 'setup', changed: true });
    expect(existsSync(join(env.HV_ROOT_DIR, '.phase-hardened'))).toBe(false);
    // Unlocking found the recorded folder and put back the setup-phase file, byte for byte.
    expect(readFileSync(join(cfg, 'hypervisor-features.nix'), 'utf8')).toBe(before);

    expect(auditLines(env).map((e) => `${e.operation} ${e.result}`)).toEqual([
      'phase.harden ok',
      'host.rollback refused',
      'phase.unlock failed',
      'phase.unlock failed',
      'phase.unlock ok',
    ]);
  });

  it('rejects bad arguments with exit 2 and changes nothing', async () => {
    const env = privateEnv();
    for (const args of [
      ['phase', 'sideways'],
      ['phase', 'harden', '--config'],
      ['phase', 'harden', '--colour', 'red'],
      ['phase', 'status', 'extra'],
    ]) {
      const r = await hv(args, env);
      expect(r.exitCode, args.join(' ')).toBe(2);
    }
    const missing = await hv(
      ['phase', 'harden', '--config', join(tmpdir(), 'no-such-hv-cfg')],
      env,
    );
    expect(missing.exitCode).toBe(4);
    expect(existsSync(join(env.HV_ROOT_DIR, '.phase-hardened'))).toBe(false);
  });
});

describe('hv phase as a normal user', () => {
  // A user of this file's own when the suite runs as root (tests/other-user.ts),
  // else the current normal user.
  let user: TestUser;
  beforeAll(async () => {
    user = await createTestUser('phase');
  }, 60_000);
  afterAll(() => user?.remove(), 60_000);

  it('refuses harden and unlock with the exact sudo command (exit 3), and audits the refusal', async () => {
    const dir = user.dir;
    const env = {
      HOME: dir,
      XDG_CONFIG_HOME: join(dir, 'config'),
      XDG_STATE_HOME: join(dir, 'state'),
      HV_ROOT_DIR: join(dir, 'etc'),
      HV_AUDIT_LOG: join(dir, 'log', 'audit.jsonl'),
    };
    user.mkdirs(join(dir, 'log'), env.XDG_STATE_HOME);
    const asUser = (args: string[]) => user.hv(args, env);

    const h = await asUser(['phase', 'harden']);
    expect(h.exitCode).toBe(3);
    expect(h.stderr).toContain('needs root');
    expect(h.stderr).toContain('fix: run: sudo hv phase harden');
    const u = await asUser(['phase', 'unlock', '--json']);
    expect(u.exitCode).toBe(3);
    expect(JSON.parse(u.stdout).error.fix).toBe('run: sudo hv phase unlock --json');
    expect(existsSync(env.HV_ROOT_DIR)).toBe(false);
    expect(auditLines(env).map((e) => `${e.operation} ${e.result}`)).toEqual([
      'phase.harden refused',
      'phase.unlock refused',
    ]);
    // Reading the phase needs no privilege.
    const s = await asUser(['phase', '--json']);
    expect(JSON.parse(s.stdout).phase).toBe('setup');
  });
});

describe.runIf(root)('the hardened phase through the CLI, on the demo hypervisor', () => {
  const env = privateEnv();
  afterAll(async () => {
    await stopDemo(env);
  });

  it('refuses vm create and vm delete with exit 3 and the unlock hint; start still works; unlock restores', async () => {
    expect((await hv(['phase', 'harden'], env)).exitCode).toBe(0);
    const create = await hv(
      ['vm', 'create', 'phase-test-vm', '--template', 'alpine', '--demo'],
      env,
    );
    expect(create.exitCode, create.stderr).toBe(3);
    expect(create.stderr).toContain('hardened phase');
    expect(create.stderr).toContain('sudo hv phase unlock');
    const del = await hv(['vm', 'delete', 'win-desktop', '--yes', '--demo', '--json'], env);
    expect(del.exitCode).toBe(3);
    expect(JSON.parse(del.stdout).error.fix).toContain('hv phase unlock');
    const list = JSON.parse((await hv(['vm', 'list', '--demo', '--json'], env)).stdout);
    expect(list.vms.map((v: { name: string }) => v.name)).toContain('win-desktop');
    const start = await hv(['vm', 'start', 'build-runner', '--demo'], env);
    expect(start.exitCode, start.stderr).toBe(0);

    expect((await hv(['phase', 'unlock', '--confirm', 'unlock'], env)).exitCode).toBe(0);
    const again = await hv(['vm', 'delete', 'win-desktop', '--yes', '--demo'], env);
    expect(again.exitCode, again.stderr).toBe(0);
    const audit = auditLines(env).map((e) => `${e.operation} ${e.target} ${e.result}`);
    expect(audit).toEqual(
      expect.arrayContaining([
        'vm.create phase-test-vm refused',
        'vm.delete win-desktop refused',
        'vm.start build-runner ok',
        'vm.delete win-desktop ok',
      ]),
    );
  });
});

describe.runIf(root)('unlocking on a terminal', () => {
  it('asks for the word and unlocks only when it is typed', async () => {
    const { Tmux } = await import('../e2e/tmux.js');
    const env = privateEnv();
    expect((await hv(['phase', 'harden'], env)).exitCode).toBe(0);
    const term = await Tmux.start({ command: [hvNode, hvBin, 'phase', 'unlock'], env });
    try {
      await term.waitFor('Type "unlock" to confirm:');
      await term.type('unlock');
      await term.keys('Enter');
      await term.waitFor('phase is now setup');
      expect(await term.waitForExit()).toBe(0);
    } finally {
      await term.kill();
    }
    expect(existsSync(join(env.HV_ROOT_DIR, '.phase-hardened'))).toBe(false);
    // A wrong word leaves it hardened (exit 2).
    expect((await hv(['phase', 'harden'], env)).exitCode).toBe(0);
    const t2 = await Tmux.start({ command: [hvNode, hvBin, 'phase', 'unlock'], env });
    try {
      await t2.waitFor('Type "unlock" to confirm:');
      await t2.type('yes');
      await t2.keys('Enter');
      expect(await t2.waitForExit()).toBe(2);
    } finally {
      await t2.kill();
    }
    expect(existsSync(join(env.HV_ROOT_DIR, '.phase-hardened'))).toBe(true);
  });
});
