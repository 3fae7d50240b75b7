// The acknowledgement, review and apply screens.
import { Box, Text } from 'ink';
import { truncate } from '../../base/format.js';
import { toleranceInfo } from '../../catalog/features.js';
import { aboveTolerance } from '../../catalog/types.js';
import { applyStages } from '../../operations/apply.js';
import type { ApplyState } from '../../state/setup.js';
import { LogPane } from '../../ui/LogPane.js';
import { RiskBadge } from '../../ui/RiskBadge.js';
import { diffColor, ScrollPane } from '../../ui/ScrollPane.js';
import { TextField } from '../../ui/TextField.js';
import { pendingAcknowledgements } from '../../wizard/flow.js';
import { wrap } from '../chrome.js';
import { applyChoices, flakeRef } from './apply-driver.js';
import { reviewLines } from './review-text.js';
import { ChoiceList, type StepProps } from './views.js';

export function AckStep({ s, width, height }: StepProps) {
  const pending = pendingAcknowledgements(s.flow, s.ctx);
  const f = pending[0];
  if (!f) return <Text>Nothing waits for confirmation. Press Enter to go on.</Text>;
  const above = aboveTolerance(f.risk, s.flow.answers.riskTolerance);
  const body = [
    ...wrap(f.description, width),
    'What it changes:',
    ...f.impacts.flatMap((i) => wrap(`• ${i}`, width - 2).map((l) => `  ${l}`)),
    'How the risk is reduced:',
    ...f.mitigations.flatMap((m) => wrap(`• ${m}`, width - 2).map((l) => `  ${l}`)),
  ];
  const room = Math.max(2, height - 6);
  const shown =
    body.length > room
      ? [...body.slice(0, room - 1), '… (i on the features screen shows all)']
      : body;
  return (
    <Box flexDirection="column" height={height}>
      <Box>
        <Text bold>{truncate(`${f.id}: ${f.title}  `, width - 12)}</Text>
        <RiskBadge risk={f.risk} />
      </Box>
      <Text color="yellow">
        {truncate(
          above
            ? `Above your "${toleranceInfo[s.flow.answers.riskTolerance].title}" risk tolerance.`
            : `${f.risk === 'critical' ? 'Critical' : 'High'} risk: hv asks for your typed confirmation.`,
          width,
        )}
      </Text>
      {shown.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: positional lines
        <Text key={i} dimColor={l.startsWith('  ')}>
          {truncate(l, width) || ' '}
        </Text>
      ))}
      <Text>
        {truncate(`Type ${f.id} to turn it on; Enter on an empty field leaves it off:`, width)}
      </Text>
      <Box>
        <Text>{'> '}</Text>
        <TextField state={s.ack.field} width={width - 4} placeholder={f.id} />
      </Box>
      <Text dimColor>
        {pending.length > 1 ? `${pending.length - 1} more after this one.` : ' '}
      </Text>
    </Box>
  );
}

const tabTitles = { summary: 'Summary', nix: 'Nix', diff: 'Diff' } as const;

export function ReviewStep({ s, width, height }: StepProps) {
  const lines = reviewLines(s);
  const tabs = (Object.keys(tabTitles) as Array<keyof typeof tabTitles>)
    .map((t, i) =>
      t === s.review.tab ? `[${i + 1} ${tabTitles[t]}]` : ` ${i + 1} ${tabTitles[t]} `,
    )
    .join(' ');
  const color =
    s.review.tab === 'diff'
      ? diffColor
      : s.review.tab === 'summary'
        ? (l: string) => (l.startsWith('✕') ? 'red' : undefined)
        : undefined;
  return (
    <Box flexDirection="column" height={height}>
      <Text>{truncate(`${tabs}   (Tab switches)`, width)}</Text>
      <ScrollPane
        lines={lines}
        top={s.review.top}
        height={height - 1}
        width={width}
        {...(color ? { color } : {})}
      />
    </Box>
  );
}

const stageLabel = {
  'dry-build': 'dry-build',
  test: 'test',
  confirm: 'keep?',
  switch: 'switch',
} as const;

