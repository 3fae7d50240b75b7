// Where the demo hypervisor keeps its daemon, socket and bookkeeping. Kept free of
// heavy imports: the demo holder process loads only this.
import { join } from 'node:path';
import { runtimeDir } from '../base/paths.js';

type Env = Record<string, string | undefined>;

export interface DemoPaths {
  base: string;
  home: string;
  run: string;
  config: string;
  cache: string;
  socket: string;
  stateFile: string;
  holderFile: string;
  lastUsed: string;
  lock: string;
  log: string;
}

export function demoPaths(env: Env = process.env): DemoPaths {
  const base = env.HV_DEMO_DIR || join(runtimeDir(env), 'hv-demo');
  const run = join(base, 'run');
  return {
    base,
    home: join(base, 'home'),
    run,
    config: join(base, 'config'),
    cache: join(base, 'cache'),
    socket: join(run, 'libvirt', 'libvirt-sock'),
    stateFile: join(base, 'demo.json'),
    holderFile: join(base, 'holder.json'),
    lastUsed: join(base, 'last-used'),
    lock: join(base, 'start.lock'),
    log: join(base, 'demo.log'),
  };
}

/** libvirt unescapes URI query values, so the socket path is percent-encoded. */
export function demoUri(paths: DemoPaths): string {
  const encoded = paths.socket
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
  return `test+unix:///default?socket=${encoded}`;
}
