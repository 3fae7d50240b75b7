// The setup wizard's flow, pure: which steps a person sees (by experience level
// and machine), next/back/skip, the defaults each step highlights, and the checks
// each step makes with the SAME zod schema parts as answer files (answers.ts).
// No I/O and no React: the screens and the store call these functions.

import { type ExperienceLevel, experienceLevels } from '../base/settings-peek.js';
import { featureById, profileInfo, roleInfo, toleranceInfo } from '../catalog/features.js';
import {
  type HardwareFacts,
  type Profile,
  profiles,
  type RiskTolerance,
  type Role,
  riskTolerances,
  roles,
  toleranceCeiling,
} from '../catalog/types.js';
import { type AnswerProblem, type Answers, answerProblems, answersSchema } from './answers.js';
import {
  choicesOf,
  type FlowContext,
  featureStepOf,
  featuresForStep,
  planFor,
  type WizardState,
  withChoice,
} from './flow-core.js';
import { pendingAcknowledgements } from './flow-features.js';
import { isFeatureStep, type StepId, stepDefs, stepOrder } from './steps.js';

export * from './flow-core.js';
export * from './flow-features.js';

/** The answers a fresh wizard starts from: every value a safe default. */
export function initialAnswers(
  d: { experience: ExperienceLevel; hostname: string; adminUser: string; timeZone: string },
  hw: HardwareFacts,
): Answers {
  return answersSchema.parse({
    version: 1,
    experience: d.experience,
    role: hw.virtualization === 'vmware' ? 'vmware-guest' : 'server',
    host: { hostname: d.hostname, adminUser: d.adminUser, timeZone: d.timeZone },
  });
}

// ---- which steps ----------------------------------------------------------

export function visibleSteps(state: WizardState, ctx: FlowContext): StepId[] {
  const level = state.answers.experience;
  const plan = planFor(state.answers, ctx);
  const pending = pendingAcknowledgements(state, ctx).length > 0;
  return stepOrder.filter((id) => {
    const def = stepDefs[id];
    switch (def.when) {
      case 'vmware-or-not-beginner':
        return level !== 'beginner' || ctx.hardware.virtualization === 'vmware';
      case 'acknowledgements-pending':
        return pending || state.step === 'acknowledge';
      case 'category-has-rows':
        if (!def.levels.includes(level)) return false;
        return featuresForStep(id, state, plan).length > 0;
      default:
        return def.levels.includes(level);
    }
  });
}

/** The first visible step after (or before) the current one in the canonical order. */
function neighbour(state: WizardState, ctx: FlowContext, dir: 1 | -1): StepId | undefined {
  const visible = new Set(visibleSteps(state, ctx));
  const at = stepOrder.indexOf(state.step);
  for (let i = at + dir; i >= 0 && i < stepOrder.length; i += dir) {
    const id = stepOrder[i]!;
    if (visible.has(id)) return id;
  }
  return undefined;
}

export function nextStep(state: WizardState, ctx: FlowContext): WizardState {
  const settled = state.step === 'host' ? settleSshHardening(state, ctx) : state;
  const to = neighbour(settled, ctx, 1);
  return to ? { ...settled, step: to } : settled;
}

export function previousStep(state: WizardState, ctx: FlowContext): WizardState {
  const to = neighbour(state, ctx, -1);
  return to ? { ...state, step: to } : state;
}

/** From a features step: keep the remaining categories as they are and go past them. */
export function skipFeatures(state: WizardState, ctx: FlowContext): WizardState {
  let s = state;
  while (isFeatureStep(s.step)) {
    const n = nextStep(s, ctx);
    if (n.step === s.step) break;
    s = n;
  }
  return s;
}

export function stepPosition(state: WizardState, ctx: FlowContext) {
  const list = visibleSteps(state, ctx);
  return { index: Math.max(0, list.indexOf(state.step)) + 1, total: list.length };
}

// ---- choice steps ----------------------------------------------------------

export interface Choice {
  value: string;
  title: string;
  description: string;
  /** A short tag after the title ("recommended", "detected"). */
  tag?: string;
}

const levelInfo: Record<ExperienceLevel, { title: string; description: string }> = {
  beginner: {
    title: 'Beginner',
    description:
      'New to servers or virtual machines. Few questions, safe choices made for you and shown, an explanation on every screen.',
  },
  intermediate: {
    title: 'Intermediate',
    description:
      'You have run Linux servers. One screen per kind of feature, with the recommended settings already chosen.',
  },
  expert: {
    title: 'Expert',
    description:
      'You know NixOS and libvirt. Every feature and setting on compact screens, terse help.',
  },
};

