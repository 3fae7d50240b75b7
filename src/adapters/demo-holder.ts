// The demo holder: a tiny detached process (its own esbuild entry) that keeps one
// virsh session open on the demo's test:///default, because the test driver drops
// its state when the last connection closes. It stops the demo daemon once hv has
// not touched `last-used` for the idle limit, or when asked with SIGTERM.
//
// argv: <demo base dir> <uri> <virsh path> <idle seconds>
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [baseArg, uriArg, virshArg, idleArg] = process.argv.slice(2);
if (!baseArg || !uriArg || !virshArg) {
  process.stderr.write('demo-holder: usage: demo-holder <dir> <uri> <virsh> <idle-seconds>\n');
  process.exit(2);
}
const base: string = baseArg;
const uri: string = uriArg;
const virsh: string = virshArg;
const idleLimitMs = (Number.parseInt(idleArg ?? '', 10) || 1800) * 1000;
const log = (msg: string) => process.stdout.write(`${new Date().toISOString()} holder: ${msg}\n`);

const session = spawn(virsh, ['--quiet', '-c', uri], {
  stdio: ['pipe', 'pipe', 'pipe'],
  env: { ...process.env, LC_ALL: 'C' },
});

let ready = false;
let stopping = false;
session.stdout.setEncoding('utf8');
session.stdout.on('data', (chunk: string) => {
  if (!ready && chunk.includes('test+unix')) {
    ready = true;
    writeFileSync(join(base, 'holder.json'), JSON.stringify({ pid: process.pid, uri }));
    log('connected');
  }
});
session.stderr.on('data', (chunk: Buffer) => log(`virsh: ${chunk.toString().trim()}`));
session.on('exit', (code) => {
  if (!stopping) log(`virsh session ended (exit ${code}); stopping the demo`);
  stop();
});
// Asks virsh for the URI; its answer proves the connection is open.
session.stdin.write('uri\n');

function libvirtdPid(): number | undefined {
  try {
    return Number.parseInt(readFileSync(join(base, 'run', 'libvirt', 'libvirtd.pid'), 'utf8'), 10);
  } catch {
    return undefined;
  }
}

function stop(): void {
  if (stopping) return;
  stopping = true;
  try {
    session.stdin.end('quit\n');
  } catch {
    // already closed
  }
  const pid = libvirtdPid();
  if (pid) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  for (const f of ['demo.json', 'holder.json']) rmSync(join(base, f), { force: true });
  log('stopped');
  setTimeout(() => process.exit(0), 200).unref();
}

for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(sig, stop);

const checkEvery = Math.max(1000, Math.min(15_000, idleLimitMs / 4));
setInterval(() => {
  let last = 0;
  try {
    last = statSync(join(base, 'last-used')).mtimeMs;
  } catch {
    // missing: treat as idle since start
  }
  if (Date.now() - last > idleLimitMs) {
    log(`idle for more than ${idleLimitMs / 1000}s; stopping the demo`);
    stop();
  } else if (ready) {
    // A cheap request keeps the session honest: if libvirtd died, virsh exits.
    session.stdin.write('uri\n');
  }
}, checkEvery);
