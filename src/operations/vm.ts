// Every VM action as an OperationSpec: what it does (kind, for the hardened
// phase), its risk, whether it loses state, and the virsh command that does the
// same. Front ends run them with execute(); the work is the Hypervisor port's.
import type {
  BackupManifest,
  CloneResult,
  DomainRef,
  Progress,
  SnapshotInfo,
} from '../adapters/hypervisor.js';
import type { RiskLevel } from '../catalog/types.js';
import type { EquivalentCommand, OperationKind, OperationSpec } from './types.js';

export interface VmRef {
  name: DomainRef;
}

const virsh = (uri: string, ...args: string[]): EquivalentCommand => ({
  tool: 'virsh',
  args: ['-c', uri, ...args],
});

function simple<I extends VmRef>(
  def: {
    id: string;
    title: string;
    kind: OperationKind;
    risk: RiskLevel;
    destructive?: boolean;
    args: (i: I) => string[];
    auditArgs?: (i: I) => Record<string, unknown>;
  },
  run: OperationSpec<I, void>['run'],
): OperationSpec<I, void> {
  return {
    id: def.id,
    title: def.title,
    privilege: 'vm',
    kind: def.kind,
    risk: def.risk,
    destructive: def.destructive ?? false,
    audited: true,
    target: (i) => i.name,
    ...(def.auditArgs ? { auditArgs: def.auditArgs } : {}),
    commands: (i, c) => [virsh(c.uri, ...def.args(i))],
    run,
  };
}

export const vmStart = simple<VmRef>(
  {
    id: 'vm.start',
    title: 'start a VM',
    kind: 'lifecycle',
    risk: 'minimal',
    args: (i) => ['start', i.name],
  },
  (i, c) => c.hypervisor.start(i.name),
);

export const vmShutdown = simple<VmRef>(
  {
    id: 'vm.shutdown',
    title: 'shut down a VM',
    kind: 'lifecycle',
    risk: 'low',
    args: (i) => ['shutdown', i.name],
  },
  (i, c) => c.hypervisor.shutdown(i.name),
);

export const vmReboot = simple<VmRef>(
  {
    id: 'vm.reboot',
    title: 'reboot a VM',
    kind: 'lifecycle',
    risk: 'low',
    args: (i) => ['reboot', i.name],
  },
  (i, c) => c.hypervisor.reboot(i.name),
);

export const vmDestroy = simple<VmRef>(
  {
    id: 'vm.destroy',
    title: 'force off a VM',
    kind: 'lifecycle',
    risk: 'moderate',
    destructive: true,
    args: (i) => ['destroy', i.name],
  },
  (i, c) => c.hypervisor.destroy(i.name),
);

export const vmSuspend = simple<VmRef>(
  {
    id: 'vm.suspend',
    title: 'pause a VM',
    kind: 'lifecycle',
    risk: 'minimal',
    args: (i) => ['suspend', i.name],
  },
  (i, c) => c.hypervisor.suspend(i.name),
);

export const vmResume = simple<VmRef>(
  {
    id: 'vm.resume',
    title: 'resume a VM',
    kind: 'lifecycle',
    risk: 'minimal',
    args: (i) => ['resume', i.name],
  },
  (i, c) => c.hypervisor.resume(i.name),
);

export const vmSave = simple<VmRef>(
  {
    id: 'vm.save',
    title: "save a VM's memory and stop it",
    kind: 'lifecycle',
    risk: 'low',
    args: (i) => ['managedsave', i.name],
  },
  (i, c) => c.hypervisor.managedSave(i.name),
);

export const vmRestore = simple<VmRef>(
  {
    id: 'vm.restore',
    title: 'restore a saved VM',
    kind: 'lifecycle',
    risk: 'low',
    args: (i) => ['start', i.name],
  },
  (i, c) => c.hypervisor.restoreManagedSave(i.name),
);