export function choicesFor(step: StepId, state: WizardState, ctx: FlowContext): Choice[] {
  switch (step) {
    case 'experience':
      return experienceLevels.map((l) => ({ value: l, ...levelInfo[l] }));
    case 'risk':
      return riskTolerances.map((t) => ({
        value: t,
        title: toleranceInfo[t].title,
        description: toleranceInfo[t].explanation,
        tag: `up to ${toleranceCeiling[t]}${t === 'cautious' ? ', recommended' : ''}`,
      }));
    case 'profile':
      return profiles.map((p) => ({
        value: p,
        ...profileInfo[p],
        ...(p === 'balanced' ? { tag: 'recommended' } : {}),
      }));
    case 'role': {
      const vmware = ctx.hardware.virtualization === 'vmware';
      return roles
        .filter((r) => r !== 'vmware-guest' || vmware || state.answers.role === r)
        .map((r) => ({
          value: r,
          ...roleInfo[r],
          ...(r === 'vmware-guest' && vmware ? { tag: 'detected' } : {}),
        }));
    }
    default:
      return [];
  }
}

/** The value a choice step highlights: the current answer (a safe default at first). */
export function currentChoice(step: StepId, state: WizardState): string | undefined {
  const a = state.answers;
  if (step === 'experience') return a.experience;
  if (step === 'risk') return a.riskTolerance;
  if (step === 'profile') return a.profile;
  if (step === 'role') return a.role;
  return undefined;
}

export function choose(state: WizardState, step: StepId, value: string): WizardState {
  const a = state.answers;
  if (step === 'experience') {
    return { ...state, answers: { ...a, experience: value as ExperienceLevel } };
  }
  if (step === 'risk')
    return { ...state, answers: { ...a, riskTolerance: value as RiskTolerance } };
  if (step === 'profile') return { ...state, answers: { ...a, profile: value as Profile } };
  if (step === 'role') return { ...state, answers: { ...a, role: value as Role } };
  return state;
}

// ---- host basics -----------------------------------------------------------

export type HostField = 'hostname' | 'timeZone' | 'adminUser';
const hostShape = answersSchema.shape.host.shape;

/** Why a host value is wrong, from the answers schema itself; undefined when fine. */
export function hostFieldProblem(field: HostField | 'sshKey', value: string): string | undefined {
  const schema = field === 'sshKey' ? hostShape.sshKeys.unwrap().element : hostShape[field];
  const r = schema.safeParse(value);
  return r.success ? undefined : (r.error.issues[0]?.message ?? 'not valid');
}

export function setHost(state: WizardState, patch: Partial<Answers['host']>): WizardState {
  return { ...state, answers: { ...state.answers, host: { ...state.answers.host, ...patch } } };
}

export const NO_KEY_REASON =
  'off because no SSH key was given: key-only login would lock everyone out. Add a key in Host basics to turn it on.';

/**
 * Key-only SSH without a key would lock everyone out. Leaving Host basics without a
 * key turns it off (visibly, saying why) unless the person chose it; adding a key
 * later gives it back its default.
 */
export function settleSshHardening(state: WizardState, ctx: FlowContext): WizardState {
  const id = 'sshHardening';
  const choice = choicesOf(state.answers)[id];
  const keys = state.answers.host.sshKeys.length;
  if (keys > 0 && state.autoOff[id]) {
    const { [id]: _, ...autoOff } = state.autoOff;
    return { ...withChoice(state, id, { enable: undefined }), autoOff };
  }
  if (
    keys === 0 &&
    choice?.enable === undefined &&
    planFor(state.answers, ctx).enabled.includes(id)
  ) {
    return {
      ...withChoice(state, id, { enable: false }),
      autoOff: { ...state.autoOff, [id]: NO_KEY_REASON },
    };
  }
  return state;
}

// ---- before writing --------------------------------------------------------

/** Every schema problem of the answers (empty when they would pass as a file). */
export function answersProblems(answers: Answers): AnswerProblem[] {
  const r = answersSchema.safeParse(answers);
  return r.success ? [] : answerProblems(r.error);
}

/** What stops writing: the schema's problems, then the plan's (e.g. key-only SSH, no keys). */
export function reviewProblems(state: WizardState, ctx: FlowContext): AnswerProblem[] {
  const schema = answersProblems(state.answers);
  if (schema.length > 0) return schema;
  return planFor(state.answers, ctx).problems;
}

/** The step that fixes a problem at this answers path. */
export function stepForPath(path: string, state: WizardState): StepId {
  if (path.startsWith('host.')) return 'host';
  if (path.startsWith('acknowledged')) return 'acknowledge';
  const m = /^features\.([^.]+)/.exec(path);
  const f = m ? featureById.get(m[1]!) : undefined;
  if (f) return featureStepOf(f, state.answers.experience);
  return 'review';
}
