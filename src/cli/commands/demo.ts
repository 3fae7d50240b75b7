import { demoStatus, startDemo, stopDemo } from '../../adapters/demo.js';
import type { CommandContext } from '../command-spec.js';
import { printJson } from '../output.js';

export async function start(ctx: CommandContext): Promise<number> {
  const { status, started } = await startDemo();
  if (ctx.globals.json) printJson({ ok: true, started, ...status });
  else {
    process.stdout.write(
      `${started ? 'Demo hypervisor started' : 'Demo hypervisor already running'}.\n` +
        `  URI: ${status.uri}\n` +
        `  Try: hv --demo   or   virsh -c '${status.uri}' list --all\n` +
        `  It stops after ${status.stopsAfterIdleSeconds}s without use, or with: hv demo stop\n`,
    );
  }
  return 0;
}

export async function stop(ctx: CommandContext): Promise<number> {
  const wasRunning = await stopDemo();
  if (ctx.globals.json) printJson({ ok: true, wasRunning });
  else
    process.stdout.write(
      wasRunning ? 'Demo hypervisor stopped.\n' : 'The demo hypervisor was not running.\n',
    );
  return 0;
}

export async function status(ctx: CommandContext): Promise<number> {
  const s = demoStatus();
  if (ctx.globals.json) printJson(s);
  else if (s.running) {
    process.stdout.write(
      `Demo hypervisor: running (since ${s.state?.startedAt}, as ${s.state?.runsAs})\n` +
        `  URI: ${s.uri}\n` +
        `  Idle for ${s.idleSeconds ?? 0}s; stops after ${s.stopsAfterIdleSeconds}s idle.\n`,
    );
  } else {
    process.stdout.write(
      'Demo hypervisor: not running. Start it with `hv demo start` (or just run `hv`).\n',
    );
  }
  return 0;
}
