// Every state-changing (and every privileged) action hv can take, as data. The
// console, the CLI and the lessons all go through `execute()` (execute.ts), so
// the phase and privilege checks, the audit log and "show me the command" live
// in one place and cannot be skipped by one front end.
import type { Hypervisor } from '../adapters/hypervisor.js';
import type { Phase } from '../base/phase.js';
import type { EquivalentCommand } from '../base/shell.js';
import type { RiskLevel } from '../catalog/types.js';

/** vm: libvirt access through the libvirtd group, never root. system: needs root. */
export type Privilege = 'vm' | 'system';

/**
 * What an operation does, which decides what the hardened phase allows (seed 000:
 * hardened keeps start, stop, pause, console, backup and viewing; refuses create,
 * delete, modify and system configuration).
 */
export type OperationKind =
  | 'view'
  | 'lifecycle'
  | 'console'
  | 'backup'
  | 'create'
  | 'delete'
  | 'modify'
  | 'system-config'
  // Changing the phase itself (harden, unlock): allowed in both phases, root only.
  | 'phase';

export type { EquivalentCommand } from '../base/shell.js';

export interface OperationContext {
  hypervisor: Hypervisor;
  /** The libvirt URI acted on (for the audit log and the equivalent virsh command). */
  uri: string;
  phase: Phase;
  /** The login name of the person acting. */
  user: string;
  isRoot: boolean;
  env: Record<string, string | undefined>;
  signal?: AbortSignal;
}

export interface OperationSpec<I, O> {
  /** Stable id, e.g. "vm.start", "net.autostart", "host.rollback". */
  id: string;
  /** Plain words for messages: "start a VM". */
  title: string;
  privilege: Privilege;
  kind: OperationKind;
  risk: RiskLevel;
  /** Loses data or state that cannot be got back (delete, force off, revert). */
  destructive: boolean;
  /** Appended to the audit log (allowed or refused). View operations are not. */
  audited: boolean;
  /** What it acts on, for the audit log and messages: a VM, network or pool name. */
  target(input: I): string;
  /** The arguments as recorded in the audit log: never secrets. */
  auditArgs?(input: I): Record<string, unknown>;
  /** The equivalent commands, in order, for the journal and the lessons. */
  commands(input: I, ctx: Pick<OperationContext, 'uri'>): EquivalentCommand[];
  run(input: I, ctx: OperationContext): Promise<O>;
}
