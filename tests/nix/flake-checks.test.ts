// flake.nix's `checks` (what `nix flake check` runs on a machine with nixpkgs): here,
// without nixpkgs, the flake is parsed, and its checks are evaluated with the real lib
// and stand-ins for nixosSystem, runCommand and runNixOSTest (tests/nix/flake-checks.nix)
// to prove what each check is made of. Running them is for a NixOS machine (README).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers.js';
import { nixInstantiate } from './nix-tool.js';
import { nixpkgsLibOrSkip } from './nixpkgs-lib.js';

const lib = await nixpkgsLibOrSkip();
const goldenDir = join(repoRoot, 'tests', 'golden');
const goldens = readdirSync(goldenDir).filter((n) => statSync(join(goldenDir, n)).isDirectory());

interface GoldenCheck {
  name: string;
  host: { system: string; modules: unknown[] };
}
interface VmCheck {
  name: string;
  testScript: string;
  nodeImports: string[];
  users: Record<string, { extraGroups: string[] }>;
  hypervisor: { core: { vmManagement: { enable: boolean } } };
}

it('flake.nix parses', async () => {
  const r = await nixInstantiate(['--parse', join(repoRoot, 'flake.nix')]);
  expect(r.exitCode, r.stderr).toBe(0);
});

describe.skipIf(!lib)('flake checks', () => {
  let checks: Record<string, Record<string, GoldenCheck | VmCheck>> = {};

  beforeAll(async () => {
    const r = await nixInstantiate([
      '--eval',
      '--strict',
      '--json',
      join(repoRoot, 'tests', 'nix', 'flake-checks.nix'),
      '--argstr',
      'libPath',
      lib!.path,
    ]);
    expect(r.exitCode, r.stderr).toBe(0);
    checks = JSON.parse(r.stdout);
  });

  it('has a check per golden and the VM test, for each system', () => {
    expect(Object.keys(checks).sort()).toEqual(['aarch64-linux', 'x86_64-linux']);
    for (const perSystem of Object.values(checks)) {
      expect(Object.keys(perSystem).sort()).toEqual(
        [...goldens.map((g) => `golden-${g}`), 'vm'].sort(),
      );
    }
  });

  it.each(goldens)(
    'golden-%s: a nixosSystem of hv’s module, the golden host and a minimal host',
    (g) => {
      for (const [system, perSystem] of Object.entries(checks)) {
        const check = perSystem[`golden-${g}`] as GoldenCheck;
        expect(check.host.system).toBe(system);
        const [hostName] = readdirSync(join(goldenDir, g, 'expected', 'hosts'));
        expect(check.host.modules).toEqual([
          '<function>',
          join(goldenDir, g, 'expected', 'hosts', hostName!),
          ['boot', 'fileSystems'],
        ]);
      }
    },
  );

  it('vm: libvirtd host, a libvirtd-group user, hv doctor / vm list / setup validate', () => {
    const vm = checks['x86_64-linux']!.vm as VmCheck;
    expect(vm.nodeImports).toEqual(['lambda']);
    expect(vm.hypervisor.core.vmManagement.enable).toBe(true);
    expect(vm.users.ada!.extraGroups).toContain('libvirtd');
    expect(vm.testScript).toContain('hv doctor --json');
    expect(vm.testScript).toContain('hv --connect qemu:///system vm list --json');
    expect(vm.testScript).toContain(
      `hv setup validate ${repoRoot}/tests/golden/beginner-minimal/answers.json`,
    );
  });
});
