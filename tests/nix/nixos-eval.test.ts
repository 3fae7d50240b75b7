// hv's NixOS modules evaluated for real: nixpkgs' lib.evalModules over nix-templates/,
// the typed stand-ins for the NixOS options hv sets (nixos-standins.nix) and a
// stand-in pkgs, with `config` forced deeply. Cases: nothing on; every feature on
// alone; every feature on that the conflicts allow; the wizard's answers for each
// profile x role x risk tolerance, written by the setup pipeline; every golden. Each
// must evaluate with no error and no failed assertion, and only the warnings listed
// here. Skipped (with one line saying so) where nixpkgs' lib cannot be found.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { features } from '../../src/catalog/features.js';
import { transitiveDepends } from '../../src/catalog/graph.js';
import type { Feature, HardwareFacts } from '../../src/catalog/types.js';
import { profiles, riskTolerances, roles } from '../../src/catalog/types.js';
import { runSetup } from '../../src/operations/setup-write.js';
import { parseAnswers } from '../../src/wizard/answers.js';
import { repoRoot } from '../helpers.js';
import { type EvalCase, evaluateCases, expectClean, type Outcome } from './hv-eval.js';
import { nixpkgsLibOrSkip } from './nixpkgs-lib.js';

const lib = await nixpkgsLibOrSkip();
const templates = join(repoRoot, 'nix-templates', 'default.nix');
const sshKey =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGh+msVKNu1KuDGZ/oXLSqIQMlkIMUENtXxMShSqw/vO ada@laptop';

/** { a: { b: v } } from "a.b" and v. */
function nest(path: string, value: unknown): Record<string, unknown> {
  return path.split('.').reduceRight<unknown>((acc, key) => ({ [key]: acc }), value) as Record<
    string,
    unknown
  >;
}

function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>) {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] =
      prev && typeof prev === 'object' && v && typeof v === 'object' && !Array.isArray(v)
        ? deepMerge(prev as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}

/** A feature on, with the catalog's example for each parameter that has no default. */
function featureSettings(f: Feature): Record<string, unknown> {
  const values: Record<string, unknown> = { enable: true };
  for (const [name, spec] of Object.entries(f.params)) {
    if (spec.default === undefined && 'example' in spec && spec.example !== undefined)
      values[name] = spec.example;
  }
  return nest(f.option, values);
}

// Plausible values for list parameters, by name (each differs from its default).
const listValues: Record<string, string[]> = {
  paths: ['/etc/nixos', '/srv/vm-exports'],
  vmUsers: ['ada', 'grace'],
  allowedClients: ['C=GB,O=Example,CN=ci'],
  peers: ['192.0.2.10', '198.51.100.0/24'],
  pciIds: ['10de:2204', '10de:1aef'],
  blacklistDrivers: ['nouveau', 'nvidia'],
  watchUnits: ['libvirtd', 'sshd'],
  forwardFrom: ['virbr*'],
  allowUsers: ['ada'],
  trustedInterfaces: ['wg0'],
  ignoreIP: ['192.0.2.0/24'],
  extraModules: ['wireguard'],
  origins: ['https://hv-01.example.org:9090'],
};

/** A feature on with every parameter set away from its default (its dependencies are added by the case). */
function otherSettings(f: Feature): Record<string, unknown> {
  const values: Record<string, unknown> = { enable: true };
  for (const [name, spec] of Object.entries(f.params)) {
    switch (spec.type) {
      case 'string':
      case 'secret-file':
        values[name] = spec.example ?? spec.default;
        break;
      case 'int':
        values[name] = spec.max ?? spec.default + 1;
        break;
      case 'port':
        values[name] = 8443;
        break;
      case 'bool':
        values[name] = !spec.default;
        break;
      case 'enum':
        values[name] = spec.values[spec.values.length - 1];
        break;
      case 'string-list':
        values[name] = listValues[name] ?? ['example'];
        break;
    }
  }
  return nest(f.option, values);
}

/** The most features the conflicts allow: those with fewest conflicts first. */
function compatibleFeatures(): Feature[] {
  const chosen: Feature[] = [];
  const clash = (a: Feature, b: Feature) =>
    a.conflicts.includes(b.id) || b.conflicts.includes(a.id);
  for (const f of [...features].sort((a, b) => a.conflicts.length - b.conflicts.length)) {
    if (!chosen.some((c) => clash(c, f))) chosen.push(f);
  }
  return chosen;
}

const hardware: HardwareFacts = {
  cpuVirtualization: true,
  iommu: true,
  ramGiB: 128,
  cores: 32,
  nics: 4,
  gpus: 2,
  virtualization: 'none',
  rootFilesystem: 'btrfs',
};

