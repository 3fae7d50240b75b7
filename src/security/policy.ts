// Which operations each phase allows, and what a normal user may do. Pure: the
// executor (operations/execute.ts) asks; screens ask too, to grey out actions.
import type { OperationKind, OperationSpec } from '../operations/types.js';
import type { Phase } from './phase.js';

/** Seed 000: hardened keeps running VMs manageable and refuses changes. */
const hardenedAllows: ReadonlySet<OperationKind> = new Set([
  'view',
  'lifecycle',
  'console',
  'backup',
  // Unlocking must stay possible once hardened (root only: phase operations are system).
  'phase',
]);

export function allowedInPhase(kind: OperationKind, phase: Phase): boolean {
  return phase === 'setup' || hardenedAllows.has(kind);
}

export type Refusal =
  | { reason: 'phase'; message: string; fix: string }
  | { reason: 'privilege'; message: string; fix: string };

/** Why this operation may not run here, or undefined when it may. */
export function refusalFor(
  spec: Pick<OperationSpec<unknown, unknown>, 'kind' | 'privilege' | 'title'>,
  ctx: { phase: Phase; isRoot: boolean; sudoCommand?: string },
): Refusal | undefined {
  if (!allowedInPhase(spec.kind, ctx.phase)) {
    return {
      reason: 'phase',
      message: `cannot ${spec.title}: this host is in the hardened phase, which allows only starting, stopping, pausing, consoles, backups and viewing`,
      fix: 'to change it, unlock it first: `sudo hv phase unlock` (you will be asked to type the word to confirm), then harden it again when done',
    };
  }
  if (spec.privilege === 'system' && !ctx.isRoot) {
    return {
      reason: 'privilege',
      message: `${spec.title} changes the system, so it needs root; hv never runs sudo by itself`,
      fix: ctx.sudoCommand ? `run: ${ctx.sudoCommand}` : 'run the same hv command with sudo',
    };
  }
  return undefined;
}
