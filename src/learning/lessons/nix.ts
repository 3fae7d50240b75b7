import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { probeHardware } from '../../adapters/host.js';
import { writeFileAtomic } from '../../base/atomic.js';
import { errorMessage } from '../../base/errors.js';
import { features } from '../../catalog/features.js';
import { describeReason, type Plan } from '../../catalog/resolve.js';
import { planSetup, runSetup } from '../../operations/setup-write.js';
import { currentPhase } from '../../security/phase.js';
import { type Answers, parseAnswers } from '../../wizard/answers.js';
import { normalize, numberIn } from '../libvirt.js';
import type { Lesson, TaskContext, Verdict } from '../types.js';
import { fail, needAnswer, pass } from './verdict.js';

export const practiceFiles = (workspace: string) => ({
  answers: join(workspace, 'answers.json'),
  out: join(workspace, 'host-config'),
});

/** The practice answers file the lesson starts from: a small host, Grafana off. */
export const practiceAnswers = {
  version: 1,
  experience: 'beginner',
  riskTolerance: 'cautious',
  profile: 'minimal',
  role: 'server',
  host: { hostname: 'practice', timeZone: 'UTC', adminUser: 'learner', sshKeys: [] },
  // Key-only SSH needs a public key; the practice file has none, so it is off.
  features: { sshHardening: { enable: false } },
  acknowledged: [],
};

const byId = new Map(features.map((f) => [f.id, f]));

