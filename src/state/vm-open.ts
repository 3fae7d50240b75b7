// Which libvirt the console talks to, and the Hypervisor it opens for a URI
// (the CLI decides through adapters/connection.ts the same way). Local libvirt (system,
// session, the demo) goes through the composite adapter (the native binding when
// it loads, virsh otherwise); remote URIs use virsh only: virsh runs without a
// terminal, so an ssh that wants a password fails fast instead of prompting on
// the terminal Ink owns. Imported after the first frame (it loads execa).
import { CompositeHypervisor } from '../adapters/composite.js';
import { type ConnectionTarget, connect, describeUri } from '../adapters/connection.js';
import { demoStatus, touchDemo } from '../adapters/demo.js';
import type { Hypervisor } from '../adapters/hypervisor.js';
import { VirshHypervisor } from '../adapters/virsh.js';
import { withSavedConnection } from '../operations/connections.js';
import { DEMO, type SavedConnection } from './connections.js';

export async function openHypervisor(uri: string): Promise<Hypervisor> {
  if (describeUri(uri).kind === 'remote') return new VirshHypervisor(uri);
  return CompositeHypervisor.open(uri);
}

/**
 * The libvirt the console opens on: --connect, --demo, LIBVIRT_DEFAULT_URI, the
 * saved default (`hv connections use NAME`), else hv's usual choice (the demo is
 * started when that is the choice).
 */
export async function consoleTarget(globals: {
  connect?: string | undefined;
  demo?: boolean | undefined;
}): Promise<ConnectionTarget> {
  return connect(withSavedConnection(globals));
}

/** The target a saved connection stands for (`demo` starts the demo when it is down). */
export function savedTarget(saved: SavedConnection): Promise<ConnectionTarget> {
  return saved.uri === DEMO ? connect({ demo: true }) : connect({ connect: saved.uri });
}

/** The URI a saved entry stands for now (the demo's socket path for `demo`). */
export function savedUri(saved: SavedConnection): string {
  return saved.uri === DEMO ? demoStatus().uri : saved.uri;
}

/** Whether the demo daemon runs (a saved `demo` entry that is down is not an error). */
export const demoRunning = (): boolean => demoStatus().running;

/** Keeps the demo from stopping for idleness while a console uses it. */
export const keepDemoAwake = (): void => touchDemo();

/** The hypervisor in use when it is that URI, else a short-lived virsh one to ask. */
export function probeHypervisor(current: Hypervisor | undefined, uri: string): Hypervisor {
  if (current?.uri === uri) return current;
  return new VirshHypervisor(uri, { timeoutMs: 8000 });
}
