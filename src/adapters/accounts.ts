import { readFileSync } from 'node:fs';

/** Looks a user or group up in /etc/passwd or /etc/group (Node has no getpwnam). */
export function lookupId(db: '/etc/passwd' | '/etc/group', names: string[]): number | undefined {
  let text: string;
  try {
    text = readFileSync(db, 'utf8');
  } catch {
    return undefined;
  }
  for (const name of names) {
    for (const line of text.split('\n')) {
      const f = line.split(':');
      if (f[0] === name && f[2] !== undefined) return Number.parseInt(f[2], 10);
    }
  }
  return undefined;
}

export const isRoot = () => process.getuid?.() === 0;

/** The unprivileged account the demo daemon runs as when hv runs as root. */
export function unprivilegedAccount(): { user: string; uid: number; group: string; gid: number } {
  const uid = lookupId('/etc/passwd', ['nobody']);
  const groupName = lookupId('/etc/group', ['nogroup']) !== undefined ? 'nogroup' : 'nobody';
  const gid = lookupId('/etc/group', [groupName]);
  if (uid === undefined || gid === undefined) {
    throw new Error('no "nobody" account and "nogroup"/"nobody" group to run the demo daemon as');
  }
  return { user: 'nobody', uid, group: groupName, gid };
}