/** Reads the learner's practice file through the same schema `hv setup` uses. */
function readPractice(ctx: TaskContext): { answers: Answers } | Verdict {
  const file = practiceFiles(ctx.workspace).answers;
  if (!existsSync(file)) {
    return fail(`The practice file ${file} is missing. Reset the first task to write it again.`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return fail(
      `${file} is not valid JSON any more: ${errorMessage(e)}. Check the commas and braces.`,
    );
  }
  const parsed = parseAnswers(raw);
  if (!parsed.ok) {
    const first = parsed.problems.slice(0, 2).map((p) => `${p.path}: ${p.message}`);
    return fail(`hv cannot read ${file}: ${first.join('; ')}`);
  }
  return { answers: parsed.answers };
}

async function practicePlan(ctx: TaskContext, answers: Answers): Promise<Plan> {
  return planSetup(answers, await probeHardware(), currentPhase(ctx.env));
}

const grafanaOn = (plan: Plan) => plan.items.find((i) => i.id === 'grafana');

const runDryRun = {
  where: 'shell' as const,
  text: 'hv setup --answers {answers} --non-interactive --dry-run --out {out}',
};

export const nixFeature: Lesson = {
  id: 'nix-feature',
  title: 'Turning on a feature, and the Nix it writes',
  about: 'Answers in, NixOS configuration out: read what hv generates before it is applied.',
  minutes: 20,
  explain: {
    beginner: `NixOS builds the whole system from configuration files written in the Nix language. Instead of changing settings one by one, you describe what you want, and nixos-rebuild makes the machine match. Every build is kept, so a bad change can be rolled back, even from the boot menu.

hv writes that configuration for you. Your choices (the answers) go in a JSON answers file; hv setup --answers FILE turns them into Nix files. The main one, hypervisor-features.nix, has one block per feature that is on, with a comment saying why it is on. With --dry-run, hv only shows what it would write.

In the Nix, enable = true; turns a feature on, and the lines below it are its settings. Some features need others: hv turns those on too, and the comment says which feature needed them.

This lesson uses a practice file in {workspace}, not your host's configuration. Nothing here changes this machine.`,
    intermediate: `Answers (JSON; hv setup schema) → resolve (profile, role, tolerance, dependencies, hardware) → hypervisor-features.nix (hypervisor.<category>.<feature> = { enable = true; ... }, each with a reason comment) plus host files. --dry-run prints the diff and writes nothing. Dependencies are enabled with the reason "added because X needs it". Practice file: {answers}.`,
    expert:
      'hv setup --answers F --non-interactive --dry-run --out D. hypervisor.* attrsets with reason comments; deps auto-enabled. Practice: {answers}.',
  },
  tasks: [
    {
      id: 'enable-grafana',
      goal: 'Turn on the feature grafana in the practice answers file.',
      details:
        'Open {answers} in a text editor. Inside "features", next to sshHardening, add: "grafana": { "enable": true } (mind the comma between the two).',
      ways: [
        { where: 'shell', text: 'nano {answers}   (or any editor)' },
        { where: 'hv', args: ['features', 'show', 'grafana'], local: true },
        runDryRun,
      ],
      hints: [
        'The features part should read: "features": { "sshHardening": { "enable": false }, "grafana": { "enable": true } }',
        '`hv setup validate {answers}` checks the file and names any mistake.',
      ],
      async prepare(ctx) {
        writeFileAtomic(
          practiceFiles(ctx.workspace).answers,
          `${JSON.stringify(practiceAnswers, null, 2)}\n`,
          0o644,
        );
      },
      async verify(ctx) {
        const read = readPractice(ctx);
        if ('passed' in read) return read;
        const plan = await practicePlan(ctx, read.answers);
        const g = grafanaOn(plan);
        if (g?.enabled && g.reason.kind === 'chosen') {
          return pass('Grafana is on in the plan, because you chose it.');
        }
        return fail(
          g
            ? `Grafana is still off: ${describeReason(g.reason, byId)}.`
            : 'Grafana is not in the plan.',
        );
      },
    },
    {
      id: 'grafana-port',
      goal: "Run the dry run and find Grafana's block in hypervisor-features.nix. Which port does its web page use?",
      ways: [runDryRun],
      question: { prompt: 'Port:' },
      hints: [
        'Look for the line "grafana = {" in the part for hypervisor-features.nix.',
        'The setting is called httpPort.',
      ],
      async verify(ctx, answer) {
        const n = numberIn(answer);
        if (n === undefined) return needAnswer('8080');
        const read = readPractice(ctx);
        if ('passed' in read) return read;
        let nix: string | undefined;
        try {
          const { changes } = runSetup({
            answers: read.answers,
            hardware: await probeHardware(),
            phase: currentPhase(ctx.env),
            outDir: practiceFiles(ctx.workspace).out,
            dryRun: true,
            force: false,
          });
          nix = changes.find((c) => c.file.path === 'hypervisor-features.nix')?.file.content;
        } catch (e) {
          return fail(`The dry run fails: ${errorMessage(e)}`);
        }
        const block = /grafana = \{([^}]*)\}/.exec(nix ?? '')?.[1];
        const port = /httpPort = (\d+);/.exec(block ?? '')?.[1];
        if (!port) return fail('Grafana is not on in your practice file yet: do the task before.');
        return n === Number(port)
          ? pass(`Right: httpPort = ${port}; Grafana's web page would be on port ${port}.`)
          : fail(
              `Not quite: the dry run does not say ${n}. Look at httpPort in the grafana block.`,
            );
      },
    },
    {
      id: 'dependency',
      goal: 'hv turned on one more feature you did not ask for, because Grafana needs it. Which one?',
      ways: [runDryRun],
      question: { prompt: 'Feature id:' },
      hints: [
        "The dry run's first lines say why each feature is on.",
        'Look for "added because Grafana dashboards needs it".',
      ],
      async verify(ctx, answer) {
        const a = normalize(answer);
        if (!a) return needAnswer('a feature id, e.g. firewall');
        const read = readPractice(ctx);
        if ('passed' in read) return read;
        const plan = await practicePlan(ctx, read.answers);
        const added = plan.items.filter(
          (i) => i.enabled && i.reason.kind === 'dependency' && i.reason.of.includes('grafana'),
        );
        if (added.length === 0)
          return fail('Grafana is not on in your practice file: do the first task.');
        const hit = added.find(
          (i) => i.id.toLowerCase() === a || byId.get(i.id)?.title.toLowerCase() === a,
        );
        return hit
          ? pass(`Right: ${hit.id} was added because Grafana needs it; hv says so in its comment.`)
          : fail(
              `Not quite: "${answer?.trim()}" was not added for Grafana. Read the reasons at the top.`,
            );
      },
    },
  ],
  summary: [
    'NixOS is configured by describing the system in Nix files; nixos-rebuild makes the machine match.',
    'hv turns your answers into hypervisor-features.nix: one block per feature, with why it is on.',
    'enable = true; turns a feature on; the lines below are its settings; dependencies come along.',
    '--dry-run shows every change before anything is written.',
  ],
  commands: [
    'hv setup --answers FILE --non-interactive --dry-run',
    'hv setup validate FILE',
    'hv features show ID',
  ],
};
