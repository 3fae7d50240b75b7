// The operations the VM area runs, by the names its screens use.
import { netAutostart, netStart, netStop } from '../../operations/net.js';
import { poolAutostart, poolStart, poolStop } from '../../operations/pool.js';
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
} from '../../operations/vm.js';
import { vmCreate } from '../../operations/vm-create.js';

export const specs = {
  ...vmLifecycle,
  autostart: vmAutostart,
  clone: vmClone,
  delete: vmDelete,
  snapshotCreate,
  snapshotRevert,
  snapshotDelete,
  backup: vmBackup,
  restoreBackup: vmRestoreBackup,
  migrate: vmMigrate,
  create: vmCreate,
  netStart,
  netStop,
  netAutostart,
  poolStart,
  poolStop,
  poolAutostart,
} as const;
