// Where a libvirt URI leads, the way libvirt's own client decides it
// (src/remote/remote_driver.c, remote_sockets.c), and the byte stream to it.
//
//   qemu:///system          /var/run/libvirt/virtqemud-sock if present, else libvirt-sock
//   qemu:///session         $XDG_RUNTIME_DIR/libvirt/virtqemud-sock or libvirt-sock
//   ...?socket=PATH         that socket
//   driver+unix://...       the same, explicitly
//   driver+ssh://[user@]host[:port]/path   system ssh (BatchMode) running
//                           virt-ssh-helper URI on the host (or nc -U, ?netcat=)
//
// The daemon is sent the URI without the transport, host and the client-side
// query parameters: qemu+ssh://h/system?socket=x opens "qemu:///system" there.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Duplex } from 'node:stream';
import { childCwd } from '../child-cwd.js';
import { ConnectionError } from './wire-errors.js';

type Env = Record<string, string | undefined>;

export type Target =
  | { kind: 'unix'; path: string; name: string; readonly: boolean }
  | {
      kind: 'ssh';
      host: string;
      user?: string;
      port?: number;
      /** The command ssh runs on the host (argv of the remote side, one string as ssh takes it). */
      remoteCommand: string;
      name: string;
      readonly: boolean;
    };

/** Query parameters libvirt's client consumes itself (never sent to the daemon). */
const clientParams = new Set([
  'name',
  'command',
  'socket',
  'auth',
  'sshauth',
  'netcat',
  'keyfile',
  'pkipath',
  'known_hosts',
  'known_hosts_verify',
  'tls_priority',
  'mode',
  'proxy',
  'no_sanity',
  'no_verify',
  'no_tty',
  'authfile',
]);

export interface ParsedUri {
  driver: string;
  transport: string | undefined;
  user: string | undefined;
  host: string | undefined;
  port: number | undefined;
  path: string;
  params: [string, string][];
}

export function parseUri(uri: string): ParsedUri {
  const m =
    /^([A-Za-z][A-Za-z0-9.-]*)(?:\+([A-Za-z0-9-]+))?:\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?/.exec(uri);
  if (!m) throw new ConnectionError('connect', `not a libvirt URI: ${uri}`);
  const [, driver, transport, authority = '', path = '', query = ''] = m;
  const at = authority.lastIndexOf('@');
  const user = at >= 0 ? decodeURIComponent(authority.slice(0, at)) : undefined;
  const hostPort = at >= 0 ? authority.slice(at + 1) : authority;
  const pm = /^(\[[^\]]+\]|[^:]*)(?::(\d+))?$/.exec(hostPort);
  const host = pm?.[1] ? pm[1].replace(/^\[|\]$/g, '') : undefined;
  const params: [string, string][] = query
    .split('&')
    .filter(Boolean)
    .map((kv) => {
      const eq = kv.indexOf('=');
      const dec = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
      return eq < 0 ? [dec(kv), ''] : [dec(kv.slice(0, eq)), dec(kv.slice(eq + 1))];
    });
  return {
    driver: driver!,
    transport: transport?.toLowerCase(),
    user,
    host,
    port: pm?.[2] ? Number(pm[2]) : undefined,
    path,
    params,
  };
}

/** The URI the daemon opens: driver, path and the query parameters meant for it. */
export function daemonUri(p: ParsedUri): string {
  const q = p.params
    .filter(([k]) => !clientParams.has(k.toLowerCase()))
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  return `${p.driver}://${p.path}${q ? `?${q}` : ''}`;
}

/** libvirt's per-user runtime folder (virGetUserRuntimeDirectory). */
function userRuntimeDir(env: Env): string {
  return env.XDG_RUNTIME_DIR
    ? join(env.XDG_RUNTIME_DIR, 'libvirt')
    : join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'libvirt');
}

export interface ResolveOptions {
  readonly?: boolean;
  env?: Env;
  /** Tests: which files exist. */
  exists?: (path: string) => boolean;
}

