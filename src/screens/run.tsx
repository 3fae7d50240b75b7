// Opens the full-screen console: alternate screen, Ink with incremental rendering,
// the connection in the background, and a terminal that is always restored, also
// after a crash, SIGTERM or a dropped SSH session (SIGHUP).
import { render } from 'ink';
import { type ConnectionTarget, connect } from '../adapters/connection.js';
import { touchDemo } from '../adapters/demo.js';
import type { Hypervisor } from '../adapters/hypervisor.js';
import { VirshHypervisor } from '../adapters/virsh.js';
import { markFirstFrame } from '../cli/bench-probe.js';
import type { GlobalOptions } from '../cli/globals.js';
import { errorMessage, isHvError } from '../errors.js';
import { currentPhase } from '../security/phase.js';
import { createRouterStore } from '../state/router.js';
import { createSessionStore } from '../state/session.js';
import { loadSettings } from '../state/settings.js';
import { createVmsStore } from '../state/vms.js';
import { App } from './App.js';
import type { Stores } from './types.js';

const ENTER_ALT = '\x1b[?1049h';
const LEAVE_ALT = '\x1b[?1049l';
const SHOW_CURSOR = '\x1b[?25h';

export async function runConsole(globals: GlobalOptions): Promise<number> {
  const settings = loadSettings();
  const notice =
    settings.status === 'corrupt'
      ? `Settings file was unreadable (${settings.problem}); kept at ${settings.keptAt}, using defaults.`
      : undefined;
  const stores: Stores = {
    session: createSessionStore({
      phase: currentPhase(),
      experience: settings.value.experience,
      showCommands: settings.value.showCommands,
      notice,
    }),
    router: createRouterStore(),
    vms: createVmsStore(),
  };
  let hypervisor: Hypervisor | undefined;

  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    process.stdout.write(SHOW_CURSOR + LEAVE_ALT);
  };
  process.stdout.write(ENTER_ALT);

  let firstFrame = true;
  const instance = render(<App ctx={{ stores, hypervisor: () => hypervisor }} />, {
    exitOnCtrlC: false,
    incrementalRendering: true,
    patchConsole: true,
    maxFps: 30,
    onRender: () => {
      if (firstFrame) {
        firstFrame = false;
        setImmediate(markFirstFrame);
      }
    },
  });

  const crash = (e: unknown) => {
    instance.unmount();
    restore();
    process.stderr.write(
      `hv: the console stopped because of an internal error: ${errorMessage(e)}\n`,
    );
    if (process.env.HV_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    process.exit(1);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  const bySignal = (code: number) => () => {
    instance.unmount();
    restore();
    process.exit(code);
  };
  process.on('SIGTERM', bySignal(143));
  process.on('SIGHUP', bySignal(129));

  let keepAlive: NodeJS.Timeout | undefined;
  connect(globals).then(
    (target: ConnectionTarget) => {
      hypervisor = new VirshHypervisor(target.uri);
      stores.session.setState({ target, status: 'connected', error: undefined });
      if (target.kind === 'demo') {
        keepAlive = setInterval(() => touchDemo(), 30_000);
        keepAlive.unref();
      }
    },
    (e: unknown) => {
      stores.session.setState({
        status: 'error',
        error: { message: errorMessage(e), fix: isHvError(e) ? e.fix : undefined },
      });
    },
  );

  try {
    await instance.waitUntilExit();
  } finally {
    if (keepAlive) clearInterval(keepAlive);
    instance.unmount();
    restore();
  }
  return 0;
}
