// The catalog and the Nix templates must agree: every option the catalog sets
// (features.ts + the ParamSpec -> Nix type mapping) is declared by exactly one module
// under nix-templates/, with the same type and default, and nothing else is declared
// (bar hv's own console options). Evaluated with real nix-instantiate but without
// nixpkgs: tests/nix/stub-lib.nix stands in for `lib`, and `config`/`pkgs` throw when
// read, which also proves no module touches them outside `config`.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { features } from '../../src/catalog/features.js';
import { expectedNixOptions, type NixOption } from '../../src/catalog/nix-types.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const modulesDir = join(root, 'nix-templates', 'modules');
const stubLib = join(root, 'tests', 'nix', 'stub-lib.nix');

interface DeclaredOption extends NixOption {
  path: string;
  hasDefault: boolean;
  description: string;
}
interface ModuleOptions {
  file: string;
  options: DeclaredOption[];
}

// A JSON string is a Nix string once `${` (interpolation) is escaped.
const nixString = (value: string) => JSON.stringify(value).replaceAll('${', '\\${');
const nixPath = (file: string) => `(/. + ${nixString(file)})`;

/** The Nix expression: each module's `options`, walked into a flat list. */
function optionsExpression(modules: string): string {
  return `
    let
      args = {
        config = throw "config must not be read outside mkIf";
        lib = import ${nixPath(stubLib)};
        pkgs = throw "pkgs must not be read at option level";
      };
      isOption = v: builtins.isAttrs v && (v._type or null) == "option";
      walk = prefix: v:
        if isOption v then [ {
          path = prefix;
          inherit (v) type;
          default = v.default or null;
          hasDefault = v ? default;
          description = v.description or "";
        } ]
        else if builtins.isAttrs v then
          builtins.concatLists (map (k: walk (if prefix == "" then k else "\${prefix}.\${k}") v.\${k})
            (builtins.attrNames v))
        else throw "\${prefix} is neither an option nor a set of options";
    in
    map (file: { file = toString file; options = walk "" (import file args).options; }) (${modules})
  `;
}

const dirs = {
  state: mkdtempSync(join(tmpdir(), 'hv-nix-state-')),
  log: mkdtempSync(join(tmpdir(), 'hv-nix-log-')),
};
afterAll(() => {
  for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
});

// A missing tool is a failure, not a skip: this is the only check that the templates
// declare what the catalog sets.
async function evalJson(expr: string) {
  const result = await execa('nix-instantiate', ['--eval', '--strict', '--json', '-E', expr], {
    cwd: root,
    reject: false,
    // A private state directory works for any user (Debian's /nix/var/nix is root's).
    env: { NIX_STATE_DIR: dirs.state, NIX_LOG_DIR: dirs.log },
  });
  if (result.code === 'ENOENT') {
    throw new Error(
      'nix-instantiate is not on PATH; install it (Debian/Ubuntu package: nix-bin, `apt-get install nix-bin`)',
    );
  }
  return result;
}

const isConsole = (path: string) => path.startsWith('hypervisor.console.');

describe('NixOS options declared by nix-templates/ match the catalog', () => {
  let modules: ModuleOptions[] = [];
  let declared = new Map<string, DeclaredOption & { file: string }>();
  const duplicates: string[] = [];

  beforeAll(async () => {
    const entry = nixPath(join(root, 'nix-templates', 'default.nix'));
    const result = await evalJson(optionsExpression(`(import ${entry} { }).imports`));
    expect(result.exitCode, result.stderr).toBe(0);
    modules = JSON.parse(result.stdout) as ModuleOptions[];
    for (const m of modules) {
      for (const o of m.options) {
        if (declared.has(o.path)) duplicates.push(o.path);
        declared.set(o.path, { ...o, file: m.file });
      }
    }
    declared = new Map([...declared].filter(([path]) => !isConsole(path)));
  });

  const expected = expectedNixOptions(features);

  it('default.nix imports every module in nix-templates/modules', () => {
    const onDisk = readdirSync(modulesDir)
      .filter((f) => f.endsWith('.nix'))
      .map((f) => join(modulesDir, f))
      .sort();
    expect(modules.map((m) => m.file).sort()).toEqual(onDisk);
  });

  it('no option is declared twice', () => {
    expect(duplicates).toEqual([]);
  });

  it('declares exactly the options the catalog sets', () => {
    const missing = Object.keys(expected).filter((p) => !declared.has(p));
    const extra = [...declared.keys()].filter((p) => !(p in expected));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it('each option has the type the catalog implies', () => {
    const wrong = Object.entries(expected)
      .filter(([path, want]) => {
        const got = declared.get(path);
        return got && JSON.stringify(sortKeys(got.type)) !== JSON.stringify(sortKeys(want.type));
      })
      .map(([path, want]) => ({ path, want: want.type, got: declared.get(path)!.type }));
    expect(wrong).toEqual([]);
  });

  it('each option has the catalog default', () => {
    const wrong = Object.entries(expected)
      .filter(([path, want]) => {
        const got = declared.get(path);
        return (
          got && (!got.hasDefault || JSON.stringify(got.default) !== JSON.stringify(want.default))
        );
      })
      .map(([path, want]) => ({ path, want: want.default, got: declared.get(path)!.default }));
    expect(wrong).toEqual([]);
  });

  it('each option is described', () => {
    const bare = [...declared.values()].filter((o) => o.description.trim().length < 10);
    expect(bare.map((o) => o.path)).toEqual([]);
  });

  it('each module declares the options of one area, hypervisor.<area>', () => {
    for (const m of modules) {
      const areas = new Set(m.options.map((o) => o.path.split('.').slice(0, 2).join('.')));
      expect(areas.size, m.file).toBe(1);
    }
  });
});

describe('the harness itself', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hv-nix-bad-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function evalModule(source: string) {
    const file = join(dir, `m${Math.random().toString(36).slice(2)}.nix`);
    writeFileSync(file, source);
    return evalJson(optionsExpression(`[ ${nixPath(file)} ]`));
  }

  it('rejects a module that reads config outside mkIf', async () => {
    const result = await evalModule(`{ config, lib, ... }:
      with lib;
      let enabled = config.hypervisor.x.enable; in
      { options.hypervisor.x.enable = mkOption { type = types.bool; default = enabled; description = "x"; }; }`);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain('config must not be read outside mkIf');
  });

  it('rejects a module whose options use pkgs', async () => {
    const result = await evalModule(`{ lib, pkgs, ... }:
      with lib;
      { options.hypervisor.x.package = mkOption { type = types.package; default = pkgs.hello; description = "x"; }; }`);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain('pkgs must not be read at option level');
  });

  it('accepts config read inside mkIf, where NixOS allows it', async () => {
    const result = await evalModule(`{ config, lib, ... }:
      with lib;
      let cfg = config.hypervisor.x; in
      { options.hypervisor.x.enable = mkEnableOption "x";
        config = mkIf cfg.enable { networking.firewall.enable = cfg.enable; }; }`);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)[0].options).toEqual([
      {
        path: 'hypervisor.x.enable',
        type: { name: 'bool' },
        default: false,
        hasDefault: true,
        description: 'Whether to enable x.',
      },
    ]);
  });
});

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}
