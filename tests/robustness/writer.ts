// Run as a child process by kill9.test.ts (bundled with esbuild first): writes one
// kind of hv state file over and over with hv's own code until it is killed.
// "R" on stdout says the first version is on disk.
import { type Env, kindNamed } from './state-kinds.js';

const kind = kindNamed(process.argv[2] ?? '');
const env = process.env as Env;
kind.write(env, 0);
process.stdout.write('R\n');
for (let n = 1; ; n++) kind.write(env, n);
