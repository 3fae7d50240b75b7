import { HvError } from '../../base/errors.js';
import { categoryInfo, features, riskInfo } from '../../catalog/features.js';
import { describeRequirement } from '../../catalog/resolve.js';
import type { Feature, ParamSpec } from '../../catalog/types.js';
import type { CommandContext } from '../command-spec.js';
import { printJson, table } from '../output.js';

const paramJson = (p: ParamSpec) => ({
  ...p,
  ...('pattern' in p && p.pattern ? { pattern: p.pattern.source } : {}),
  ...('itemPattern' in p && p.itemPattern ? { itemPattern: p.itemPattern.source } : {}),
});

export function featureJson(f: Feature) {
  return {
    ...f,
    requires: f.requires.map((r) => ({ ...r, description: describeRequirement(r) })),
    params: Object.fromEntries(Object.entries(f.params).map(([k, p]) => [k, paramJson(p)])),
  };
}

export async function list(ctx: CommandContext): Promise<number> {
  if (ctx.globals.json) {
    printJson(features.map(featureJson));
    return 0;
  }
  const rows = features.map((f) => [
    f.id,
    `${riskInfo[f.risk].symbol} ${f.risk}`,
    categoryInfo[f.category].title,
    f.title,
  ]);
  process.stdout.write(`${table(rows, ['ID', 'RISK', 'CATEGORY', 'TITLE'])}\n`);
  process.stdout.write(`\n${features.length} features. Details: hv features show ID\n`);
  return 0;
}

export async function show(ctx: CommandContext): Promise<number> {
  const id = ctx.positionals[0]!;
  const f = features.find((x) => x.id === id || x.id.toLowerCase() === id.toLowerCase());
  if (!f) {
    const near = features.filter((x) => x.id.toLowerCase().includes(id.toLowerCase().slice(0, 4)));
    throw new HvError('not-found', `no feature "${id}"`, {
      fix: near.length
        ? `did you mean: ${near.map((x) => x.id).join(', ')}?`
        : 'hv features list shows them all',
    });
  }
  if (ctx.globals.json) {
    printJson(featureJson(f));
    return 0;
  }
  const lines = [
    `${f.title} (${f.id})`,
    `Risk: ${riskInfo[f.risk].symbol} ${f.risk}: ${riskInfo[f.risk].meaning}`,
    `Category: ${categoryInfo[f.category].title}`,
    '',
    f.description,
    '',
    'What it changes:',
    ...f.impacts.map((i) => `  - ${i}`),
    'How the risk is kept down:',
    ...f.mitigations.map((m) => `  - ${m}`),
  ];
  if (f.requires.length)
    lines.push('Needs:', ...f.requires.map((r) => `  - ${describeRequirement(r)}`));
  if (f.depends.length) lines.push(`Turns on: ${f.depends.join(', ')}`);
  if (f.conflicts.length) lines.push(`Cannot be on with: ${f.conflicts.join(', ')}`);
  lines.push(
    `Offered from: ${f.minLevel} level${f.required ? ' (always on)' : ''}`,
    `Changeable in the hardened phase: ${f.hardenedMutable ? 'yes' : 'no'}`,
    `NixOS option: ${f.option}.enable`,
  );
  const params = Object.entries(f.params);
  if (params.length) {
    lines.push(`Parameters (answers file: features.${f.id}.NAME):`);
    for (const [name, p] of params) {
      const def =
        'default' in p && p.default !== undefined ? ` (default ${JSON.stringify(p.default)})` : '';
      lines.push(`  ${name}: ${p.type}${def}: ${p.help}`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
