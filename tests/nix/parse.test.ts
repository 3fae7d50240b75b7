// The Nix side must at least parse, and nix-templates/default.nix must import only files
// that exist. Runs the real nix-instantiate without nixpkgs (none is available here).
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const templates = join(root, 'nix-templates');

function nixFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return nixFilesUnder(path);
    return entry.isFile() && entry.name.endsWith('.nix') ? [path] : [];
  });
}

const files = [
  ...new Set([
    join(root, 'flake.nix'),
    join(templates, 'default.nix'),
    ...nixFilesUnder(templates),
  ]),
]
  .map((file) => relative(root, file))
  .sort();

// Parsing and pure evaluation need no store, but nix still opens its state directory; a
// private one works for any user (Debian's single-user /nix/var/nix is root's) and leaves
// the machine's untouched.
const stateDir = mkdtempSync(join(tmpdir(), 'hv-nix-state-'));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

// A missing tool is a failure, not a skip: these checks are the only guard on the Nix files.
async function nixInstantiate(args: string[]) {
  const result = await execa('nix-instantiate', args, {
    cwd: root,
    reject: false,
    env: { NIX_STATE_DIR: stateDir },
  });
  if (result.code === 'ENOENT') {
    throw new Error(
      'nix-instantiate is not on PATH; install it (Debian/Ubuntu package: nix-bin, `apt-get install nix-bin`)',
    );
  }
  return result;
}

// A JSON string is a Nix string once `${` (interpolation) is escaped.
function nixString(value: string): string {
  return JSON.stringify(value).replaceAll('${', '\\${');
}

describe('Nix files', () => {
  it('finds the flake and the module entry point', () => {
    expect(files).toContain('flake.nix');
    expect(files).toContain(join('nix-templates', 'default.nix'));
  });

  it.each(files)('%s parses', async (file) => {
    const result = await nixInstantiate(['--parse', file]);
    expect(result.exitCode, result.stderr).toBe(0);
  });

  it('nix-templates/default.nix is a module of imports, each of which exists', async () => {
    const entry = nixString(join(templates, 'default.nix'));
    const expr = `let m = import (/. + ${entry}) { }; in { names = builtins.attrNames m; imports = map toString m.imports; }`;
    const result = await nixInstantiate(['--eval', '--strict', '--json', '-E', expr]);
    expect(result.exitCode, result.stderr).toBe(0);
    const value = JSON.parse(result.stdout) as { names: string[]; imports: string[] };
    expect(value.names).toEqual(['imports']);
    expect(value.imports.length).toBeGreaterThan(0);
    for (const path of value.imports) {
      expect(existsSync(path), `${path} is imported but missing`).toBe(true);
    }
  });
});
