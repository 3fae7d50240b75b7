#!/usr/bin/env node
// Thin launcher: the real program is the esbuild bundle in dist/.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/hv.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'hv: dist/hv.js is missing. Build it with `npm run build` (or use `npm start`).\n',
  );
  process.exit(2);
}
await import(entry.href);
