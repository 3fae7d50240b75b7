// What the VM, network and pool commands share: opening the hypervisor for the
// chosen connection, running an operation through execute(), printing results
// (text or --json), and the typed confirmation for destructive commands.
import { createInterface } from 'node:readline/promises';
import { CompositeHypervisor } from '../../adapters/composite.js';
import { connect } from '../../adapters/connection.js';
import { touchDemo } from '../../adapters/demo.js';
import { HvError } from '../../base/errors.js';
import { commandLine } from '../../base/shell.js';
import { withSavedConnection } from '../../operations/connections.js';
import { operationContext } from '../../operations/context.js';
import { execute } from '../../operations/execute.js';
import type { OperationSpec } from '../../operations/types.js';
import type { CommandContext } from '../command-spec.js';
import { printJson } from '../output.js';

/** Opens the connection, runs fn, closes it (the native binding holds a socket). */
export async function withHypervisor<T>(
  ctx: CommandContext,
  fn: (hv: CompositeHypervisor) => Promise<T>,
): Promise<T> {
  const target = await connect(withSavedConnection(ctx.globals));
  if (target.kind === 'demo') touchDemo();
  const hv = await CompositeHypervisor.open(target.uri);
  try {
    return await fn(hv);
  } finally {
    await hv.close();
  }
}

/** Runs one operation through execute() and prints what happened. */
export async function runOperation<I, O>(
  ctx: CommandContext,
  spec: OperationSpec<I, O>,
  input: I,
  say: (out: O) => string,
  json: (out: O) => Record<string, unknown> = () => ({}),
): Promise<number> {
  return withHypervisor(ctx, async (hv) => {
    const out = await execute(spec, input, operationContext(hv));
    const commands = spec.commands(input, { uri: hv.uri }).map(commandLine);
    if (ctx.globals.json) {
      printJson({
        ok: true,
        operation: spec.id,
        target: spec.target(input),
        ...json(out),
        commands,
      });
    } else {
      process.stdout.write(`${say(out)}\n`);
    }
    return 0;
  });
}

export function str(ctx: CommandContext, key: string): string | undefined {
  const v = ctx.options[key];
  return typeof v === 'string' ? v : undefined;
}

export function flag(ctx: CommandContext, key: string): boolean {
  return ctx.options[key] === true;
}

export function positiveInt(text: string | undefined, what: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    throw new HvError('usage', `${what} must be a whole number above zero, got "${text}"`);
  }
  return n;
}

/**
 * Asks for the exact name before a destructive action. --yes skips it; without a
 * terminal (or with --json) --yes is required, so a script never blocks or
 * deletes by accident.
 */
export async function confirmByName(
  ctx: CommandContext,
  name: string,
  what: string,
): Promise<void> {
  if (flag(ctx, 'yes')) return;
  if (ctx.globals.json || !process.stdin.isTTY || !process.stderr.isTTY) {
    throw new HvError('usage', `${what} needs confirmation: add --yes`, {
      fix: 'without a terminal (or with --json) hv cannot ask, so pass --yes to confirm',
    });
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    process.stderr.write(`${what}. This cannot be undone.\n`);
    const answer = await rl.question(`Type the name to confirm (${name}): `);
    if (answer !== name) {
      throw new HvError('usage', 'the name did not match; nothing was changed');
    }
  } finally {
    rl.close();
  }
}
