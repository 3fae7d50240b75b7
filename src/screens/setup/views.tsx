// The simpler steps' screens: welcome, choices, hardware, host basics, write.
import { Box, Text } from 'ink';
import { pad, truncate } from '../../base/format.js';
import {
  describeHardware,
  hardwareConsequences,
  hostFields,
  type SetupState,
  type SetupStore,
} from '../../state/setup.js';
import { TextField } from '../../ui/TextField.js';
import { choicesFor, hostFieldProblem } from '../../wizard/flow.js';
import { wrap } from '../chrome.js';
import { welcomeOptions } from './actions.js';

export interface StepProps {
  s: SetupState;
  store: SetupStore;
  width: number;
  height: number;
}

/** A list of choices with a textual cursor ("›") as well as inverse colour. */
export function ChoiceList({
  items,
  cursor,
  width,
}: {
  items: ReadonlyArray<{ title: string; tag?: string | undefined }>;
  cursor: number;
  width: number;
}) {
  return (
    <Box flexDirection="column">
      {items.map((c, i) => (
        <Text key={c.title} inverse={i === cursor} bold={i === cursor}>
          {truncate(`${i === cursor ? '› ' : '  '}${c.title}${c.tag ? `  (${c.tag})` : ''}`, width)}
        </Text>
      ))}
    </Box>
  );
}

export function WelcomeStep({ s, store, width }: StepProps) {
  const options = welcomeOptions(s, store);
  const launch = store.deps.launch;
  const lines = [
    ...(launch.firstBoot
      ? ['First boot: this setup runs on this console until it is complete.']
      : []),
    `Files will go to ${s.outDir}`,
    `  (${s.outDirWhy})`,
    ...(s.welcome.existing?.problem
      ? [`The hv-answers.json there cannot be used: ${s.welcome.existing.problem}`]
      : []),
  ];
  return (
    <Box flexDirection="column">
      {lines
        .flatMap((l) => wrap(l, width))
        .map((l, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: static lines
          <Text key={i}>{l}</Text>
        ))}
      <Text> </Text>
      <ChoiceList items={options} cursor={s.cursor} width={width} />
    </Box>
  );
}

export function ChoiceStep({ s, width, height }: StepProps) {
  const options = choicesFor(s.flow.step, s.flow, s.ctx);
  const picked = options[s.cursor];
  const hw = s.ctx.hardware;
  const compactHw =
    s.flow.step === 'profile' && s.flow.answers.experience === 'expert'
      ? `Hardware: ${hw.cores} cores, ${hw.ramGiB} GiB, virt ${hw.cpuVirtualization ? 'yes' : 'no'}, IOMMU ${hw.iommu ? 'yes' : 'no'}, ${hw.nics} NIC, ${hw.gpus} GPU, ${hw.virtualization === 'none' ? 'bare metal' : hw.virtualization}, ${hw.rootFilesystem}`
      : undefined;
  const about = picked ? wrap(picked.description, width - 2) : [];
  return (
    <Box flexDirection="column" height={height}>
      {compactHw ? <Text dimColor>{truncate(compactHw, width)}</Text> : null}
      <ChoiceList items={options} cursor={s.cursor} width={width} />
      <Text> </Text>
      {about.slice(0, Math.max(1, height - options.length - 2)).map((l) => (
        <Text key={l} dimColor>{`  ${l}`}</Text>
      ))}
    </Box>
  );
}

export function HardwareStep({ s, width, height }: StepProps) {
  const report = s.report;
  if (!report) return <Text>Looking at this machine…</Text>;
  const lines = [
    ...describeHardware(report),
    ...(report.source === 'probed' ? [] : [`(described by ${report.source}, not probed)`]),
    '',
    ...hardwareConsequences(report.facts).flatMap((l) => wrap(`• ${l}`, width - 2)),
  ];
  return (
    <Box flexDirection="column" height={height}>
      {lines.slice(0, height).map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static lines
        <Text key={i}>{truncate(l, width) || ' '}</Text>
      ))}
    </Box>
  );
}

const labels: Record<(typeof hostFields)[number], string> = {
  hostname: 'Hostname',
  timeZone: 'Time zone',
  adminUser: 'Admin user',
  sshKey: 'SSH public key',
};

