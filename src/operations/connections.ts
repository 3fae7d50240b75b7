// Saved libvirt connections (several hosts): built-in ones (this host's system
// and session libvirt, the demo) plus the ones a person adds, and which one hv
// uses by default. Kept in their own versioned file (connections.json beside
// settings.json) so the strict settings schema of older hv versions never sees
// an unknown key. Status probes never start anything (not even the demo).
import { join } from 'node:path';
import { z } from 'zod';
import { demoStatus, isDemoUri } from '../adapters/demo.js';
import { classifyLibvirtError } from '../adapters/libvirt-errors.js';
import { run } from '../adapters/run.js';
import { HvError } from '../base/errors.js';
import { configDir } from '../base/paths.js';
import { loadJson, saveJson } from '../base/persist.js';

type Env = Record<string, string | undefined>;

export const DEMO = 'demo';

export interface SavedConnection {
  name: string;
  /** A libvirt URI; for the demo, "demo" (its socket path is per user and per run). */
  uri: string;
  builtIn: boolean;
}

const ConnectionsFile = z
  .object({
    version: z.literal(1),
    connections: z.array(z.object({ name: z.string().min(1), uri: z.string().min(1) }).strict()),
    current: z.string().optional(),
  })
  .strict();
type ConnectionsFile = z.infer<typeof ConnectionsFile>;

export const builtInConnections: readonly SavedConnection[] = [
  { name: 'system', uri: 'qemu:///system', builtIn: true },
  { name: 'session', uri: 'qemu:///session', builtIn: true },
  { name: DEMO, uri: DEMO, builtIn: true },
];

export const connectionsFile = (env: Env = process.env) =>
  join(configDir(env as NodeJS.ProcessEnv), 'connections.json');

export function loadConnections(env: Env = process.env) {
  return loadJson(
    connectionsFile(env),
    ConnectionsFile,
    (): ConnectionsFile => ({
      version: 1,
      connections: [],
    }),
  );
}

export function allConnections(env: Env = process.env): {
  list: SavedConnection[];
  current: string | undefined;
} {
  const file = loadConnections(env).value;
  return {
    list: [...builtInConnections, ...file.connections.map((c) => ({ ...c, builtIn: false }))],
    current: file.current,
  };
}

const nameRe = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const uriRe = /^[a-z][a-z0-9+.-]*:\/\/[^\s]*$/i;

export function addConnection(name: string, uri: string, env: Env = process.env): SavedConnection {
  if (!nameRe.test(name)) {
    throw new HvError('usage', `"${name}" cannot name a connection`, {
      fix: 'use letters, digits, ".", "_" and "-" (up to 63), starting with a letter or digit',
    });
  }
  if (!uriRe.test(uri)) {
    throw new HvError('usage', `"${uri}" is not a libvirt URI`, {
      fix: 'for example qemu+ssh://admin@rack-07/system or qemu:///system',
    });
  }
  const file = loadConnections(env).value;
  if (
    builtInConnections.some((c) => c.name === name) ||
    file.connections.some((c) => c.name === name)
  ) {
    throw new HvError('invalid-input', `a connection named "${name}" exists already`, {
      fix: 'choose another name, or remove the old one: hv connections remove NAME',
    });
  }
  saveJson(connectionsFile(env), { ...file, connections: [...file.connections, { name, uri }] });
  return { name, uri, builtIn: false };
}

export function removeConnection(name: string, env: Env = process.env): void {
  if (builtInConnections.some((c) => c.name === name)) {
    throw new HvError('invalid-input', `"${name}" is built in and cannot be removed`);
  }
  const file = loadConnections(env).value;
  if (!file.connections.some((c) => c.name === name)) {
    throw new HvError('not-found', `no saved connection named "${name}"`, {
      fix: 'list them with `hv connections list`',
    });
  }
  const next: ConnectionsFile = {
    ...file,
    connections: file.connections.filter((c) => c.name !== name),
  };
  if (next.current === name) delete next.current;
  saveJson(connectionsFile(env), next);
}

export function selectConnection(name: string, env: Env = process.env): SavedConnection {
  const found = allConnections(env).list.find((c) => c.name === name);
  if (!found) {
    throw new HvError('not-found', `no saved connection named "${name}"`, {
      fix: 'list them with `hv connections list`, or add it: hv connections add NAME URI',
    });
  }
  saveJson(connectionsFile(env), { ...loadConnections(env).value, current: name });
  return found;
}

/**
 * The connect options for a command: --connect / --demo win, then
 * LIBVIRT_DEFAULT_URI, then the saved current connection, then hv's usual choice.
 */
export function withSavedConnection(
  globals: { connect?: string | undefined; demo?: boolean | undefined },
  env: Env = process.env,
): { connect?: string | undefined; demo?: boolean | undefined; env: Env } {
  if (globals.connect || globals.demo || env.LIBVIRT_DEFAULT_URI) return { ...globals, env };
  const { list, current } = allConnections(env);
  const c = current ? list.find((x) => x.name === current) : undefined;
  if (!c) return { ...globals, env };
  return c.uri === DEMO ? { demo: true, env } : { connect: c.uri, env };
}

export interface ConnectionStatus extends SavedConnection {
  current: boolean;
  status: 'ok' | 'unreachable' | 'permission' | 'stopped';
  detail?: string;
  /** The URI probed (the demo's real socket URI when it runs). */
  resolvedUri?: string;
}

/** Probes each connection (in parallel, a few seconds at most each). */
export async function connectionStatuses(env: Env = process.env): Promise<ConnectionStatus[]> {
  const { list, current } = allConnections(env);
  return Promise.all(
    list.map(async (c): Promise<ConnectionStatus> => {
      const base = { ...c, current: c.name === current };
      let uri = c.uri;
      if (c.uri === DEMO) {
        const s = demoStatus(env as NodeJS.ProcessEnv);
        if (!s.running)
          return { ...base, status: 'stopped', detail: 'start it with `hv demo start`' };
        uri = s.uri;
      }
      try {
        // No terminal (run.ts): ssh cannot ask for a password, so an unreachable
        // or key-less remote fails fast instead of hanging.
        const r = await run('virsh', ['-c', uri, 'hostname'], { timeoutMs: 5000 });
        if (r.exitCode === 0) {
          return { ...base, status: 'ok', detail: `host ${r.stdout.trim()}`, resolvedUri: uri };
        }
        const e = classifyLibvirtError(r.stderr, uri);
        return {
          ...base,
          status: e.kind === 'permission' ? 'permission' : 'unreachable',
          detail: e.fix ? `${e.message}; ${e.fix}` : e.message,
          resolvedUri: uri,
        };
      } catch (e) {
        return { ...base, status: 'unreachable', detail: (e as Error).message, resolvedUri: uri };
      }
    }),
  );
}

export const isDemoConnection = (uri: string) => uri === DEMO || isDemoUri(uri);
