// The one door every operation goes through: phase and privilege checks, the run,
// the audit entry (allowed, refused or failed) and the session journal.
import { HvError } from '../base/errors.js';
import { appendAudit } from '../security/audit.js';
import { currentPhase } from '../security/phase.js';
import { refusalFor } from '../security/policy.js';
import { announceOperation } from './records.js';
import type { OperationContext, OperationSpec } from './types.js';

export interface ExecuteOptions {
  /** The exact `sudo hv ...` line to suggest when a normal user runs a system operation. */
  sudoCommand?: string;
  /** Tests and the demo's lessons may keep the user's audit log clean. */
  audit?: boolean;
}

export async function execute<I, O>(
  spec: OperationSpec<I, O>,
  input: I,
  ctx: OperationContext,
  opts: ExecuteOptions = {},
): Promise<O> {
  const started = Date.now();
  const target = spec.target(input);
  const commands = spec.commands(input, ctx);
  const record = (result: 'ok' | 'refused' | 'failed', message?: string) => {
    announceOperation({
      time: started,
      operation: spec.id,
      title: spec.title,
      target,
      commands,
      result,
    });
    if (spec.audited && opts.audit !== false) {
      appendAudit(
        {
          time: new Date(started).toISOString(),
          user: ctx.user,
          uri: ctx.uri,
          operation: spec.id,
          target,
          args: spec.auditArgs?.(input) ?? {},
          result,
          ...(message === undefined ? {} : { message }),
          durationMs: Date.now() - started,
        },
        ctx.env,
      );
    }
  };

  // The marker is read again here: a console opened before `hv phase harden` ran in
  // another shell must not keep the permissive phase it started with.
  const phase =
    ctx.phase === 'hardened' || currentPhase(ctx.env as NodeJS.ProcessEnv) === 'hardened'
      ? 'hardened'
      : 'setup';
  const refusal = refusalFor(spec, {
    phase,
    isRoot: ctx.isRoot,
    ...(opts.sudoCommand === undefined ? {} : { sudoCommand: opts.sudoCommand }),
  });
  if (refusal) {
    record('refused', refusal.message);
    throw new HvError('permission', refusal.message, { fix: refusal.fix });
  }
  try {
    const out = await spec.run(input, ctx);
    record('ok');
    return out;
  } catch (e) {
    record('failed', e instanceof Error ? e.message : String(e));
    throw e;
  }
}