const shortKey = (k: string) => {
  const [type, blob = '', ...comment] = k.split(/\s+/);
  return `${type} ${blob.slice(0, 12)}…${blob.slice(-6)} ${comment.join(' ')}`;
};

export function HostStep({ s, width, height }: StepProps) {
  const h = s.host;
  const keys = s.flow.answers.host.sshKeys;
  const focused = hostFields[h.focus]!;
  const value = h.fields[focused].value.trim();
  const live =
    h.problem ??
    (focused === 'sshKey'
      ? value && hostFieldProblem('sshKey', value)
        ? `SSH key: ${hostFieldProblem('sshKey', value)}`
        : undefined
      : hostFieldProblem(focused, value) &&
        `${labels[focused]}: ${hostFieldProblem(focused, value)}`);
  const fieldWidth = width - 18;
  const keyLines = keys.map((k, i) => truncate(`  ${i + 1}. ${shortKey(k)}`, width));
  const note =
    keys.length > 0
      ? 'With a key, SSH login is by key only: no passwords, no root login.'
      : 'No key yet: SSH login stays off (key-only login needs a key); you log in here at the console.';
  return (
    <Box flexDirection="column" height={height}>
      {hostFields.map((f, i) => (
        <Box key={f}>
          <Text bold={i === h.focus}>{pad(`${i === h.focus ? '›' : ' '} ${labels[f]}`, 17)}</Text>
          <TextField
            state={h.fields[f]}
            width={fieldWidth}
            focused={i === h.focus}
            placeholder={f === 'sshKey' ? 'paste a .pub key, Enter adds it' : ''}
          />
        </Box>
      ))}
      {keyLines.slice(0, Math.max(0, height - 8)).map((l) => (
        <Text key={l}>{l}</Text>
      ))}
      <Text> </Text>
      {live ? (
        wrap(`✕ ${live}`, width)
          .slice(0, 3)
          .map((l) => (
            <Text key={l} color="red">
              {l}
            </Text>
          ))
      ) : (
        <Text color="green">{focused === 'sshKey' ? '  ' : `✓ ${labels[focused]} is fine`}</Text>
      )}
      {wrap(note, width).map((l) => (
        <Text key={l} dimColor>
          {l}
        </Text>
      ))}
      <Text dimColor>
        {truncate(
          focused === 'sshKey'
            ? 'Enter on the empty field goes on; Backspace on it removes the last key.'
            : 'Enter accepts the field; ↑↓ move between fields; Esc goes back.',
          width,
        )}
      </Text>
    </Box>
  );
}

export function WriteStep({ s, width, height }: StepProps) {
  const changes = s.preview?.changes ?? [];
  const modules = changes.filter((c) => c.file.path.startsWith('modules/'));
  const others = changes.filter((c) => !c.file.path.startsWith('modules/'));
  const moduleStatus = [...new Set(modules.map((c) => c.status))].join('/');
  const rows = [
    ...others.map((c) => `  ${pad(c.status, 10)}${c.file.path}${c.note ? `  (${c.note})` : ''}`),
    ...(modules.length > 0
      ? [`  ${pad(moduleStatus, 10)}modules/hypervisor/ (${modules.length} NixOS modules)`]
      : []),
  ];
  const head = [
    `Destination: ${s.outDir}`,
    `  (${s.outDirWhy})`,
    s.written
      ? `✓ Written: ${s.written.count} file(s)${s.written.backupDir ? `; previous versions in ${s.written.backupDir}` : ''}. Enter goes on.`
      : s.preview?.error
        ? `✕ ${s.preview.error.message}`
        : 'Nothing is written until you press Enter.',
  ];
  return (
    <Box flexDirection="column" height={height}>
      {head
        .flatMap((l) => wrap(l, width))
        .map((l, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: static lines
          <Text key={i} color={l.startsWith('✓') ? 'green' : l.startsWith('✕') ? 'red' : undefined}>
            {l}
          </Text>
        ))}
      <Text> </Text>
      {rows.slice(0, Math.max(1, height - 5)).map((l) => (
        <Text key={l}>{truncate(l, width)}</Text>
      ))}
    </Box>
  );
}
