#!/usr/bin/env node
// Bundles hv into dist/ with esbuild: one small entry for the CLI, Ink and the
// screens in lazily loaded chunks, so plain subcommands never parse React.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { dependencyPatches } from './dependency-patches.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// `--outdir DIR` builds elsewhere than dist/ (tests/platform builds on other Nodes
// without touching the dist/ other tests are running).
const outArg = process.argv.indexOf('--outdir');
const out = outArg === -1 ? join(root, 'dist') : resolve(process.argv[outArg + 1] ?? '');
// Built into dist.next/ and swapped in only when the build succeeds: a failed build
// (or one in progress) never leaves hv without a bundle. Old chunks have hashed
// names, so the new folder starts empty and dist/ always holds exactly one build.
const next = `${out}.next-${process.pid}`;
// Ink imports react-devtools-core only when DEV=true; an empty module keeps it out.
// It lives at a fixed path: esbuild's chunk hashes include module paths, and a stub
// inside the pid-named build folder made every build's chunk names differ. Now the
// same sources give the same bytes (whichever Node runs the build:
// tests/platform/node-versions.test.ts compares them).
const stub = join(root, 'scripts', 'stubs', 'react-devtools-core.js');
rmSync(next, { recursive: true, force: true });
mkdirSync(next, { recursive: true });

try {
  await build({
    absWorkingDir: root,
    entryPoints: { hv: 'src/cli/hv.ts', 'demo-holder': 'src/adapters/demo-holder.ts' },
    outdir: next,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    sourcemap: 'linked',
    chunkNames: 'chunks/[name]-[hash]',
    external: ['@unraid/libvirt'],
    alias: { 'react-devtools-core': stub },
    define: { 'process.env.NODE_ENV': '"production"' },
    // Some CommonJS dependencies call require(); give the ESM bundle one.
    banner: {
      js: "import { createRequire as __hvCreateRequire } from 'node:module'; const require = __hvCreateRequire(import.meta.url);",
    },
    plugins: [dependencyPatches],
    logLevel: 'warning',
  });
} catch (e) {
  rmSync(next, { recursive: true, force: true });
  throw e;
}
writeFileSync(join(next, '.built'), `${new Date().toISOString()}\n`);
const old = `${out}.old-${process.pid}`;
try {
  renameSync(out, old);
} catch {
  // first build: nothing to move aside
}
renameSync(next, out);
rmSync(old, { recursive: true, force: true });
