// The apply step's actions: runs the apply operation through execute() (phase
// and root checks, audit, journal), streams its output into the store, answers
// "keep this configuration?" and offers back-to-edit, rollback and retry.

import { errorMessage, isHvError } from '../../base/errors.js';
import {
  type ApplyEvent,
  type ApplyStage,
  applyOperation,
  localContext,
  rollbackKind,
  rollbackOperation,
  sudoApplyCommand,
} from '../../operations/apply.js';
import { execute } from '../../operations/execute.js';
import { markSetupComplete } from '../../security/phase.js';
import { clearDraft } from '../../state/draft.js';
import { type ApplyState, go, type SetupState, type SetupStore } from '../../state/setup.js';
import { stepForPath } from '../../wizard/flow.js';

const MAX_LINES = 2000;

interface Live {
  keep?: (keep: boolean) => void;
  ticker?: NodeJS.Timeout;
}
const live = new WeakMap<SetupStore, Live>();
const liveOf = (store: SetupStore) => {
  let l = live.get(store);
  if (!l) {
    l = {};
    live.set(store, l);
  }
  return l;
};

export const flakeRef = (s: SetupState) => `${s.outDir}#${s.flow.answers.host.hostname}`;

/** On entering the apply step: can this machine apply at all? */
export function enterApply(store: SetupStore): void {
  const s = store.getState();
  if (s.apply.status !== 'idle') return;
  const status = store.deps.runner.locate() ? 'ready' : 'not-nixos';
  store.setState({ apply: { status, lines: [], back: 0 }, cursor: 0 });
}

export type ApplyChoice = 'apply' | 'finish' | 'edit' | 'rollback' | 'retry' | 'keep' | 'revert';

export function applyChoices(a: ApplyState): Array<{ id: ApplyChoice; title: string }> {
  const finish = { id: 'finish' as const, title: 'Finish' };
  const edit = { id: 'edit' as const, title: 'Back to edit the answers' };
  switch (a.status) {
    case 'ready':
      return [
        { id: 'apply', title: 'Apply now: dry-build, test, keep?, switch' },
        { id: 'finish', title: 'Finish without applying (apply later)' },
      ];
    case 'confirm':
      return [
        { id: 'keep', title: 'Keep this configuration' },
        { id: 'revert', title: 'Go back to the previous one now' },
      ];
    case 'failed':
      return [
        edit,
        ...(a.stage &&
        a.stage !== 'rollback' &&
        a.stage !== 'confirm' &&
        rollbackKind(a.stage) !== 'nothing'
          ? [{ id: 'rollback' as const, title: 'Roll back to the previous configuration' }]
          : []),
        { id: 'retry', title: `Retry${a.stage && a.stage !== 'revert' ? ` from ${a.stage}` : ''}` },
        finish,
      ];
    case 'reverted':
    case 'rolled-back':
      return [edit, { id: 'retry', title: 'Try again from the start' }, finish];
    case 'running':
    case 'rolling-back':
      return [];
    default:
      return [finish];
  }
}

const setApply = (store: SetupStore, patch: Partial<ApplyState>) =>
  store.setState((s) => ({ apply: { ...s.apply, ...patch } }));

function onEvent(store: SetupStore, e: ApplyEvent): void {
  if (e.type === 'line') {
    store.setState((s) => ({
      apply: { ...s.apply, lines: [...s.apply.lines, e.text].slice(-MAX_LINES) },
    }));
  } else if (e.type === 'stage') {
    setApply(store, { stage: e.stage, status: e.stage === 'confirm' ? 'confirm' : 'running' });
  } else if (e.type === 'confirm') {
    const now = store.deps.now ?? Date.now;
    setApply(store, { status: 'confirm', deadline: e.deadline, now: now() });
    const l = liveOf(store);
    clearInterval(l.ticker);
    l.ticker = setInterval(() => setApply(store, { now: now() }), 1000);
    l.ticker.unref?.();
  } else {
    setApply(store, { status: 'running', stage: 'revert', why: e.why });
  }
}

