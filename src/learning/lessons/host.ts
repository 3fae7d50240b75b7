import { readFileSync } from 'node:fs';
import { systemLibvirtReachable } from '../../adapters/connection.js';
import { currentPhase, hypervisorRoot } from '../../security/phase.js';
import { allowedInPhase } from '../../security/policy.js';
import { normalize, yesNo } from '../libvirt.js';
import type { Lesson } from '../types.js';
import { fail, needAnswer, pass } from './verdict.js';

/** The groups that let an account manage VMs on the system libvirt without sudo. */
export const vmGroups = ['libvirtd', 'libvirt', 'hypervisor-admins', 'hypervisor-operators'];

/** Names of this process's groups (what libvirt sees), from /etc/group. */
export function sessionGroupNames(): string[] {
  let text = '';
  try {
    text = readFileSync('/etc/group', 'utf8');
  } catch {
    return [];
  }
  const gids = new Set(process.getgroups?.() ?? []);
  if (process.getgid) gids.add(process.getgid());
  return text
    .split('\n')
    .map((l) => l.split(':'))
    .filter((f) => f.length >= 3 && gids.has(Number.parseInt(f[2]!, 10)))
    .map((f) => f[0]!);
}

export const privilege: Lesson = {
  id: 'privilege',
  title: 'Privilege separation and the libvirt group',
  about: 'Why VM work needs no sudo, what does need root, and how hv keeps them apart.',
  minutes: 10,
  explain: {
    beginner: `On Linux, root can do anything, which is exactly why you should not use it for everyday work: one typo as root can break the whole machine. hv separates two kinds of work.

VM work (starting, stopping, snapshots, consoles) never needs root. libvirt lets the members of certain groups manage VMs: libvirtd on NixOS (libvirt on Debian and Ubuntu), and on a host set up by hv also hypervisor-operators (run VMs) and hypervisor-admins (also create and delete them). An administrator adds you to a group once; it takes effect the next time you log in.

System work (changing the NixOS configuration, rebuilding, hardening the host) needs root. hv never runs sudo by itself: it prints the exact sudo command instead, so you see what will run with full power before it does.

id -nG lists your groups. virsh -c qemu:///system list works when your groups give you access to the system libvirt.`,
    intermediate: `qemu:///system access is granted through polkit to the libvirtd group (Debian: libvirt); hv's privilegeSeparation feature adds hypervisor-users (view), hypervisor-operators (lifecycle, consoles, snapshots, backups) and hypervisor-admins (everything). A new group needs a new login (or newgrp). System operations need root: hv prints the sudo command instead of elevating. qemu:///session is per user and needs no group.`,
    expert:
      'polkit org.libvirt.unix.manage → libvirtd/libvirt; hypervisor-{users,operators,admins}. System ops: root, sudo line printed, never implicit. id -nG · newgrp.',
  },
  tasks: [
    {
      id: 'in-group',
      goal: `Are you in a group that lets you manage VMs without sudo (${vmGroups.join(', ')})?`,
      ways: [{ where: 'shell', text: 'id -nG' }],
      question: { prompt: 'yes or no:' },
      hints: [
        '`id -nG` prints the names of your groups on one line.',
        `Look for any of: ${vmGroups.join(', ')}.`,
      ],
      async verify(_ctx, answer) {
        const said = yesNo(answer);
        if (said === undefined) return needAnswer('yes');
        const mine = sessionGroupNames().filter((g) => vmGroups.includes(g));
        const root = process.getuid?.() === 0;
        if (said !== mine.length > 0) {
          return fail('Not quite. Look at the output of `id -nG` again.');
        }
        if (mine.length > 0)
          return pass(`Right: you are in ${mine.join(', ')}, so VM work needs no sudo.`);
        return pass(
          root
            ? 'Right: you are in none of them. You are root, which needs no group; a normal account would.'
            : 'Right: you are in none of them. An administrator can add you; then log in again.',
        );
      },
    },
    {
      id: 'system-reachable',
      goal: 'Can you reach the system libvirt (qemu:///system) from this account right now?',
      ways: [
        { where: 'virsh', args: ['-c', 'qemu:///system', 'list'] },
        { where: 'shell', text: 'hv doctor' },
      ],
      question: { prompt: 'yes or no:' },
      hints: [
        'If `virsh -c qemu:///system list` prints a list (even an empty one), the answer is yes.',
        'An error such as "failed to connect" or "permission denied" means no.',
      ],
      async verify(_ctx, answer) {
        const said = yesNo(answer);
        if (said === undefined) return needAnswer('no');
        const can = await systemLibvirtReachable();
        if (said !== can)
          return fail('Not quite. Try `virsh -c qemu:///system list` and read what it says.');
        return pass(
          can
            ? 'Right: the system libvirt answers you, without sudo.'
            : 'Right: it does not answer (no system libvirt here, or no access). The demo needs neither.',
        );
      },
    },
  ],
  summary: [
    "VM work goes through libvirt and needs a group (libvirtd, or hv's hypervisor-* groups), never root.",
    'System work needs root; hv prints the sudo command rather than running it.',
    'A new group takes effect at the next login; id -nG shows what you have now.',
  ],
  commands: ['id -nG', 'virsh -c qemu:///system list', 'hv doctor'],
};

