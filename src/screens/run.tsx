// Opens the full-screen console: alternate screen, Ink with incremental rendering,
// and a terminal that is always restored, also after a crash, SIGTERM or a
// dropped SSH session (SIGHUP).
//
// Start-up order matters for the first frame: only Ink, React, the stores and a
// zod-free settings peek load before it. Settings validation (zod), the
// connection and libvirt (execa) are imported right after it.
import { render } from 'ink';
import type { Hypervisor } from '../adapters/hypervisor.js';
import { errorMessage, isHvError } from '../base/errors.js';
import { peekSettings } from '../base/settings-peek.js';
import { markFirstFrame } from '../cli/bench-probe.js';
import type { GlobalOptions } from '../cli/globals.js';
import { currentPhase } from '../security/phase.js';
import { createConnectionsStore, isDemoLike, setCurrentConnection } from '../state/connections.js';
import { createRouterStore, type ScreenId } from '../state/router.js';
import { createSessionStore } from '../state/session.js';
import { launchSetup } from '../state/setup-holder.js';
import type { SetupLaunch } from '../state/setup-launch.js';
import { createVmAreaStores } from '../state/vm-area.js';
import { createVmsStore } from '../state/vms.js';
import { App } from './App.js';
import { loadScreens } from './registry.js';
import type { Stores } from './types.js';

const ENTER_ALT = '\x1b[?1049h';
const LEAVE_ALT = '\x1b[?1049l';
const SHOW_CURSOR = '\x1b[?25h';

/** How a command opens the console: on another screen, without libvirt. */
export interface ConsoleOptions {
  /** The screen stack to start with (default: home); `hv setup` starts on setup. */
  stack?: ScreenId[];
  /** false: no libvirt connection is made (setup works without one). */
  connect?: boolean;
  /** `hv setup`'s flags for the wizard. */
  setupLaunch?: SetupLaunch;
}

export async function runConsole(
  globals: GlobalOptions,
  opts: ConsoleOptions = {},
): Promise<number> {
  const settings = peekSettings();
  const stores: Stores = {
    session: createSessionStore({
      phase: currentPhase(),
      experience: settings.experience,
      showCommands: settings.showCommands,
    }),
    router: createRouterStore(),
    vms: createVmsStore(),
    vmArea: createVmAreaStores(),
    connections: createConnectionsStore(),
  };
  const hypervisor = (): Hypervisor | undefined => stores.connections.getState().hypervisor;
  if (opts.stack) stores.router.setState({ stack: opts.stack });
  if (opts.setupLaunch) launchSetup(opts.setupLaunch);

  // The live feed (and the execa it runs virsh with) arrives with the VM screens,
  // after the first frame; until then there is no feed to stop.
  let liveFeed: typeof import('../state/vm-live.js') | undefined;
  const stopLiveFeed = (vms: Stores['vms']) => liveFeed?.stopLiveFeed(vms) ?? Promise.resolve();

  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    process.stdout.write(SHOW_CURSOR + LEAVE_ALT);
  };
  process.stdout.write(ENTER_ALT);

  let afterFirstFrame: (() => void) | undefined;
  const firstFrame = new Promise<void>((resolve) => {
    afterFirstFrame = resolve;
  });
  // Console handoff: the screen asks, the loop below unmounts Ink, runs the
  // program with the terminal, and mounts a fresh Ink on the same stores.
  let handoff:
    | { fn: () => Promise<unknown>; done: (r: { ok: unknown } | { error: unknown }) => void }
    | undefined;
  const suspend = <T,>(fn: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      handoff = {
        fn,
        done: (r) => ('error' in r ? reject(r.error) : resolve(r.ok as T)),
      };
      instance.unmount();
    });
  const mount = () =>
    render(<App ctx={{ stores, hypervisor, suspend }} />, {
      exitOnCtrlC: false,
      incrementalRendering: true,
      patchConsole: true,
      maxFps: 30,
      // Ink calls onRender after writing the frame; writes to a TTY are synchronous,
      // so the first frame is on the terminal at this point.
      onRender: () => {
        if (afterFirstFrame) {
          markFirstFrame();
          const done = afterFirstFrame;
          afterFirstFrame = undefined;
          setImmediate(done);
        }
      },
    });
  let instance = mount();

  const crash = (e: unknown) => {
    void stopLiveFeed(stores.vms);
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
    void stopLiveFeed(stores.vms);
    instance.unmount();
    restore();
    process.exit(code);
  };
  process.on('SIGTERM', bySignal(143));
  process.on('SIGHUP', bySignal(129));

  let keepAlive: NodeJS.Timeout | undefined;
  const startBackground = async () => {
    await firstFrame;
    await loadScreens();
    liveFeed = await import('../state/vm-live.js');
    const { loadSettings } = await import('../state/settings.js');
    const full = loadSettings();
    if (full.status === 'corrupt') {
      stores.session.setState({
        experience: full.value.experience,
        showCommands: full.value.showCommands,
        notice: `Settings file was unreadable (${full.problem}); kept at ${full.keptAt}, using defaults.`,
      });
    }
    // Counts this session for the level suggestion (sustained use); never in the way.
    void import('../state/suggestion-usage.js')
      .then((m) => m.recordConsoleSession(stores.session.getState().experience))
      .catch(() => undefined);
    if (opts.connect === false) {
      stores.session.setState({
        status: 'connected',
        target: { uri: 'localhost', kind: 'custom', label: 'this host', reason: 'setup' },
      });
      return;
    }
    const { consoleTarget, keepDemoAwake, openHypervisor } = await import('../state/vm-open.js');
    try {
      // `hv connections use NAME` sets the host the console opens on, as for commands.
      const target = await consoleTarget(globals);
      stores.connections.setState({ factory: openHypervisor });
      setCurrentConnection(stores.connections, await openHypervisor(target.uri));
      stores.session.setState({ target, status: 'connected', error: undefined });
      // Also after switching hosts in the console: touch the demo while it is in use.
      keepAlive = setInterval(() => {
        if (isDemoLike(stores.connections.getState().current ?? '')) keepDemoAwake();
      }, 30_000);
      keepAlive.unref();
    } catch (e) {
      stores.session.setState({
        status: 'error',
        error: { message: errorMessage(e), fix: isHvError(e) ? e.fix : undefined },
      });
    }
  };
  void startBackground();

  try {
    for (;;) {
      await instance.waitUntilExit();
      const h = handoff;
      if (!h) break;
      handoff = undefined;
      process.stdout.write(SHOW_CURSOR + LEAVE_ALT);
      try {
        h.done({ ok: await h.fn() });
      } catch (error) {
        h.done({ error });
      }
      process.stdout.write(ENTER_ALT);
      instance = mount();
    }
  } finally {
    if (keepAlive) clearInterval(keepAlive);
    await stopLiveFeed(stores.vms);
    instance.unmount();
    restore();
  }
  return 0;
}