export interface AutostartInput extends VmRef {
  on: boolean;
}
export const vmAutostart = simple<AutostartInput>(
  {
    id: 'vm.autostart',
    title: 'change whether a VM starts with the host',
    kind: 'modify',
    risk: 'low',
    args: (i) => ['autostart', i.name, ...(i.on ? [] : ['--disable'])],
    auditArgs: (i) => ({ on: i.on }),
  },
  (i, c) => c.hypervisor.setAutostart(i.name, i.on),
);

export interface DeleteInput extends VmRef {
  removeStorage: boolean;
}
export const vmDelete: OperationSpec<DeleteInput, { removedVolumes: string[] }> = {
  id: 'vm.delete',
  title: 'delete a VM',
  privilege: 'vm',
  kind: 'delete',
  risk: 'high',
  destructive: true,
  audited: true,
  target: (i) => i.name,
  auditArgs: (i) => ({ removeStorage: i.removeStorage }),
  commands: (i, c) => [
    virsh(
      c.uri,
      'undefine',
      i.name,
      '--managed-save',
      '--snapshots-metadata',
      ...(i.removeStorage ? ['--remove-all-storage'] : []),
    ),
  ],
  run: (i, c) => c.hypervisor.undefine(i.name, { removeStorage: i.removeStorage }),
};

export interface CloneInput extends VmRef {
  newName: string;
  pool?: string;
}
export const vmClone: OperationSpec<CloneInput, CloneResult> = {
  id: 'vm.clone',
  title: 'clone a VM',
  privilege: 'vm',
  kind: 'create',
  risk: 'low',
  destructive: false,
  audited: true,
  target: (i) => i.name,
  auditArgs: (i) => ({ newName: i.newName, ...(i.pool ? { pool: i.pool } : {}) }),
  commands: (i, c) => [
    virsh(c.uri, 'vol-clone', '--pool', i.pool ?? 'POOL', 'DISK', 'NEW-DISK'),
    virsh(c.uri, 'define', 'CLONE.xml'),
    { tool: 'hv', args: ['vm', 'clone', i.name, i.newName, ...(i.pool ? ['--pool', i.pool] : [])] },
  ],
  run: (i, c) => c.hypervisor.clone(i.name, i.newName, i.pool ? { pool: i.pool } : {}),
};

export interface SnapshotCreateInput extends VmRef {
  snapshot?: string;
  description?: string;
}
export const snapshotCreate: OperationSpec<SnapshotCreateInput, SnapshotInfo> = {
  id: 'vm.snapshot.create',
  title: 'take a snapshot of a VM',
  privilege: 'vm',
  kind: 'create',
  risk: 'low',
  destructive: false,
  audited: true,
  target: (i) => i.name,
  auditArgs: (i) => (i.snapshot ? { snapshot: i.snapshot } : {}),
  commands: (i, c) => [
    virsh(
      c.uri,
      'snapshot-create-as',
      i.name,
      ...(i.snapshot ? ['--name', i.snapshot] : []),
      ...(i.description ? ['--description', i.description] : []),
    ),
  ],
  run: (i, c) =>
    c.hypervisor.createSnapshot(i.name, {
      ...(i.snapshot ? { name: i.snapshot } : {}),
      ...(i.description ? { description: i.description } : {}),
    }),
};

export interface SnapshotRef extends VmRef {
  snapshot: string;
}
export const snapshotRevert = simple<SnapshotRef>(
  {
    id: 'vm.snapshot.revert',
    title: 'revert a VM to a snapshot',
    kind: 'modify',
    risk: 'moderate',
    destructive: true,
    args: (i) => ['snapshot-revert', i.name, i.snapshot],
    auditArgs: (i) => ({ snapshot: i.snapshot }),
  },
  (i, c) => c.hypervisor.revertSnapshot(i.name, i.snapshot),
);

export interface SnapshotDeleteInput extends SnapshotRef {
  children?: boolean;
}
export const snapshotDelete = simple<SnapshotDeleteInput>(
  {
    id: 'vm.snapshot.delete',
    title: 'delete a snapshot',
    kind: 'delete',
    risk: 'moderate',
    destructive: true,
    args: (i) => ['snapshot-delete', i.name, i.snapshot, ...(i.children ? ['--children'] : [])],
    auditArgs: (i) => ({ snapshot: i.snapshot, children: i.children === true }),
  },
  (i, c) => c.hypervisor.deleteSnapshot(i.name, i.snapshot, { children: i.children === true }),
);

