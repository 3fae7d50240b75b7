// Runs the VM area's actions through execute() (phase and privilege checks, the
// audit log, the session journal) and reports in the status line: busy while it
// runs, then what happened with the equivalent command, or what failed with the
// fix, or why it was refused. The live feed refreshes the list afterwards.
import { userInfo } from 'node:os';
import type { Hypervisor } from '../../adapters/hypervisor.js';
import { confirmDialog } from '../../base/dialog.js';
import { errorMessage, isHvError } from '../../base/errors.js';
import { commandLine } from '../../base/shell.js';
import { execute } from '../../operations/execute.js';
import type { OperationContext, OperationSpec } from '../../operations/types.js';
import { journal } from '../../state/journal.js';
import { ensureLiveFeed } from '../../state/vm-live.js';
import { type StatusLine, setStatus } from '../../state/vms.js';
import { type ScreenContext, type ScreenDef, screenBindings } from '../types.js';

let cachedUser: string | undefined;
function currentUser(): string {
  if (cachedUser === undefined) {
    try {
      cachedUser = userInfo().username;
    } catch {
      cachedUser = `uid ${process.getuid?.() ?? '?'}`;
    }
  }
  return cachedUser;
}

export function operationContext(ctx: ScreenContext, hv: Hypervisor): OperationContext {
  return {
    hypervisor: hv,
    uri: hv.uri,
    phase: ctx.stores.session.getState().phase,
    user: currentUser(),
    isRoot: process.getuid?.() === 0,
    env: process.env,
  };
}

/** The live feed of this console (started on first use). */
export const liveFeed = (ctx: ScreenContext) =>
  ensureLiveFeed({
    vms: ctx.stores.vms,
    session: ctx.stores.session,
    hypervisor: ctx.hypervisor,
  });

export type OpResult<O> = { ok: true; out: O } | { ok: false; status: StatusLine; error: unknown };

/** The status line for a failure: refusals say why, errors say what to do. */
export function failureStatus(spec: { id: string; title: string }, e: unknown): StatusLine {
  const last = journal.getState().entries.at(-1);
  const refused = last?.operation === spec.id && last.result === 'refused';
  return {
    kind: refused ? 'refused' : 'error',
    message: refused ? errorMessage(e) : `Could not ${spec.title}: ${errorMessage(e)}`,
    fix: isHvError(e) ? e.fix : undefined,
  };
}

/** Runs one operation without touching the status line. */
export async function runQuiet<I, O>(
  ctx: ScreenContext,
  spec: OperationSpec<I, O>,
  input: I,
): Promise<OpResult<O>> {
  const hv = ctx.hypervisor();
  if (!hv) {
    const message = 'Not connected to a hypervisor yet.';
    return { ok: false, status: { kind: 'error', message }, error: new Error(message) };
  }
  try {
    return { ok: true, out: await execute(spec, input, operationContext(ctx, hv)) };
  } catch (e) {
    return { ok: false, status: failureStatus(spec, e), error: e };
  }
}

const commandOf = <I>(ctx: ScreenContext, spec: OperationSpec<I, unknown>, input: I) => {
  const uri = ctx.hypervisor()?.uri ?? '';
  const cmds = spec.commands(input, { uri });
  return cmds.length > 0 ? cmds.map(commandLine).join(' && ') : undefined;
};

/** Runs one operation with busy / done / failed in the status line. */
export async function runOp<I, O>(
  ctx: ScreenContext,
  spec: OperationSpec<I, O>,
  input: I,
  texts: { busy: string; ok: (out: O) => string },
): Promise<OpResult<O>> {
  const vms = ctx.stores.vms;
  setStatus(vms, { kind: 'busy', message: texts.busy });
  const r = await runQuiet(ctx, spec, input);
  if (r.ok) {
    setStatus(vms, { kind: 'ok', message: texts.ok(r.out), command: commandOf(ctx, spec, input) });
  } else setStatus(vms, r.status);
  void liveFeed(ctx).refresh();
  return r;
}

