// hv vm ... against the real demo daemon (libvirt's test driver): lifecycle,
// snapshots, create from a template into a pool, clone, delete with storage,
// the refusals the test driver forces (backup, migrate), the hardened phase, and
// names with quotes, non-ASCII and 64+ characters everywhere.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tmux } from '../e2e/tmux.js';
import { hv, hvBin, hvNode, type PrivateEnv, privateEnv, stopDemo } from '../helpers.js';
import { createTestUser } from '../other-user.js';

const env: PrivateEnv = privateEnv();
const odd = 'Ana\'s "lab" VM — café';
const long = 'backup-target-with-a-rather-long-name-that-goes-past-sixty-four-characters';

const run = (...args: string[]) => hv([...args, '--demo'], env);
const json = async (...args: string[]) => {
  const r = await hv([...args, '--demo', '--json'], env);
  return { code: r.exitCode, out: JSON.parse(r.stdout || '{}'), stderr: r.stderr };
};
/**
 * `hv vm list` on a libvirt socket this user may not open: as root, hv runs as a
 * user of this file's own (tests/other-user.ts) against the demo's socket;
 * otherwise the socket is one of ours, mode 000.
 */
async function listWithoutAccess(demoUri: string) {
  const user = await createTestUser('vmops');
  const home = user.dir;
  const env = { HOME: home, XDG_CONFIG_HOME: home, XDG_STATE_HOME: home };
  let server: Server | undefined;
  try {
    if (user.isOther) return await user.hv(['vm', 'list', '--connect', demoUri], env);
    const sock = join(home, 'locked.sock');
    server = createServer();
    await new Promise<void>((r) => server!.listen(sock, r));
    chmodSync(sock, 0);
    return await user.hv(['vm', 'list', '--connect', `test+unix:///default?socket=${sock}`], env);
  } finally {
    server?.close();
    await user.remove();
  }
}
const vmByName = async (name: string) =>
  (await json('vm', 'list')).out.vms.find((v: { name: string }) => v.name === name);

beforeAll(async () => {
  const r = await hv(['demo', 'start'], env);
  expect(r.exitCode).toBe(0);
}, 30_000);
afterAll(() => stopDemo(env));

