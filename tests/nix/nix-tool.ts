// nix-instantiate for tests: private state, log and config dirs so it works for
// any user and ignores the machine's nix.conf; fails (never skips) when missing.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';

export async function nixInstantiate(args: string[]) {
  const base = mkdtempSync(join(tmpdir(), 'hv-nix-'));
  const dirs = ['state', 'log', 'conf'].map((d) => mkdtempSync(join(base, `${d}-`)));
  const result = await execa('nix-instantiate', ['--option', 'build-users-group', '', ...args], {
    reject: false,
    env: { NIX_STATE_DIR: dirs[0]!, NIX_LOG_DIR: dirs[1]!, NIX_CONF_DIR: dirs[2]! },
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.code === 'ENOENT') {
    throw new Error(
      'nix-instantiate is not on PATH; install it (Debian/Ubuntu package: nix-bin, `apt-get install nix-bin`)',
    );
  }
  return result;
}
