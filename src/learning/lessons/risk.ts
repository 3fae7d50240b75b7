import { featureById, features, riskInfo, toleranceInfo } from '../../catalog/features.js';
import {
  aboveTolerance,
  type RiskLevel,
  riskLevels,
  riskTolerances,
  toleranceCeiling,
} from '../../catalog/types.js';
import { normalize } from '../libvirt.js';
import type { Lesson } from '../types.js';
import { fail, needAnswer, pass } from './verdict.js';

// The explanation is built from the catalog, so it says what hv really does.
const levelLines = riskLevels.map((r) => `${r}: ${riskInfo[r].meaning}`).join('\n');
const toleranceLines = riskTolerances
  .map((t) => `${t}: ${toleranceInfo[t].explanation}`)
  .join('\n');
const ceilings = riskTolerances.map((t) => `${t} ≤ ${toleranceCeiling[t]}`).join(', ');

const asRisk = (answer: string | undefined): RiskLevel | undefined => {
  const a = normalize(answer);
  return riskLevels.find((r) => r === a);
};

export const riskLevelsLesson: Lesson = {
  id: 'risk-levels',
  title: 'Risk levels and your risk tolerance',
  about: 'How hv rates each feature, and how your tolerance decides what needs your confirmation.',
  minutes: 10,
  explain: {
    beginner: `Every feature hv can turn on has a risk level. It says how much the feature changes who or what can reach your host and your VMs:

${levelLines}

Your risk tolerance says how much you accept without being asked:

${toleranceLines}

Setup turns on features up to your tolerance by itself. A feature above it stays off until you confirm it by name (in an answers file, by listing it under "acknowledged"). So nothing risky is switched on by a default you never read. hv features list shows every feature with its risk; hv features show ID explains one: what it changes (impacts) and how its risk is kept small (mitigations).`,
    intermediate: `Risk per feature: ${riskLevels.join(' < ')}, with impacts and mitigations (hv features show ID). Tolerance is the ceiling applied without acknowledgement: ${ceilings}. A feature above it must be listed in the answers file's "acknowledged", including features pulled in as dependencies.`,
    expert: `Ceilings: ${ceilings}. "acknowledged": [ids]. hv features list|show --json.`,
  },
  tasks: [
    {
      id: 'risk-of-public-bridge',
      goal: 'Find the risk level of the feature publicBridge.',
      ways: [
        { where: 'hv', args: ['features', 'show', 'publicBridge'], local: true },
        { where: 'hv', args: ['features', 'list'], local: true },
      ],
      question: { prompt: 'Risk level:' },
      hints: [
        `It is one of: ${riskLevels.join(', ')}.`,
        '`hv features show publicBridge` says it.',
      ],
      async verify(_ctx, answer) {
        const f = featureById.get('publicBridge');
        if (!f) return fail('This build of hv has no publicBridge feature.');
        const a = asRisk(answer);
        if (!a) return needAnswer(riskLevels.join(' or '));
        return a === f.risk
          ? pass(`Right: publicBridge is ${f.risk}. ${riskInfo[f.risk].meaning}`)
          : fail(
              `Not quite: publicBridge is not ${a}. Read it in \`hv features show publicBridge\`.`,
            );
      },
    },
    {
      id: 'cautious-ceiling',
      goal: 'With the tolerance cautious, what is the highest risk level setup turns on without asking?',
      ways: [{ where: 'hv', args: ['help', 'risk'], local: true }],
      question: { prompt: 'Risk level:' },
      hints: [
        'Read the explanation of "cautious" again (← goes back to it).',
        '`hv help risk` lists each tolerance and its ceiling.',
      ],
      async verify(_ctx, answer) {
        const a = asRisk(answer);
        if (!a) return needAnswer(riskLevels.join(' or '));
        const ceiling = toleranceCeiling.cautious;
        return a === ceiling
          ? pass(
              `Right: cautious accepts up to ${ceiling}; anything above needs your confirmation.`,
            )
          : fail(`Not quite: cautious does not stop at ${a}.`);
      },
    },
    {
      id: 'needs-acknowledgement',
      goal: 'Name one feature a cautious host must acknowledge before setup turns it on.',
      details: 'Any feature whose risk is above what cautious accepts will do.',
      ways: [{ where: 'hv', args: ['features', 'list'], local: true }],
      question: { prompt: 'Feature id:' },
      hints: [
        'Look for features rated moderate, high or critical in `hv features list`.',
        'Use the feature id, the word in the first column (e.g. publicBridge).',
      ],
      async verify(_ctx, answer) {
        const a = normalize(answer);
        if (!a) return needAnswer('a feature id from hv features list');
        const f = features.find((x) => x.id.toLowerCase() === a);
        if (!f)
          return fail(
            `hv has no feature "${answer?.trim()}". Use an id from \`hv features list\`.`,
          );
        return aboveTolerance(f.risk, 'cautious')
          ? pass(`Right: ${f.id} is ${f.risk}, above cautious, so it must be acknowledged.`)
          : fail(
              `${f.id} is ${f.risk}: cautious turns that on without asking. Pick a riskier one.`,
            );
      },
    },
  ],
  summary: [
    `Features are rated ${riskLevels.join(', ')}.`,
    'Your tolerance is the highest risk hv accepts without asking; above it you confirm by name.',
    "hv features show ID explains a feature's impacts and mitigations before you decide.",
  ],
  commands: ['hv features list', 'hv features show ID', 'hv help risk'],
};
