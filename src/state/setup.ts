// The setup wizard's store: the pure flow state (wizard/flow.ts) plus what the
// screens need around it (cursors, text fields, the preview of the files, the
// apply run). Actions are plain functions over the store; every I/O they need
// comes in as SetupDeps, so screen tests run with fakes of our own ports.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createStore } from 'zustand/vanilla';
import {
  describeHardware,
  type HardwareReport,
  hardwareConsequences,
} from '../adapters/host-report.js';

/** The hardware step's words (adapters/host-report.ts). */
export { describeHardware, hardwareConsequences };

import type { NixosRunner } from '../adapters/nixos.js';
import { errorMessage, isHvError } from '../base/errors.js';
import { initialList, type ListState } from '../base/list.js';
import type { Phase } from '../base/phase.js';
import type { ExperienceLevel } from '../base/settings-peek.js';
import { type TextFieldState, textField } from '../base/text-field.js';
import type { Plan } from '../catalog/resolve.js';
import type { FileChange } from '../nix/write.js';
import type { ApplyStage } from '../operations/apply.js';
import { runSetup } from '../operations/setup-write.js';
import { type AnswerProblem, type Answers, parseAnswers } from '../wizard/answers.js';
import {
  choicesFor,
  currentChoice,
  type FlowContext,
  initialAnswers,
  initialState,
  nextStep,
  planFor,
  reviewProblems,
  type WizardState,
} from '../wizard/flow.js';
import type { StepId } from '../wizard/steps.js';
import { type Draft, loadDraft, saveDraft } from './draft.js';
import type { SetupLaunch } from './setup-launch.js';

type Env = Record<string, string | undefined>;

export interface SetupDeps {
  env: Env;
  launch: SetupLaunch;
  /** The experience level from the settings: the wizard's first default. */
  experience: ExperienceLevel;
  phase: Phase;
  loadHardware: () => Promise<HardwareReport>;
  runner: NixosRunner;
  isRoot: boolean;
  user: string;
  /** Where files go without --out, and why there (named on screen before writing). */
  defaultOutDir: { dir: string; why: string };
  hostDefaults: { hostname: string; adminUser: string; timeZone: string };
  confirmSeconds: number;
  /** Leaves the wizard: quits `hv setup`, or goes back to the home menu. */
  finish: () => void;
  now?: () => number;
}

export type Tone = 'info' | 'warn' | 'error';
export interface Notice {
  text: string;
  tone: Tone;
}

export type HostFieldName = 'hostname' | 'timeZone' | 'adminUser' | 'sshKey';
export const hostFields: readonly HostFieldName[] = ['hostname', 'timeZone', 'adminUser', 'sshKey'];

export interface Preview {
  plan: Plan;
  problems: AnswerProblem[];
  /** What writing would do to each file (empty while there are problems). */
  changes: FileChange[];
  error?: { message: string; fix?: string | undefined };
}

export type ApplyStatus =
  | 'idle'
  | 'not-nixos'
  | 'ready'
  | 'running'
  | 'confirm'
  | 'switched'
  | 'reverted'
  | 'failed'
  | 'refused'
  | 'rolling-back'
  | 'rolled-back';

export interface ApplyState {
  status: ApplyStatus;
  stage?: ApplyStage | 'revert' | 'rollback';
  lines: string[];
  /** Lines scrolled back from the end of the log. */
  back: number;
  deadline?: number;
  now?: number;
  why?: 'timeout' | 'declined';
  exitCode?: number;
  errorLines?: string[];
  message?: string;
  fix?: string | undefined;
  completeMarker?: string;
}

export interface WelcomeInfo {
  draft?: { step: StepId; savedAt: string; draft: Draft };
  existing?: { answers?: Answers; problem?: string };
  corrupt?: { problem: string; keptAt: string };
}

