// The harness of nixos-eval.test.ts fed small, deliberately broken modules: each
// failure must name the module file, the option path and NixOS's own message. They
// run in one batch with a good case, as the real cases do, so this also proves that a
// failing batch is split and the good case still gets its result.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers.js';
import { evaluateCases, type Outcome, problems } from './hv-eval.js';
import { nixpkgsLibOrSkip } from './nixpkgs-lib.js';

const lib = await nixpkgsLibOrSkip();
const templates = join(repoRoot, 'nix-templates', 'default.nix');

const broken: Record<string, string> = {
  'wrong type': `{ ... }: { boot.kernelParams = "quiet splash"; }`,
  'wrong type in a submodule': `{ ... }: { systemd.services.hv-x.wantedBy = "multi-user.target"; }`,
  'value systemd rejects': `{ ... }: { systemd.services.hv-x.serviceConfig.Type = "oneshoot"; }`,
  'undeclared option': `{ ... }: { networking.frobnicate.enable = true; }`,
  'renamed option': `{ ... }: { services.openssh.permitRootLogin = "no"; }`,
  'missing package': `{ pkgs, ... }: { environment.systemPackages = [ pkgs.no-such-package ]; }`,
  'hv assertion': `{ ... }: { hypervisor.networking.sriov.enable = true; }`,
  'migration peers without nftables': `{ ... }: { hypervisor.experimental.liveMigration = { enable = true; peers = [ "192.0.2.10" ]; }; }`,
  'NixOS assertion': `{ ... }: { networking.firewall.filterForward = true; }`,
  'own assertion': `{ ... }: { assertions = [ { assertion = false; message = "bad module: no"; } ]; }`,
  warning: `{ ... }: { warnings = [ "bad module: careful" ]; }`,
  good: `{ ... }: { hypervisor.security.firewall.enable = true; }`,
};

describe.skipIf(!lib)('broken modules are reported by name', () => {
  let dir: string;
  const file = (name: string) => join(dir, `${name.replaceAll(' ', '-')}.nix`);
  let outcomes: Record<string, Outcome> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hv-eval-bad-'));
    for (const [name, source] of Object.entries(broken)) writeFileSync(file(name), source);
    outcomes = await evaluateCases(
      lib!,
      Object.fromEntries(
        Object.keys(broken).map((name) => [name, { modules: [templates, file(name)] }]),
      ),
    );
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const error = (name: string) => {
    const o = outcomes[name]!;
    expect(o.ok, `${name} should fail to evaluate`).toBe(false);
    return o.ok ? '' : o.error;
  };

  it('a wrong type: the option, its NixOS type and the file', () => {
    const e = error('wrong type');
    expect(e).toContain(
      "A definition for option `boot.kernelParams' is not of type `list of string, with spaces inside double quotes'",
    );
    expect(e).toContain(`In \`${file('wrong type')}': "quiet splash"`);
  });

  it('a wrong type inside a submodule (systemd.services.<name>)', () => {
    const e = error('wrong type in a submodule');
    expect(e).toContain("A definition for option `systemd.services.hv-x.wantedBy' is not of type");
    expect(e).toContain(file('wrong type in a submodule'));
  });

  it('a value systemd rejects, checked as NixOS checks [Service]', () => {
    const e = error('value systemd rejects');
    expect(e).toContain("systemd.services.hv-x.serviceConfig' is not of type");
    expect(e).toContain(file('value systemd rejects'));
  });

  it('an undeclared NixOS option: the stand-in set is closed', () => {
    const e = error('undeclared option');
    expect(e).toContain("The option `networking.frobnicate' does not exist.");
    expect(e).toContain(file('undeclared option'));
  });

  it('a renamed NixOS option fails the same way', () => {
    const e = error('renamed option');
    expect(e).toContain("The option `services.openssh.permitRootLogin' does not exist.");
    expect(e).toContain(file('renamed option'));
  });

  it('a package nixpkgs does not have: its name, the option and the file', () => {
    const e = error('missing package');
    expect(e).toContain("attribute 'no-such-package' missing");
    expect(e).toContain(`at ${file('missing package')}:1:`);
    expect(e).toContain('option: environment.systemPackages');
  });

  it("an hv assertion: the hv module's file and its message", () => {
    expect(problems(outcomes['hv assertion']!).failed).toEqual([
      `${join(repoRoot, 'nix-templates', 'modules', 'networking.nix')}: hypervisor.networking.sriov: set \`interface\` to the card whose virtual functions should be created.`,
    ]);
  });

  it('live migration peers without the nftables firewall (whose rule iptables would ignore)', () => {
    expect(problems(outcomes['migration peers without nftables']!).failed).toEqual([
      `${join(repoRoot, 'nix-templates', 'modules', 'experimental.nix')}: hypervisor.experimental.liveMigration: the peers' rule needs the nftables firewall; enable hypervisor.networking.microSegmentation (or networking.nftables.enable).`,
    ]);
  });

  it("a NixOS assertion: NixOS's message, from the stand-in of its module", () => {
    expect(problems(outcomes['NixOS assertion']!).failed).toEqual([
      '<stand-in for nixpkgs nixos/modules/services/networking/firewall.nix>: filterForward only works with the nftables based firewall',
    ]);
  });

  it("a module's own assertion and warning: its file and message", () => {
    expect(problems(outcomes['own assertion']!).failed).toEqual([
      `${file('own assertion')}: bad module: no`,
    ]);
    expect(problems(outcomes.warning!)).toEqual({
      failed: [],
      warnings: [`${file('warning')}: bad module: careful`],
    });
  });

  it('the good case in the same batch still evaluates', () => {
    const o = outcomes.good!;
    expect(problems(o)).toEqual({ failed: [], warnings: [] });
    expect(o.ok && o.result.values['networking.firewall.enable']).toBe(true);
  });
});