export function startApply(store: SetupStore, from?: ApplyStage): void {
  const { deps } = store;
  const s = store.getState();
  const l = liveOf(store);
  store.setState({
    cursor: 0,
    apply: { status: 'running', stage: from ?? 'dry-build', lines: [], back: 0 },
  });
  const flake = flakeRef(s);
  const input = {
    flake,
    ...(from ? { from } : {}),
    runner: deps.runner,
    confirmSeconds: deps.confirmSeconds,
    askKeep: () =>
      new Promise<boolean>((resolve) => {
        l.keep = resolve;
      }),
    onEvent: (e: ApplyEvent) => onEvent(store, e),
    ...(deps.now ? { now: deps.now } : {}),
  };
  const ctx = localContext({
    phase: deps.phase,
    user: deps.user,
    isRoot: deps.isRoot,
    env: deps.env,
  });
  execute(applyOperation, input, ctx, { sudoCommand: sudoApplyCommand(flake) })
    .then((out) => {
      clearInterval(l.ticker);
      l.keep = undefined;
      if (out.kind === 'switched') {
        let completeMarker: string | undefined;
        try {
          completeMarker = markSetupComplete(deps.env as NodeJS.ProcessEnv);
        } catch {
          // Recording completion is a convenience for the first-boot unit.
        }
        setApply(store, { status: 'switched', ...(completeMarker ? { completeMarker } : {}) });
      } else if (out.kind === 'reverted') setApply(store, { status: 'reverted', why: out.why });
      else {
        setApply(store, {
          status: 'failed',
          stage: out.stage,
          exitCode: out.exitCode,
          errorLines: out.errorLines,
        });
      }
      store.setState({ cursor: 0 });
    })
    .catch((e: unknown) => {
      clearInterval(l.ticker);
      setApply(store, {
        status: isHvError(e) && e.kind === 'permission' ? 'refused' : 'failed',
        message: errorMessage(e),
        fix: isHvError(e) ? e.fix : undefined,
        errorLines: [errorMessage(e)],
      });
      store.setState({ cursor: 0 });
    });
}

export function answerKeep(store: SetupStore, keep: boolean): void {
  const l = liveOf(store);
  const resolve = l.keep;
  l.keep = undefined;
  clearInterval(l.ticker);
  if (resolve) {
    setApply(store, { status: 'running', stage: keep ? 'switch' : 'revert' });
    resolve(keep);
  }
}

export function startRollback(store: SetupStore): void {
  const { deps } = store;
  const s = store.getState();
  const stage = s.apply.stage;
  if (!stage || stage === 'confirm' || stage === 'rollback') return;
  const kind = rollbackKind(stage);
  if (kind === 'nothing') return;
  setApply(store, { status: 'rolling-back', stage: 'rollback', lines: [] });
  const ctx = localContext({
    phase: deps.phase,
    user: deps.user,
    isRoot: deps.isRoot,
    env: deps.env,
  });
  const onLine = (text: string) => onEvent(store, { type: 'line', text });
  execute(rollbackOperation, { flake: flakeRef(s), kind, runner: deps.runner, onLine }, ctx)
    .then(() => setApply(store, { status: 'rolled-back' }))
    .catch((e: unknown) =>
      setApply(store, {
        status: 'failed',
        stage: 'rollback',
        message: errorMessage(e),
        errorLines: [errorMessage(e)],
      }),
    )
    .finally(() => store.setState({ cursor: 0 }));
}

/** Leaves the wizard. Setup is complete once applied, or written where hv cannot apply. */
export function finishSetup(store: SetupStore): void {
  const { deps } = store;
  const s = store.getState();
  clearInterval(liveOf(store).ticker);
  if (s.written) {
    if (s.apply.status === 'not-nixos') {
      try {
        markSetupComplete(deps.env as NodeJS.ProcessEnv);
      } catch {
        // Not writable (e.g. a normal user and /etc/hypervisor): nothing to record.
      }
    }
    clearDraft(deps.env);
  }
  deps.finish();
}

export function chooseApply(store: SetupStore, id: ApplyChoice) {
  const s = store.getState();
  switch (id) {
    case 'apply':
      return startApply(store);
    case 'keep':
      return answerKeep(store, true);
    case 'revert':
      return answerKeep(store, false);
    case 'rollback':
      return startRollback(store);
    case 'retry': {
      const st = s.apply.stage;
      const from =
        s.apply.status === 'failed' && (st === 'dry-build' || st === 'test' || st === 'switch')
          ? st
          : undefined;
      return startApply(store, from);
    }
    case 'edit': {
      setApply(store, { status: 'idle', lines: [] });
      const problems = s.preview?.problems ?? [];
      const to = problems[0] ? stepForPath(problems[0].path, s.flow) : 'review';
      return go(store, { ...s.flow, step: to });
    }
    case 'finish':
      return finishSetup(store);
  }
}