export interface SetupState {
  status: 'loading' | 'ready';
  flow: WizardState;
  ctx: FlowContext;
  report: HardwareReport | undefined;
  outDir: string;
  outDirWhy: string;
  welcome: WelcomeInfo;
  /** Cursor of the step's list of choices (welcome, choices, apply choices). */
  cursor: number;
  host: { focus: number; fields: Record<HostFieldName, TextFieldState>; problem?: string };
  features: {
    list: ListState;
    /** Impacts and mitigations open over the list, scrolled to this line. */
    detail: boolean;
    detailTop: number;
    params?: { cursor: number; editing?: { name: string; field: TextFieldState } };
  };
  ack: { field: TextFieldState };
  review: { tab: 'summary' | 'nix' | 'diff'; top: number };
  preview: Preview | undefined;
  written: { count: number; backupDir?: string | undefined } | undefined;
  apply: ApplyState;
  notice: Notice | undefined;
}

const placeholderHardware: FlowContext['hardware'] = {
  cpuVirtualization: false,
  iommu: false,
  ramGiB: 0,
  cores: 1,
  nics: 0,
  gpus: 0,
  virtualization: 'none',
  rootFilesystem: 'unknown',
};

export function createSetupStore(deps: SetupDeps) {
  const ctx: FlowContext = { hardware: placeholderHardware, phase: deps.phase };
  const answers = initialAnswers(
    { experience: deps.experience, ...deps.hostDefaults },
    ctx.hardware,
  );
  const out = deps.launch.outDir
    ? { dir: deps.launch.outDir, why: 'chosen with --out' }
    : deps.defaultOutDir;
  const store = createStore<SetupState>()(() => ({
    status: 'loading',
    flow: initialState(answers),
    ctx,
    report: undefined,
    outDir: out.dir,
    outDirWhy: out.why,
    welcome: {},
    cursor: 0,
    host: hostUi(answers),
    features: { list: initialList, detail: false, detailTop: 0 },
    ack: { field: textField('') },
    review: { tab: 'summary', top: 0 },
    preview: undefined,
    written: undefined,
    apply: { status: 'idle', lines: [], back: 0 },
    notice: undefined,
  }));
  return Object.assign(store, { deps });
}
export type SetupStore = ReturnType<typeof createSetupStore>;

export function hostUi(a: Answers): SetupState['host'] {
  return {
    focus: 0,
    fields: {
      hostname: textField(a.host.hostname),
      timeZone: textField(a.host.timeZone),
      adminUser: textField(a.host.adminUser),
      sshKey: textField(''),
    },
  };
}

