// The built hv as scripts see it: no TTY, exit codes, --json.
import { afterAll, describe, expect, it } from 'vitest';
import { hv, hvNode, privateEnv, stopDemo } from '../helpers.js';

const env = privateEnv();
afterAll(async () => {
  await stopDemo(env);
});

describe('hv without a terminal', () => {
  it('prints help and exits 0', async () => {
    const r = await hv(['--help'], env);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Usage: hv [COMMAND] [OPTIONS]');
    expect(r.stdout).toContain('hv doctor');
    expect(r.stdout).toMatch(/Exit codes:[\s\S]*4 {2}not connected/);
  });

  it('prints the version', async () => {
    const r = await hv(['--version'], env);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^hv \d+\.\d+\.\d+$/);
    const j = await hv(['version', '--json'], env);
    expect(JSON.parse(j.stdout)).toMatchObject({ version: expect.any(String) });
  });

  it('gives per-command help', async () => {
    const r = await hv(['help', 'demo', 'start'], env);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Usage: hv demo start');
    const g = await hv(['demo', 'stop', '--help'], env);
    expect(g.stdout).toContain('Usage: hv demo stop');
  });

  it.each([
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['doctor', '--frob'], "Unknown option '--frob'"],
    [['demo'], '"hv demo" is not a command'],
    [['--connect', 'nonsense'], '--connect expects a libvirt URI'],
    [['version', 'extra'], 'unexpected argument "extra"'],
  ])('rejects %j with exit 2 and a fix', async (args, message) => {
    const r = await hv(args, env);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('fix:');
  });

  it('reports usage errors as JSON with --json', async () => {
    const r = await hv(['frobnicate', '--json'], env);
    expect(r.exitCode).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { kind: 'usage' } });
  });

  it('refuses the interactive console with exit 2 when there is no TTY', async () => {
    const r = await hv([], env);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('needs a terminal');
    expect(r.stderr).toContain('--plain');
    expect(r.stdout).toBe('');
  });

  it('runs doctor with a JSON report of every check', async () => {
    const r = await hv(['doctor', '--json'], env);
    const report = JSON.parse(r.stdout);
    const ids = report.checks.map((c: { id: string }) => c.id);
    expect(ids).toEqual(
      expect.arrayContaining(['node', 'virsh', 'libvirtd', 'binding', 'nix', 'terminal', 'groups']),
    );
    expect(r.exitCode).toBe(report.ok ? 0 : 1);
    const terminal = report.checks.find((c: { id: string }) => c.id === 'terminal');
    expect(terminal.summary).toContain('not a terminal');
  });

  it('starts the demo on demand and shares it with later commands', async () => {
    const before = JSON.parse((await hv(['demo', 'status', '--json'], env)).stdout);
    expect(before.running).toBe(false);
    const list = await hv(['vm', 'list', '--demo', '--json'], env);
    expect(list.exitCode).toBe(0);
    const { vms, uri } = JSON.parse(list.stdout);
    expect(uri).toContain('test+unix:///default?socket=');
    expect(vms.length).toBeGreaterThanOrEqual(8);
    const status = JSON.parse((await hv(['demo', 'status', '--json'], env)).stdout);
    expect(status).toMatchObject({ running: true, uri });
    const text = await hv(['vm', 'list', '--connect', uri], env);
    expect(text.stdout).toMatch(/^NAME\s+STATE\s+VCPUS\s+MEMORY\s+AUTOSTART$/m);
    expect(text.stdout).toContain('Ana\'s "lab" VM — café');
  });

  it('says which hypervisor is unreachable, with exit 4', async () => {
    const r = await hv(
      ['vm', 'list', '--connect', 'test+unix:///default?socket=/nonexistent/sock'],
      env,
    );
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain('cannot reach libvirt');
  });

  it('offers a line-by-line console with --plain, also from a pipe', async () => {
    const r = await hv(['--plain', '--demo'], env, '2\n7\n1\nq\n');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Connected to demo');
    expect(r.stdout).toContain('Main menu:');
    expect(r.stdout).toMatch(/web-01\s+running/);
    expect(r.stdout).toContain('"7" is not a choice');
    expect(r.stdout).toContain('The setup wizard needs the full-screen console');
    expect(r.stdout).toContain('Goodbye.');
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it('keeps a corrupt settings file aside and says so', async () => {
    const own = privateEnv();
    const { mkdirSync, writeFileSync, readdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    mkdirSync(join(own.XDG_CONFIG_HOME, 'hv'), { recursive: true });
    writeFileSync(join(own.XDG_CONFIG_HOME, 'hv', 'settings.json'), '{"version": 1, "exper');
    const r = await hv(['--plain', '--connect', 'test:///default'], { ...own }, 'q\n');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('settings file was unreadable');
    expect(readdirSync(join(own.XDG_CONFIG_HOME, 'hv')).some((f) => f.includes('.corrupt-'))).toBe(
      true,
    );
  });
});

describe('a reader that goes away', () => {
  it('`hv features list --json | head -c 0`: quiet exit, no stack trace', async () => {
    const { spawn } = await import('node:child_process');
    const { hvBin } = await import('../helpers.js');
    const child = spawn(hvNode, [hvBin, 'features', 'list', '--json'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    // Like `| head -c 0`: the reader has gone before hv writes anything.
    child.stdout.destroy();
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(stderr).not.toMatch(/EPIPE|at .*\(/);
    expect(code).toBe(0);
  });
});