describe.skipIf(!lib)("hv's modules evaluated with nixpkgs' lib", () => {
  const cases: Record<string, EvalCase> = {};
  const wizardCases: string[] = [];
  const setupErrors: Record<string, string> = {};
  let outcomes: Record<string, Outcome> = {};
  const outDirs: string[] = [];

  cases.nothing = { modules: [templates] };
  cases['console only'] = {
    modules: [templates],
    settings: nest('hypervisor.console.enable', true),
  };
  for (const f of features) {
    cases[`feature ${f.id}`] = { modules: [templates], settings: featureSettings(f) };
    // As hv writes it: with the features it depends on (their defaults).
    cases[`feature ${f.id}, other values`] = {
      modules: [templates],
      settings: [...transitiveDepends(features, f.id)].reduce(
        (acc, id) => deepMerge(acc, featureSettings(features.find((d) => d.id === id)!)),
        otherSettings(f),
      ),
    };
  }
  const all = compatibleFeatures();
  cases['all compatible features'] = {
    modules: [templates],
    settings: all.reduce(
      (acc, f) => deepMerge(acc, featureSettings(f)),
      nest('hypervisor.console', { enable: true, firstBoot: { enable: true } }),
    ),
  };

  // A user's own Cockpit origin, set with NixOS's option, must survive hv's.
  cases['webDashboard and an origin of your own'] = {
    modules: [templates],
    settings: deepMerge(featureSettings(features.find((f) => f.id === 'webDashboard')!), {
      services: { cockpit: { 'allowed-origins': ['https://cockpit.example.org'] } },
    }),
  };

  const goldenDir = join(repoRoot, 'tests', 'golden');
  const goldens = readdirSync(goldenDir).filter((n) => statSync(join(goldenDir, n)).isDirectory());
  for (const g of goldens) {
    const hosts = join(goldenDir, g, 'expected', 'hosts');
    for (const host of readdirSync(hosts))
      cases[`golden ${g}`] = { modules: [templates, join(hosts, host, 'default.nix')] };
  }

  beforeAll(async () => {
    // The wizard's answers, written by the setup pipeline `hv setup --answers` runs.
    for (const profile of profiles)
      for (const role of roles)
        for (const riskTolerance of riskTolerances) {
          const name = `answers ${profile}/${role}/${riskTolerance}`;
          wizardCases.push(name);
          const parsed = parseAnswers({
            version: 1,
            experience: 'expert',
            riskTolerance,
            profile,
            role,
            host: {
              hostname: 'hv-test',
              timeZone: 'UTC',
              adminUser: 'ada',
              sshKeys: [sshKey],
              system: 'x86_64-linux',
            },
            features: {},
          });
          if (!parsed.ok) {
            setupErrors[name] = JSON.stringify(parsed.problems);
            continue;
          }
          const out = mkdtempSync(join(tmpdir(), 'hv-eval-setup-'));
          outDirs.push(out);
          try {
            runSetup({
              answers: parsed.answers,
              hardware:
                role === 'vmware-guest'
                  ? { ...hardware, virtualization: 'vmware', gpus: 0, iommu: false }
                  : hardware,
              phase: 'setup',
              outDir: out,
              dryRun: false,
              force: false,
            });
          } catch (e) {
            setupErrors[name] = (e as Error).message;
            continue;
          }
          cases[name] = {
            modules: [
              join(out, 'modules', 'hypervisor', 'default.nix'),
              join(out, 'hosts', 'hv-test', 'default.nix'),
            ],
          };
        }
    outcomes = await evaluateCases(lib!, cases);
  }, 300_000);
  afterAll(() => {
    for (const d of outDirs) rmSync(d, { recursive: true, force: true });
  });

  it('has a case for every feature, profile, role, tolerance and golden', () => {
    expect(goldens.length).toBeGreaterThanOrEqual(3);
    expect(Object.keys(cases).filter((n) => n.startsWith('feature ')).length).toBe(
      2 * features.length,
    );
    expect(wizardCases.length).toBe(profiles.length * roles.length * riskTolerances.length);
    expect(all.length).toBeGreaterThan(features.length - 3);
  });

  it('the setup pipeline writes every combination of the wizard answers', () => {
    expect(setupErrors).toEqual({});
  });

  it.each([
    'nothing',
    'console only',
    ...features.flatMap((f) => [`feature ${f.id}`, `feature ${f.id}, other values`]),
    'all compatible features',
    'webDashboard and an origin of your own',
    ...goldens.map((g) => `golden ${g}`),
  ])('%s evaluates: no error, no failed assertion, only the intended warnings', (name) => {
    expectClean(name, outcomes[name]);
  });

  it('every combination of the wizard answers evaluates the same way', () => {
    const failures = wizardCases
      .filter((n) => !(n in setupErrors))
      .flatMap((name) => {
        try {
          expectClean(name, outcomes[name]);
          return [];
        } catch (e) {
          return [`${name}: ${(e as Error).message}`];
        }
      });
    expect(failures).toEqual([]);
  });

  it("Cockpit's origins merge: localhost (NixOS), the host name (hv) and your own", () => {
    const r = outcomes['webDashboard and an origin of your own'];
    expect(r?.ok).toBe(true);
    if (!r?.ok) return;
    expect([...(r.result.values['services.cockpit.allowed-origins'] as string[])].sort()).toEqual([
      'https://cockpit.example.org',
      'https://localhost:9090',
      'https://nixos:9090',
    ]);
  });

  it('the values reach NixOS options with their NixOS types applied', () => {
    const r = outcomes['all compatible features'];
    expect(r?.ok).toBe(true);
    if (!r?.ok) return;
    const v = r.result.values;
    // boot.kernelModules is NixOS's attrNamesToTrue: lists are merged, applied back to a list.
    expect(v['boot.kernelModules']).toEqual(expect.arrayContaining(['vfio_pci', 'vmw_balloon']));
    expect(v['virtualisation.libvirtd.enable']).toBe(true);
    expect(v['security.polkit.extraConfig']).toContain('polkit.addRule');
    expect(v['virtualisation.libvirtd.extraConfig']).toContain('access_drivers = [ "polkit" ]');
    expect(Object.keys(v['users.groups'] as object)).toEqual(
      expect.arrayContaining(['hypervisor-users', 'hypervisor-operators', 'hypervisor-admins']),
    );
    const services = v['systemd.services'] as Record<string, { serviceConfig: object }>;
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['hv-first-boot']));
    expect(services['hv-first-boot']!.serviceConfig).toMatchObject({
      ExecStart: '/nix/store/00000000000000000000000000000000-hv-first-boot',
    });
  });
});
