// The setup wizard's draft: where the person is and what they answered, saved
// atomically after every step in the XDG state folder, so a dropped SSH session
// or a killed hv resumes at the same step with the same answers. The answers are
// checked by the answers schema itself; a corrupt draft is kept aside, never lost.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { stateDir } from '../base/paths.js';
import { type LoadResult, loadJson, saveJson } from '../base/persist.js';
import { answersSchema } from '../wizard/answers.js';
import { isStepId, type StepId } from '../wizard/steps.js';

type Env = Record<string, string | undefined>;

export const DraftSchema = z.strictObject({
  version: z.literal(1),
  savedAt: z.string(),
  step: z.string().refine(isStepId, 'not a step of this hv'),
  answers: answersSchema,
  showAll: z.boolean(),
  autoOff: z.record(z.string(), z.string()),
  /** Where the files were to go; a different --out later wins. */
  outDir: z.string(),
});
export type Draft = Omit<z.output<typeof DraftSchema>, 'step'> & { step: StepId };

export const draftFile = (env: Env = process.env) => join(stateDir(env), 'setup-draft.json');

export function loadDraft(env: Env = process.env): LoadResult<Draft | undefined> {
  const schema = DraftSchema.optional();
  return loadJson(draftFile(env), schema, () => undefined) as LoadResult<Draft | undefined>;
}

/** Atomic (temp file, fsync, rename): a kill at any moment leaves the old draft or the new. */
export function saveDraft(draft: Draft, env: Env = process.env): void {
  saveJson(draftFile(env), DraftSchema.parse(draft));
}

export function clearDraft(env: Env = process.env): void {
  rmSync(draftFile(env), { force: true });
}
