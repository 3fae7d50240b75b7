// The Audit screen: who did what, when, allowed or refused. Filters by VM, user
// and result; follows the log live (new entries appear at the bottom, as in
// `tail -f`). The selected entry's reason and arguments show below the list.
import { Box, Text } from 'ink';
import { useStore } from 'zustand';
import { count, pad, truncate } from '../../base/format.js';
import { listBindings } from '../../base/keys.js';
import type { ListMove } from '../../base/list.js';
import type { AuditEntry, AuditResult } from '../../security/audit.js';
import {
  auditStoreFor,
  clearFilters,
  cycleResult,
  editFilter,
  loadAudit,
  moveAudit,
  startEditing,
  startFollowing,
  visibleEntries,
} from '../../state/audit.js';
import { SlicedList } from '../../ui/SlicedList.js';
import { TextField } from '../../ui/TextField.js';
import type { ScreenContext, ScreenDef, ScreenViewProps } from '../types.js';

// Result as symbol + word + colour, readable without colour.
const look: Record<AuditResult, { text: string; color: string | undefined }> = {
  ok: { text: '✓ ok', color: 'green' },
  refused: { text: '⊘ refused', color: 'yellow' },
  failed: { text: '✕ failed', color: 'red' },
};

const cols = { time: 21, user: 11, result: 11, op: 22 };
/** Rows the view uses besides the list: summary, header, 2 detail lines, filter line. */
const CHROME_ROWS = 5;
const listHeight = (ctx: ScreenContext) => Math.max(1, ctx.bodyHeight() - CHROME_ROWS);

const shortTime = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');

function Row({ e, width }: { e: AuditEntry; width: number }) {
  const l = look[e.result];
  const target = Math.max(8, width - 2 - cols.time - cols.user - cols.result - cols.op);
  return (
    <Text>
      {pad(shortTime(e.time), cols.time)}
      {pad(e.user, cols.user)}
      <Text color={l.color}>{pad(l.text, cols.result)}</Text>
      {pad(e.operation, cols.op)}
      {truncate(e.target, target)}
    </Text>
  );
}

function detail(e: AuditEntry | undefined): [string, string] {
  if (!e) return ['', ''];
  const args = Object.entries(e.args)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  return [
    `${e.result === 'ok' ? 'Done' : e.result === 'refused' ? 'Refused' : 'Failed'} in ${e.durationMs} ms on ${e.uri}${e.message ? `: ${e.message}` : ''}`,
    args ? `Arguments: ${args}` : 'No arguments recorded.',
  ];
}

function AuditView({ ctx, width, height }: ScreenViewProps) {
  const store = auditStoreFor(ctx.stores);
  const s = useStore(store);
  const rows = visibleEntries(s);
  const lh = Math.max(1, height - CHROME_ROWS);
  const filters = [
    s.vm ? `VM~"${s.vm}"` : '',
    s.user ? `user~"${s.user}"` : '',
    s.result ? `result=${s.result}` : '',
  ].filter(Boolean);
  const summary = !s.loaded
    ? 'Reading the audit log…'
    : s.files.length === 0
      ? 'No audit log yet: nothing has been changed through hv on this machine.'
      : `${rows.length} of ${s.entries.length} entries${filters.length ? ` (${filters.join(', ')})` : ''}  ·  ${s.following ? '● following' : '‖ paused'}${s.skipped ? `  ·  ${count(s.skipped, 'damaged line')} skipped` : ''}`;
  const [d1, d2] = detail(rows[s.list.cursor]);
  const filterLine = s.editing ? (
    <Box>
      <Text bold>{s.editing === 'vm' ? 'VM contains: ' : 'User contains: '}</Text>
      <TextField state={s.field} width={Math.max(10, width - 30)} />
      <Text dimColor> Enter apply · Esc cancel</Text>
    </Box>
  ) : (
    <Text dimColor>
      {truncate(
        s.unreadable.length
          ? `Not readable as you: ${s.unreadable.join(', ')} (sudo hv audit)`
          : `Log: ${s.files.at(-1) ?? '(none yet)'}`,
        width,
      )}
    </Text>
  );
  return (
    <Box flexDirection="column" height={height}>
      <Text>{truncate(summary, width)}</Text>
      <Text bold>
        {'  '}
        {pad('TIME', cols.time)}
        {pad('USER', cols.user)}
        {pad('RESULT', cols.result)}
        {pad('OPERATION', cols.op)}
        TARGET
      </Text>
      <SlicedList
        items={rows}
        state={s.list}
        height={lh}
        rowKey={(e) => `${e.time}|${e.operation}|${e.target}|${e.user}|${e.result}|${e.durationMs}`}
        row={(e) => <Row e={e} width={width} />}
      />
      <Text>{truncate(d1 || ' ', width)}</Text>
      <Text dimColor>{truncate(d2 || ' ', width)}</Text>
      {filterLine}
    </Box>
  );
}