export interface BulkOutcome {
  name: string;
  ok: boolean;
  message: string;
  /** Left alone: the action does not apply in its state (message says why). */
  skipped?: boolean;
}

/** "Started 3 of 5 VMs; 1 failed; 1 skipped." and one line per VM. */
export function bulkSummary(verb: string, outcomes: readonly BulkOutcome[]) {
  const ok = outcomes.filter((o) => o.ok).length;
  const skipped = outcomes.filter((o) => o.skipped).length;
  const failed = outcomes.length - ok - skipped;
  const head = `${verb} ${ok} of ${outcomes.length} ${outcomes.length === 1 ? 'VM' : 'VMs'}${failed ? `; ${failed} failed` : ''}${skipped ? `; ${skipped} skipped` : ''}.`;
  const lines = outcomes.map(
    (o) => `${o.ok ? '✓' : o.skipped ? '–' : '✕'} ${o.name}: ${o.message}`,
  );
  return { head, lines, failed, skipped };
}

/** A failure in a few words for one line of a summary (the VM's name is beside it). */
function shortFailure(name: string, r: { status: StatusLine; error: unknown }): string {
  if (r.status.kind === 'refused') return r.status.message;
  // libvirt's messages often start with the name again: "\"web-01\": Domain ...".
  const m = errorMessage(r.error);
  const quoted = `"${name}": `;
  return m.startsWith(quoted) ? m.slice(quoted.length) : m;
}

/**
 * Runs an operation on several VMs, a few at a time (libvirt serialises per VM,
 * not per host), then shows the summary: a status line, and a dialog listing
 * each VM's result when any failed or was left alone.
 */
export async function runBulk<I>(
  ctx: ScreenContext,
  spec: OperationSpec<I, unknown>,
  targets: readonly { name: string; input: I }[],
  texts: { busy: string; verb: string; done: string },
  skipped: readonly BulkOutcome[] = [],
): Promise<BulkOutcome[]> {
  const vms = ctx.stores.vms;
  if (targets.length > 0) {
    setStatus(vms, {
      kind: 'busy',
      message: `${texts.busy} ${targets.length} ${targets.length === 1 ? 'VM' : 'VMs'}…`,
    });
  }
  const done: BulkOutcome[] = new Array(targets.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < targets.length; i = next++) {
      const t = targets[i]!;
      const r = await runQuiet(ctx, spec, t.input);
      done[i] = r.ok
        ? { name: t.name, ok: true, message: texts.done }
        : { name: t.name, ok: false, message: shortFailure(t.name, r) };
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, targets.length) }, worker));
  const outcomes = [...done, ...skipped];
  const { head, lines, failed } = bulkSummary(texts.verb, outcomes);
  setStatus(vms, { kind: failed ? 'error' : 'ok', message: head });
  if (failed || skipped.length > 0) {
    ctx.stores.vmArea.dialog.setState({
      dialog: confirmDialog({ title: head, lines, yes: 'close', onYes: () => {} }),
    });
  }
  void liveFeed(ctx).refresh();
  return outcomes;
}

/**
 * ScreenDef.watch for the VM screens: their keys follow the VM's state, the
 * filter, the selection and open dialogs, and the footer shows the last
 * action's command, so App redraws the footer (and help) when those change,
 * not only on the next key.
 */
export function watchScreen(screen: () => ScreenDef) {
  return (ctx: ScreenContext, changed: () => void): (() => void) => {
    const sig = () =>
      `${screenBindings(screen(), ctx)
        .map((b) => `${b.action}:${b.label}:${b.hint ? 1 : 0}`)
        .join('|')}\n${screen().command?.(ctx) ?? ''}`;
    let last = sig();
    const check = () => {
      const now = sig();
      if (now !== last) {
        last = now;
        changed();
      }
    };
    const a = ctx.stores.vmArea;
    const unsubs = [
      ctx.stores.vms.subscribe(check),
      a.dialog.subscribe(check),
      a.detail.subscribe(check),
      a.create.subscribe(check),
      ctx.stores.connections.subscribe(check),
    ];
    return () => {
      for (const u of unsubs) u();
    };
  };
}
