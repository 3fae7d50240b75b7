// The polkit rules nix-templates installs for libvirt (core.nix, privilegeSeparation):
// taken out of the module by real nix-instantiate (stub lib, no nixpkgs), then run as
// polkit runs them (one addRule callback per check, polkit.spawn for the phase
// marker, run here with the real `test` program) for each access group and action.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers.js';
import { nixInstantiate } from './nix-tool.js';

const stateDir = mkdtempSync(join(tmpdir(), 'hv-polkit-'));
const marker = join(stateDir, '.phase-hardened');
let js = '';
let groupsDeclared: string[] = [];
let libvirtdConf = '';

const expr = `
  let
    lib = import ${JSON.stringify(join(repoRoot, 'tests', 'nix', 'stub-lib.nix'))};
    off = { enable = false; };
    m = import ${JSON.stringify(join(repoRoot, 'nix-templates', 'modules', 'core.nix'))} {
      inherit lib;
      pkgs = { coreutils = "/usr"; };
      config.hypervisor = {
        console.stateDir = ${JSON.stringify(stateDir)};
        core = {
          vmManagement = off // { onBoot = "start"; onShutdown = "shutdown"; shutdownTimeout = 300; };
          privilegeSeparation = { enable = true; vmUsers = [ "ada" ]; };
          auditLogging = off // { lockRules = false; };
        };
      };
    };
    on = builtins.filter (p: p.condition) m.config.contents;
    priv = (builtins.head (builtins.filter (p: p.content ? security && p.content.security ? polkit) on)).content;
  in {
    rules = priv.security.polkit.extraConfig;
    groups = builtins.attrNames priv.users.groups;
    libvirtd = priv.virtualisation.libvirtd.extraConfig;
  }
`;

beforeAll(async () => {
  const r = await nixInstantiate(['--eval', '--strict', '--json', '-E', expr]);
  expect(r.exitCode, r.stderr).toBe(0);
  const out = JSON.parse(r.stdout);
  js = out.rules;
  groupsDeclared = out.groups;
  libvirtdConf = out.libvirtd;
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

describe('polkit rules for libvirt', () => {
  it('creates the three groups, adds vmUsers to libvirtd and turns on per-call checks', () => {
    expect(groupsDeclared.sort()).toEqual([
      'hypervisor-admins',
      'hypervisor-operators',
      'hypervisor-users',
      'libvirtd',
    ]);
    expect(libvirtdConf).toContain('access_drivers = [ "polkit" ]');
  });

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
