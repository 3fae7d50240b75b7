// The feature screens' logic, pure: rows with their state and reason, what Space
// may change, parameters (validated by the answers schema's own parts), and the
// typed acknowledgement of risky features.

import type { z } from 'zod';
import type { ExperienceLevel } from '../base/settings-peek.js';
import { featureById, features } from '../catalog/features.js';
import { describeReason, missingRequirements, type Plan, type Reason } from '../catalog/resolve.js';
import {
  aboveTolerance,
  type Feature,
  type ParamSpec,
  riskRank,
  toleranceCeiling,
} from '../catalog/types.js';
import { answersSchema } from './answers.js';
import {
  choicesOf,
  type FlowContext,
  featuresForStep,
  planFor,
  type WizardState,
  withChoice,
} from './flow-core.js';
import type { StepId } from './steps.js';

export interface FeatureRow {
  feature: Feature;
  on: boolean;
  reason: Reason;
  /** One line: why it is on or off ("added because ... needs it"). */
  why: string;
  /** Why Space cannot change it, when it cannot (shown disabled). */
  locked?: string;
  /** Chosen, but waits for its name to be typed in the acknowledgement step. */
  awaitingAck: boolean;
  /** Listed only because the person asked to see everything. */
  extra: boolean;
}

const highRisk = (f: Feature) => riskRank(f.risk) >= riskRank('high');

export function featureRows(state: WizardState, ctx: FlowContext, step: StepId): FeatureRow[] {
  const plan = planFor(state.answers, ctx);
  const byItem = new Map(plan.items.map((i) => [i.id, i]));
  const on = new Set(plan.enabled);
  const choices = choicesOf(state.answers);
  const pending = new Set(pendingAcknowledgements(state, ctx).map((f) => f.id));
  const normal = new Set(
    featuresForStep(step, { ...state, showAll: false }, plan).map((f) => f.id),
  );
  return featuresForStep(step, state, plan).map((f) => {
    const item = byItem.get(f.id)!;
    let why = describeReason(item.reason, featureById);
    if (state.autoOff[f.id] && !item.enabled) why = state.autoOff[f.id]!;
    return {
      feature: f,
      on: item.enabled,
      reason: item.reason,
      why: pending.has(f.id) ? 'chosen: type its name in the next step to confirm' : why,
      awaitingAck: pending.has(f.id),
      extra: !normal.has(f.id),
      ...lockOf(f, item.reason, item.enabled, on, ctx, choices[f.id]?.enable),
    };
  });
}

function lockOf(
  f: Feature,
  reason: Reason,
  enabled: boolean,
  on: ReadonlySet<string>,
  ctx: FlowContext,
  choice: boolean | undefined,
): { locked?: string } {
  const name = (id: string) => featureById.get(id)?.title ?? id;
  if (reason.kind === 'required') return { locked: 'always on: hv relies on it' };
  if (reason.kind === 'locked-hardened' || reason.kind === 'kept-hardened') {
    return { locked: 'locked in the hardened phase (hv phase unlock first)' };
  }
  if (reason.kind === 'dependency') {
    return {
      locked: `${describeReason(reason, featureById)}; turn ${reason.of.map(name).join(', ')} off first`,
    };
  }
  if (enabled || choice === true) return {};
  const missing = missingRequirements(f, ctx.hardware);
  if (missing.length > 0)
    return { locked: describeReason({ kind: 'blocked-hardware', missing }, featureById) };
  const rivals = features.filter(
    (o) => on.has(o.id) && (o.conflicts.includes(f.id) || f.conflicts.includes(o.id)),
  );
  if (rivals.length > 0) {
    return { locked: `conflicts with ${rivals.map((r) => r.title).join(', ')}, which is on` };
  }
  return {};
}

/**
 * Space on a row: on becomes off and off becomes on. The choice is recorded only
 * when it differs from what the profile and role give anyway, so the answers
 * file stays as short as the person's real decisions.
 */
export function toggleFeature(
  state: WizardState,
  ctx: FlowContext,
  id: string,
): { state: WizardState; message?: string } {
  const f = featureById.get(id);
  if (!f) return { state, message: `no feature "${id}"` };
  const plan = planFor(state.answers, ctx);
  const item = plan.items.find((i) => i.id === id)!;
  const row = { reason: item.reason, enabled: item.enabled };
  const lock = lockOf(
    f,
    row.reason,
    row.enabled,
    new Set(plan.enabled),
    ctx,
    choicesOf(state.answers)[id]?.enable,
  );
  if (lock.locked) return { state, message: `${f.title}: ${lock.locked}` };
  const selected = item.enabled || choicesOf(state.answers)[id]?.enable === true;
  const want = !selected;
  const { [id]: _, ...autoOff } = state.autoOff;
  const base = { ...withChoice(state, id, { enable: undefined }), autoOff };
  const byDefault = planFor(base.answers, ctx).enabled.includes(id);
  const next = byDefault === want ? base : withChoice(base, id, { enable: want });
  return { state: next };
}

// ---- parameters --------------------------------------------------------------

export interface ParamRow {
  name: string;
  spec: ParamSpec;
  /** The value in effect: the answer's, else the catalog default (undefined: not set). */
  value: unknown;
  /** Set in the answers (not the default). */
  set: boolean;
  display: string;
}

/**
 * Which parameters a level edits. Beginners: the ones that have no default
 * (something only the person knows, such as a backup target or a secret's path);
 * intermediate: also numbers (ports, retention); experts: all.
 */