export const phases: Lesson = {
  id: 'phases',
  title: 'The two phases: setup and hardened',
  about: 'Why a finished host is locked down, what still works, and how to change it.',
  minutes: 10,
  explain: {
    beginner: `An hv host is in one of two phases. In the setup phase everything is allowed: you create VMs, change them, and change the host's configuration. When the host is ready, you harden it.

In the hardened phase hv still lets you start, stop and pause VMs, use consoles, take backups and look at everything. It refuses to create, change or delete VMs, and to change the system configuration.

That protects a finished host from mistakes, and from someone who got hold of an account: the dangerous operations are simply not available. To change something, an administrator unlocks the host (back to setup), makes the change, and hardens it again. Every refusal is written to the audit log.

The header of hv's console shows the phase. hv keeps it as a marker file in {root}.`,
    intermediate: `Setup phase: everything allowed. Hardened: only view, lifecycle (start, stop, pause), console and backup operations; create, delete, modify and system configuration are refused by hv's operation policy, and the refusal is audited. Unlocking needs root. Marker: {root}/.phase-hardened.`,
    expert:
      'hardened allows view|lifecycle|console|backup; refuses create|delete|modify|system-config (audited). Marker {root}/.phase-hardened.',
  },
  tasks: [
    {
      id: 'which-phase',
      goal: 'Which phase is this host in?',
      ways: [
        { where: 'console', text: 'the second line of the header says "phase: …"' },
        { where: 'hv', args: ['phase', 'status'], local: true },
        { where: 'shell', text: 'ls -a {root}' },
      ],
      question: { prompt: 'setup or hardened:' },
      hints: [
        'The header of every console screen shows it.',
        'A file named .phase-hardened means hardened.',
      ],
      async verify(ctx, answer) {
        const a = normalize(answer);
        if (a !== 'setup' && a !== 'hardened') return needAnswer('setup');
        const phase = currentPhase(ctx.env);
        return a === phase
          ? pass(`Right: this host is in the ${phase} phase.`)
          : fail(`Not quite: look at the header, or in ${hypervisorRoot(ctx.env)}.`);
      },
    },
    {
      id: 'hardened-create',
      goal: 'On a hardened host, would hv let you create a new VM?',
      ways: [{ where: 'shell', text: 'read the explanation again (← goes back to it)' }],
      question: { prompt: 'yes or no:' },
      hints: ['Hardened keeps VMs running; it refuses new things and changes.'],
      async verify(_ctx, answer) {
        const said = yesNo(answer);
        if (said === undefined) return needAnswer('yes');
        const allowed = allowedInPhase('create', 'hardened');
        return said === allowed
          ? pass('Right: creating a VM is refused when hardened; unlock first.')
          : fail('Not quite: think about what hardening protects against.');
      },
    },
    {
      id: 'hardened-start',
      goal: 'And would it let you start a VM that already exists?',
      ways: [{ where: 'shell', text: 'read the explanation again (← goes back to it)' }],
      question: { prompt: 'yes or no:' },
      hints: ['Hardened keeps day-to-day VM work possible.'],
      async verify(_ctx, answer) {
        const said = yesNo(answer);
        if (said === undefined) return needAnswer('no');
        const allowed = allowedInPhase('lifecycle', 'hardened');
        return said === allowed
          ? pass('Right: starting, stopping and pausing still work on a hardened host.')
          : fail('Not quite: a hardened host still has to run its VMs.');
      },
    },
  ],
  summary: [
    'Setup phase: everything allowed. Hardened: running VMs, consoles, backups and viewing only.',
    'Creating, changing and deleting VMs, and system changes, need the host unlocked first.',
    'The phase is shown in the console header and kept as a marker file.',
  ],
  commands: ['hv phase status'],
};
