import { Box, Text } from 'ink';
import { useStore } from 'zustand';
import { pad, truncate } from '../../base/format.js';
import { type KeyBinding, listBindings } from '../../base/keys.js';
import type { ListMove } from '../../base/list.js';
import { learnStore } from '../../state/learn.js';
import { suggestionStore } from '../../state/suggestion.js';
import { SlicedList } from '../../ui/SlicedList.js';
import { wrap } from '../chrome.js';
import type { ScreenContext, ScreenDef, ScreenViewProps } from '../types.js';
import {
  continueLearning,
  dismissLevelSuggestion,
  ensureLoaded,
  moveLessonCursor,
  openSelected,
} from './actions.js';

/** Rows above and below the list: summary line, notices, blank, about (2). */
function chrome(ctx: ScreenContext, width: number) {
  const s = learnStore(ctx).getState();
  const suggestion = suggestionStore.getState().suggestion;
  const top: Array<{ text: string; color?: string }> = [];
  if (s.notice)
    for (const l of wrap(s.notice, width).slice(0, 2)) top.push({ text: l, color: 'yellow' });
  if (s.learnerError) {
    for (const l of wrap(`The demo is not available: ${s.learnerError}`, width).slice(0, 2)) {
      top.push({ text: l, color: 'red' });
    }
  }
  if (suggestion) {
    const text = `Suggestion: ${suggestion.reason} Switch to ${suggestion.level}: L (x hides this).`;
    for (const l of wrap(text, width).slice(0, 2)) top.push({ text: l, color: 'cyan' });
  }
  return top;
}

const listRows = (ctx: ScreenContext, width: number, height: number) =>
  Math.max(3, height - 1 - chrome(ctx, width).length - 3);

function LearnView({ ctx, width, height }: ScreenViewProps) {
  const s = useStore(learnStore(ctx));
  useStore(suggestionStore);
  const level = useStore(ctx.stores.session, (x) => x.experience);
  if (s.status !== 'ready' || !s.mod || !s.progress) {
    return (
      <Text color={s.status === 'error' ? 'red' : undefined}>
        {s.status === 'error'
          ? `✕ Lessons could not be loaded: ${s.error}`
          : 'Loading the lessons…'}
      </Text>
    );
  }
  const { mod, progress } = s;
  const done = mod.doneCount(progress);
  const stars = progress.achievements.length > 0 ? ` · ★ ${progress.achievements.length}` : '';
  const head =
    level === 'beginner'
      ? `${done} of ${mod.lessons.length} lessons done${stars} · practice on the demo: nothing real changes`
      : `${done}/${mod.lessons.length} done${stars} · demo hypervisor`;
  const top = chrome(ctx, width);
  const rows = listRows(ctx, width, height);
  const selected = mod.lessons[s.list.cursor];
  const where = 14;
  return (
    <Box flexDirection="column" height={height}>
      <Text>{truncate(head, width)}</Text>
      {top.map((l) => (
        <Text key={l.text} color={l.color}>
          {truncate(l.text, width)}
        </Text>
      ))}
      <SlicedList
        items={mod.lessons}
        state={s.list}
        height={rows}
        rowKey={(l) => l.id}
        row={(l, sel, i) => {
          const st = mod.statusOf(progress, l);
          const label = `${mod.statusMark[st]} ${String(i + 1).padStart(2)}. ${l.title}`;
          return (
            <Text bold={sel} color={st === 'done' ? 'green' : undefined}>
              {pad(label, width - 2 - where)}
              {truncate(mod.whereText(progress, l), where)}
            </Text>
          );
        }}
      />
      <Text> </Text>
      {wrap(selected ? `${selected.about} (about ${selected.minutes} min)` : '', width - 2)
        .slice(0, 2)
        .map((l) => (
          <Text key={l} dimColor>{`  ${l}`}</Text>
        ))}
    </Box>
  );
}

function bindings(_ctx: ScreenContext): KeyBinding[] {
  const b: KeyBinding[] = [
    ...listBindings,
    {
      action: 'open',
      keys: ['enter', 'right'],
      label: 'open',
      hint: true,
      help: 'Open the selected lesson where you left it.',
    },
    {
      action: 'continue',
      keys: ['c'],
      label: 'continue',
      hint: true,
      help: 'Continue the lesson you worked on last.',
    },
  ];
  if (suggestionStore.getState().suggestion) {
    b.push({
      action: 'dismiss',
      keys: ['x'],
      label: 'hide tip',
      help: 'Hide the level suggestion for good.',
    });
  }
  return b;
}

export const learnScreen: ScreenDef = {
  id: 'learn',
  title: 'Learn',
  bindings,
  help: {
    beginner: `Lessons teach virtualization and NixOS by doing. Each one explains an idea, gives you a task to do on the demo hypervisor (a pretend one, so nothing real can break), checks your result, and sums up. ✓ means done, ◐ started, · not started. Enter opens a lesson where you left it; c continues the last one. The same lessons work from a shell: hv learn. When you want shorter explanations, press L on any screen to change your level.`,
    intermediate:
      'Lessons on the demo hypervisor, checked against its real state. Enter opens (resumes), c continues the last one. CLI: hv learn, hv learn check LESSON, hv progress.',
    expert:
      'Enter open/resume · c continue · hv learn [LESSON] | check | hint | env · hv progress.',
  },
  command: () => 'hv learn list',
  watch(ctx, changed) {
    const a = learnStore(ctx).subscribe(changed);
    const b = suggestionStore.subscribe(changed);
    return () => {
      a();
      b();
    };
  },
  onEnter(ctx) {
    void ensureLoaded(ctx);
    return undefined;
  },
  onAction(action, ctx) {
    if (action === 'open') return openSelected(ctx);
    if (action === 'continue') return continueLearning(ctx);
    if (action === 'dismiss') return dismissLevelSuggestion(ctx);
    moveLessonCursor(
      ctx,
      action as ListMove,
      listRows(ctx, process.stdout.columns || 80, ctx.bodyHeight()),
    );
  },
  View: LearnView,
};
