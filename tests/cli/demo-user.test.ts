// The demo hypervisor for a normal (non-root) user. When the suite runs as root,
// hv itself runs as a user of this file's own (tests/other-user.ts), from a copy
// of hv that user can read, so this path is exercised too.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hv as hvHere, privateEnv, repoRoot } from '../helpers.js';
import { createTestUser } from '../other-user.js';

const user = await createTestUser('demo');
const env = {
  HOME: join(user.dir, 'home'),
  XDG_CONFIG_HOME: join(user.dir, 'config'),
  XDG_STATE_HOME: join(user.dir, 'state'),
  HV_DEMO_DIR: join(user.dir, 'demo'),
};
user.mkdirs(env.HOME, env.XDG_CONFIG_HOME, env.XDG_STATE_HOME);
const asUser = (args: string[]) => user.hv(args, env);

afterAll(async () => {
  await asUser(['demo', 'stop']);
  await user.remove();
});

describe('demo hypervisor as a normal user', () => {
  it('starts as that user, lists its VMs, and stops', async () => {
    const start = await asUser(['demo', 'start', '--json']);
    expect(start.stderr).toBe('');
    expect(start.exitCode).toBe(0);
    const status = JSON.parse(start.stdout);
    expect(status.running).toBe(true);
    expect(status.state.runsAs).not.toBe('root');
    if (user.isOther) expect([user.name, String(user.uid)]).toContain(status.state.runsAs);

    const list = await asUser(['vm', 'list', '--demo', '--json']);
    expect(list.exitCode).toBe(0);
    expect(JSON.parse(list.stdout).vms.length).toBeGreaterThanOrEqual(8);

    const stop = await asUser(['demo', 'stop', '--json']);
    expect(JSON.parse(stop.stdout)).toEqual({ ok: true, wasRunning: true });
  });

  it('works when started from a folder its user cannot enter', async () => {
    // hv's children (virsh, the demo's libvirtd) inherit its working folder; they
    // must not fail to start because that folder is closed to hv's user.
    const closed = join(user.dir, 'closed');
    const script = [
      "const fs = require('node:fs');",
      'const [hvBin, dir] = process.argv.slice(1);',
      'fs.mkdirSync(dir);',
      'process.chdir(dir);',
      'fs.chmodSync(dir, 0);',
      "const r = require('node:child_process').spawnSync(process.execPath, [hvBin, 'vm', 'list', '--demo', '--json'], { encoding: 'utf8' });",
      'fs.chmodSync(dir, 0o700);',
      'process.stdout.write(r.stdout);',
      'process.stderr.write(r.stderr);',
      'process.exit(r.status ?? 1);',
    ].join('\n');
    const r = await user.run(user.node, ['-e', script, user.hvBin, closed], env);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).vms.length).toBeGreaterThanOrEqual(8);
  });

  it('finds everything hv reads at run time where it runs from', async () => {
    // The native binding (outside the bundle, in node_modules) loads or not
    // exactly as from the checkout, and the version comes from package.json.
    const checks = (r: { stdout: string }) =>
      Object.fromEntries(
        JSON.parse(r.stdout).checks.map((c: { id: string; summary: string }) => [c.id, c.summary]),
      );
    const doctorTheirs = checks(await asUser(['doctor', '--json']));
    const doctorOurs = checks(await hvHere(['doctor', '--json'], privateEnv()));
    expect(doctorTheirs.binding).toBe(doctorOurs.binding);
    expect(doctorTheirs.node).toBe(doctorOurs.node);
    const v = await asUser(['version', '--json']);
    expect(JSON.parse(v.stdout)).toEqual(
      JSON.parse((await hvHere(['version', '--json'], {})).stdout),
    );
    // The setup pipeline copies nix-templates/ from hv's folder: the same files
    // as from the checkout.
    const golden = join(repoRoot, 'tests', 'golden', 'balanced-server');
    for (const f of ['answers.json', 'hardware.json'])
      copyFileSync(join(golden, f), join(user.dir, f));
    const setup = (dir: string, out: string) => [
      'setup',
      '--answers',
      join(dir, 'answers.json'),
      '--hardware',
      join(dir, 'hardware.json'),
      '--non-interactive',
      '--dry-run',
      '--out',
      out,
      '--json',
    ];
    const files = (r: { stdout: string }) =>
      JSON.parse(r.stdout).files.map((f: { path: string }) => f.path);
    const theirs = await asUser(setup(user.dir, join(user.dir, 'out')));
    expect(theirs.stderr).toBe('');
    expect(files(theirs)).toContain('modules/hypervisor/modules/core.nix');
    const here = privateEnv();
    const ours = await hvHere(setup(golden, join(here.HOME, 'out')), here);
    expect(files(theirs)).toEqual(files(ours));
  });
});