export function paramsAt(f: Feature, level: ExperienceLevel): Array<[string, ParamSpec]> {
  return Object.entries(f.params).filter(([, spec]) => {
    if (level === 'expert') return true;
    const mustAnswer = spec.default === undefined || spec.type === 'secret-file';
    if (level === 'beginner') return mustAnswer;
    return mustAnswer || spec.type === 'int' || spec.type === 'port';
  });
}

export function displayValue(v: unknown): string {
  if (v === undefined) return '(not set)';
  if (Array.isArray(v)) return v.length === 0 ? '(none)' : v.join(', ');
  return String(v);
}

export function paramRows(state: WizardState, id: string): ParamRow[] {
  const f = featureById.get(id);
  if (!f) return [];
  const given = choicesOf(state.answers)[id] ?? {};
  return paramsAt(f, state.answers.experience).map(([name, spec]) => {
    const set = given[name] !== undefined;
    const value = set ? given[name] : spec.default;
    return { name, spec, value, set, display: displayValue(value) };
  });
}

/** The zod schema of features.<id>.<name>, taken from the answers schema itself. */
function paramSchema(id: string, name: string) {
  const feats = answersSchema.shape.features.unwrap().shape as Record<
    string,
    z.ZodOptional<z.ZodObject<Record<string, z.ZodOptional<z.ZodType>>>> | undefined
  >;
  return feats[id]?.unwrap().shape[name]?.unwrap();
}

/** Sets a parameter (undefined: back to its default), checked by the answers schema. */
export function setParamValue(
  state: WizardState,
  id: string,
  name: string,
  value: unknown,
): { state: WizardState } | { problem: string } {
  if (value !== undefined) {
    const schema = paramSchema(id, name);
    if (!schema) return { problem: `${id} has no setting "${name}"` };
    const r = schema.safeParse(value);
    if (!r.success) return { problem: r.error.issues[0]?.message ?? 'not valid' };
  }
  return { state: withChoice(state, id, { [name]: value }) };
}

/** Turns what was typed into the parameter's type, then checks it. Empty: the default. */
export function setParamFromText(
  state: WizardState,
  id: string,
  name: string,
  text: string,
): { state: WizardState } | { problem: string } {
  const spec = featureById.get(id)?.params[name];
  if (!spec) return { problem: `${id} has no setting "${name}"` };
  const t = text.trim();
  if (t === '') return setParamValue(state, id, name, undefined);
  switch (spec.type) {
    case 'int':
    case 'port':
      if (!/^-?\d+$/.test(t)) return { problem: 'expected a whole number' };
      return setParamValue(state, id, name, Number(t));
    case 'bool':
      if (!/^(true|false|yes|no|on|off)$/i.test(t)) return { problem: 'expected yes or no' };
      return setParamValue(state, id, name, /^(true|yes|on)$/i.test(t));
    case 'string-list':
      return setParamValue(state, id, name, t.split(/[\s,]+/).filter(Boolean));
    default:
      return setParamValue(state, id, name, t);
  }
}

// ---- acknowledgement -----------------------------------------------------------

/** Chosen features and what they pull in, transitively. */
function chosenClosure(state: WizardState): Set<string> {
  const out = new Set<string>();
  const queue = Object.entries(choicesOf(state.answers))
    .filter(([, c]) => c?.enable === true)
    .map(([id]) => id);
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (out.has(id)) continue;
    out.add(id);
    queue.push(...(featureById.get(id)?.depends ?? []));
  }
  return out;
}

/**
 * Features that wait for their name to be typed: chosen (or needed by a chosen
 * one), high or critical, or above the risk tolerance, not yet acknowledged, and
 * possible on this machine.
 */
export function pendingAcknowledgements(state: WizardState, ctx: FlowContext): Feature[] {
  const a = state.answers;
  const closure = chosenClosure(state);
  const choices = choicesOf(a);
  return features.filter(
    (f) =>
      closure.has(f.id) &&
      !f.required &&
      choices[f.id]?.enable !== false &&
      (highRisk(f) || aboveTolerance(f.risk, a.riskTolerance)) &&
      !a.acknowledged.includes(f.id) &&
      missingRequirements(f, ctx.hardware).length === 0 &&
      !(ctx.phase === 'hardened' && !f.hardenedMutable),
  );
}

/** The typed name must be the feature's id (any case); then it is recorded. */
export function acknowledge(
  state: WizardState,
  id: string,
  typed: string,
): { state: WizardState } | { problem: string } {
  if (typed.trim().toLowerCase() !== id.toLowerCase()) {
    return {
      problem: `type "${id}" exactly to turn it on, or clear the field and press Enter to leave it off`,
    };
  }
  const acknowledged = [...new Set([...state.answers.acknowledged, id])].sort();
  return { state: { ...state, answers: { ...state.answers, acknowledged } } };
}

/** Leaves a risky feature off, and the chosen features that cannot work without it. */
export function declineRisky(
  state: WizardState,
  id: string,
): { state: WizardState; alsoOff: string[] } {
  const needs = (f: Feature, seen = new Set<string>()): boolean =>
    f.depends.some((d) => {
      if (d === id) return true;
      if (seen.has(d)) return false;
      seen.add(d);
      const dep = featureById.get(d);
      return dep ? needs(dep, seen) : false;
    });
  const alsoOff = Object.entries(choicesOf(state.answers))
    .filter(([other, c]) => other !== id && c?.enable === true && needs(featureById.get(other)!))
    .map(([other]) => other);
  let next = withChoice(state, id, { enable: false });
  for (const other of alsoOff) next = withChoice(next, other, { enable: false });
  return { state: next, alsoOff };
}

/** The tolerance text for messages: "cautious (up to low)". */
export const toleranceText = (state: WizardState) =>
  `${state.answers.riskTolerance} (up to ${toleranceCeiling[state.answers.riskTolerance]})`;

export type { Plan };
