// The polkit rules nix-templates installs for libvirt (core.nix, privilegeSeparation):
// nix-templates/lib/polkit-libvirt.nix rendered by real nix-instantiate (it needs no
// lib), then run as polkit runs them (one addRule callback per check, polkit.spawn for
// the phase marker, run here with the real `test` program) for each access group and
// action. With nixpkgs' lib, core.nix is evaluated too, to prove these very rules, the
// groups and libvirt's per-call checks reach the NixOS options.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers.js';
import { evaluateCases } from './hv-eval.js';
import { nixInstantiate } from './nix-tool.js';
import { nixpkgsLibOrSkip } from './nixpkgs-lib.js';

const lib = await nixpkgsLibOrSkip();
const stateDir = mkdtempSync(join(tmpdir(), 'hv-polkit-'));
const marker = join(stateDir, '.phase-hardened');
const rulesFile = join(repoRoot, 'nix-templates', 'lib', 'polkit-libvirt.nix');
let js = '';

const render = (testProgram: string, hardenedMarker: string) =>
  `import ${JSON.stringify(rulesFile)} { testProgram = ${JSON.stringify(testProgram)}; hardenedMarker = ${JSON.stringify(hardenedMarker)}; }`;

beforeAll(async () => {
  const r = await nixInstantiate([
    '--eval',
    '--strict',
    '--json',
    '-E',
    render('/usr/bin/test', marker),
  ]);
  expect(r.exitCode, r.stderr).toBe(0);
  js = JSON.parse(r.stdout);
});

type Decision = 'yes' | 'no' | 'default';

function decide(actionId: string, groups: string[]): Decision {
  const rules: Array<(a: unknown, s: unknown) => unknown> = [];
  const polkit = {
    Result: { YES: 'yes', NO: 'no', AUTH_ADMIN: 'auth_admin', NOT_HANDLED: null },
    addRule: (f: (a: unknown, s: unknown) => unknown) => rules.push(f),
    spawn: (argv: string[]) => {
      const r = spawnSync(argv[0]!, argv.slice(1));
      if (r.status !== 0) throw new Error(`exit ${r.status}`);
      return r.stdout.toString();
    },
    log: () => {},
  };
  runInNewContext(js, { polkit });
  for (const rule of rules) {
    const r = rule(
      { id: actionId },
      { user: 'someone', isInGroup: (g: string) => groups.includes(g) },
    );
    if (r !== null && r !== undefined) return r as Decision;
  }
  return 'default';
}

describe.skipIf(!lib)('core.nix installs them (evaluated with nixpkgs lib)', () => {
  it('creates the three groups, adds vmUsers to libvirtd, turns on per-call checks, installs these rules', async () => {
    const name = 'privilegeSeparation';
    const outcome = (
      await evaluateCases(lib!, {
        [name]: {
          modules: [join(repoRoot, 'nix-templates', 'default.nix')],
          settings: {
            hypervisor: {
              console: { stateDir },
              core: { privilegeSeparation: { enable: true, vmUsers: ['ada'] } },
            },
          },
        },
      })
    )[name]!;
    expect(outcome.ok, outcome.ok ? '' : outcome.error).toBe(true);
    if (!outcome.ok) return;
    const v = outcome.result.values;
    const groups = v['users.groups'] as Record<string, { members: string[] }>;
    expect(Object.keys(groups).sort()).toEqual([
      'hypervisor-admins',
      'hypervisor-operators',
      'hypervisor-users',
      'libvirtd',
    ]);
    expect(groups.libvirtd!.members).toEqual(['ada']);
    expect(v['virtualisation.libvirtd.extraConfig']).toContain('access_drivers = [ "polkit" ]');
    expect(v['security.polkit.enable']).toBe(true);
    // The same rules, with coreutils' test (the pkgs stand-in's store path) and the marker.
    const r = await nixInstantiate([
      '--eval',
      '--strict',
      '--json',
      '-E',
      render('/nix/store/00000000000000000000000000000000-coreutils/bin/test', marker),
    ]);
    expect(v['security.polkit.extraConfig']).toBe(JSON.parse(r.stdout));
  });
});

describe('polkit rules for libvirt', () => {
  it('is ES5, as polkit runs it', () => {
    expect(js).not.toMatch(/=>|\blet\s|\bconst\s|`/);
    expect(js).toContain(`"/usr/bin/test", "-e", "${marker}"`);
  });

  const api = (x: string) => `org.libvirt.api.${x}`;
  const users = ['hypervisor-users'];
  const operators = ['hypervisor-operators'];
  const admins = ['hypervisor-admins'];

  it('viewers read; operators run VMs; admins and libvirtd do everything', () => {
    rmSync(marker, { force: true });
    expect(decide('org.libvirt.unix.monitor', users)).toBe('yes');
    expect(decide('org.libvirt.unix.manage', users)).toBe('default');
    expect(decide(api('domain.getattr'), users)).toBe('yes');
    expect(decide(api('domain.start'), users)).toBe('default');

    expect(decide('org.libvirt.unix.manage', operators)).toBe('yes');
    for (const p of ['start', 'stop', 'suspend', 'init-control', 'open-device', 'snapshot'])
      expect(decide(api(`domain.${p}`), operators), p).toBe('yes');
    for (const p of [
      'domain.write',
      'domain.save',
      'domain.delete',
      'storage-vol.create',
      'network.start',
    ])
      expect(decide(api(p), operators), p).toBe('default');

    for (const g of [admins, ['libvirtd']]) {
      for (const p of ['domain.write', 'domain.delete', 'storage-vol.create', 'network.start'])
        expect(decide(api(p), g), p).toBe('yes');
    }
    // Nobody in a group gets nothing from these rules; other programs' actions are left alone.
    expect(decide('org.libvirt.unix.manage', ['wheel'])).toBe('default');
    expect(decide('org.freedesktop.login1.reboot', admins)).toBe('default');
  });

  it('refuses creating, changing and deleting while the hardened marker exists', () => {
    writeFileSync(marker, '{}');
    try {
      for (const p of ['domain.write', 'domain.save', 'domain.delete', 'storage-vol.create'])
        expect(decide(api(p), admins), p).toBe('no');
      // Running VMs stays possible.
      expect(decide(api('domain.start'), admins)).toBe('yes');
      expect(decide(api('domain.stop'), operators)).toBe('yes');
      expect(decide(api('domain.snapshot'), operators)).toBe('yes');
      expect(decide(api('domain.getattr'), users)).toBe('yes');
    } finally {
      rmSync(marker, { force: true });
    }
    expect(decide(api('domain.delete'), admins)).toBe('yes');
  });
});
