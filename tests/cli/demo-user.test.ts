// The demo hypervisor for a normal (non-root) user. When the suite runs as root,
// hv itself is run as `nobody` with setpriv, so this path is exercised too.
import { chownSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { hvBin } from '../helpers.js';

const root = process.getuid?.() === 0;
const dir = mkdtempSync(join(tmpdir(), 'hvu-'));
const env = {
  HOME: join(dir, 'home'),
  XDG_CONFIG_HOME: join(dir, 'config'),
  XDG_STATE_HOME: join(dir, 'state'),
  HV_DEMO_DIR: join(dir, 'demo'),
  PATH: process.env.PATH ?? '/usr/bin:/bin',
};
for (const d of [env.HOME, env.XDG_CONFIG_HOME, env.XDG_STATE_HOME])
  mkdirSync(d, { recursive: true });
if (root) {
  // nobody/nogroup: 65534 on Debian.
  for (const d of [dir, env.HOME, env.XDG_CONFIG_HOME, env.XDG_STATE_HOME])
    chownSync(d, 65534, 65534);
}

function asUser(args: string[]) {
  const argv = [process.execPath, hvBin, ...args];
  const [cmd, ...rest] = root
    ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...argv]
    : argv;
  return execa(cmd!, rest, {
    env,
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
    timeout: 30_000,
  });
}

afterAll(async () => {
  await asUser(['demo', 'stop']);
});

describe('demo hypervisor as a normal user', () => {
  it('starts as that user, lists its VMs, and stops', async () => {
    const start = await asUser(['demo', 'start', '--json']);
    expect(start.stderr).toBe('');
    expect(start.exitCode).toBe(0);
    const status = JSON.parse(start.stdout);
    expect(status.running).toBe(true);
    expect(status.state.runsAs).not.toBe('root');

    const list = await asUser(['vm', 'list', '--demo', '--json']);
    expect(list.exitCode).toBe(0);
    expect(JSON.parse(list.stdout).vms.length).toBeGreaterThanOrEqual(8);

    const stop = await asUser(['demo', 'stop', '--json']);
    expect(JSON.parse(stop.stdout)).toEqual({ ok: true, wasRunning: true });
  });
});
