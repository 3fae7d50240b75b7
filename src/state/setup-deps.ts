// The wizard's real dependencies: this machine's hardware, nixos-rebuild, the
// user, the defaults offered for host basics. Screen tests pass fakes instead.
import { hostname } from 'node:os';
import { isRoot } from '../adapters/accounts.js';
import { probeHardwareReport } from '../adapters/host-report.js';
import { createNixosRunner, defaultConfigDir } from '../adapters/nixos.js';
import { confirmSeconds } from '../operations/apply.js';
import { currentUser } from '../operations/context.js';
import { currentPhase } from '../security/phase.js';
import { checkHostname, checkTimeZone, checkUsername } from '../wizard/validate-host.js';
import { pop } from './router.js';
import type { SetupDeps } from './setup.js';
import { detachSetupStore } from './setup-holder.js';
import type { SetupLaunch } from './setup-launch.js';
import type { ConsoleContext } from './stores.js';

type Env = Record<string, string | undefined>;

/** Safe starting values for host basics: this machine's name, the person, its time zone. */
export function hostDefaults(env: Env = process.env): SetupDeps['hostDefaults'] {
  const name = hostname().split('.')[0] ?? '';
  const user = [env.SUDO_USER, env.USER, currentUser()].find((u) => u && !checkUsername(u));
  let tz = env.TZ?.replace(/^:/, '') || '';
  try {
    tz ||= Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    tz = 'UTC';
  }
  if (tz === 'Etc/UTC' || tz === 'Etc/Universal') tz = 'UTC';
  return {
    hostname: name && !checkHostname(name) ? name : 'hv-host',
    adminUser: user ?? 'admin',
    timeZone: tz && !checkTimeZone(tz) ? tz : 'UTC',
  };
}

export function realDeps(ctx: ConsoleContext, launch: SetupLaunch): SetupDeps {
  const env = process.env;
  const hw = launch.hardware;
  return {
    env,
    launch,
    experience: ctx.stores.session.getState().experience,
    phase: currentPhase(env),
    loadHardware: hw ? async () => ({ facts: hw.facts, source: hw.file }) : probeHardwareReport,
    runner: createNixosRunner(env),
    isRoot: isRoot(),
    user: currentUser(),
    defaultOutDir: defaultConfigDir(env),
    hostDefaults: hostDefaults(env),
    confirmSeconds: confirmSeconds(env),
    finish: () => {
      if (launch.standalone) return ctx.quit();
      // From the home menu: back there; the next visit starts from the draft or fresh.
      detachSetupStore(ctx.stores);
      pop(ctx.stores.router);
    },
  };
}
