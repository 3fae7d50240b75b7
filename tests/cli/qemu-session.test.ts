// A real QEMU guest on qemu:///session, driven by hv as an unprivileged user
// (a user of its own through setpriv when the suite runs as root). The guest is tiny: an
// empty 64 MiB disk and 128 MiB of RAM; SeaBIOS finds nothing to boot and waits,
// which is enough for QEMU to run it. Covers create from a template into a pool,
// start, a backup while it runs (libvirt's backup job) and one while it is off,
// restore under a new name, clone, force off and delete with storage.
import {
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser } from '../other-user.js';

// A user of this file's own when the suite runs as root (tests/other-user.ts); its
// session libvirtd and guests end with it.
const user = await createTestUser('qemu');
const root = user.isOther;
const dir = user.dir;
const env = {
  HOME: join(dir, 'home'),
  XDG_RUNTIME_DIR: join(dir, 'run'),
  XDG_CONFIG_HOME: join(dir, 'config'),
  XDG_STATE_HOME: join(dir, 'state'),
  HV_ROOT_DIR: join(dir, 'etc'),
  HV_AUDIT_LOG: join(dir, 'audit.jsonl'),
};
const pool = join(dir, 'pool');
user.mkdirs(env.HOME, env.XDG_RUNTIME_DIR, env.XDG_CONFIG_HOME, env.XDG_STATE_HOME, pool);
const uri = 'qemu:///session';

const virsh = (...args: string[]) =>
  user.run('virsh', ['-c', uri, ...args], env, { timeout: 60_000 });
const hv = (...args: string[]) => user.hv([...args, '--connect', uri], env, { timeout: 60_000 });
const hvJson = async (...args: string[]) => {
  const r = await hv(...args, '--json');
  return { code: r.exitCode, out: JSON.parse(r.stdout || '{}'), stderr: r.stderr };
};
const state = async (name: string) =>
  (await hvJson('vm', 'list')).out.vms?.find((v: { name: string }) => v.name === name)?.state;

const name = "tiny 'guest' — é";
const unreadable = 'unreadable disk';

/** A minimal domain XML file with one raw disk at `disk` (readable by the session user). */
function domainFile(vm: string, disk: string): string {
  const file = join(dir, `${vm.replace(/\W/g, '-')}.xml`);
  writeFileSync(
    file,
    `<domain type='qemu'><name>${vm}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os><devices><disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='${disk}'/><target dev='vda' bus='virtio'/></disk></devices></domain>`,
    { mode: 0o644 },
  );
  return file;
}

beforeAll(async () => {
  const def = await virsh('pool-define-as', 'hvtest', 'dir', '--target', pool);
  expect(def.stderr).toBe('');
  expect((await virsh('pool-start', 'hvtest')).exitCode).toBe(0);
}, 60_000);

afterAll(async () => {
  for (const n of [name, 'restored copy', 'tiny clone', unreadable]) {
    await virsh('destroy', n);
    await virsh('undefine', n, '--remove-all-storage');
  }
  await virsh('pool-destroy', 'hvtest');
  await virsh('pool-undefine', 'hvtest');
  await user.remove();
}, 60_000);

