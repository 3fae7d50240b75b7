// Console handoff: `virsh console` needs the terminal that Ink owns. The
// operation asks the console to step aside (ScreenContext.suspend: Ink unmounted,
// the alternate screen left), runs virsh with the terminal inherited, and hv
// comes back when it ends (Ctrl-]). virsh's own error, if any, comes back as an
// HvError for the status line.
import { spawnSync } from 'node:child_process';
import { childCwd } from '../adapters/child-cwd.js';
import { classifyLibvirtError } from '../adapters/libvirt-errors.js';
import type { OperationSpec } from './types.js';

export interface ConsoleInput {
  name: string;
}

type Suspend = <T>(fn: () => Promise<T>) => Promise<T>;

/** Runs `virsh console` on this terminal; resolves when it ends. */
export function runVirshConsole(uri: string, name: string): void {
  process.stdout.write(`\nhv: console of ${name} (${uri}). Press Ctrl-] to come back to hv.\n\n`);
  // Until virsh puts the terminal in raw mode, Ctrl-C would stop hv itself.
  const ignore = () => {};
  process.on('SIGINT', ignore);
  try {
    // Synchronous on purpose: hv's event loop (and its reads of the terminal)
    // stay still while virsh owns the terminal.
    const r = spawnSync('virsh', ['-c', uri, 'console', '--domain', name], {
      stdio: ['inherit', 'inherit', 'pipe'],
      env: { ...process.env, LC_ALL: 'C' },
      cwd: childCwd(),
      encoding: 'utf8',
    });
    if (r.error) throw r.error;
    if (r.status !== 0) {
      throw classifyLibvirtError(
        withoutPolkitNoise(r.stderr) || `virsh exited with ${r.status}`,
        uri,
      );
    }
  } finally {
    process.off('SIGINT', ignore);
  }
}

/**
 * With a terminal, virsh tries to start a polkit agent and warns when there is
 * none ("Authorization not available..."), then carries on: that warning is not
 * the reason it failed.
 */
export function withoutPolkitNoise(stderr: string): string {
  return stderr
    .split('\n')
    .filter((l) => !/Authorization not available|polkit/i.test(l))
    .join('\n')
    .trim();
}

export function vmConsoleSpec(suspend: Suspend): OperationSpec<ConsoleInput, void> {
  return {
    id: 'vm.console',
    title: "open a VM's console",
    privilege: 'vm',
    kind: 'console',
    risk: 'minimal',
    destructive: false,
    audited: true,
    target: (i) => i.name,
    commands: (i, c) => [{ tool: 'virsh', args: ['-c', c.uri, 'console', i.name] }],
    run: (i, c) => suspend(async () => runVirshConsole(c.uri, i.name)),
  };
}