/** Where `uri` leads. Throws ConnectionError for what this client cannot do (tls, tcp, libssh). */
export function resolveTarget(uri: string, opts: ResolveOptions = {}): Target {
  const env = opts.env ?? process.env;
  const exists = opts.exists ?? existsSync;
  const p = parseUri(uri);
  const param = (k: string) => p.params.find(([n]) => n.toLowerCase() === k)?.[1];
  const readonly = opts.readonly ?? false;
  const name = param('name') ?? daemonUri(p);
  const transport = p.transport ?? (p.host ? 'tls' : 'unix');
  if (transport === 'unix') {
    const explicit = param('socket');
    if (explicit) return { kind: 'unix', path: explicit, name, readonly };
    const session =
      p.path === '/session' || (p.path !== '/system' && (process.getuid?.() ?? 0) !== 0);
    const modular = `virt${p.driver}d`;
    if (session) {
      const dir = userRuntimeDir(env);
      const direct = join(dir, `${modular}-sock`);
      return {
        kind: 'unix',
        path: exists(direct) ? direct : join(dir, 'libvirt-sock'),
        name,
        readonly,
      };
    }
    const suffix = readonly ? 'sock-ro' : 'sock';
    const direct = `/var/run/libvirt/${modular}-${suffix}`;
    return {
      kind: 'unix',
      path: exists(direct) ? direct : `/var/run/libvirt/libvirt-${suffix}`,
      name,
      readonly,
    };
  }
  if (transport === 'ssh' || transport === 'ext') {
    if (transport === 'ext' || !p.host) {
      throw new ConnectionError(
        'connect',
        `${uri}: only ssh with a host is supported by hv's client`,
      );
    }
    const socket = param('socket');
    const netcat = param('netcat');
    // Like libvirt: virt-ssh-helper when no socket is named, else nc -U on that socket.
    const remoteCommand =
      socket || netcat
        ? `${shellQuote(netcat || 'nc')} -U ${shellQuote(socket || (p.path === '/session' ? '$XDG_RUNTIME_DIR/libvirt/libvirt-sock' : '/var/run/libvirt/libvirt-sock'))}`
        : `virt-ssh-helper${readonly ? ' -r' : ''} ${shellQuote(name)}`;
    return {
      kind: 'ssh',
      host: p.host,
      ...(p.user ? { user: p.user } : {}),
      ...(p.port ? { port: p.port } : {}),
      remoteCommand,
      name,
      readonly,
    };
  }
  throw new ConnectionError(
    'connect',
    `${uri}: the ${transport} transport is not supported by hv's libvirt client (virsh can use it)`,
  );
}

/** Quotes one word for the remote shell ssh hands its command to. */
export function shellQuote(s: string): string {
  if (/^[A-Za-z0-9_./:=@%+-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Opens the byte stream. Resolves once it is connected; a failure is a ConnectionError('connect'). */
export function openStream(target: Target, opts: { sshArgs?: string[] } = {}): Promise<Duplex> {
  if (target.kind === 'unix') {
    return new Promise((resolve, reject) => {
      const sock = connect(target.path);
      const onError = (e: NodeJS.ErrnoException) =>
        reject(
          new ConnectionError(
            'connect',
            `Failed to connect socket to '${target.path}': ${e.code === 'ENOENT' ? 'No such file or directory' : e.code === 'EACCES' ? 'Permission denied' : e.code === 'ECONNREFUSED' ? 'Connection refused' : e.message}`,
            e.code,
          ),
        );
      sock.once('error', onError);
      sock.once('connect', () => {
        sock.off('error', onError);
        resolve(sock);
      });
    });
  }
  const argv = [
    '-T',
    '-o',
    'BatchMode=yes',
    '-e',
    'none',
    ...(target.port ? ['-p', String(target.port)] : []),
    ...(target.user ? ['-l', target.user] : []),
    ...(opts.sshArgs ?? []),
    '--',
    target.host,
    target.remoteCommand,
  ];
  const child = spawn('ssh', argv, { stdio: ['pipe', 'pipe', 'pipe'], cwd: childCwd() });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  // The protocol runs over ssh's stdin/stdout. When ssh exits, its own words (an
  // unknown host key, a refused key) are the error, not "the connection closed".
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  const duplex = new Duplex({
    read() {},
    write(chunk: Buffer, _enc, cb) {
      if (!child.stdin.writable) return cb();
      child.stdin.write(chunk, () => cb());
    },
    destroy(err, cb) {
      if (child.exitCode === null) child.kill('SIGTERM');
      cb(err);
    },
  });
  child.stdin.on('error', () => {}); // a write after ssh exited: the exit says why
  child.stdout.on('data', (d: Buffer) => duplex.push(d));
  child.stdout.on('end', () => {
    void exited.then((code) => {
      const why = stderr
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !/^Warning: Permanently added/.test(l))
        .join('; ');
      if (code !== 0) {
        duplex.destroy(
          new ConnectionError(
            'connect',
            `ssh to ${target.host} failed${why ? `: ${why}` : ` (exit ${code})`}`,
            'SSH',
          ),
        );
      } else duplex.push(null);
    });
  });
  return new Promise((resolve, reject) => {
    child.once('error', (e: NodeJS.ErrnoException) =>
      reject(new ConnectionError('connect', `could not run ssh: ${e.message}`, e.code)),
    );
    child.once('spawn', () => resolve(duplex));
  });
}
