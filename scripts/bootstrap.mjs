#!/usr/bin/env node
// Makes a fresh clone runnable: Debian packages (apt-get when root), npm ci when
// node_modules is missing or stale, the esbuild bundle when sources changed, and
// for the tests and the bench the other Node releases hv is tested on (pinned in
// scripts/node-versions.mjs, fetched into .cache/node/ from the npm registry).
// Dependency-free on purpose: it runs before node_modules exists.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNode, pinnedNodes } from './node-versions.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const purpose = process.argv.includes('--for')
  ? process.argv[process.argv.indexOf('--for') + 1]
  : 'start';

const say = (msg) => process.stderr.write(`[bootstrap] ${msg}\n`);

function onPath(cmd) {
  const dirs = (process.env.PATH ?? '').split(delimiter).concat(['/usr/sbin', '/sbin']);
  return dirs.some((d) => d && existsSync(join(d, cmd)));
}

function pkgConfigHas(lib) {
  if (!onPath('pkg-config')) return false;
  return spawnSync('pkg-config', ['--exists', lib], { stdio: 'ignore' }).status === 0;
}

// Each requirement: how to tell it is there, and the Debian package providing it.
const requirements = [
  { pkg: 'libvirt-clients', present: () => onPath('virsh'), for: ['start', 'test', 'bench'] },
  { pkg: 'libvirt-daemon', present: () => onPath('libvirtd'), for: ['start', 'test', 'bench'] },
  { pkg: 'pkg-config', present: () => onPath('pkg-config'), for: ['start', 'test', 'bench'] },
  { pkg: 'libvirt-dev', present: () => pkgConfigHas('libvirt'), for: ['start', 'test', 'bench'] },
  { pkg: 'nix-bin', present: () => onPath('nix-instantiate'), for: ['test'] },
  { pkg: 'tmux', present: () => onPath('tmux'), for: ['test', 'bench'] },
  // A real QEMU guest in tests/cli/qemu-session.test.ts; qemu-img for its volumes;
  // xmllint for virt-xml-validate (domain XML checked against libvirt's schema).
  { pkg: 'qemu-system-x86', present: () => onPath('qemu-system-x86_64'), for: ['test'] },
  { pkg: 'qemu-utils', present: () => onPath('qemu-img'), for: ['test'] },
  { pkg: 'libxml2-utils', present: () => onPath('xmllint'), for: ['test'] },
  // The libvirt RPC client's ssh transport against a real sshd started by its test
  // (src/adapters/libvirt-rpc/ssh.test.ts), with nc -U on the far side.
  { pkg: 'openssh-server', present: () => existsSync('/usr/sbin/sshd'), for: ['test'] },
  { pkg: 'netcat-openbsd', present: () => existsSync('/usr/bin/nc'), for: ['test'] },
];

function ensureDebianPackages() {
  const missing = requirements
    .filter((r) => r.for.includes(purpose) && !r.present())
    .map((r) => r.pkg);
  if (missing.length === 0) return;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && onPath('apt-get')) {
    say(`installing Debian packages: ${missing.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    // Packages with a service (openssh-server) must not start it: the tests start
    // their own private daemons. policy-rc.d says so to the package scripts.
    const policy = '/usr/sbin/policy-rc.d';
    const ownPolicy = !existsSync(policy);
    if (ownPolicy) writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
    let install;
    try {
      install = spawnSync(
        'apt-get',
        ['install', '-y', '-qq', '--no-install-recommends', ...missing],
        {
          stdio: 'inherit',
          env,
        },
      );
    } finally {
      if (ownPolicy) rmSync(policy, { force: true });
    }
    if (update.status !== 0 || install.status !== 0) {
      say(`apt-get could not install: ${missing.join(' ')}`);
      process.exit(1);
    }
    return;
  }
  const how = onPath('apt-get')
    ? `sudo apt-get install ${missing.join(' ')}`
    : `install the packages providing: ${missing.join(', ')}`;
  say(`missing Debian packages: ${missing.join(' ')}`);
  say(`hv does not run sudo for you. Run: ${how}`);
  // The console can still reach a system libvirt without the demo daemon or the
  // native binding, so `npm start` goes on when only those are missing.
  const fatal = purpose !== 'start' || missing.includes('libvirt-clients');
  if (fatal) process.exit(1);
}

function newestMtime(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    say(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

function ensureNodeModules() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  say('installing npm dependencies (npm ci)');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

function ensureBundle() {
  const marker = join(root, 'dist', '.built');
  const inputs = [
    'src',
    'scripts/build.mjs',
    'scripts/dependency-patches.mjs',
    'scripts/stubs',
    'package-lock.json',
  ].map((p) => join(root, p));
  if (existsSync(marker) && statSync(marker).mtimeMs >= Math.max(...inputs.map(newestMtime))) {
    return;
  }
  say('building dist/ with esbuild');
  run(process.execPath, [join(root, 'scripts', 'build.mjs')]);
}

const [major] = process.versions.node.split('.').map(Number);
if (major < 20) {
  say(`hv needs Node.js 20 or newer; this is ${process.versions.node}`);
  process.exit(1);
}
// Not fatal here: tests/platform/node-versions.test.ts names the reason and skips
// (or, with CI=true, fails), and the bench reports the Nodes it has.
function ensureOtherNodes() {
  for (const { major } of pinnedNodes) {
    const r = ensureNode(major, { log: say });
    if (!r.ok) say(`Node ${major} is not available: ${r.why}`);
  }
}

ensureDebianPackages();
ensureNodeModules();
ensureBundle();
if (purpose === 'test' || purpose === 'bench') ensureOtherNodes();
