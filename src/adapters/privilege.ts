// Who is acting and what libvirt will let them do. hv never asks for sudo for VM
// work: access comes from groups, matched on the host by the polkit rules that
// nix-templates/lib/polkit-libvirt.nix installs (hypervisor-users: view,
// hypervisor-operators: run VMs, hypervisor-admins and libvirtd: everything).
// Pure parsing and rules here; the only I/O is reading /etc/group and /etc/passwd.
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { shellQuote } from '../base/shell.js';

/** What the person may do with VMs on the system libvirt (qemu:///system). */
export type AccessLevel = 'root' | 'admin' | 'operator' | 'viewer' | 'none';

/** The groups that grant each level, strongest first (libvirt is Debian's name). */
export const accessGroups = {
  admin: ['hypervisor-admins', 'libvirtd', 'libvirt'],
  operator: ['hypervisor-operators'],
  viewer: ['hypervisor-users'],
} as const;

export const allAccessGroups: readonly string[] = [
  ...accessGroups.admin,
  ...accessGroups.operator,
  ...accessGroups.viewer,
];

export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

export interface Identity {
  user: string;
  uid: number;
  isRoot: boolean;
  /** Groups of this session (what libvirt and polkit see now). */
  groups: string[];
  /** Groups the account was added to that this session does not have yet (log in again). */
  pendingGroups: string[];
  access: AccessLevel;
  /** The group that gives the access level, when a group does. */
  accessGroup?: string | undefined;
}

/** Parses /etc/group text; malformed lines are skipped. */
export function parseGroupFile(text: string): GroupEntry[] {
  const out: GroupEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const f = line.split(':');
    if (f.length < 4 || !f[0]) continue;
    const gid = Number.parseInt(f[2]!, 10);
    if (!Number.isFinite(gid)) continue;
    out.push({ name: f[0], gid, members: f[3]!.split(',').filter(Boolean) });
  }
  return out;
}

export function accessLevelFor(
  groups: readonly string[],
  isRoot: boolean,
): { access: AccessLevel; group?: string } {
  if (isRoot) return { access: 'root' };
  for (const level of ['admin', 'operator', 'viewer'] as const) {
    const group = accessGroups[level].find((g) => groups.includes(g));
    if (group) return { access: level, group };
  }
  return { access: 'none' };
}

/** One sentence per level: what it allows on the system libvirt. */
export const accessDescription: Record<AccessLevel, string> = {
  root: 'root: everything, including system changes (hv still says what it will do first)',
  admin:
    'VM administrator: create, change, delete, start and stop any VM without sudo (system changes still need root)',
  operator:
    'VM operator: start, stop, pause, consoles, snapshots and backups; creating, changing and deleting VMs is refused',
  viewer: 'viewer: can see VMs and their state; every change is refused',
  none: 'no VM access on the system libvirt (the demo hypervisor and qemu:///session still work)',
};

export function identityFrom(input: {
  user: string;
  uid: number;
  sessionGids: readonly number[];
  groupFile: readonly GroupEntry[];
  /** The primary gid from /etc/passwd: a member even when not listed in /etc/group. */
  primaryGid?: number | undefined;
}): Identity {
  const byGid = new Map(input.groupFile.map((g) => [g.gid, g.name]));
  const groups = [
    ...new Set(input.sessionGids.map((gid) => byGid.get(gid)).filter((n) => n !== undefined)),
  ];
  const listed = input.groupFile
    .filter((g) => g.members.includes(input.user) || g.gid === input.primaryGid)
    .map((g) => g.name);
  const pendingGroups = listed.filter(
    (g) => !groups.includes(g) && allAccessGroups.includes(g) && input.uid !== 0,
  );
  const isRoot = input.uid === 0;
  const level = accessLevelFor(groups, isRoot);
  return {
    user: input.user,
    uid: input.uid,
    isRoot,
    groups,
    pendingGroups,
    access: level.access,
    accessGroup: level.group,
  };
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** The login name of this process's user (never trusts $USER over the uid). */
export function currentUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return `uid ${process.getuid?.() ?? '?'}`;
  }
}

export function currentIdentity(): Identity {
  const uid = process.getuid?.() ?? -1;
  const user = currentUserName();
  const passwd = readText('/etc/passwd')
    .split('\n')
    .map((l) => l.split(':'))
    .find((f) => f[0] === user);
  const primaryGid = passwd?.[3] !== undefined ? Number.parseInt(passwd[3], 10) : undefined;
  return identityFrom({
    user,
    uid,
    sessionGids: process.getgroups?.() ?? [],
    groupFile: parseGroupFile(readText('/etc/group')),
    primaryGid,
  });
}

/** The polkit action libvirt named in an "access denied" error, e.g. "domain.delete". */
export function deniedPermission(message: string): string | undefined {
  const api = /org\.libvirt\.api\.([a-z-]+\.[a-z-]+)/.exec(message);
  if (api) return api[1];
  const named = /'([a-z_-]+)' operation on '([a-z_-]+)'/i.exec(message);
  if (named) return `${named[2]!.replace(/_/g, '-')}.${named[1]!.replace(/_/g, '-')}`;
  return undefined;
}

/**
 * What to tell a person libvirt refused: which group gives which access, the
 * polkit rule that grants it, and that a new group needs a new login. Never sudo.
 */
export function explainVmAccess(who: Identity, uri: string, libvirtMessage = ''): string {
  const perm = deniedPermission(libvirtMessage);
  const parts: string[] = [];
  if (who.pendingGroups.length > 0) {
    parts.push(
      `you were added to ${who.pendingGroups.join(', ')} but this session does not have it yet: log out and in again (or run \`newgrp ${who.pendingGroups[0]}\`)`,
    );
  }
  if (perm) {
    parts.push(
      `libvirt's polkit rules refused "${perm}" for your access level (${who.access}${who.accessGroup ? `, from group ${who.accessGroup}` : ''})`,
    );
  }
  if (uri.startsWith('qemu:///system') || uri.startsWith('qemu+unix:///system')) {
    parts.push(
      'VM work needs no sudo: an administrator adds you to a group, e.g. on NixOS users.users.<you>.extraGroups = [ "hypervisor-operators" ] (start, stop, consoles, backups) or [ "hypervisor-admins" ] (also create, change and delete); hv\'s privilegeSeparation feature installs the polkit rules that grant those groups access to libvirt (plain libvirt: the libvirtd group and its org.libvirt.unix.manage polkit rule)',
    );
  } else if (uri.includes('+ssh://')) {
    parts.push(
      'on the remote host, the account you log in as must be in hypervisor-operators, hypervisor-admins or libvirtd',
    );
  } else {
    parts.push('check that you own this libvirt connection (its socket and folders)');
  }
  parts.push('then check with `hv doctor`');
  return parts.join('; ');
}

/** The exact command a normal user should run instead, shell-quoted for display. */
export function sudoCommand(args: readonly string[], program = 'hv'): string {
  return ['sudo', program, ...args].map(shellQuote).join(' ');
}
