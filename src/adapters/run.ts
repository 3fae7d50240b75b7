// The one way hv starts other programs: argv arrays through execa, never a shell.
import { execa } from 'execa';
import { HvError } from '../base/errors.js';
import { childCwd } from './child-cwd.js';
import { findExecutable } from './which.js';

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface RunOptions {
  input?: string;
  timeoutMs?: number;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

/** Which Debian package provides each program hv may run, for "install X" messages. */
export const packageFor: Record<string, string> = {
  virsh: 'libvirt-clients',
  'virt-admin': 'libvirt-clients',
  libvirtd: 'libvirt-daemon',
  'nix-instantiate': 'nix-bin',
  tmux: 'tmux',
  setpriv: 'util-linux',
};

export async function run(cmd: string, args: readonly string[], opts: RunOptions = {}) {
  const resolved = findExecutable(cmd);
  if (!resolved) {
    const pkg = packageFor[cmd];
    throw new HvError('tool-missing', `${cmd} is not installed`, {
      fix: pkg
        ? `install the ${pkg} package (Debian: apt-get install ${pkg}; NixOS: it comes with virtualisation.libvirtd)`
        : `install ${cmd}`,
    });
  }
  const result = await execa(resolved, args, {
    input: opts.input,
    timeout: opts.timeoutMs ?? 30_000,
    env: { LC_ALL: 'C', ...opts.env },
    cwd: opts.cwd ?? childCwd(),
    // A new session without a controlling terminal: with one, virsh tries to
    // start a polkit text agent on the TTY Ink owns, and fails ("Authorization
    // not available") where polkit is absent. Programs that need the terminal
    // (e.g. `virsh console`) are started elsewhere, on purpose.
    detached: true,
    reject: false,
    stripFinalNewline: false,
  });
  if (result.timedOut) {
    throw new HvError('failed', `${cmd} did not answer within ${opts.timeoutMs ?? 30_000} ms`, {
      detail: `${cmd} ${args.join(' ')}`,
    });
  }
  return {
    stdout: String(result.stdout ?? ''),
    stderr: String(result.stderr ?? ''),
    exitCode: result.exitCode ?? 1,
  } satisfies RunResult;
}