describe('a real QEMU guest on qemu:///session as a normal user', () => {
  it('is created from a template, started, backed up, restored, cloned, stopped and deleted', async () => {
    const made = await hvJson(
      'vm',
      'create',
      name,
      '--template',
      'alpine',
      '--memory',
      '128M',
      '--disk',
      '64M',
      '--pool',
      'hvtest',
      '--network',
      'none',
    );
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.out.vm.path.startsWith(pool)).toBe(true);

    const info = (await hvJson('vm', 'info', name)).out.vm;
    expect(info).toMatchObject({ name, vcpus: 1, memoryKiB: 128 * 1024, state: 'shut off' });
    expect(['kvm', 'qemu']).toContain(info.domainType);

    expect((await hv('vm', 'start', name)).exitCode).toBe(0);
    expect(await state(name)).toBe('running');

    // Running: libvirt's backup job gives a point-in-time copy.
    const live = await hvJson('vm', 'backup', name, join(dir, 'backup-live'));
    expect(live.stderr).toBe('');
    expect(live.out.backup).toMatchObject({ method: 'backup-job', domain: name });
    expect(live.out.backup.disks[0]).toMatchObject({
      target: 'vda',
      pool: 'hvtest',
      capacityBytes: 64 * 1024 ** 2,
    });
    expect(existsSync(join(dir, 'backup-live', 'vda.qcow2'))).toBe(true);
    expect(readFileSync(join(dir, 'backup-live', 'domain.xml'), 'utf8')).toContain(
      '<name>tiny &apos;guest&apos; — é</name>',
    );
    const notEmpty = await hv('vm', 'backup', name, join(dir, 'backup-live'));
    expect(notEmpty.exitCode).toBe(2);

    // The job itself fails (QEMU may not write there): libvirt's reason, exit 3,
    // and the directory is left as it was (empty).
    const locked = join(dir, 'backup-locked');
    mkdirSync(locked, { mode: 0o555 });
    if (root) chownSync(locked, 0, 0);
    const refused = await hvJson('vm', 'backup', name, locked);
    expect(refused.code).toBe(3);
    expect(refused.out.error.kind).toBe('permission');
    expect(refused.out.error.message).toMatch(
      /^cannot back up "tiny 'guest' — é" while it runs: failed to create image file '.*\/backup-locked\/vda.qcow2': Permission denied$/,
    );
    expect(refused.out.error.fix).toContain(`make the folder ${locked} writable`);
    expect(readdirSync(locked)).toEqual([]);

    expect((await hv('vm', 'destroy', name)).exitCode).toBe(0);
    expect(await state(name)).toBe('shut off');

    // Shut off: copied through libvirt's storage API.
    const off = await hvJson('vm', 'backup', name, join(dir, 'backup-off'));
    expect(off.out.backup.method).toBe('offline-copy');

    // A disk outside any pool that this user cannot read: refused with the file
    // named, and the backup directory hv had made is gone again.
    const secret = join(dir, 'secret.img');
    writeFileSync(secret, Buffer.alloc(1024 * 1024), { mode: root ? 0o600 : 0o000 });
    const bad = await virsh('define', '--file', domainFile(unreadable, secret));
    expect(bad.exitCode).toBe(0);
    const partial = await hvJson('vm', 'backup', unreadable, join(dir, 'backup-bad'));
    expect(partial.code).toBe(3);
    expect(partial.out.error.message).toBe(`cannot read ${secret} (disk vda)`);
    expect(existsSync(join(dir, 'backup-bad'))).toBe(false);

    // Restoring under the same name is refused while it exists; a new name works.
    const same = await hv('vm', 'restore', '--from', join(dir, 'backup-live'));
    expect(same.exitCode).toBe(1);
    expect(same.stderr).toContain('exists already');
    const restored = await hvJson(
      'vm',
      'restore',
      '--from',
      join(dir, 'backup-live'),
      '--name',
      'restored copy',
    );
    expect(restored.code).toBe(0);
    const ri = (await hvJson('vm', 'info', 'restored copy')).out.vm;
    expect(ri.uuid).not.toBe(info.uuid);
    expect(ri.disks[0].source).toContain(pool);
    expect(ri.disks[0].source).not.toBe(info.disks[0].source);
    expect((await hv('vm', 'start', 'restored copy')).exitCode).toBe(0);
    expect(await state('restored copy')).toBe('running');
    expect((await hv('vm', 'destroy', 'restored copy')).exitCode).toBe(0);

    const cloned = await hvJson('vm', 'clone', name, 'tiny clone');
    expect(cloned.code).toBe(0);
    expect(cloned.out.clone.volumes[0]).toMatch(/^hvtest\//);

    for (const n of [name, 'restored copy', 'tiny clone']) {
      const del = await hvJson('vm', 'delete', n, '--remove-storage', '--yes');
      expect(del.code).toBe(0);
      expect(del.out.removedVolumes).toHaveLength(1);
    }
    const vols = (await hvJson('pool', 'volumes', 'hvtest')).out.volumes;
    expect(vols).toEqual([]);
  }, 120_000);
});
