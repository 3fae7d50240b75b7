// The NixOS side of setup: nixos-rebuild (dry-build, test, switch, rollback) and
// reverting a `test`, with output streamed line by line. A port (NixosRunner) so
// the apply flow is tested with a fake runner; this real one runs argv arrays
// through execa, never a shell, and never sudo.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { stateDir } from '../base/paths.js';
import { childCwd } from './child-cwd.js';
import { findExecutable } from './which.js';

export type RebuildAction = 'dry-build' | 'test' | 'switch';
export type LineSink = (line: string) => void;
type Env = Record<string, string | undefined>;

export interface NixosRunner {
  /** Where nixos-rebuild is, or undefined where it does not exist (not NixOS). */
  locate(): string | undefined;
  /** Runs `nixos-rebuild ACTION --flake FLAKE`; resolves with its exit code. */
  rebuild(
    action: RebuildAction,
    flake: string,
    onLine: LineSink,
    signal?: AbortSignal,
  ): Promise<number>;
  /**
   * Undoes a `test`: activates the system profile again. `test` never changes the
   * profile, so the profile is still the configuration that ran before it.
   */
  revert(onLine: LineSink, signal?: AbortSignal): Promise<number>;
  /** `nixos-rebuild switch --rollback`: back to the previous generation, also at boot. */
  rollback(onLine: LineSink, signal?: AbortSignal): Promise<number>;
}

export const SYSTEM_PROFILE = '/nix/var/nix/profiles/system';

/** The system profile hv reverts to; HV_NIXOS_PROFILE points elsewhere (tests). */
export const systemProfile = (env: Env = process.env) => env.HV_NIXOS_PROFILE || SYSTEM_PROFILE;

export const rebuildArgs = (action: RebuildAction, flake: string) => [action, '--flake', flake];
export const rollbackArgs = () => ['switch', '--rollback'];
export const revertCommand = (env: Env = process.env) => ({
  file: `${systemProfile(env)}/bin/switch-to-configuration`,
  args: ['test'],
});

/** Runs a program, handing each output line (stdout and stderr, interleaved) to onLine. */
export async function streamLines(
  file: string,
  args: readonly string[],
  onLine: LineSink,
  opts: { env?: Env; signal?: AbortSignal } = {},
): Promise<number> {
  const sub = execa(file, args, {
    all: true,
    buffer: false,
    reject: false,
    stdin: 'ignore',
    env: { LC_ALL: 'C', ...opts.env },
    cwd: childCwd(),
    // Its own session: nothing it starts can grab the terminal Ink is drawing on.
    detached: true,
    ...(opts.signal ? { cancelSignal: opts.signal } : {}),
  });
  try {
    for await (const line of sub.iterable({ from: 'all' })) onLine(String(line).replace(/\r$/, ''));
  } catch {
    // The process failed to start or was cancelled; the exit code below says so.
  }
  const r = await sub;
  if (r.failed && r.exitCode === undefined) {
    onLine(r.originalMessage || r.shortMessage || `${file} could not be started`);
    return 127;
  }
  return r.exitCode ?? 1;
}

export function createNixosRunner(env: Env = process.env): NixosRunner {
  const locate = () => findExecutable('nixos-rebuild', env.PATH ?? '');
  const rebuildWith = (args: string[], onLine: LineSink, signal?: AbortSignal) => {
    const file = locate();
    if (!file) {
      onLine('nixos-rebuild was not found: this machine is not NixOS');
      return Promise.resolve(127);
    }
    return streamLines(file, args, onLine, { env, ...(signal ? { signal } : {}) });
  };
  return {
    locate,
    rebuild: (action, flake, onLine, signal) =>
      rebuildWith(rebuildArgs(action, flake), onLine, signal),
    rollback: (onLine, signal) => rebuildWith(rollbackArgs(), onLine, signal),
    revert(onLine, signal) {
      const { file, args } = revertCommand(env);
      if (!findExecutable(file)) {
        onLine(`${file} is missing: cannot activate the previous configuration`);
        return Promise.resolve(127);
      }
      return streamLines(file, args, onLine, { env, ...(signal ? { signal } : {}) });
    },
  };
}

/**
 * Where setup writes without --out: /etc/nixos as root on NixOS (where
 * nixos-rebuild looks), otherwise a folder of the user's, named on screen.
 */
export function defaultConfigDir(env: Env = process.env): { dir: string; why: string } {
  if (process.getuid?.() === 0 && existsSync('/etc/NIXOS')) {
    return { dir: '/etc/nixos', why: 'the system configuration: root on NixOS' };
  }
  return {
    dir: join(stateDir(env), 'host-config'),
    why: existsSync('/etc/NIXOS')
      ? 'not /etc/nixos because you are not root; --out DIR chooses another folder'
      : 'this is not NixOS, so not /etc/nixos; --out DIR chooses another folder',
  };
}
