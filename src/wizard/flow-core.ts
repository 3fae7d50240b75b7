// Shared pieces of the wizard flow (flow.ts, flow-features.ts): the state, the
// plan for a set of answers, and how feature choices are recorded. Pure.

import type { Phase } from '../base/phase.js';
import type { ExperienceLevel } from '../base/settings-peek.js';
import { features } from '../catalog/features.js';
import { type Plan, resolve } from '../catalog/resolve.js';
import type { Feature, HardwareFacts } from '../catalog/types.js';
import type { Answers } from './answers.js';
import { type FeatureStepId, type StepId, stepDefs } from './steps.js';

/** What the flow knows about the machine and what is on disk (gathered by the store). */
export interface FlowContext {
  hardware: HardwareFacts;
  phase: Phase;
}

export interface WizardState {
  step: StepId;
  answers: Answers;
  /** The person asked to see features their level hides ("show all"). */
  showAll: boolean;
  /** Features hv turned off by itself, with why (e.g. key-only SSH without a key). */
  autoOff: Record<string, string>;
}

export type FeatureChoice = { enable?: boolean } & Record<string, unknown>;
export type Choices = Record<string, FeatureChoice | undefined>;

export const choicesOf = (a: Answers): Choices => a.features as Choices;

export function initialState(answers: Answers, step: StepId = 'welcome'): WizardState {
  return { step, answers, showAll: false, autoOff: {} };
}

/** The plan for these answers: the same resolve() call as operations/setup-write.ts. */
export function planFor(answers: Answers, ctx: FlowContext): Plan {
  return resolve({
    features,
    profile: answers.profile,
    role: answers.role,
    riskTolerance: answers.riskTolerance,
    choices: choicesOf(answers) as Record<string, FeatureChoice>,
    acknowledged: answers.acknowledged,
    hardware: ctx.hardware,
    phase: ctx.phase,
    sshKeys: answers.host.sshKeys.length,
  });
}

const levelRank: Record<ExperienceLevel, number> = { beginner: 0, intermediate: 1, expert: 2 };
export const offeredAt = (f: Feature, level: ExperienceLevel) =>
  levelRank[f.minLevel] <= levelRank[level];
const isHighRisk = (f: Feature) => f.risk === 'high' || f.risk === 'critical';

/**
 * The features a features step lists. Beginners: one screen of beginner features
 * without high/critical ones; intermediate: per category, up to intermediate;
 * experts: every feature. Whatever is on is always listed, and "show all"
 * (asked for) lists the rest.
 */
export function featuresForStep(step: StepId, state: WizardState, plan: Plan): Feature[] {
  const level = state.answers.experience;
  const category = stepDefs[step].category;
  const on = new Set(plan.enabled);
  const choices = choicesOf(state.answers);
  return features.filter((f) => {
    if (category && f.category !== category) return false;
    if (state.showAll || level === 'expert') return true;
    if (on.has(f.id) || choices[f.id]?.enable !== undefined) return true;
    if (level === 'beginner') return offeredAt(f, 'beginner') && !isHighRisk(f);
    return offeredAt(f, level);
  });
}

/** Sets (or with undefined, removes) keys of features.<id>; drops empty entries. */
export function withChoice(
  state: WizardState,
  id: string,
  patch: Record<string, unknown>,
): WizardState {
  const current = { ...(choicesOf(state.answers)[id] ?? {}) } as Record<string, unknown>;
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete current[k];
    else current[k] = v;
  }
  const all = { ...choicesOf(state.answers) };
  if (Object.keys(current).length === 0) delete all[id];
  else all[id] = current as FeatureChoice;
  const answers = { ...state.answers, features: all } as Answers;
  return { ...state, answers };
}

export const featureStepOf = (f: Feature, level: ExperienceLevel): StepId =>
  level === 'beginner' ? 'features' : (`features:${f.category}` satisfies FeatureStepId);
