// Storage pool actions as OperationSpecs: start/stop are lifecycle, autostart is
// a change to the host's configuration (modify).
import { type NamedAutostart, type NamedInput, namedSpec } from './net.js';

export const poolStart = namedSpec<NamedInput>({
  id: 'pool.start',
  title: 'start a storage pool',
  kind: 'lifecycle',
  risk: 'low',
  args: (i) => ['pool-start', i.name],
  run: (i, c) => c.hypervisor.startPool(i.name),
});

export const poolStop = namedSpec<NamedInput>({
  id: 'pool.stop',
  title: 'stop a storage pool',
  kind: 'lifecycle',
  risk: 'moderate',
  args: (i) => ['pool-destroy', i.name],
  run: (i, c) => c.hypervisor.stopPool(i.name),
});

export const poolAutostart = namedSpec<NamedAutostart>({
  id: 'pool.autostart',
  title: 'change whether a storage pool starts with the host',
  kind: 'modify',
  risk: 'low',
  args: (i) => ['pool-autostart', i.name, ...(i.on ? [] : ['--disable'])],
  auditArgs: (i) => ({ on: i.on }),
  run: (i, c) => c.hypervisor.setPoolAutostart(i.name, i.on),
});
