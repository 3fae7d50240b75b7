// The review's three views as plain lines (pure): the plan (what is on and why),
// the generated Nix, and the diff against the files there now. The screen
// scrolls them; tests read them.
import { featureById, riskInfo } from '../../catalog/features.js';
import { describeReason } from '../../catalog/resolve.js';
import { toleranceCeiling } from '../../catalog/types.js';
import type { SetupState } from '../../state/setup.js';

const risk = (id: string) => {
  const f = featureById.get(id)!;
  return `${riskInfo[f.risk].symbol} ${f.risk}`.padEnd(10);
};

export function summaryLines(s: SetupState): string[] {
  const p = s.preview;
  const a = s.flow.answers;
  if (!p) return ['Preparing the plan…'];
  const lines: string[] = [];
  if (p.problems.length > 0) {
    lines.push(`✕ ${p.problems.length} problem(s) to settle before writing (Enter goes there):`);
    for (const x of p.problems) lines.push(`  ${x.path}: ${x.message}`);
    lines.push('');
  }
  if (p.error) {
    lines.push(`✕ ${p.error.message}`);
    if (p.error.fix) lines.push(`  fix: ${p.error.fix}`);
    lines.push('');
  }
  const keys = a.host.sshKeys.length;
  lines.push(
    `Host ${a.host.hostname}, admin ${a.host.adminUser}, time zone ${a.host.timeZone}, ${keys} SSH key${keys === 1 ? '' : 's'}`,
  );
  lines.push(
    `Profile ${a.profile}, role ${a.role}, risk tolerance ${a.riskTolerance} (up to ${toleranceCeiling[a.riskTolerance]}), ${a.experience}`,
  );
  lines.push('');
  const on = p.plan.items.filter((i) => i.enabled);
  lines.push(`On (${on.length}):`);
  for (const i of on) {
    lines.push(
      `  + ${risk(i.id)} ${featureById.get(i.id)!.title}: ${describeReason(i.reason, featureById)}`,
    );
  }
  const notable = p.plan.items.filter(
    (i) => !i.enabled && (i.reason.kind.startsWith('blocked') || i.reason.kind === 'declined'),
  );
  if (notable.length > 0) {
    lines.push('', 'Off, and why:');
    for (const i of notable) {
      const why = s.flow.autoOff[i.id] ?? describeReason(i.reason, featureById);
      lines.push(`  - ${risk(i.id)} ${featureById.get(i.id)!.title}: ${why}`);
    }
  }
  if (a.acknowledged.length > 0) {
    lines.push('', `Risks you accepted by name: ${a.acknowledged.join(', ')}`);
  }
  if (p.changes.length > 0) {
    const count = (st: string) => p.changes.filter((c) => c.status === st).length;
    lines.push(
      '',
      `Files in ${s.outDir}: ${count('create')} new, ${count('update')} changed, ${count('unchanged')} unchanged, ${count('kept')} left as you have them`,
    );
  }
  return lines;
}

export function nixLines(s: SetupState): string[] {
  const file = s.preview?.changes.find((c) => c.file.path === 'hypervisor-features.nix');
  if (!file) return ['(the Nix is shown once the problems above are settled)'];
  return file.file.content.replace(/\n$/, '').split('\n');
}

export function diffLines(s: SetupState): string[] {
  const changes = s.preview?.changes ?? [];
  if (changes.length === 0) return ['(nothing to compare yet)'];
  const out: string[] = [];
  for (const c of changes) {
    if (c.status === 'create' || c.status === 'update') {
      // The template copies are long and verbatim: name them, do not print them.
      if (c.file.path.startsWith('modules/') && c.status === 'create') {
        out.push(`new file ${c.file.path} (a copy of hv's NixOS module)`);
        continue;
      }
      out.push(...c.diff.replace(/\n$/, '').split('\n'));
    } else {
      out.push(`${c.file.path}: ${c.status}${c.note ? ` (${c.note})` : ''}`);
    }
  }
  return out;
}

export function reviewLines(s: SetupState): string[] {
  if (s.review.tab === 'nix') return nixLines(s);
  if (s.review.tab === 'diff') return diffLines(s);
  return summaryLines(s);
}
