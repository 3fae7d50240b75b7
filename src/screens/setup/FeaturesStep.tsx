// A features screen: every item with its state, its risk as text + symbol +
// colour, why it is on or off; disabled ones say why. i opens the impacts and
// mitigations, e the settings.
import { Box, Text } from 'ink';
import { pad, truncate } from '../../base/format.js';
import { visibleSlice } from '../../base/list.js';
import { categoryInfo, featureById } from '../../catalog/features.js';
import { describeRequirement } from '../../catalog/resolve.js';
import { RiskBadge } from '../../ui/RiskBadge.js';
import { ScrollPane } from '../../ui/ScrollPane.js';
import { TextField } from '../../ui/TextField.js';
import { type FeatureRow, featureRows, paramRows, toleranceText } from '../../wizard/flow.js';
import { stepDefs } from '../../wizard/steps.js';
import { wrap } from '../chrome.js';
import type { StepProps } from './views.js';

const box = (r: FeatureRow) =>
  r.awaitingAck ? '[?]' : r.locked ? (r.on ? '[=]' : '[-]') : r.on ? '[x]' : '[ ]';

function paramSummary(r: FeatureRow, s: StepProps['s']): string {
  return paramRows(s.flow, r.feature.id)
    .filter((p) => p.set || p.value !== undefined)
    .map((p) => `${p.name}=${p.display}`)
    .join(' ');
}

function Row({
  r,
  selected,
  width,
  s,
}: {
  r: FeatureRow;
  selected: boolean;
  width: number;
  s: StepProps['s'];
}) {
  const expert = s.flow.answers.experience === 'expert';
  const nameW = expert ? 22 : 36;
  const rest = Math.max(8, width - 2 - 4 - nameW - 11);
  const tail = expert
    ? r.on
      ? paramSummary(r, s) || r.why
      : (r.locked ?? r.why)
    : (r.locked ?? r.why);
  return (
    <Box>
      <Text inverse={selected} bold={selected}>
        {selected ? '› ' : '  '}
      </Text>
      <Text dimColor={Boolean(r.locked) && !r.on}>
        {`${box(r)} ${pad(expert ? r.feature.id : r.feature.title, nameW)}`}
      </Text>
      <RiskBadge risk={r.feature.risk} pad dim={Boolean(r.locked) && !r.on} />
      <Text dimColor> {truncate(tail, rest)}</Text>
    </Box>
  );
}

/** Impacts, mitigations and what a feature needs: the whole body, scrollable. */
export function impactLines(r: FeatureRow, width: number): string[] {
  const f = r.feature;
  const bullets = (items: readonly string[]) =>
    items.flatMap((i) => wrap(`• ${i}`, width - 2).map((l) => `  ${l}`));
  const name = (id: string) => featureById.get(id)?.title ?? id;
  const plain = (l: string) => wrap(l, width);
  return [
    ...plain(`${r.on ? 'On' : 'Off'}: ${r.locked ?? r.why}`),
    'Impacts:',
    ...bullets(f.impacts),
    'Mitigations:',
    ...bullets(f.mitigations),
    ...(f.requires.length ? plain(`Needs: ${f.requires.map(describeRequirement).join('; ')}`) : []),
    ...(f.depends.length ? plain(`Brings along: ${f.depends.map(name).join(', ')}`) : []),
    ...(f.conflicts.length ? plain(`Cannot be on with: ${f.conflicts.map(name).join(', ')}`) : []),
    `NixOS option: ${f.option}.enable`,
  ];
}

function ImpactsView({
  r,
  s,
  width,
  height,
}: {
  r: FeatureRow;
  s: StepProps['s'];
  width: number;
  height: number;
}) {
  return (
    <Box flexDirection="column" height={height}>
      <Box>
        <Text bold>{truncate(`${r.feature.title}  `, width - 12)}</Text>
        <RiskBadge risk={r.feature.risk} />
      </Box>
      <ScrollPane
        lines={impactLines(r, width)}
        top={s.features.detailTop}
        height={height - 1}
        width={width}
      />
    </Box>
  );
}

