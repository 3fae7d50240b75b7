// Where hv keeps its files, following the XDG base directory spec so tests and
// users can redirect everything with XDG_* variables.
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

type Env = Record<string, string | undefined>;

function xdg(env: Env, name: string, fallback: string): string {
  const v = env[name];
  return v?.startsWith('/') ? v : join(env.HOME || homedir(), fallback);
}

export function configDir(env: Env = process.env): string {
  return join(xdg(env, 'XDG_CONFIG_HOME', '.config'), 'hv');
}

export function stateDir(env: Env = process.env): string {
  return join(xdg(env, 'XDG_STATE_HOME', '.local/state'), 'hv');
}

/** Per-user runtime directory; falls back to a uid-named folder in /tmp. */
export function runtimeDir(env: Env = process.env): string {
  const v = env.XDG_RUNTIME_DIR;
  if (v?.startsWith('/')) return v;
  return join(tmpdir(), `hv-runtime-${process.getuid?.() ?? 'user'}`);
}
