// The Host screen's state and actions, without React: the machine's facts, the
// generations and logs views, an open confirmation, and the output and outcome of
// the last action. Actions are operations (operations/host.ts) run through
// execute(), so the phase and privilege guards and the audit log apply as in the CLI.
import { createStore } from 'zustand/vanilla';
import {
  type Generation,
  type HostInfo,
  hostInfo,
  type JournalRead,
} from '../adapters/hostinfo.js';
import {
  accessDescription,
  currentIdentity,
  type Identity,
  sudoCommand,
} from '../adapters/privilege.js';
import { confirmDialog, type Dialog } from '../base/dialog.js';
import { errorMessage, isHvError } from '../base/errors.js';
import { initialList, type ListMove, type ListState, moveList } from '../base/list.js';
import { commandLine } from '../base/shell.js';
import { execute } from '../operations/execute.js';
import { type HostDeps, hostOps, localContext, realHostDeps } from '../operations/host.js';
import type { OperationSpec } from '../operations/types.js';
import { type PhaseStatus, phaseStatus } from '../security/phase-ops.js';
import { journal } from './journal.js';
import type { Stores } from './stores.js';

type Env = Record<string, string | undefined>;

export type HostView = 'info' | 'generations' | 'logs';

export interface HostStatus {
  kind: 'busy' | 'ok' | 'refused' | 'error';
  message: string;
  fix?: string | undefined;
}

export interface HostScreenState {
  view: HostView;
  info: HostInfo | undefined;
  phase: PhaseStatus | undefined;
  me: Identity | undefined;
  generations: Generation[];
  genList: ListState;
  logs: JournalRead | undefined;
  /** Lines scrolled back from the end of the logs. */
  logBack: number;
  /** Output of the running or last action (bounded). */
  output: string[];
  status: HostStatus | undefined;
  dialog: Dialog | undefined;
}

export interface HostEnv {
  deps: HostDeps;
  env: Env;
  readInfo: (env: Env) => Promise<HostInfo>;
}

export const realHostEnv = (): HostEnv => ({
  deps: realHostDeps,
  env: process.env,
  readInfo: hostInfo,
});

const MAX_OUTPUT = 500;

export function createHostStore() {
  return createStore<HostScreenState>()(() => ({
    view: 'info',
    info: undefined,
    phase: undefined,
    me: undefined,
    generations: [],
    genList: initialList,
    logs: undefined,
    logBack: 0,
    output: [],
    status: undefined,
    dialog: undefined,
  }));
}
export type HostStore = ReturnType<typeof createHostStore>;

/** The words for an access level, for the Host screen. */
export { accessDescription };

const byConsole = new WeakMap<Stores, { store: HostStore; env: HostEnv }>();
/** The console's Host store; tests pass their own HostEnv the first time. */
export function hostStoreFor(stores: Stores, env?: HostEnv) {
  let s = byConsole.get(stores);
  if (!s) {
    s = { store: createHostStore(), env: env ?? realHostEnv() };
    byConsole.set(stores, s);
  }
  return s;
}

export async function refreshHost(stores: Stores, store: HostStore, h: HostEnv): Promise<void> {
  try {
    const [info, phase, me] = [await h.readInfo(h.env), phaseStatus(h.env), currentIdentity()];
    store.setState({ info, phase, me });
    // The header shows the phase; a change made in another shell shows up here too.
    if (stores.session.getState().phase !== phase.phase) {
      stores.session.setState({ phase: phase.phase });
    }
  } catch (e) {
    store.setState({
      status: { kind: 'error', message: `Could not read this host: ${errorMessage(e)}` },
    });
  }
}

/** Runs one host operation; the status line says what happened, or why not. */
async function run<I, O>(
  store: HostStore,
  h: HostEnv,
  spec: OperationSpec<I, O>,
  input: I,
  cliArgs: string[],
): Promise<O | undefined> {
  store.setState({ status: { kind: 'busy', message: `Working: ${spec.title}…` } });
  try {
    const out = await execute(spec, input, localContext(h.env), {
      sudoCommand: sudoCommand(cliArgs),
    });
    return out;
  } catch (e) {
    const last = journal.getState().entries.at(-1);
    const refused = last?.operation === spec.id && last.result === 'refused';
    store.setState({
      status: {
        kind: refused ? 'refused' : 'error',
        message: refused ? errorMessage(e) : `Could not ${spec.title}: ${errorMessage(e)}`,
        fix: isHvError(e) ? e.fix : undefined,
      },
    });
    return undefined;
  }
}

