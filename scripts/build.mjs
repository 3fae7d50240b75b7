#!/usr/bin/env node
// Bundles hv into dist/ with esbuild: one small entry for the CLI, Ink and the
// screens in lazily loaded chunks, so plain subcommands never parse React.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stub = join(root, 'dist', '.stubs', 'react-devtools-core.js');
// Old chunks have hashed names; start clean so dist/ holds one build.
rmSync(join(root, 'dist'), { recursive: true, force: true });
mkdirSync(dirname(stub), { recursive: true });
// Ink imports react-devtools-core only when DEV=true; an empty module keeps it out.
writeFileSync(stub, 'export default {};\n');

// Ink 6.8's incremental log-update moves the cursor up `previousVisible - 1` rows
// before redrawing, which is right only when the previous frame had no trailing
// newline. Frames shorter than the terminal always have one, so every redraw
// landed one row low and left stale lines behind. Patched here, once, and the
// build fails if the code it fixes ever changes (e.g. after an Ink upgrade).
const inkCursorFix = {
  name: 'ink-incremental-cursor-fix',
  setup(b) {
    b.onLoad({ filter: /ink[\\/]build[\\/]log-update\.js$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const src = await readFile(args.path, 'utf8');
      const bad = 'buffer.push(ansiEscapes.cursorUp(previousVisible - 1));';
      if (!src.includes(bad)) {
        throw new Error('ink log-update changed: review scripts/build.mjs inkCursorFix');
      }
      const good =
        "buffer.push(ansiEscapes.cursorUp(previousVisible - (previousOutput.endsWith('\\n') ? 0 : 1)));";
      return { contents: src.replace(bad, good), loader: 'js' };
    });
  },
};

await build({
  absWorkingDir: root,
  entryPoints: { hv: 'src/cli/hv.ts', 'demo-holder': 'src/adapters/demo-holder.ts' },
  outdir: 'dist',
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
  plugins: [inkCursorFix],
  logLevel: 'warning',
});
writeFileSync(join(root, 'dist', '.built'), `${new Date().toISOString()}\n`);
