#!/usr/bin/env node
// Thin launcher: the real program is the esbuild bundle in dist/.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import module from 'node:module';
import { dirname, isAbsolute, join } from 'node:path';

/**
 * Node 22.8+ can keep V8's compiled code of the modules it loads between runs
 * (module.enableCompileCache; Node 20 has no such function, so nothing happens
 * there). The cache is the user's own, `$XDG_CACHE_HOME/hv/node-compile-cache`
 * (else `~/.cache/...`), never Node's default in the shared temp folder: hv runs
 * as root for setup and phases, and must not load code another user could write.
 * `NODE_DISABLE_COMPILE_CACHE=1` turns it off (the bench measures both). Any
 * failure just means no cache.
 */
function enableCompileCache() {
  if (typeof module.enableCompileCache !== 'function') return;
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return;
  const { XDG_CACHE_HOME: xdg, HOME: home } = process.env;
  const base =
    xdg && isAbsolute(xdg) ? xdg : home && isAbsolute(home) ? join(home, '.cache') : undefined;
  if (!base) return;
  try {
    // The folder that holds the cache folders must exist already (a home, say), and
    // each level is made on its own: Node's recursive mkdir never returns for some
    // paths (e.g. under /proc), and a missing home should not be created.
    if (!statSync(dirname(base)).isDirectory()) return;
    const dir = join(base, 'hv', 'node-compile-cache');
    for (const d of [base, join(base, 'hv'), dir]) {
      try {
        mkdirSync(d, { mode: 0o700 });
      } catch (e) {
        if (e?.code !== 'EEXIST') return;
      }
    }
    module.enableCompileCache(dir);
  } catch {
    // no cache; hv runs the same without it
  }
}

const entry = new URL('../dist/hv.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'hv: dist/hv.js is missing. Build it with `npm run build` (or use `npm start`).\n',
  );
  process.exit(2);
}
enableCompileCache();
await import(entry.href);
