// Where hv's child processes start. A child inherits hv's working folder, and when
// hv's user cannot enter it (hv started from another user's 0700 folder, or from a
// folder removed since), the child's chdir fails before the program runs: virsh
// would never start and the demo would load nothing, with no reason given. Such
// children start in the home folder instead, else in /.
import { accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';

const enterable = (dir: string) => {
  try {
    accessSync(dir, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** undefined: inherit hv's folder (the usual case); else the folder to start in. */
export function childCwd(): string | undefined {
  let cwd: string | undefined;
  try {
    cwd = process.cwd();
  } catch {
    cwd = undefined; // removed since hv started
  }
  if (cwd && enterable(cwd)) return undefined;
  const home = homedir();
  return home && enterable(home) ? home : '/';
}
