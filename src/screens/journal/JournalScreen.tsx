// "Show me the command": every operation this session ran, with the virsh / nix /
// hv commands that do the same, to read, copy or save as a script.
import { Box, Text } from 'ink';
import { useStore } from 'zustand';
import { errorMessage } from '../../base/errors.js';
import { truncate } from '../../base/format.js';
import { listBindings } from '../../base/keys.js';
import { journal, journalViewStore as viewStore } from '../../state/journal.js';
import { wrap } from '../chrome.js';
import type { ScreenDef, ScreenViewProps } from '../types.js';
import { journalRows, wrapRows, writeJournalScript } from './script.js';

const color = { ok: undefined, failed: 'red', refused: 'yellow' } as const;

const rowsFor = (height: number) => Math.max(1, height - 3);

function JournalScreenView({ ctx, width, height }: ScreenViewProps) {
  const entries = useStore(journal, (s) => s.entries);
  const view = useStore(viewStore(ctx));
  const rows = wrapRows(journalRows(entries), width);
  const room = rowsFor(height);
  const maxTop = Math.max(0, rows.length - room);
  const top = Math.min(view.top ?? maxTop, maxTop);
  if (entries.length === 0) {
    const text =
      'Nothing yet. What you do in hv (start a VM, take a snapshot, turn on a feature…) appears here with the command that does the same in a shell, so you can learn it and repeat it.';
    return (
      <Box flexDirection="column" height={height}>
        {wrap(text, width).map((l) => (
          <Text key={l}>{l}</Text>
        ))}
      </Box>
    );
  }
  return (
    <Box flexDirection="column" height={height}>
      <Text>
        {truncate(
          `${entries.length} ${entries.length === 1 ? 'action' : 'actions'} this session, oldest first. w saves them as a shell script.`,
          width,
        )}
      </Text>
      <Text> </Text>
      <Box flexDirection="column" height={room}>
        {rows.slice(top, top + room).map((r, i) => (
          <Text
            // biome-ignore lint/suspicious/noArrayIndexKey: rows of a fixed window
            key={i}
            bold={r.kind === 'entry'}
            color={r.kind === 'entry' ? color[r.result] : undefined}
            dimColor={r.kind === 'command' && r.result !== 'ok'}
          >
            {truncate(r.text, width)}
          </Text>
        ))}
      </Box>
      <Text dimColor>
        {truncate(
          view.message ??
            (rows.length > room
              ? `rows ${top + 1}-${Math.min(rows.length, top + room)} of ${rows.length}`
              : ' '),
          width,
        )}
      </Text>
    </Box>
  );
}

export const journalScreen: ScreenDef = {
  id: 'journal',
  title: 'Journal',
  bindings: [
    ...listBindings,
    {
      action: 'save',
      keys: ['w'],
      label: 'save script',
      hint: true,
      help: 'Save the commands as a shell script.',
    },
  ],
  help: {
    beginner:
      'Everything hv did in this session, with the command that does the same thing in a shell: virsh for VMs, nix and nixos-rebuild for the system, or hv itself. Copy them to learn them, or press w to save them all as a script. Actions that failed or were refused are shown too, with their commands greyed: running those would not work either.',
    intermediate:
      'Session journal: each operation with its equivalent commands, oldest first. w writes a shell script (failed/refused ones commented out).',
    expert: 'Session journal · w: script to $XDG_STATE_HOME/hv/journal/.',
  },
  onAction(action, ctx) {
    const store = viewStore(ctx);
    const rows = wrapRows(
      journalRows(journal.getState().entries),
      process.stdout.columns || 80,
    ).length;
    const room = rowsFor(ctx.bodyHeight());
    const maxTop = Math.max(0, rows - room);
    const top = Math.min(store.getState().top ?? maxTop, maxTop);
    if (action === 'save') {
      try {
        const file = writeJournalScript(journal.getState().entries);
        store.setState({ message: `Saved: ${file}` });
      } catch (e) {
        store.setState({ message: `Could not save: ${errorMessage(e)}` });
      }
      return;
    }
    const delta: Record<string, number> = {
      up: -1,
      down: 1,
      pageUp: -(room - 1),
      pageDown: room - 1,
      first: -rows,
      last: rows,
    };
    const next = Math.min(maxTop, Math.max(0, top + (delta[action] ?? 0)));
    store.setState({ top: next >= maxTop ? undefined : next, message: undefined });
  },
  View: JournalScreenView,
};
