// The Answers schema: ONE schema for the setup screens and for answer files.
// Versioned, strict (unknown keys are errors), with messages that name the fix.
import { z } from 'zod';
import { experienceLevels } from '../base/settings-peek.js';
import { features as catalog } from '../catalog/features.js';
import { featureAnswerSchema } from '../catalog/params.js';
import { type Feature, profiles, riskTolerances, roles } from '../catalog/types.js';
import { checkHostname, checkSshPublicKey, checkTimeZone, checkUsername } from './validate-host.js';

const check = (fn: (s: string) => string | undefined) => (s: string, ctx: z.RefinementCtx) => {
  const problem = fn(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
};

export const systems = ['x86_64-linux', 'aarch64-linux'] as const;

export function makeAnswersSchema(features: readonly Feature[]) {
  const ids = new Set(features.map((f) => f.id));
  const featureShape = Object.fromEntries(
    features.map((f) => [f.id, featureAnswerSchema(f).optional()]),
  );
  return z
    .strictObject({
      version: z.literal(1, {
        error: () => 'expected 1: this hv reads answers files of version 1',
      }),
      experience: z.enum(experienceLevels).default('beginner'),
      riskTolerance: z.enum(riskTolerances).default('cautious'),
      profile: z.enum(profiles).default('balanced'),
      role: z.enum(roles).default('server'),
      host: z.strictObject({
        hostname: z.string().superRefine(check(checkHostname)),
        timeZone: z.string().superRefine(check(checkTimeZone)).default('UTC'),
        adminUser: z.string().superRefine(check(checkUsername)),
        sshKeys: z.array(z.string().superRefine(check(checkSshPublicKey))).default([]),
        system: z.enum(systems).default('x86_64-linux'),
      }),
      features: z
        .strictObject(featureShape, {
          error: (iss) =>
            iss.code === 'unrecognized_keys'
              ? `unknown feature ${iss.keys.map((k) => `"${k}"`).join(', ')} (hv features list shows them all)`
              : undefined,
        })
        .default({}),
      /** Features above the risk tolerance that the person confirmed by name. */
      acknowledged: z.array(z.string()).default([]),
    })
    .superRefine((a, ctx) => {
      a.acknowledged.forEach((id, i) => {
        if (!ids.has(id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['acknowledged', i],
            message: `no feature "${id}"`,
          });
        }
      });
    });
}

export const answersSchema = makeAnswersSchema(catalog);
export type Answers = z.output<typeof answersSchema>;
export type AnswersInput = z.input<typeof answersSchema>;

export interface AnswerProblem {
  path: string;
  message: string;
}

/** Every problem as "path: message", in the order of the file. */
export function answerProblems(error: z.ZodError): AnswerProblem[] {
  return error.issues.map((i) => ({
    path: i.path.map(String).join('.') || '(top level)',
    message: i.message,
  }));
}

export function parseAnswers(
  raw: unknown,
): { ok: true; answers: Answers } | { ok: false; problems: AnswerProblem[] } {
  const r = answersSchema.safeParse(raw);
  return r.success
    ? { ok: true, answers: r.data }
    : { ok: false, problems: answerProblems(r.error) };
}
