// Network actions as OperationSpecs (see vm.ts for the pattern).
// Starting or stopping one is lifecycle (the hardened phase allows it, as it
// allows starting VMs); autostart changes the host's configuration: modify.
import type { RiskLevel } from '../catalog/types.js';
import type { OperationKind, OperationSpec } from './types.js';

export interface NamedInput {
  name: string;
}
export interface NamedAutostart extends NamedInput {
  on: boolean;
}

/** One virsh command on a named network or pool. */
export function namedSpec<I extends NamedInput>(def: {
  id: string;
  title: string;
  kind: OperationKind;
  risk: RiskLevel;
  destructive?: boolean;
  args: (i: I) => string[];
  run: OperationSpec<I, void>['run'];
  auditArgs?: (i: I) => Record<string, unknown>;
}): OperationSpec<I, void> {
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
    commands: (i, c) => [{ tool: 'virsh', args: ['-c', c.uri, ...def.args(i)] }],
    run: def.run,
  };
}

export const netStart = namedSpec<NamedInput>({
  id: 'net.start',
  title: 'start a network',
  kind: 'lifecycle',
  risk: 'low',
  args: (i) => ['net-start', i.name],
  run: (i, c) => c.hypervisor.startNetwork(i.name),
});

export const netStop = namedSpec<NamedInput>({
  id: 'net.stop',
  title: 'stop a network',
  kind: 'lifecycle',
  risk: 'moderate',
  // Running VMs on it lose their network until it is started again.
  destructive: true,
  args: (i) => ['net-destroy', i.name],
  run: (i, c) => c.hypervisor.stopNetwork(i.name),
});

export const netAutostart = namedSpec<NamedAutostart>({
  id: 'net.autostart',
  title: 'change whether a network starts with the host',
  kind: 'modify',
  risk: 'low',
  args: (i) => ['net-autostart', i.name, ...(i.on ? [] : ['--disable'])],
  auditArgs: (i) => ({ on: i.on }),
  run: (i, c) => c.hypervisor.setNetworkAutostart(i.name, i.on),
});
