// Host actions of the Host screen and `hv host`: list NixOS generations, roll back
// to the previous one, restart libvirtd, read its recent logs. Each is an
// OperationSpec, so the phase and privilege guards, the audit log and "show me
// the command" apply as for VM work. Programs run through a runner that unit
// tests replace (our own port); nothing here goes through a shell.
import { hostname, userInfo } from 'node:os';
import {
  type Generation,
  isNixos,
  type JournalRead,
  listGenerations,
  readJournal,
  systemdRunning,
} from '../adapters/hostinfo.js';
import { partialHypervisor } from '../adapters/hypervisor-fake.js';
import { createNixosRunner, type LineSink, type NixosRunner } from '../adapters/nixos.js';
import { run } from '../adapters/run.js';
import { HvError } from '../base/errors.js';
import { currentPhase } from '../security/phase.js';
import type { OperationContext, OperationSpec } from './types.js';

type Env = Record<string, string | undefined>;

export interface HostDeps {
  run: typeof run;
  nixos: NixosRunner;
  isNixos: (env: Env) => boolean;
  systemdRunning: () => boolean;
  listGenerations: (env: Env) => Generation[];
  readJournal: (unit: string, lines: number) => Promise<JournalRead>;
}

export const realHostDeps: HostDeps = {
  run,
  nixos: createNixosRunner(),
  isNixos,
  systemdRunning,
  listGenerations,
  readJournal,
};

/**
 * The context for operations on this machine rather than on a libvirt connection:
 * no hypervisor is needed, and the audit log records the host name as the target URI.
 */
export function localContext(env: Env = process.env): OperationContext {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    user = `uid ${process.getuid?.() ?? '?'}`;
  }
  const host = hostname();
  return {
    hypervisor: partialHypervisor(`host:${host}`, {}),
    uri: `host:${host}`,
    phase: currentPhase(env as NodeJS.ProcessEnv),
    user,
    isRoot: process.getuid?.() === 0,
    env,
  };
}

const tail = (text: string, lines = 6) => text.trim().split('\n').slice(-lines).join('\n');

function needNixos(deps: HostDeps, env: Env): void {
  if (!deps.isNixos(env)) {
    throw new HvError('unsupported', 'this machine is not NixOS, so it has no generations', {
      fix: 'generations and rollback exist on a NixOS host; here hv can still write a configuration (hv setup)',
    });
  }
}

export interface RollbackInput {
  /** Asked once the generations are known (from, to); false stops before anything runs. */
  confirm?: ((from: number | undefined, to: number) => Promise<boolean>) | undefined;
  /** Each line nixos-rebuild prints, as it prints it. */
  onLine?: LineSink | undefined;
}

export interface RollbackResult {
  from?: number | undefined;
  to: number;
  output: string;
}

export function hostOps(deps: HostDeps = realHostDeps) {
  const generations: OperationSpec<Record<string, never>, Generation[]> = {
    id: 'host.generations',
    title: 'list NixOS generations',
    privilege: 'vm',
    kind: 'view',
    risk: 'minimal',
    destructive: false,
    audited: false,
    target: () => 'system profile',
    commands: () => [{ tool: 'nixos-rebuild', args: ['list-generations'] }],
    run: async (_i, ctx) => {
      needNixos(deps, ctx.env);
      return deps.listGenerations(ctx.env);
    },
  };

  const rollback: OperationSpec<RollbackInput, RollbackResult> = {
    id: 'host.rollback',
    title: 'roll the system back to the previous NixOS generation',
    privilege: 'system',
    kind: 'system-config',
    risk: 'moderate',
    destructive: false,
    audited: true,
    target: () => 'system profile',
    commands: () => [{ tool: 'nixos-rebuild', args: ['switch', '--rollback'] }],
    run: async (input, ctx) => {
      needNixos(deps, ctx.env);
      const gens = deps.listGenerations(ctx.env);
      const current = gens.find((g) => g.current);
      const previous = gens.find((g) => current !== undefined && g.number < current.number);
      if (!previous) {
        throw new HvError('invalid-state', 'there is no older generation to roll back to', {
          fix: '`hv host generations` lists them; the oldest may have been collected (nix-collect-garbage)',
        });
      }
      if (input.confirm && !(await input.confirm(current?.number, previous.number))) {
        throw new HvError('usage', 'rollback not confirmed: nothing was changed', {
          fix: 'run it again and confirm, or pass --yes',
        });
      }
      // Activation can take minutes (services restart): its output streams to the caller.
      const lines: string[] = [];
      const code = await deps.nixos.rollback((line) => {
        lines.push(line);
        input.onLine?.(line);
      }, ctx.signal);
      if (code !== 0) {
        throw new HvError('failed', `nixos-rebuild switch --rollback failed (exit ${code})`, {
          detail: tail(lines.join('\n'), 20),
          fix: `read its output; the generation in use is still ${current?.number ?? 'the same'} (hv host generations)`,
        });
      }
      return { from: current?.number, to: previous.number, output: tail(lines.join('\n'), 20) };
    },
  };

  const restartLibvirtd: OperationSpec<Record<string, never>, { output: string }> = {
    id: 'host.restart-libvirtd',
    title: 'restart the libvirt daemon',
    privilege: 'system',
    // Operations, not configuration: a hung daemon must be restartable in the
    // hardened phase too. Running VMs keep running (QEMU is not libvirtd's child).
    kind: 'lifecycle',
    risk: 'low',
    destructive: false,
    audited: true,
    target: () => 'libvirtd.service',
    commands: () => [{ tool: 'systemctl', args: ['restart', 'libvirtd.service'] }],
    run: async () => {
      if (!deps.systemdRunning()) {
        throw new HvError(
          'unsupported',
          'systemd does not run this machine, so hv cannot restart libvirtd',
          {
            fix: 'restart libvirtd the way this system starts services (in a container: restart the container)',
          },
        );
      }
      const r = await deps.run('systemctl', ['restart', 'libvirtd.service'], {
        timeoutMs: 120_000,
      });
      if (r.exitCode !== 0) {
        throw new HvError('failed', 'systemctl restart libvirtd.service failed', {
          detail: tail(r.stderr || r.stdout),
          fix: 'see why: hv host logs (or journalctl -u libvirtd)',
        });
      }
      return { output: tail(r.stdout + r.stderr) };
    },
  };

  const logs: OperationSpec<{ unit: string; lines: number }, JournalRead> = {
    id: 'host.logs',
    title: 'read recent logs',
    privilege: 'vm',
    kind: 'view',
    risk: 'minimal',
    destructive: false,
    audited: false,
    target: (i) => i.unit,
    commands: (i) => [
      {
        tool: 'journalctl',
        args: ['--unit', i.unit, '--lines', String(i.lines), '--no-pager'],
      },
    ],
    run: (i) => deps.readJournal(i.unit, i.lines),
  };

  return { generations, rollback, restartLibvirtd, logs };
}

/** Units `hv host logs` may show: libvirt's daemons and hv's own first-boot unit. */
export const logUnits = ['libvirtd', 'libvirt-guests', 'virtqemud', 'hv-first-boot'] as const;