export function progressText(a: ApplyState): string {
  const at =
    a.stage && a.stage in stageLabel
      ? applyStages.indexOf(a.stage as (typeof applyStages)[number])
      : -1;
  const done = a.status === 'switched';
  const parts = applyStages.map((st, i) => {
    const mark = done || i < at ? '■' : i === at ? (a.status === 'failed' ? '✕' : '▶') : '□';
    return `${mark} ${stageLabel[st]}`;
  });
  const n = done ? applyStages.length : Math.max(0, at) + 1;
  return `${parts.join('  ')}   ${n}/${applyStages.length}`;
}

function applyHead(s: StepProps['s'], seconds: number): Array<{ text: string; color?: string }> {
  const a = s.apply;
  const flake = flakeRef(s);
  switch (a.status) {
    case 'not-nixos':
      return [
        {
          text: 'nixos-rebuild was not found: this machine is not NixOS, so hv stops here.',
          color: 'yellow',
        },
        { text: `The configuration is written to ${s.outDir}.` },
        { text: `On the NixOS host, apply it with: sudo nixos-rebuild switch --flake ${flake}` },
      ];
    case 'ready':
      return [
        {
          text: `Applies ${flake}: builds it (dry-build), activates it without making it the boot default (test), asks you to keep it (going back by itself after ${seconds} s without an answer), then makes it the default (switch).`,
        },
      ];
    case 'refused':
      return [
        { text: `✕ ${a.message ?? 'not allowed'}`, color: 'red' },
        ...(a.fix ? [{ text: a.fix.replace(/^run: /, 'Run this yourself: ') }] : []),
      ];
    case 'confirm': {
      const left = Math.max(0, Math.ceil(((a.deadline ?? 0) - (a.now ?? 0)) / 1000));
      return [
        {
          text: 'Keep this configuration? It is active now, but not yet the boot default.',
          color: 'yellow',
        },
        { text: `Going back by itself in ${left} s if nobody answers (y keeps, n goes back now).` },
      ];
    }
    case 'switched':
      return [
        {
          text: '✓ Applied: the new configuration is active and the boot default.',
          color: 'green',
        },
        ...(a.completeMarker
          ? [{ text: `Setup is recorded as complete (${a.completeMarker}).` }]
          : []),
      ];
    case 'reverted':
      return [
        {
          text:
            a.why === 'timeout'
              ? '↩ No answer in time: the previous configuration is active again. Nothing was made the default.'
              : '↩ The previous configuration is active again. Nothing was made the default.',
          color: 'yellow',
        },
      ];
    case 'failed':
      return [
        {
          text: `✕ ${a.stage ?? 'apply'} failed${a.exitCode === undefined ? '' : ` (exit ${a.exitCode})`}:`,
          color: 'red',
        },
        ...(a.errorLines ?? []).map((l) => ({ text: `  ${l}`, color: 'red' })),
      ];
    case 'rolled-back':
      return [{ text: '↩ Rolled back to the previous configuration.', color: 'yellow' }];
    default:
      return [];
  }
}

export function ApplyStep({ s, store, width, height }: StepProps) {
  const a = s.apply;
  const head = applyHead(s, store.deps.confirmSeconds).flatMap((h) =>
    wrap(h.text, width).map((t) => ({ ...h, text: t })),
  );
  const choices = applyChoices(a);
  const showProgress =
    a.status !== 'idle' &&
    a.status !== 'not-nixos' &&
    a.status !== 'ready' &&
    a.status !== 'refused';
  const logH = Math.max(3, height - head.length - choices.length - (showProgress ? 2 : 1));
  const showLog = a.lines.length > 0 || a.status === 'running' || a.status === 'rolling-back';
  return (
    <Box flexDirection="column" height={height}>
      {showProgress ? <Text bold>{truncate(progressText(a), width)}</Text> : null}
      {head.slice(0, Math.max(1, height - choices.length - 1)).map((h, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: positional lines
        <Text key={i} color={h.color}>
          {h.text}
        </Text>
      ))}
      {choices.length > 0 ? <ChoiceList items={choices} cursor={s.cursor} width={width} /> : null}
      {showLog ? <LogPane lines={a.lines} height={logH} width={width} back={a.back} /> : null}
    </Box>
  );
}
