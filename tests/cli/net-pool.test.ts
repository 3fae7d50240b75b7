// hv net / hv pool / hv connections against the real demo daemon.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hv, type PrivateEnv, privateEnv, stopDemo } from '../helpers.js';

const env: PrivateEnv = privateEnv();
const run = (...args: string[]) => hv([...args, '--demo'], env);
const json = async (...args: string[]) => {
  const r = await hv([...args, '--demo', '--json'], env);
  return { code: r.exitCode, out: JSON.parse(r.stdout || '{}') };
};
const net = async (name: string) =>
  (await json('net', 'list')).out.networks.find((n: { name: string }) => n.name === name);
const pool = async (name: string) =>
  (await json('pool', 'list')).out.pools.find((p: { name: string }) => p.name === name);

beforeAll(async () => {
  expect((await hv(['demo', 'start'], env)).exitCode).toBe(0);
}, 30_000);
afterAll(() => stopDemo(env));

describe('hv net (demo)', () => {
  it('lists networks with state, autostart, forward mode and bridge', async () => {
    const { out } = await json('net', 'list');
    expect(out.networks).toEqual([
      expect.objectContaining({
        name: 'default',
        active: true,
        autostart: false,
        forward: 'nat',
        bridge: 'virbr0',
      }),
      expect.objectContaining({ name: 'lab-isolated', active: true, autostart: true }),
    ]);
    expect(out.networks[1].forward).toBeUndefined();
    const text = await run('net', 'list');
    expect(text.stdout).toMatch(/lab-isolated\s+active\s+yes\s+isolated/);
  });

  it('stops, starts and toggles autostart; unknown networks are exit 4', async () => {
    expect((await run('net', 'stop', 'default')).exitCode).toBe(0);
    expect((await net('default')).active).toBe(false);
    expect((await run('net', 'start', 'default')).exitCode).toBe(0);
    expect((await net('default')).active).toBe(true);
    const again = await run('net', 'start', 'default');
    expect(again.exitCode).toBe(1);
    // virsh's generic first line and its reason, both.
    expect(again.stderr).toContain(
      "hv: Failed to start network default: Network 'default' is already running",
    );
    expect((await run('net', 'autostart', 'default')).exitCode).toBe(0);
    expect((await net('default')).autostart).toBe(true);
    const off = await json('net', 'autostart', 'default', '--disable');
    expect(off.out).toMatchObject({ ok: true, operation: 'net.autostart', autostart: false });
    expect(off.out.commands[0]).toMatch(/net-autostart default --disable$/);
    const missing = await run('net', 'start', 'no-such-net');
    expect(missing.exitCode).toBe(4);
    expect(missing.stderr).toContain("no network with matching name 'no-such-net'");
    expect(missing.stderr).toContain('fix: list the networks with `hv net list`');
  });
});

describe('hv pool (demo)', () => {
  it('lists pools with capacity, allocation and free space, and their volumes', async () => {
    const p = await pool('default-pool');
    expect(p).toMatchObject({
      state: 'running',
      active: true,
      type: 'dir',
      path: '/default-pool',
      volumeCount: 10,
    });
    expect(p.capacityBytes).toBe(100 * 1024 ** 3);
    expect(p.allocationBytes + p.availableBytes).toBe(p.capacityBytes);
    const text = await run('pool', 'list');
    expect(text.stdout).toMatch(
      /default-pool\s+running\s+no\s+dir\s+100\.0 GiB\s+91\.0 GiB\s+9\.0 GiB\s+91%/,
    );
    const vols = (await json('pool', 'volumes', 'iso-library')).out.volumes;
    expect(vols.map((v: { name: string }) => v.name)).toEqual([
      'alpine-virt-3.20.3-x86_64.iso',
      'debian-12.7.0-amd64-netinst.iso',
      'nixos-minimal-24.11-x86_64.iso',
    ]);
    expect(vols[0]).toMatchObject({
      pool: 'iso-library',
      path: '/iso-library/alpine-virt-3.20.3-x86_64.iso',
      capacityBytes: 60 * 1024 ** 2,
    });
  });

  it('stops, starts and toggles autostart; volumes of a stopped or unknown pool fail clearly', async () => {
    expect((await run('pool', 'stop', 'iso-library')).exitCode).toBe(0);
    expect((await pool('iso-library')).active).toBe(false);
    const stopped = await run('pool', 'volumes', 'iso-library');
    expect(stopped.exitCode).toBe(1);
    expect(stopped.stderr).toContain('is not running');
    expect((await run('pool', 'start', 'iso-library')).exitCode).toBe(0);
    const again = await json('pool', 'start', 'iso-library');
    expect(again.code).toBe(1);
    expect(again.out.error).toMatchObject({
      kind: 'invalid-state',
      message: "Failed to start pool iso-library: storage pool 'iso-library' is active",
    });
    expect((await run('pool', 'autostart', 'default-pool')).exitCode).toBe(0);
    expect((await pool('default-pool')).autostart).toBe(true);
    expect((await run('pool', 'autostart', 'default-pool', '--disable')).exitCode).toBe(0);
    expect((await pool('default-pool')).autostart).toBe(false);
    const missing = await run('pool', 'volumes', 'no-such-pool');
    expect(missing.exitCode).toBe(4);
    expect(missing.stderr).toContain('no storage pool named "no-such-pool"');
  });
});

describe('hv connections', () => {
  it('lists the built-in connections with status, adds, uses and removes one', async () => {
    const c = (args: string[]) => hv(['connections', ...args], env);
    const listed = JSON.parse((await c(['list', '--json'])).stdout).connections;
    expect(listed.map((x: { name: string }) => x.name)).toEqual(['system', 'session', 'demo']);
    expect(listed.find((x: { name: string }) => x.name === 'demo').status).toBe('ok');

    expect((await c(['add', 'rack-07', 'qemu+ssh://nobody@rack-07.invalid/system'])).exitCode).toBe(
      0,
    );
    const dup = await c(['add', 'rack-07', 'qemu:///system']);
    expect(dup.exitCode).toBe(2);
    const bad = await c(['add', 'x', 'not a uri']);
    expect(bad.exitCode).toBe(2);

    const after = JSON.parse((await c(['list', '--json'])).stdout).connections;
    const rack = after.find((x: { name: string }) => x.name === 'rack-07');
    expect(rack).toMatchObject({ uri: 'qemu+ssh://nobody@rack-07.invalid/system', builtIn: false });
    expect(rack.status).not.toBe('ok');

    // `use demo`: later commands without --demo/--connect go to the demo.
    expect((await c(['use', 'demo'])).exitCode).toBe(0);
    const plain = await hv(['vm', 'list', '--json'], { ...env, LIBVIRT_DEFAULT_URI: '' });
    expect(plain.exitCode).toBe(0);
    expect(JSON.parse(plain.stdout).uri).toContain('test+unix');
    const marked = JSON.parse((await c(['list', '--json'])).stdout).connections;
    expect(marked.find((x: { current: boolean }) => x.current).name).toBe('demo');

    expect((await c(['remove', 'rack-07'])).exitCode).toBe(0);
    expect((await c(['remove', 'rack-07'])).exitCode).toBe(4);
    expect((await c(['remove', 'system'])).exitCode).toBe(2);
    expect((await c(['use', 'nowhere'])).exitCode).toBe(4);
  });
});
