// Chooses which libvirt hv talks to: --connect, then --demo, then LIBVIRT_DEFAULT_URI,
// then the system libvirt when reachable, else the demo hypervisor (started on demand).
import { existsSync } from 'node:fs';
import { isDemoUri, startDemo } from './demo.js';
import { run } from './run.js';
import { findExecutable } from './which.js';

export type ConnectionKind = 'demo' | 'system' | 'session' | 'remote' | 'custom';

export interface ConnectionTarget {
  uri: string;
  kind: ConnectionKind;
  /** Short name for the header: "demo", "localhost (system)", "host.example". */
  label: string;
  /** Why this connection was chosen, for `hv doctor` and the header's help. */
  reason: string;
}

export interface ConnectOptions {
  connect?: string | undefined;
  demo?: boolean | undefined;
  env?: Record<string, string | undefined>;
}

export function describeUri(uri: string): { kind: ConnectionKind; label: string } {
  if (isDemoUri(uri)) return { kind: 'demo', label: 'demo' };
  if (uri === 'qemu:///system') return { kind: 'system', label: 'localhost (system)' };
  if (uri === 'qemu:///session') return { kind: 'session', label: 'localhost (session)' };
  const remote = /^[a-z0-9+]+:\/\/(?:[^@/]*@)?([^/:?]+)/i.exec(uri);
  if (remote?.[1]) return { kind: 'remote', label: remote[1] };
  return { kind: 'custom', label: uri };
}

const systemSockets = ['/run/libvirt/libvirt-sock', '/var/run/libvirt/libvirt-sock'];

/** True when qemu:///system answers (socket present and access allowed). */
export async function systemLibvirtReachable(): Promise<boolean> {
  if (!systemSockets.some((s) => existsSync(s))) return false;
  if (!findExecutable('virsh')) return false;
  try {
    const r = await run('virsh', ['-c', 'qemu:///system', 'uri'], { timeoutMs: 3000 });
    return r.exitCode === 0;
  } catch {
    return false;
  }
}

/** Decides the target without side effects (the demo is not started here). */
export async function chooseTarget(opts: ConnectOptions): Promise<ConnectionTarget> {
  const env = opts.env ?? process.env;
  if (opts.connect) {
    return { uri: opts.connect, ...describeUri(opts.connect), reason: 'chosen with --connect' };
  }
  if (!opts.demo) {
    const fromEnv = env.LIBVIRT_DEFAULT_URI;
    if (fromEnv) return { uri: fromEnv, ...describeUri(fromEnv), reason: 'LIBVIRT_DEFAULT_URI' };
    if (await systemLibvirtReachable()) {
      return {
        uri: 'qemu:///system',
        kind: 'system',
        label: 'localhost (system)',
        reason: 'the system libvirt answered',
      };
    }
  }
  return {
    uri: '',
    kind: 'demo',
    label: 'demo',
    reason: opts.demo
      ? 'chosen with --demo'
      : 'no system libvirt is reachable, so hv uses its demo',
  };
}

/** Resolves the target, starting the demo hypervisor when that is the choice. */
export async function connect(opts: ConnectOptions): Promise<ConnectionTarget> {
  const target = await chooseTarget(opts);
  if (target.kind !== 'demo' || target.uri) return target;
  const { status } = await startDemo(opts.env ?? process.env);
  return { ...target, uri: status.uri };
}