function Detail({
  r,
  s,
  width,
  height,
}: {
  r: FeatureRow;
  s: StepProps['s'];
  width: number;
  height: number;
}) {
  const f = r.feature;
  const lines: Array<{ text: string; color?: string }> = [];
  for (const l of wrap(f.description, width)) lines.push({ text: l });
  lines.push({
    text: `${r.on ? 'On' : 'Off'}: ${r.locked ?? r.why}`,
    ...(r.locked ? { color: 'yellow' } : {}),
  });
  if (r.awaitingAck) {
    lines.push({
      text: `Above your risk tolerance ${toleranceText(s.flow)} or high risk: you will type its name to confirm.`,
    });
  }
  const shown = lines.slice(0, height);
  if (lines.length > height && shown.length > 0)
    shown[shown.length - 1] = { text: '… (enlarge the terminal for more)' };
  return (
    <Box flexDirection="column" height={height}>
      {shown.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: positional lines
        <Text key={i} color={l.color} dimColor={!l.color}>
          {truncate(l.text, width)}
        </Text>
      ))}
    </Box>
  );
}

function Params({
  r,
  s,
  width,
  height,
}: {
  r: FeatureRow;
  s: StepProps['s'];
  width: number;
  height: number;
}) {
  const rows = paramRows(s.flow, r.feature.id);
  const p = s.features.params!;
  const editing = p.editing;
  const current = rows[p.cursor];
  return (
    <Box flexDirection="column" height={height}>
      <Text bold>{truncate(`Settings of ${r.feature.title}:`, width)}</Text>
      {rows.slice(0, Math.max(1, height - 3)).map((row, i) => (
        <Box key={row.name}>
          <Text
            inverse={i === p.cursor}
          >{`${i === p.cursor ? '› ' : '  '}${pad(row.name, 18)}`}</Text>
          {editing && editing.name === row.name ? (
            <TextField state={editing.field} width={width - 22} />
          ) : (
            <Text dimColor={!row.set}>{truncate(row.display, width - 22)}</Text>
          )}
        </Box>
      ))}
      {current ? (
        <Text dimColor>
          {truncate(
            `${current.spec.title}: ${current.spec.help}${'example' in current.spec && current.spec.example ? ` e.g. ${current.spec.example}` : ''}`,
            width,
          )}
        </Text>
      ) : null}
      <Text dimColor>
        {truncate(
          editing
            ? 'Enter keeps it (empty: the default), Esc cancels.'
            : 'Enter edits, Space switches yes/no or choices, Esc closes.',
          width,
        )}
      </Text>
    </Box>
  );
}

export function FeaturesStep({ s, width, height }: StepProps) {
  const rows = featureRows(s.flow, s.ctx, s.flow.step);
  const category = stepDefs[s.flow.step].category;
  const head =
    category && s.flow.answers.experience !== 'expert'
      ? categoryInfo[category].description
      : undefined;
  const headLines = head ? 1 : 0;
  const detailH = 6;
  const listH = Math.max(3, height - 1 - detailH - headLines);
  const slice = visibleSlice(rows, s.features.list, listH);
  const selected = rows[slice.cursor];
  const on = rows.filter((r) => r.on).length;
  const hidden = s.flow.showAll ? '' : '  a: show all features';
  if (s.features.detail && selected) {
    return <ImpactsView r={selected} s={s} width={width} height={height} />;
  }
  return (
    <Box flexDirection="column" height={height}>
      {head ? <Text dimColor>{truncate(head, width)}</Text> : null}
      <Box flexDirection="column" height={listH}>
        {slice.rows.map((r, i) => (
          <Row
            key={r.feature.id}
            r={r}
            selected={slice.start + i === slice.cursor}
            width={width}
            s={s}
          />
        ))}
      </Box>
      <Text dimColor>
        {truncate(
          `${on} of ${rows.length} on${rows.length > listH ? ` · ${slice.cursor + 1}/${rows.length}` : ''}  ·  [x] on [ ] off [=] needed [-] unavailable [?] to confirm${hidden}`,
          width,
        )}
      </Text>
      {selected ? (
        s.features.params ? (
          <Params r={selected} s={s} width={width} height={detailH} />
        ) : (
          <Detail r={selected} s={s} width={width} height={detailH} />
        )
      ) : (
        <Text>No features to show here.</Text>
      )}
    </Box>
  );
}
