import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

// sbin directories are searched too: libvirtd lives in /usr/sbin, which a normal
// user's PATH often lacks.
const extraDirs = ['/usr/sbin', '/sbin', '/run/current-system/sw/bin'];

export function findExecutable(cmd: string, path = process.env.PATH ?? ''): string | undefined {
  if (isAbsolute(cmd)) return isExecutable(cmd) ? cmd : undefined;
  for (const dir of path.split(delimiter).concat(extraDirs)) {
    if (!dir) continue;
    const candidate = join(dir, cmd);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