export const auditScreen: ScreenDef = {
  id: 'audit',
  title: 'Audit',
  bindings: (ctx) => {
    const s = auditStoreFor(ctx.stores).getState();
    return [
      ...listBindings,
      {
        action: 'vm',
        keys: ['v'],
        label: 'VM',
        hint: true,
        help: 'Show only entries whose target (VM, network, pool) contains what you type.',
      },
      {
        action: 'user',
        keys: ['u'],
        label: 'user',
        hint: true,
        help: 'Show only entries of users whose name contains what you type.',
      },
      {
        action: 'result',
        keys: ['r'],
        label: 'result',
        hint: true,
        help: 'Cycle the result filter: all, ok, refused, failed.',
      },
      {
        action: 'follow',
        keys: ['f'],
        label: s.following ? 'pause' : 'follow',
        hint: true,
        help: 'Pause or resume following: new entries appear at the bottom as they are written.',
      },
      { action: 'clear', keys: ['x'], label: 'clear filters', help: 'Remove every filter.' },
      {
        action: 'reload',
        keys: ['l'],
        label: 'reload',
        help: 'Read the whole log again (rotated files too).',
      },
    ];
  },
  help: {
    beginner:
      'The audit log lists every change made through hv — starting or deleting a VM, hardening the host, rolling back — by whom and when, and whether it was done (ok), refused (for example because the host is hardened or you lack the rights) or failed. Nothing is ever removed from it by hv; old parts are kept in numbered files. Press v to show one VM only, u for one person, r to show only refusals or failures, f to pause the live view.',
    intermediate:
      'Every state-changing operation (allowed, refused, failed) from the audit log, oldest first, following new lines live. v/u filter by target and user (substring), r cycles the result filter, x clears, f pauses. Same data: hv audit --json.',
    expert:
      'Audit JSONL (all places + rotations), live tail. v/u substring filters, r result, x clear, f follow, l reload. CLI: hv audit --since --vm --user --result --follow.',
  },
  command: (ctx) => {
    const s = auditStoreFor(ctx.stores).getState();
    const args = [
      s.vm ? ` --vm '${s.vm}'` : '',
      s.user ? ` --user '${s.user}'` : '',
      s.result ? ` --result ${s.result}` : '',
      s.following ? ' --follow' : '',
    ].join('');
    return `hv audit${args}`;
  },
  // The footer's keys and command follow the filters, the text field and follow/pause.
  watch: (ctx, changed) =>
    auditStoreFor(ctx.stores).subscribe((s, p) => {
      if (
        s.editing !== p.editing ||
        s.following !== p.following ||
        s.vm !== p.vm ||
        s.user !== p.user ||
        s.result !== p.result
      )
        changed();
    }),
  textInput: (ctx) => {
    const store = auditStoreFor(ctx.stores);
    if (!store.getState().editing) return undefined;
    return (input, key) => editFilter(store, input, key, listHeight(ctx));
  },
  onEnter(ctx) {
    const store = auditStoreFor(ctx.stores);
    loadAudit(store, process.env, listHeight(ctx));
    return startFollowing(store, () => listHeight(ctx), { intervalMs: 1000 });
  },
  onAction(action, ctx) {
    const store = auditStoreFor(ctx.stores);
    const h = listHeight(ctx);
    switch (action) {
      case 'vm':
      case 'user':
        return startEditing(store, action);
      case 'result':
        return cycleResult(store, h);
      case 'clear':
        return clearFilters(store, h);
      case 'follow':
        store.setState((s) => ({ following: !s.following }));
        return;
      case 'reload':
        return loadAudit(store, process.env, h);
      default:
        moveAudit(store, action as ListMove, h);
    }
  },
  View: AuditView,
};
