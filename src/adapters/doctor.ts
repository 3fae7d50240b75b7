// The checks behind `hv doctor`: each says what it found and, when something is
// wrong, what to do. Status "fail" means hv cannot do its main job; "warn" means a
// part is missing and hv works around it; "info" is for the record.

import { chooseTarget, systemLibvirtReachable } from './connection.js';
import { demoStatus } from './demo.js';
import { accessDescription, currentIdentity } from './privilege.js';
import { run } from './run.js';
import { findExecutable } from './which.js';

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'info';

export interface Check {
  id: string;
  title: string;
  status: CheckStatus;
  summary: string;
  fix?: string;
}

async function versionOf(cmd: string, args: string[]): Promise<string | undefined> {
  if (!findExecutable(cmd)) return undefined;
  try {
    const r = await run(cmd, args, { timeoutMs: 5000 });
    return (r.stdout || r.stderr).trim().split('\n')[0];
  } catch {
    return undefined;
  }
}

export interface TerminalFacts {
  isTTY: boolean;
  columns?: number | undefined;
  rows?: number | undefined;
  colorDepth?: number | undefined;
  noColor: boolean;
}

export function terminalFacts(): TerminalFacts {
  const out = process.stdout;
  return {
    isTTY: out.isTTY === true,
    columns: out.isTTY ? out.columns : undefined,
    rows: out.isTTY ? out.rows : undefined,
    colorDepth: out.isTTY ? out.getColorDepth() : undefined,
    noColor: process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '',
  };
}

export async function runDoctorChecks(): Promise<Check[]> {
  const checks: Check[] = [];
  const major = Number(process.versions.node.split('.')[0]);
  checks.push({
    id: 'node',
    title: 'Node.js',
    status: major >= 20 ? 'ok' : 'fail',
    summary: `Node ${process.versions.node}`,
    ...(major >= 20 ? {} : { fix: 'install Node.js 20 or newer' }),
  });

  const virsh = await versionOf('virsh', ['--version']);
  checks.push({
    id: 'virsh',
    title: 'libvirt client (virsh)',
    status: virsh ? 'ok' : 'fail',
    summary: virsh ? `virsh ${virsh}` : 'virsh is not installed: hv cannot talk to libvirt',
    ...(virsh
      ? {}
      : { fix: 'apt-get install libvirt-clients (NixOS: virtualisation.libvirtd.enable = true)' }),
  });

  const libvirtd = await versionOf('libvirtd', ['--version']);
  checks.push({
    id: 'libvirtd',
    title: 'libvirt daemon',
    status: libvirtd ? 'ok' : 'warn',
    summary: libvirtd ?? 'libvirtd is not installed: the demo hypervisor cannot run',
    ...(libvirtd ? {} : { fix: 'apt-get install libvirt-daemon' }),
  });

  const system = await systemLibvirtReachable();
  const target = await chooseTarget({});
  checks.push({
    id: 'system-libvirt',
    title: 'System libvirt (qemu:///system)',
    status: system ? 'ok' : 'info',
    summary: system
      ? 'reachable; the console uses it by default'
      : 'not reachable; the console uses the demo hypervisor instead',
    ...(system
      ? {}
      : {
          fix: 'on a real host: enable virtualisation.libvirtd and join the libvirtd group (no sudo needed for VM work)',
        }),
  });
  checks.push({
    id: 'connection',
    title: 'Default connection',
    status: 'info',
    summary: `${target.label}: ${target.reason}`,
  });

  const demo = demoStatus();
  checks.push({
    id: 'demo',
    title: 'Demo hypervisor',
    status: 'info',
    summary: demo.running
      ? `running at ${demo.uri} (as ${demo.state?.runsAs})`
      : 'not running (starts on demand: hv demo start)',
  });

  let binding = false;
  let bindingError = '';
  try {
    await import('@unraid/libvirt');
    binding = true;
  } catch (e) {
    bindingError = e instanceof Error ? e.message.split('\n')[0]! : String(e);
  }
  checks.push({
    id: 'binding',
    title: 'Native libvirt binding (@unraid/libvirt)',
    status: binding ? 'ok' : 'warn',
    summary: binding ? 'loaded' : `not available (${bindingError}); hv uses virsh for everything`,
    ...(binding
      ? {}
      : { fix: 'apt-get install libvirt-dev pkg-config, then npm rebuild @unraid/libvirt' }),
  });

  const nix = await versionOf('nix-instantiate', ['--version']);
  checks.push({
    id: 'nix',
    title: 'Nix tools (nix-instantiate)',
    status: nix ? 'ok' : 'warn',
    summary: nix ?? 'not installed: generated Nix cannot be checked on this machine',
    ...(nix ? {} : { fix: 'apt-get install nix-bin (NixOS has it already)' }),
  });

  const rebuild = findExecutable('nixos-rebuild');
  checks.push({
    id: 'nixos-rebuild',
    title: 'nixos-rebuild',
    status: 'info',
    summary: rebuild
      ? `found at ${rebuild}: setup can apply configurations`
      : 'not found (not NixOS): setup writes files but cannot apply them here',
  });

  // Groups of this session (what libvirt's polkit rules see), and the access they give.
  const me = currentIdentity();
  const hasVmAccess = me.access !== 'none';
  const pending = me.pendingGroups.length
    ? `; added to ${me.pendingGroups.join(', ')} but not in this session yet (log in again)`
    : '';
  checks.push({
    id: 'groups',
    title: 'Your access',
    status: hasVmAccess ? 'ok' : 'info',
    summary: `${me.user}; groups: ${me.groups.join(', ') || '(none found)'}; access: ${accessDescription[me.access]}${pending}`,
    ...(hasVmAccess
      ? {}
      : {
          fix: 'to manage VMs on the system libvirt without sudo, an administrator adds you to hypervisor-operators or hypervisor-admins (or libvirtd), then you log in again',
        }),
  });

  const t = terminalFacts();
  const bigEnough = t.isTTY && (t.columns ?? 0) >= 80 && (t.rows ?? 0) >= 24;
  checks.push({
    id: 'terminal',
    title: 'Terminal',
    status: !t.isTTY ? 'info' : bigEnough ? 'ok' : 'warn',
    summary: !t.isTTY
      ? 'not a terminal (fine for subcommands; the console needs one)'
      : `${t.columns}x${t.rows}, ${t.noColor ? 'NO_COLOR set' : `${2 ** (t.colorDepth ?? 1)} colours`}`,
    ...(t.isTTY && !bigEnough
      ? { fix: 'enlarge the terminal to at least 80x24, or use hv --plain' }
      : {}),
  });
  return checks;
}
