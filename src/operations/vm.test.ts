import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { partialHypervisor } from '../adapters/hypervisor-fake.js';
import { commandLine } from '../base/shell.js';
import { allowedInPhase } from '../security/policy.js';
import { execute } from './execute.js';
import { netAutostart, netStart, netStop } from './net.js';
import { poolAutostart, poolStart, poolStop } from './pool.js';
import type { OperationContext } from './types.js';
import {
  snapshotCreate,
  snapshotDelete,
  snapshotRevert,
  vmAutostart,
  vmBackup,
  vmClone,
  vmDelete,
  vmLifecycle,
  vmMigrate,
  vmRestoreBackup,
} from './vm.js';
import { choosePool, vmCreate } from './vm-create.js';

const uri = 'qemu:///system';

describe('VM operation specs', () => {
  it('declare the kinds the hardened policy decides on', () => {
    const kinds = Object.fromEntries(
      [
        ...Object.values(vmLifecycle),
        vmAutostart,
        vmDelete,
        vmClone,
        vmCreate,
        snapshotCreate,
        snapshotRevert,
        snapshotDelete,
        vmBackup,
        vmRestoreBackup,
        vmMigrate,
        netStart,
        netStop,
        netAutostart,
        poolStart,
        poolStop,
        poolAutostart,
      ].map((s) => [s.id, s.kind]),
    );
    expect(kinds).toEqual({
      'vm.start': 'lifecycle',
      'vm.shutdown': 'lifecycle',
      'vm.reboot': 'lifecycle',
      'vm.destroy': 'lifecycle',
      'vm.suspend': 'lifecycle',
      'vm.resume': 'lifecycle',
      'vm.save': 'lifecycle',
      'vm.restore': 'lifecycle',
      'vm.autostart': 'modify',
      'vm.delete': 'delete',
      'vm.clone': 'create',
      'vm.create': 'create',
      'vm.snapshot.create': 'create',
      'vm.snapshot.revert': 'modify',
      'vm.snapshot.delete': 'delete',
      'vm.backup': 'backup',
      'vm.restore-backup': 'create',
      'vm.migrate': 'modify',
      'net.start': 'lifecycle',
      'net.stop': 'lifecycle',
      'net.autostart': 'modify',
      'pool.start': 'lifecycle',
      'pool.stop': 'lifecycle',
      'pool.autostart': 'modify',
    });
    expect(allowedInPhase(vmLifecycle.destroy.kind, 'hardened')).toBe(true);
    expect(allowedInPhase(vmBackup.kind, 'hardened')).toBe(true);
    expect(allowedInPhase(vmDelete.kind, 'hardened')).toBe(false);
    for (const s of [vmDelete, vmLifecycle.destroy, snapshotRevert, snapshotDelete]) {
      expect(s.destructive, s.id).toBe(true);
      expect(s.privilege).toBe('vm');
    }
  });

  it('know their equivalent virsh commands, quoted for display', () => {
    const name = 'Ana\'s "lab" VM';
    expect(vmLifecycle.destroy.commands({ name }, { uri }).map(commandLine)).toEqual([
      `virsh -c qemu:///system destroy 'Ana'\\''s "lab" VM'`,
    ]);
    expect(vmDelete.commands({ name: 'a', removeStorage: true }, { uri }).map(commandLine)).toEqual(
      [
        'virsh -c qemu:///system undefine a --managed-save --snapshots-metadata --remove-all-storage',
      ],
    );
    // The hv line is a command that exists: `hv vm restore --from DIR`.
    expect(
      vmRestoreBackup
        .commands({ dir: '/b/x', newName: 'y', pool: 'p' }, { uri })
        .map(commandLine)
        .at(-1),
    ).toBe('hv vm restore --from /b/x --name y --pool p');
    expect(
      vmMigrate.commands({ name: 'a', to: 'qemu+ssh://b/system' }, { uri }).map(commandLine),
    ).toEqual([
      'virsh -c qemu:///system migrate --live --persistent --verbose a qemu+ssh://b/system',
    ]);
    expect(vmAutostart.commands({ name: 'a', on: false }, { uri }).map(commandLine)).toEqual([
      'virsh -c qemu:///system autostart a --disable',
    ]);
    expect(netStop.commands({ name: 'default' }, { uri }).map(commandLine)).toEqual([
      'virsh -c qemu:///system net-destroy default',
    ]);
    const create = vmCreate
      .commands({ name: 'web 1', template: 'alpine', pool: 'tank' }, { uri })
      .map(commandLine);
    expect(create[0]).toBe(
      'virsh -c qemu:///system vol-create-as tank web-1-1va1r.qcow2 5368709120b --format qcow2',
    );
  });

  it('run through execute(): the hardened phase refuses delete but allows lifecycle', async () => {
    const calls: string[] = [];
    const hv = partialHypervisor(uri, {
      undefine: async (d) => {
        calls.push(`undefine ${d}`);
        return { removedVolumes: [] };
      },
      start: async (d) => {
        calls.push(`start ${d}`);
      },
    });
    const ctx: OperationContext = {
      hypervisor: hv,
      uri,
      phase: 'hardened',
      user: 'ada',
      isRoot: false,
      env: { HV_AUDIT_LOG: join(mkdtempSync(join(tmpdir(), 'hv-op-')), 'audit.jsonl') },
    };
    await expect(execute(vmDelete, { name: 'x', removeStorage: false }, ctx)).rejects.toMatchObject(
      {
        kind: 'permission',
        message: expect.stringContaining('hardened phase'),
      },
    );
    await execute(vmLifecycle.start, { name: 'x' }, ctx);
    expect(calls).toEqual(['start x']);
  });
});

describe('choosePool', () => {
  const pool = (name: string, active: boolean) => ({
    name,
    uuid: name,
    state: active ? ('running' as const) : ('inactive' as const),
    active,
    autostart: false,
    persistent: true,
    type: 'dir',
    capacityBytes: 0,
    allocationBytes: 0,
    availableBytes: 0,
  });
  it('prefers "default", then the first running pool, and explains refusals', () => {
    expect(choosePool([pool('a', true), pool('default', true)], undefined).name).toBe('default');
    expect(choosePool([pool('default', false), pool('b', true)], undefined).name).toBe('b');
    expect(() => choosePool([pool('a', false)], undefined)).toThrow(/no running storage pool/);
    expect(() => choosePool([pool('a', true)], 'zz')).toThrow(/no storage pool named "zz"/);
    expect(() => choosePool([pool('a', false)], 'a')).toThrow(/not running/);
  });
});
