// Shared by the setup wizard's tmux tests: start `hv setup` in a real terminal at
// 80x24, walk steps by their titles, and compare the folders it writes.
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { expect } from 'vitest';
import { hvBin, hvNode, type PrivateEnv } from '../helpers.js';
import { nixInstantiate } from '../nix/nix-tool.js';
import { Tmux } from './tmux.js';

export const KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGh+msVKNu1KuDGZ/oXLSqIQMlkIMUENtXxMShSqw/vO ada@laptop';

export function startSetup(env: PrivateEnv | Record<string, string>, args: string[]) {
  return Tmux.start({ command: [hvNode, hvBin, 'setup', ...args], env });
}

/** Waits for a step's title line, then presses the keys. */
export async function at(term: Tmux, title: string | RegExp, ...keys: string[]) {
  const screen = await term.waitFor(title);
  await term.keys(...keys);
  return screen;
}

export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out;
}

/** Every generated Nix file parses with the real nix-instantiate. */
export async function expectNixParses(dir: string) {
  const nix = listFiles(dir).filter((f) => f.endsWith('.nix') || f.endsWith('.nix.example'));
  expect(nix).toContain('hypervisor-features.nix');
  const r = await nixInstantiate(['--parse', ...nix.map((f) => join(dir, f))]);
  expect(r.exitCode, r.stderr).toBe(0);
}

/** Same file names, same bytes. */
export function expectSameFiles(a: string, b: string) {
  const files = listFiles(a);
  expect(files).toEqual(listFiles(b));
  for (const f of files)
    expect(readFileSync(join(b, f), 'utf8'), f).toBe(readFileSync(join(a, f), 'utf8'));
}

export function hardwareFile(over: Record<string, unknown> = {}): string {
  const file = join(mkdtempSync(join(tmpdir(), 'hv-hw-')), 'hardware.json');
  writeFileSync(
    file,
    JSON.stringify({
      cpuVirtualization: true,
      iommu: false,
      ramGiB: 16,
      cores: 4,
      nics: 2,
      gpus: 0,
      virtualization: 'none',
      rootFilesystem: 'ext4',
      ...over,
    }),
  );
  return file;
}
