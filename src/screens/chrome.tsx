// The frame around every screen: header (where you are and on what), footer
// (status and key hints) and the help overlay. All read from the stores.
import { Box, Text } from 'ink';
import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { pad, truncate } from '../base/format.js';
import { bindingKeys, type KeyBinding } from '../base/keys.js';
import { window } from '../base/scroll.js';
import { commandLine } from '../base/shell.js';
import type { LevelSuggestion } from '../learning/suggestion.js';
import { currentPhase } from '../security/phase.js';
import { type JournalEntry, journal } from '../state/journal.js';
import type { ExperienceLevel } from '../state/settings.js';
import { suggestionStore } from '../state/suggestion.js';
import { KeyHints } from '../ui/KeyHints.js';
import { Lines } from '../ui/Lines.js';
import type { ScreenContext, ScreenDef } from './types.js';

const connectionMark = {
  connecting: { symbol: '◌', word: 'connecting', color: 'yellow' },
  connected: { symbol: '●', word: 'connected', color: 'green' },
  lost: { symbol: '✕', word: 'connection lost', color: 'red' },
  error: { symbol: '✕', word: 'not connected', color: 'red' },
} as const;

export function Header({
  ctx,
  screen,
  width,
}: {
  ctx: ScreenContext;
  screen: ScreenDef;
  width: number;
}) {
  const session = useStore(ctx.stores.session);
  const stack = useStore(ctx.stores.router, (s) => s.stack);
  // The phase can change from another shell (sudo hv phase harden): the header follows.
  useEffect(() => {
    const t = setInterval(() => {
      const p = currentPhase();
      if (ctx.stores.session.getState().phase !== p) ctx.stores.session.setState({ phase: p });
    }, 3000);
    t.unref?.();
    return () => clearInterval(t);
  }, [ctx.stores.session]);
  const mark = connectionMark[session.status];
  const host = session.target?.label ?? '…';
  const right = `${host} ${mark.symbol} ${mark.word}`;
  // A console opened on another screen (`hv setup`) names that screen, not Home.
  const crumbs = stack.length > 1 ? `Home › ${screen.title}` : screen.title;
  const left = truncate(`hv │ ${crumbs}`, Math.max(10, width - right.length - 2));
  const line2 = `phase: ${session.phase}  │  level: ${session.experience}  │  ${session.target?.uri ?? 'choosing a connection…'}`;
  return (
    <Box flexDirection="column" width={width}>
      <Box width={width}>
        <Text bold>{pad(left, width - right.length)}</Text>
        <Text>{`${host} `}</Text>
        <Text color={mark.color}>{mark.symbol}</Text>
        <Text>{` ${mark.word}`}</Text>
      </Box>
      <Text dimColor>{truncate(line2, width)}</Text>
    </Box>
  );
}

export function Footer({
  ctx,
  screen,
  bindings,
  width,
}: {
  ctx: ScreenContext;
  screen: ScreenDef;
  bindings: readonly KeyBinding[];
  width: number;
}) {
  const session = useStore(ctx.stores.session);
  // Subscribing to the VM store keeps the command line current on the VM screen.
  useStore(ctx.stores.vms, (s) => s.list.cursor);
  const last = useStore(journal, (s) => s.entries[s.entries.length - 1]);
  // "Show me the command": the last action's command while on the screen it was
  // done from (or later), else what the screen itself shows.
  const entered = useRef({ id: screen.id, at: Date.now() });
  if (entered.current.id !== screen.id) entered.current = { id: screen.id, at: Date.now() };
  const acted = last && last.time >= entered.current.at ? lastActionLine(last) : undefined;
  const command = session.showCommands ? (acted ?? screen.command?.(ctx)) : undefined;
  const status = session.notice ?? (command ? (acted ? command : `$ ${command}`) : '');
  return (
    <Box flexDirection="column" width={width}>
      <Text color={session.notice ? 'yellow' : undefined} dimColor={!session.notice}>
        {truncate(status, width) || ' '}
      </Text>
      <KeyHints bindings={bindings} width={width} />
    </Box>
  );
}

const resultMark = { ok: '$', failed: '✕ $', refused: '⊘ $' } as const;

/** The last action's first equivalent command: "$ virsh start web-01"; J lists all. */
export function lastActionLine(e: JournalEntry): string | undefined {
  if (e.commands.length === 0) return undefined;
  const more = e.commands.length > 1 ? `   (+${e.commands.length - 1} more: J)` : '';
  return `${resultMark[e.result]} ${commandLine(e.commands[0]!)}${more}`;
}

/** Everything the help overlay says for this screen, level and width. */
export function helpLines(
  screen: ScreenDef,
  level: ExperienceLevel,
  bindings: readonly KeyBinding[],
  width: number,
  tip?: string,
): string[] {
  const keyRows = helpRows(bindings).map(([keys, text]) => `${pad(keys, 16)} ${text}`);
  return [
    '',
    ...wrap(screen.help[level], width),
    ...(tip ? ['', ...wrap(tip, width)] : []),
    '',
    'Keys:',
    ...keyRows.map((r) => truncate(`  ${r}`, width)),
  ];
}

export const helpTip = (s: LevelSuggestion | undefined) =>
  s ? `Tip: ${s.reason} Press L to switch to ${s.level}.` : undefined;

/** Lines of help text the overlay shows at once (title and closing line aside). */
export const helpRoom = (height: number) => height - 2;

export function HelpOverlay({
  ctx,
  screen,
  bindings,
  height,
  width,
}: {
  ctx: ScreenContext;
  screen: ScreenDef;
  bindings: readonly KeyBinding[];
  height: number;
  width: number;
}) {
  const level = useStore(ctx.stores.session, (s) => s.experience);
  const suggestion = useStore(suggestionStore, (s) => s.suggestion);
  const wanted = useStore(ctx.stores.router, (s) => s.helpTop);
  const lines = helpLines(screen, level, bindings, width, helpTip(suggestion));
  const { start, shown: visible, end, total } = window(lines, wanted, helpRoom(height));
  const where =
    total > visible.length
      ? `Lines ${start + 1}-${end} of ${total}${end < total ? ': ↓ for more' : ''}. `
      : '';
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Lines title={`Help: ${screen.title}  (${level})`} lines={visible} />
      <Text dimColor>{truncate(`${where}Press ? or Esc to close help.`, width)}</Text>
    </Box>
  );
}

/** One row per binding, or per group of bindings (their keys joined). */
export function helpRows(bindings: readonly KeyBinding[]): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  const groups = new Map<string, number>();
  for (const b of bindings) {
    const text = b.help ?? b.label;
    const at = b.group ? groups.get(b.group) : undefined;
    if (at !== undefined) {
      rows[at]![0] += `,${bindingKeys(b)}`;
      continue;
    }
    if (b.group) groups.set(b.group, rows.length);
    rows.push([bindingKeys(b), text]);
  }
  return rows;
}

export function TooSmall({ columns, rows }: { columns: number; rows: number }) {
  return (
    <Box flexDirection="column">
      <Text bold>
        Terminal too small: {columns}x{rows}
      </Text>
      <Text>hv needs at least 80x24. Enlarge the window,</Text>
      <Text>or quit (q) and run: hv --plain</Text>
    </Box>
  );
}

/** Greedy word wrap for help paragraphs. */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out;
}