export interface BackupInput extends VmRef {
  dir: string;
  onProgress?: (p: Progress) => void;
}
export const vmBackup: OperationSpec<BackupInput, BackupManifest> = {
  id: 'vm.backup',
  title: 'back up a VM',
  privilege: 'vm',
  kind: 'backup',
  risk: 'minimal',
  destructive: false,
  audited: true,
  target: (i) => i.name,
  auditArgs: (i) => ({ dir: i.dir }),
  commands: (i, c) => [
    virsh(c.uri, 'dumpxml', i.name),
    virsh(c.uri, 'backup-begin', i.name, '--backupxml', 'BACKUP.xml'),
    { tool: 'hv', args: ['vm', 'backup', i.name, i.dir] },
  ],
  run: (i, c) =>
    c.hypervisor.backup(i.name, i.dir, {
      ...(i.onProgress ? { onProgress: i.onProgress } : {}),
      ...(c.signal ? { signal: c.signal } : {}),
    }),
};

export interface RestoreBackupInput {
  dir: string;
  newName?: string;
  pool?: string;
}
export const vmRestoreBackup: OperationSpec<RestoreBackupInput, { name: string; uuid: string }> = {
  id: 'vm.restore-backup',
  title: 'restore a VM from a backup',
  privilege: 'vm',
  kind: 'create',
  risk: 'low',
  destructive: false,
  audited: true,
  target: (i) => i.newName ?? i.dir,
  auditArgs: (i) => ({ dir: i.dir, ...(i.pool ? { pool: i.pool } : {}) }),
  commands: (i, c) => [
    virsh(c.uri, 'vol-upload', '--pool', i.pool ?? 'POOL', 'DISK', `${i.dir}/DISK`),
    virsh(c.uri, 'define', `${i.dir}/domain.xml`),
    {
      tool: 'hv',
      args: [
        'vm',
        'restore',
        '--from',
        i.dir,
        ...(i.newName ? ['--name', i.newName] : []),
        ...(i.pool ? ['--pool', i.pool] : []),
      ],
    },
  ],
  run: (i, c) =>
    c.hypervisor.restoreBackup(i.dir, {
      ...(i.newName ? { newName: i.newName } : {}),
      ...(i.pool ? { pool: i.pool } : {}),
    }),
};

export interface MigrateInput extends VmRef {
  to: string;
  live?: boolean;
  onProgress?: (p: Progress) => void;
}
export const vmMigrate: OperationSpec<MigrateInput, void> = {
  id: 'vm.migrate',
  title: 'migrate a VM to another host',
  privilege: 'vm',
  kind: 'modify',
  risk: 'moderate',
  destructive: false,
  audited: true,
  target: (i) => i.name,
  auditArgs: (i) => ({ to: i.to, live: i.live !== false }),
  commands: (i, c) => [
    virsh(
      c.uri,
      'migrate',
      ...(i.live === false ? [] : ['--live']),
      '--persistent',
      '--verbose',
      i.name,
      i.to,
    ),
  ],
  run: (i, c) =>
    c.hypervisor.migrate(i.name, i.to, {
      live: i.live !== false,
      persistent: true,
      ...(i.onProgress ? { onProgress: i.onProgress } : {}),
      ...(c.signal ? { signal: c.signal } : {}),
    }),
};

/** The lifecycle actions by their short names (bulk actions, CLI words). */
export const vmLifecycle = {
  start: vmStart,
  shutdown: vmShutdown,
  reboot: vmReboot,
  destroy: vmDestroy,
  suspend: vmSuspend,
  resume: vmResume,
  save: vmSave,
  restore: vmRestore,
} as const;
export type LifecycleAction = keyof typeof vmLifecycle;
