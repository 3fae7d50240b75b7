// The ssh transport against a real sshd started here (Debian openssh-server,
// key-only, 127.0.0.1 on a high port, its own host key and authorized_keys), in
// front of the demo's private libvirtd: the protocol runs over ssh's
// stdin/stdout (`nc -U socket` on the far side). Also an unknown host key and a
// refused key: clear errors, never a prompt.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, stopDemo } from '../demo.js';
import { LibvirtConnection } from './connection.js';
import { toHvError } from './errors.js';
import { ConnectionError } from './wire-errors.js';

const run = promisify(execFile);
const sshd = '/usr/sbin/sshd';
const missing = [
  existsSync(sshd) ? '' : 'sshd (Debian openssh-server)',
  existsSync('/usr/bin/nc') ? '' : 'nc (Debian netcat-openbsd)',
  process.getuid?.() === 0 ? '' : 'root (the test sshd logs in as root)',
].filter(Boolean);
const usable = missing.length === 0;
const inCI = !!process.env.CI && !['0', 'false'].includes(process.env.CI.toLowerCase());
const dir = mkdtempSync(join(tmpdir(), 'hvssh-'));
const env = { ...process.env, HV_DEMO_DIR: join(dir, 'demo') };
let port = 0;
let daemon: ReturnType<typeof spawn> | undefined;
let socketPath = '';
let unixUri = '';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

const sshUri = () =>
  `test+ssh://root@127.0.0.1:${port}/default?socket=${encodeURIComponent(socketPath)}`;
const sshArgs = (key: string, knownHosts: string) => [
  '-F',
  '/dev/null',
  '-i',
  join(dir, key),
  '-o',
  'IdentitiesOnly=yes',
  '-o',
  `UserKnownHostsFile=${join(dir, knownHosts)}`,
  '-o',
  'StrictHostKeyChecking=yes',
];

beforeAll(async () => {
  if (!usable) return;
  const { status } = await startDemo(env);
  unixUri = status.uri;
  socketPath = decodeURIComponent(/socket=([^&]+)/.exec(unixUri)![1]!);
  for (const k of ['host', 'client', 'stranger']) {
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, k)]);
  }
  const { readFileSync } = await import('node:fs');
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client.pub')));
  port = await freePort();
  const hostPub = readFileSync(join(dir, 'host.pub'), 'utf8').trim().split(' ');
  writeFileSync(join(dir, 'known_hosts'), `[127.0.0.1]:${port} ${hostPub[0]} ${hostPub[1]}\n`);
  writeFileSync(join(dir, 'empty_known_hosts'), '');
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'StrictModes no',
      'UsePAM no',
      '',
    ].join('\n'),
  );
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 }); // sshd's privilege separation folder
  daemon = spawn(sshd, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: 'ignore' });
  // Ready when it accepts connections.
  const { connect } = await import('node:net');
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) break;
    if (daemon.exitCode !== null) throw new Error('sshd exited');
    await new Promise((r) => setTimeout(r, 50));
  }
});

afterAll(async () => {
  daemon?.kill('SIGTERM');
  if (usable) await stopDemo(env);
  rmSync(dir, { recursive: true, force: true });
});

it('has what the ssh transport tests need (a skip names it; CI must run them)', (ctx) => {
  if (usable) return;
  const why = `the ssh transport is not tested here: missing ${missing.join(', ')}`;
  if (inCI) throw new Error(`${why}; npm test installs them as root (scripts/bootstrap.mjs)`);
  ctx.skip(why);
});

describe.skipIf(!usable)('the ssh transport (real sshd, real libvirtd)', () => {
  it('runs the protocol over ssh and answers as the unix socket does', async () => {
    const overSsh = await LibvirtConnection.open(sshUri(), {
      sshArgs: sshArgs('client', 'known_hosts'),
    });
    const local = await LibvirtConnection.open(unixUri);
    try {
      expect(overSsh.target).toMatchObject({ kind: 'ssh', name: 'test:///default' });
      expect(await overSsh.daemonUri()).toBe('test:///default');
      const names = async (c: LibvirtConnection) =>
        (await c.listAllDomains()).map((d) => `${d.uuid} ${d.name}`).sort();
      expect(await names(overSsh)).toEqual(await names(local));
      const d = await overSsh.lookup('Ana\'s "lab" VM — café');
      expect(await overSsh.xml(d)).toBe(await local.xml(d));
    } finally {
      await overSsh.close();
      await local.close();
    }
  });

  it('an unknown host key is a clear not-connected error naming the fix, not a prompt', async () => {
    const e = await LibvirtConnection.open(sshUri(), {
      sshArgs: sshArgs('client', 'empty_known_hosts'),
    }).catch((x) => x);
    expect(e).toBeInstanceOf(ConnectionError);
    expect(e.message).toMatch(/Host key verification failed/);
    const hv = toHvError(e, sshUri());
    expect(hv.kind).toBe('not-connected');
    expect(hv.fix).toMatch(/ssh USER@HOST/);
  });

  it('a refused key is a permission error naming the key fix', async () => {
    const e = await LibvirtConnection.open(sshUri(), {
      sshArgs: sshArgs('stranger', 'known_hosts'),
    }).catch((x) => x);
    expect(e).toBeInstanceOf(ConnectionError);
    expect(e.message).toMatch(/Permission denied \(publickey\)/);
    const hv = toHvError(e, sshUri());
    expect(hv.kind).toBe('permission');
    expect(hv.fix).toMatch(/SSH key/);
  });
});