/** The generations view; keepStatus leaves the status line as it was (after a rollback). */
export async function showGenerations(
  store: HostStore,
  h: HostEnv,
  keepStatus = false,
): Promise<void> {
  const before = store.getState().status;
  const gens = await run(store, h, hostOps(h.deps).generations, {}, ['host', 'generations']);
  if (!gens) return;
  const cur = Math.max(
    0,
    gens.findIndex((g) => g.current),
  );
  store.setState({
    view: 'generations',
    generations: gens,
    genList: { cursor: cur, top: 0 },
    status: keepStatus
      ? before
      : {
          kind: 'ok',
          message: `${gens.length} generation(s); b rolls back to the one before the current.`,
        },
  });
}

export async function showLogs(store: HostStore, h: HostEnv, unit = 'libvirtd'): Promise<void> {
  const logs = await run(store, h, hostOps(h.deps).logs, { unit, lines: 200 }, ['host', 'logs']);
  if (!logs) return;
  store.setState({
    view: 'logs',
    logs,
    logBack: 0,
    status: { kind: 'ok', message: logs.note ?? `Last ${logs.lines.length} lines of ${unit}.` },
  });
}

const keepOutput = (store: HostStore) => (line: string) =>
  store.setState((s) => ({ output: [...s.output, line].slice(-MAX_OUTPUT) }));

/** Asks first (the generations are named), then rolls back with the output streaming. */
export function askRollback(stores: Stores, store: HostStore, h: HostEnv): void {
  const gens = h.deps.isNixos(h.env) ? h.deps.listGenerations(h.env) : [];
  const current = gens.find((g) => g.current);
  const previous = gens.find((g) => current !== undefined && g.number < current.number);
  const lines = previous
    ? [
        `From generation ${current?.number} to ${previous.number}${previous.nixosVersion ? ` (NixOS ${previous.nixosVersion})` : ''}.`,
        'nixos-rebuild switch --rollback activates it now and at the next boot;',
        'services restart. Running VMs keep running.',
      ]
    : ['hv will check the generations and say what it finds.'];
  store.setState({
    dialog: confirmDialog({
      title: 'Roll the system back?',
      lines,
      yes: 'roll back',
      onYes: () => {
        store.setState({ output: [] });
        void run(store, h, hostOps(h.deps).rollback, { onLine: keepOutput(store) }, [
          'host',
          'rollback',
        ]).then(async (r) => {
          if (!r) return;
          store.setState({
            status: { kind: 'ok', message: `Rolled back: generation ${r.from ?? '?'} → ${r.to}.` },
          });
          await refreshHost(stores, store, h);
          if (store.getState().view === 'generations') await showGenerations(store, h, true);
        });
      },
    }),
  });
}

export function askRestart(stores: Stores, store: HostStore, h: HostEnv): void {
  store.setState({
    dialog: confirmDialog({
      title: 'Restart the libvirt daemon?',
      lines: [
        'systemctl restart libvirtd.service',
        'Running VMs keep running; hv reconnects by itself.',
      ],
      yes: 'restart',
      onYes: () => {
        void run(store, h, hostOps(h.deps).restartLibvirtd, {}, ['host', 'restart-libvirtd']).then(
          async (r) => {
            if (!r) return;
            const cmd = commandLine({ tool: 'systemctl', args: ['restart', 'libvirtd.service'] });
            store.setState({ status: { kind: 'ok', message: `libvirtd restarted ($ ${cmd}).` } });
            await refreshHost(stores, store, h);
          },
        );
      },
    }),
  });
}

export function moveGenerations(store: HostStore, move: ListMove, height: number): void {
  const s = store.getState();
  store.setState({ genList: moveList(s.genList, move, s.generations.length, height) });
}

export function scrollLogs(store: HostStore, move: ListMove, height: number): void {
  const s = store.getState();
  const total = s.logs?.lines.length ?? 0;
  const page = Math.max(1, height - 1);
  const max = Math.max(0, total - height);
  const back = {
    up: s.logBack + 1,
    down: s.logBack - 1,
    pageUp: s.logBack + page,
    pageDown: s.logBack - page,
    first: max,
    last: 0,
  }[move];
  store.setState({ logBack: Math.min(max, Math.max(0, back)) });
}
