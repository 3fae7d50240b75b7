// Domain changes as they happen, from ONE long-running `virsh event --all --loop`
// per connection (argv array, no shell), parsed into typed events. The console
// keeps a slow poll as a safety net: events can be missed while reconnecting.
import { execa } from 'execa';
import { HvError } from '../base/errors.js';
import { childCwd } from './child-cwd.js';
import type { EventHandlers, EventSubscription } from './hypervisor.js';
import { classifyLibvirtError } from './libvirt-errors.js';
import { packageFor } from './run.js';
import { parseEventLine } from './virsh-parse.js';
import { findExecutable } from './which.js';

/** Splits a byte stream into lines, keeping a partial last line for the next chunk. */
export function lineSplitter(onLine: (line: string) => void): {
  push(chunk: string): void;
  end(): void;
} {
  let rest = '';
  return {
    push(chunk) {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop() ?? '';
      for (const p of parts) if (p.trim()) onLine(p);
    },
    end() {
      if (rest.trim()) onLine(rest);
      rest = '';
    },
  };
}

export function subscribeVirshEvents(uri: string, handlers: EventHandlers): EventSubscription {
  const virsh = findExecutable('virsh');
  if (!virsh) {
    throw new HvError('tool-missing', 'virsh is not installed', {
      fix: `install the ${packageFor.virsh} package`,
    });
  }
  const child = execa(virsh, ['-c', uri, 'event', '--all', '--loop'], {
    env: { LC_ALL: 'C' },
    cwd: childCwd(),
    // No controlling terminal (see run.ts), and no timeout: it runs until stop().
    detached: true,
    stdin: 'ignore',
    buffer: false,
    reject: false,
  });
  let stopped = false;
  let stderr = '';
  const lines = lineSplitter((line) => {
    const e = parseEventLine(line);
    if (e) handlers.onEvent(e);
  });
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (c: string) => lines.push(c));
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (c: string) => {
    stderr = (stderr + c).slice(-4000);
  });
  const done = child.then(
    (r) => {
      lines.end();
      if (stopped) return;
      const why = stderr.trim();
      const e = why ? classifyLibvirtError(why, uri) : undefined;
      // Whatever virsh said ("Disconnected from ... due to end of file", "cannot
      // recv data"), a stream that ended by itself means the connection is gone.
      handlers.onEnd?.(
        e && (e.kind === 'permission' || e.kind === 'not-connected')
          ? e
          : new HvError('not-connected', `lost the connection to libvirt at ${uri}`, {
              fix: 'hv reconnects by itself when libvirtd is back (systemctl status libvirtd)',
              detail: why || `virsh event exited with ${r.exitCode}`,
            }),
      );
    },
    () => undefined,
  );
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await done;
      clearTimeout(timer);
    },
  };
}