/** Probes the machine, reads the draft and any existing configuration at the destination. */
export async function initSetup(store: SetupStore): Promise<void> {
  const { deps } = store;
  let report: HardwareReport;
  try {
    report = await deps.loadHardware();
  } catch (e) {
    report = { facts: placeholderHardware, source: `not probed: ${errorMessage(e)}` };
  }
  const ctx: FlowContext = { hardware: report.facts, phase: deps.phase };
  const fresh = initialAnswers({ experience: deps.experience, ...deps.hostDefaults }, report.facts);
  const welcome: WelcomeInfo = {};
  const draft = loadDraft(deps.env);
  if (draft.status === 'ok' && draft.value) {
    welcome.draft = { step: draft.value.step, savedAt: draft.value.savedAt, draft: draft.value };
  } else if (draft.status === 'corrupt') {
    welcome.corrupt = { problem: draft.problem, keptAt: draft.keptAt };
  }
  const existingFile = join(store.getState().outDir, 'hv-answers.json');
  if (existsSync(existingFile)) {
    try {
      const parsed = parseAnswers(JSON.parse(readFileSync(existingFile, 'utf8')));
      welcome.existing = parsed.ok
        ? { answers: parsed.answers }
        : { problem: parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; ') };
    } catch (e) {
      welcome.existing = { problem: errorMessage(e) };
    }
  }
  store.setState({
    status: 'ready',
    report,
    ctx,
    welcome,
    flow: initialState(fresh),
    host: hostUi(fresh),
    cursor: 0,
    notice: welcome.corrupt
      ? {
          tone: 'warn',
          text: `The saved draft could not be read (${welcome.corrupt.problem}); it was kept at ${welcome.corrupt.keptAt}. You can start fresh.`,
        }
      : undefined,
  });
}

/** Moves the wizard to a new flow state: resets the step's screen, saves the draft. */
export function go(store: SetupStore, flow: WizardState, notice?: Notice): void {
  const s = store.getState();
  const stepChanged = flow.step !== s.flow.step;
  store.setState({
    flow,
    notice: notice ?? (stepChanged ? undefined : s.notice),
    ...(stepChanged ? enterStep(flow, s.ctx) : {}),
  });
  save(store);
  if (stepChanged && (flow.step === 'review' || flow.step === 'write')) refreshPreview(store);
}

function enterStep(flow: WizardState, ctx: FlowContext): Partial<SetupState> {
  // A choice step highlights the current answer: the safe default until changed.
  const current = currentChoice(flow.step, flow);
  const at = choicesFor(flow.step, flow, ctx).findIndex((c) => c.value === current);
  return {
    cursor: Math.max(0, at),
    host: hostUi(flow.answers),
    features: { list: initialList, detail: false, detailTop: 0 },
    ack: { field: textField('') },
    review: { tab: 'summary', top: 0 },
  };
}

export const next = (store: SetupStore) => {
  const s = store.getState();
  go(store, nextStep(s.flow, s.ctx));
};

/** The draft: atomic, after every step, unless nothing has been answered yet. */
export function save(store: SetupStore): void {
  const s = store.getState();
  if (s.status !== 'ready' || s.flow.step === 'welcome') return;
  try {
    saveDraft(
      {
        version: 1,
        savedAt: new Date(store.deps.now?.() ?? Date.now()).toISOString(),
        step: s.flow.step,
        answers: s.flow.answers,
        showAll: s.flow.showAll,
        autoOff: s.flow.autoOff,
        outDir: s.outDir,
      },
      store.deps.env,
    );
  } catch (e) {
    store.setState({
      notice: { tone: 'warn', text: `The draft could not be saved: ${errorMessage(e)}` },
    });
  }
}

/** The plan and, when it can be written, the files and their diff (nothing written). */
export function refreshPreview(store: SetupStore): void {
  const s = store.getState();
  const plan = planFor(s.flow.answers, s.ctx);
  const problems = reviewProblems(s.flow, s.ctx);
  let preview: Preview = { plan, problems, changes: [] };
  if (problems.length === 0) {
    try {
      const r = runSetup({
        answers: s.flow.answers,
        hardware: s.ctx.hardware,
        phase: s.ctx.phase,
        outDir: s.outDir,
        dryRun: true,
        force: store.deps.launch.force,
      });
      preview = { plan: r.plan, problems, changes: r.changes };
    } catch (e) {
      preview = {
        plan,
        problems,
        changes: [],
        error: { message: errorMessage(e), fix: isHvError(e) ? e.fix : undefined },
      };
    }
  }
  store.setState({ preview });
}

/** Writes the files through the one setup pipeline (the same as --non-interactive). */
export function writeFiles(store: SetupStore): boolean {
  const s = store.getState();
  try {
    const r = runSetup({
      answers: s.flow.answers,
      hardware: s.ctx.hardware,
      phase: s.ctx.phase,
      outDir: s.outDir,
      dryRun: false,
      force: store.deps.launch.force,
    });
    const count = r.changes.filter((c) => c.status === 'create' || c.status === 'update').length;
    store.setState({
      written: { count, backupDir: r.backupDir },
      preview: { plan: r.plan, problems: [], changes: r.changes },
      notice: { tone: 'info', text: `Wrote ${count} file(s) to ${s.outDir}.` },
    });
    return true;
  } catch (e) {
    store.setState({
      notice: {
        tone: 'error',
        text: `${errorMessage(e)}${isHvError(e) && e.fix ? ` Fix: ${e.fix}` : ''}`,
      },
    });
    refreshPreview(store);
    return false;
  }
}