describe('hv vm (demo)', () => {
  it('lists and shows VMs with odd and long names; an unknown VM is exit 4', async () => {
    const list = await json('vm', 'list');
    expect(list.code).toBe(0);
    const names = list.out.vms.map((v: { name: string }) => v.name);
    expect(names).toEqual(expect.arrayContaining([odd, long, 'web-01']));

    const info = await json('vm', 'info', odd);
    expect(info.code).toBe(0);
    expect(info.out.vm).toMatchObject({ name: odd, state: 'shut off', vcpus: 1 });
    expect(info.out.vm.disks[0]).toMatchObject({
      target: 'vda',
      source: '/default-pool/vm-08.qcow2',
    });
    expect(info.out.vm.nics[0]).toMatchObject({ type: 'network', source: 'lab-isolated' });

    const text = await run('vm', 'info', long);
    expect(text.stdout).toContain(`Name:       ${long}`);
    const xml = await run('vm', 'info', odd, '--xml');
    expect(xml.stdout).toContain('<name>Ana&apos;s &quot;lab&quot; VM — café</name>');

    const missing = await run('vm', 'info', 'no-such-vm');
    expect(missing.exitCode).toBe(4);
    expect(missing.stderr).toContain('no VM named "no-such-vm"');
    expect(missing.stderr).toContain('hv vm list');
    const missingJson = await json('vm', 'start', 'no-such-vm');
    expect(missingJson.code).toBe(4);
    expect(missingJson.out.error.kind).toBe('not-found');
  });

  it('says why libvirt refused, with the documented exit codes', async () => {
    // Wrong state (exit 1): hv's words, the VM's name and libvirt's reason.
    const running = await run('vm', 'start', 'db-primary');
    expect(running.exitCode).toBe(1);
    expect(running.stderr).toMatch(/^hv: cannot start "db-primary": .*already (active|running)\n/i);
    expect(running.stderr).toContain('fix: check its state with `hv vm list`');
    const notPaused = await json('vm', 'resume', 'db-primary');
    expect(notPaused.code).toBe(1);
    expect(notPaused.out.error).toMatchObject({ kind: 'invalid-state' });
    expect(notPaused.out.error.message).toMatch(/^cannot resume "db-primary": .*not paused$/);
    const offSave = await json('vm', 'save', 'build-runner');
    expect(offSave.code).toBe(1);
    expect(offSave.out.error.message).toBe('cannot save "build-runner": domain is not running');
    expect(offSave.out.error.detail).toContain("Failed to save domain 'build-runner' state");

    // Not connected (exit 4): the socket libvirt could not reach, and what to do.
    const sock = join(env.HOME, 'no-such.sock');
    const gone = await hv(['vm', 'list', '--connect', `test+unix:///default?socket=${sock}`], env);
    expect(gone.exitCode).toBe(4);
    expect(gone.stderr).toContain(
      `Failed to connect socket to '${sock}': No such file or directory`,
    );
    expect(gone.stderr).toContain('fix: start the demo with `hv demo start`');

    // Permission (exit 3): a libvirt socket this user may not open; the fix is never sudo.
    const uri = JSON.parse((await hv(['demo', 'status', '--json'], env)).stdout).uri as string;
    const denied = await listWithoutAccess(uri);
    expect(denied.exitCode).toBe(3);
    expect(denied.stderr).toMatch(
      /^hv: libvirt at .* refused access: Failed to connect socket to '.*': Permission denied\n/,
    );
    expect(denied.stderr).toContain('fix: ');
    expect(denied.stderr).not.toMatch(/\bsudo\s+\w/);
  });

  it('runs the lifecycle and reports wrong states', async () => {
    expect((await run('vm', 'suspend', 'web-01')).exitCode).toBe(0);
    expect((await vmByName('web-01')).state).toBe('paused');
    expect((await run('vm', 'resume', 'web-01')).exitCode).toBe(0);
    expect((await run('vm', 'reboot', 'web-01')).exitCode).toBe(0);
    const destroyed = await json('vm', 'destroy', 'web-01');
    expect(destroyed.out).toMatchObject({ ok: true, operation: 'vm.destroy', target: 'web-01' });
    expect(destroyed.out.commands[0]).toMatch(/^virsh -c '.*' destroy web-01$/);
    expect((await vmByName('web-01')).state).toBe('shut off');

    const again = await run('vm', 'destroy', 'web-01');
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('"web-01"');

    expect((await run('vm', 'start', odd)).exitCode).toBe(0);
    expect((await vmByName(odd)).state).toBe('running');
    expect((await run('vm', 'shutdown', odd)).exitCode).toBe(0);
    expect((await vmByName(odd)).state).toBe('shut off');

    // Managed save and restore.
    expect((await run('vm', 'save', 'web-02')).exitCode).toBe(0);
    expect(await vmByName('web-02')).toMatchObject({ state: 'shut off', hasManagedSave: true });
    expect((await run('vm', 'restore', 'web-02')).exitCode).toBe(0);
    expect(await vmByName('web-02')).toMatchObject({ state: 'running', hasManagedSave: false });
    const noSave = await run('vm', 'restore', 'web-02');
    expect(noSave.exitCode).toBe(1);
    expect(noSave.stderr).toContain('no saved state');
  });

  it('acts on several VMs with a summary and the first failure as exit code', async () => {
    const r = await json('vm', 'start', 'web-01', 'no-such-vm', long);
    expect(r.code).toBe(4);
    expect(r.out.results.map((x: { name: string; ok: boolean }) => [x.name, x.ok])).toEqual([
      ['web-01', true],
      ['no-such-vm', false],
      [long, true],
    ]);
    const text = await run('vm', 'destroy', 'web-01', long);
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toContain('2 of 2 VMs was forced off');
  });

  it('turns autostart on and off', async () => {
    expect((await run('vm', 'autostart', odd)).exitCode).toBe(0);
    expect((await vmByName(odd)).autostart).toBe(true);
    expect((await run('vm', 'autostart', odd, '--disable')).exitCode).toBe(0);
    expect((await vmByName(odd)).autostart).toBe(false);
  });

  it('creates, lists as a tree, reverts and deletes snapshots', async () => {
    const snap = 'before "upgrade" — ü';
    const made = await json(
      'vm',
      'snapshot',
      'create',
      odd,
      snap,
      '--description',
      'a <note> & more',
    );
    expect(made.code).toBe(0);
    expect(made.out.snapshot).toMatchObject({
      name: snap,
      current: true,
      description: 'a <note> & more',
    });

    const list = await json('vm', 'snapshot', 'list', 'build-runner');
    expect(list.out.tree).toHaveLength(1);
    expect(list.out.tree[0].name).toBe('clean-install');
    expect(list.out.tree[0].children[0]).toMatchObject({
      name: 'with-toolchains',
      parent: 'clean-install',
      depth: 1,
    });

    const text = await run('vm', 'snapshot', 'list', 'build-runner');
    expect(text.stdout).toMatch(/clean-install.*\n└─ with-toolchains {2}\(current\)/);

    const noYes = await run('vm', 'snapshot', 'revert', 'build-runner', 'clean-install');
    expect(noYes.exitCode).toBe(2);
    expect(
      (await run('vm', 'snapshot', 'revert', 'build-runner', 'clean-install', '--yes')).exitCode,
    ).toBe(0);
    const after = await json('vm', 'snapshot', 'list', 'build-runner');
    expect(after.out.snapshots.find((s: { current: boolean }) => s.current).name).toBe(
      'clean-install',
    );

    expect((await run('vm', 'snapshot', 'delete', odd, snap)).exitCode).toBe(0);
    const gone = await run('vm', 'snapshot', 'delete', odd, snap);
    expect(gone.exitCode).toBe(4);
    expect(gone.stderr).toContain('has no snapshot named');
  });

  it('creates a VM from a template into a pool, clones it and deletes both with their storage', async () => {
    const name = `Zoë's "new" <vm> & co ${'y'.repeat(60)}`;
    const made = await json(
      'vm',
      'create',
      name,
      '--template',
      'windows-10',
      '--disk',
      '2G',
      '--memory',
      '3G',
      '--vcpus',
      '3',
      '--pool',
      'iso-library',
      '--network',
      'lab-isolated',
    );
    expect(made.code).toBe(0);
    expect(made.out.vm).toMatchObject({ name, pool: 'iso-library', network: 'lab-isolated' });
    const info = (await json('vm', 'info', name)).out.vm;
    expect(info).toMatchObject({ name, vcpus: 3, memoryKiB: 3 * 1024 * 1024, firmware: 'efi' });
    expect(info.disks[0].source).toBe(made.out.vm.path);
    expect(info.nics[0]).toMatchObject({ source: 'lab-isolated', model: 'e1000e' });
    const vols = (await json('pool', 'volumes', 'iso-library')).out.volumes;
    expect(vols.find((v: { name: string }) => v.name === made.out.vm.volume).capacityBytes).toBe(
      2 * 1024 ** 3,
    );

    const dup = await run('vm', 'create', name, '--template', 'alpine', '--pool', 'iso-library');
    expect(dup.exitCode).toBe(2);
    expect(dup.stderr).toContain('already exists');
    const full = await run(
      'vm',
      'create',
      'too-big',
      '--template',
      'debian-12',
      '--pool',
      'default-pool',
    );
    expect(full.exitCode).toBe(1);
    expect(full.stderr).toContain('too little free space');
    expect(await vmByName('too-big')).toBeUndefined();
    const badTemplate = await run('vm', 'create', 'x', '--template', 'debian-11');
    expect(badTemplate.exitCode).toBe(2);
    expect(badTemplate.stderr).toContain('debian-12');

    const cloneName = `clone of ${name}`;
    const cloned = await json('vm', 'clone', name, cloneName);
    expect(cloned.code).toBe(0);
    expect(cloned.out.clone.volumes).toHaveLength(1);
    const ci = (await json('vm', 'info', cloneName)).out.vm;
    expect(ci.uuid).not.toBe(info.uuid);
    expect(ci.disks[0].source).not.toBe(info.disks[0].source);

    // No terminal and no --yes: refused, nothing deleted.
    const refused = await run('vm', 'delete', cloneName, '--remove-storage');
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('--yes');
    expect(await vmByName(cloneName)).toBeDefined();

    for (const n of [cloneName, name]) {
      const del = await json('vm', 'delete', n, '--remove-storage', '--yes');
      expect(del.code).toBe(0);
      expect(del.out.removedVolumes).toHaveLength(1);
      expect(await vmByName(n)).toBeUndefined();
    }
    const left = (await json('pool', 'volumes', 'iso-library')).out.volumes.map(
      (v: { name: string }) => v.name,
    );
    expect(left).not.toContain(made.out.vm.volume);
  });

  it('refuses to delete a running VM, keeps disks without --remove-storage', async () => {
    const running = await run('vm', 'delete', 'web-02', '--yes');
    expect(running.exitCode).toBe(1);
    expect(running.stderr).toContain('while it is running');
    const kept = await json('vm', 'delete', 'win-desktop', '--yes');
    expect(kept.out.removedVolumes).toEqual([]);
    const vols = (await json('pool', 'volumes', 'default-pool')).out.volumes.map(
      (v: { name: string }) => v.name,
    );
    expect(vols).toContain('vm-07.qcow2');
  });

  it('says clearly why the demo cannot back up or migrate', async () => {
    const dir = join(env.HOME, 'backups', 'web-01');
    // Running: neither disk contents nor a backup job; shut off: no disk contents.
    const b = await json('vm', 'backup', 'web-02', dir);
    expect(b.code).toBe(1);
    expect(b.out.error).toMatchObject({ kind: 'unsupported' });
    expect(b.out.error.message).toBe(
      `cannot back up "web-02": the demo runs libvirt's test driver, whose disks have no contents to copy and which has no backup job for a running VM`,
    );
    expect(b.out.error.fix).toContain('--connect qemu:///session');
    const off = await run('vm', 'backup', 'build-runner', dir);
    expect(off.exitCode).toBe(1);
    expect(off.stderr).toContain(
      `hv: cannot back up "build-runner": the demo runs libvirt's test driver, whose disks have no contents to copy\n`,
    );
    // Refused before anything was written.
    expect(existsSync(dir)).toBe(false);
    const r = await run('vm', 'restore', '--from', join(env.HOME, 'nothing-here'));
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain('holds no hv backup');

    const m = await json('vm', 'migrate', 'web-02', '--to', 'test:///default');
    expect(m.code).toBe(1);
    expect(m.out.error.kind).toBe('unsupported');
    expect(m.out.error.message).toContain(
      'the test driver cannot migrate "web-02" to test:///default, so nothing was moved',
    );
    expect(m.out.error.fix).toContain('QEMU/KVM on both hosts');

    // A destination that does not answer is named as the destination.
    const gone = `test+unix:///default?socket=${join(env.HOME, 'no-such.sock')}`;
    const d = await json('vm', 'migrate', 'web-02', '--to', gone);
    expect(d.code).toBe(4);
    expect(d.out.error.message).toContain(`the destination ${gone} does not answer`);
  });

  it('refuses create/delete/modify in the hardened phase but still starts VMs', async () => {
    mkdirSync(env.HV_ROOT_DIR, { recursive: true });
    writeFileSync(join(env.HV_ROOT_DIR, '.phase-hardened'), '');
    try {
      const c = await run(
        'vm',
        'create',
        'hardened-vm',
        '--template',
        'alpine',
        '--pool',
        'iso-library',
      );
      expect(c.exitCode).toBe(3);
      expect(c.stderr).toContain('hardened phase');
      expect(await vmByName('hardened-vm')).toBeUndefined();
      expect((await run('vm', 'autostart', 'web-02')).exitCode).toBe(3);
      expect((await run('vm', 'start', 'build-runner')).exitCode).toBe(0);
    } finally {
      const { rmSync } = await import('node:fs');
      rmSync(join(env.HV_ROOT_DIR, '.phase-hardened'));
    }
    const audit = readFileSync(env.HV_AUDIT_LOG, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          operation: 'vm.create',
          target: 'hardened-vm',
          result: 'refused',
        }),
        expect.objectContaining({ operation: 'vm.start', target: 'build-runner', result: 'ok' }),
      ]),
    );
  });

  it('on a terminal, deletes only after the VM name is typed', async () => {
    const name = 'Ana\'s "lab" VM — café';
    const open = () =>
      Tmux.start({ command: [hvNode, hvBin, 'vm', 'delete', name, '--demo'], env });
    const wrong = await open();
    try {
      await wrong.waitFor('Type the name to confirm');
      await wrong.type('web-01');
      await wrong.keys('Enter');
      expect(await wrong.waitForExit()).toBe(2);
      expect(await wrong.screen()).toContain('did not match; nothing was changed');
    } finally {
      await wrong.kill();
    }
    expect(await vmByName(name)).toBeDefined();
    const right = await open();
    try {
      await right.waitFor('Type the name to confirm');
      await right.type(name);
      await right.keys('Enter');
      expect(await right.waitForExit()).toBe(0);
    } finally {
      await right.kill();
    }
    expect(await vmByName(name)).toBeUndefined();
  });

  it('lists the templates', async () => {
    const t = await hv(['vm', 'templates', '--json'], env);
    const ids = JSON.parse(t.stdout).templates.map((x: { id: string }) => x.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'debian-12',
        'ubuntu-server-24.04',
        'alpine',
        'fedora',
        'nixos',
        'windows-10',
        'windows-server-2022',
      ]),
    );
  });
});
