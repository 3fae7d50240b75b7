import { Box, Text } from 'ink';
import { useStore } from 'zustand';
import { truncate } from '../../base/format.js';
import type { KeyBinding } from '../../base/keys.js';
import { editText } from '../../base/text-field.js';
import { hvHas } from '../../cli/commands.js';
import { learnStore } from '../../state/learn.js';
import { TextField } from '../../ui/TextField.js';
import type { ScreenContext, ScreenDef, ScreenViewProps } from '../types.js';
import {
  checkWork,
  ensureLoaded,
  ensurePrepared,
  moveStep,
  redoTask,
  scrollLesson,
  showHint,
  stepKind,
} from './actions.js';
import { type LessonLayout, type Line, lessonLayout } from './lesson-lines.js';

const toneColor = { ok: 'green', bad: 'red', warn: 'yellow', dim: undefined } as const;

function Row({ line, width }: { line: Line; width: number }) {
  return (
    <Text
      bold={line.bold}
      dimColor={line.tone === 'dim'}
      color={line.tone ? toneColor[line.tone] : undefined}
    >
      {truncate(line.text, width) || ' '}
    </Text>
  );
}

/** The layout for the current state, or undefined while loading. */
export function currentLayout(ctx: ScreenContext, width: number): LessonLayout | undefined {
  const s = learnStore(ctx).getState();
  const lesson = s.lesson && s.mod?.lessonById.get(s.lesson.id);
  if (!s.mod || !s.lesson || !lesson) return undefined;
  const session = ctx.stores.session.getState();
  const target = session.target;
  return lessonLayout({
    mod: s.mod,
    lesson,
    view: s.lesson,
    progress: s.progress,
    level: session.experience,
    width,
    has: hvHas,
    vars: s.learner?.vars ?? s.mod.lessonVars(process.env),
    notDemo: target && target.kind !== 'demo' ? target.label : undefined,
  });
}

/** Rows for content: body minus title, step bar, blank, answer and status rows. */
function contentRows(layout: LessonLayout, height: number) {
  return Math.max(1, height - 3 - (layout.question ? 1 : 0) - layout.status.length);
}

function LessonView({ ctx, width, height }: ScreenViewProps) {
  const store = learnStore(ctx);
  const s = useStore(store);
  useStore(ctx.stores.session, (x) => x.experience);
  const layout = currentLayout(ctx, width);
  if (!layout || !s.lesson) {
    return <Text>{s.status === 'error' ? `✕ ${s.error}` : 'Loading the lesson…'}</Text>;
  }
  const rows = contentRows(layout, height);
  const maxScroll = Math.max(0, layout.content.length - rows);
  const scroll = Math.min(s.lesson.scroll, maxScroll);
  const more = layout.content.length > scroll + rows;
  const shown = layout.content.slice(scroll, scroll + rows - (more ? 1 : 0));
  return (
    <Box flexDirection="column" height={height}>
      <Text bold>{truncate(layout.title, width)}</Text>
      <Text dimColor>{truncate(layout.stepBar, width)}</Text>
      <Text> </Text>
      <Box flexDirection="column" height={rows}>
        {shown.map((line, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows of a fixed window
          <Row key={i} line={line} width={width} />
        ))}
        {more ? <Text dimColor>{truncate('↓ more: ↑/↓ scroll', width)}</Text> : null}
      </Box>
      {layout.question ? (
        <Box>
          <Text bold>{`${layout.question} `}</Text>
          <TextField
            state={s.lesson.answer}
            width={Math.max(10, width - layout.question.length - 2)}
            focused={s.lesson.editing}
            placeholder="(Enter or a to type)"
          />
        </Box>
      ) : null}
      {layout.status.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: at most two status rows
        <Row key={`s${i}`} line={line} width={width} />
      ))}
    </Box>
  );
}

function bindings(ctx: ScreenContext): KeyBinding[] {
  const { kind, question } = stepKind(ctx);
  const onTask = kind === 'task';
  const onSummary = kind === 'summary';
  const b: KeyBinding[] = [
    {
      action: 'next',
      keys: ['right', 'n'],
      label: 'step',
      hint: true,
      help: 'Next or previous step of the lesson.',
      group: 'steps',
    },
    {
      action: 'prev',
      keys: ['left', 'p'],
      label: 'step',
      help: 'Next or previous step of the lesson.',
      group: 'steps',
    },
    {
      action: 'up',
      keys: ['up', 'k'],
      label: 'scroll',
      help: 'Scroll a long step.',
      group: 'scroll',
    },
    {
      action: 'down',
      keys: ['down', 'j'],
      label: 'scroll',
      help: 'Scroll a long step.',
      group: 'scroll',
    },
  ];
  if (onTask) {
    b.push(
      {
        action: 'check',
        keys: ['enter'],
        label: 'check',
        hint: true,
        help: 'Check my work: hv looks at the real result on the demo.',
      },
      ...(question
        ? [
            {
              action: 'answer',
              keys: ['a'],
              label: 'answer',
              help: 'Type your answer to the question.',
            },
          ]
        : []),
      { action: 'hint', keys: ['h'], label: 'hint', hint: true, help: 'Show one more hint.' },
      {
        action: 'redo',
        keys: ['r'],
        label: 'redo',
        help: 'Set the task up on the demo again and do it once more.',
      },
    );
  } else if (onSummary) {
    b.push({
      action: 'check',
      keys: ['enter'],
      label: 'next lesson',
      hint: true,
      help: 'Open the next lesson.',
    });
  } else {
    b.push({ action: 'check', keys: ['enter'], label: 'next', help: 'Next step.' });
  }
  return b;
}

export const lessonScreen: ScreenDef = {
  id: 'lesson',
  title: 'Lesson',
  bindings,
  help: {
    beginner:
      'A lesson has three parts: an explanation, one or more tasks, and a summary. Move between them with ← and →. A task is something to do on the demo hypervisor, either here in hv or in a shell with the command shown; then press Enter and hv checks the real result. Stuck? h shows a hint, one at a time. r sets the task up again if you want to redo it. Your place is saved: leave any time and you come back to the same step.',
    intermediate:
      '←/→ steps, Enter checks the task against the demo, h hint, r redo (re-prepares the demo), a answers a question. Progress is saved per step.',
    expert: '←/→ step · Enter check · h hint · r redo · a answer. Same as hv learn check LESSON.',
  },
  command: (ctx) => {
    const id = learnStore(ctx).getState().lesson?.id;
    return id ? `hv learn ${id}` : undefined;
  },
  watch: (ctx, changed) => learnStore(ctx).subscribe(changed),
  onEnter(ctx) {
    void ensureLoaded(ctx).then(() => ensurePrepared(ctx));
    return undefined;
  },
  textInput(ctx) {
    const store = learnStore(ctx);
    const view = store.getState().lesson;
    if (!view?.editing) return undefined;
    return (input, key) => {
      const v = store.getState().lesson;
      if (!v) return;
      // Text and Enter can arrive in one read ("4\r" typed fast or pasted): the
      // text goes in, then the Enter counts.
      const enter = !key.return && /[\r\n]$/.test(input);
      const text = enter ? input.replace(/[\r\n]+$/, '') : input;
      const r = editText(v.answer, text, key, 200);
      const submit = r.outcome === 'submit' || (enter && r.outcome === 'edit');
      const edited = r.state.value !== v.answer.value;
      store.setState({
        lesson: {
          ...v,
          answer: r.state,
          editing: r.outcome === 'edit' && !submit,
          // Typing a new answer clears the verdict on the old one.
          check: edited && !submit ? { state: 'idle' } : v.check,
        },
      });
      if (submit) void checkWork(ctx);
    };
  },
  onAction(action, ctx) {
    const store = learnStore(ctx);
    const view = store.getState().lesson;
    switch (action) {
      case 'next':
        return moveStep(ctx, 1);
      case 'prev':
        return moveStep(ctx, -1);
      case 'check':
        return void checkWork(ctx);
      case 'answer':
        if (view) store.setState({ lesson: { ...view, editing: true, check: { state: 'idle' } } });
        return;
      case 'hint':
        return showHint(ctx);
      case 'redo':
        return void redoTask(ctx);
      case 'up':
      case 'down': {
        const layout = currentLayout(ctx, process.stdout.columns || 80);
        const max = layout ? layout.content.length - contentRows(layout, ctx.bodyHeight()) + 1 : 0;
        return scrollLesson(ctx, action === 'up' ? -1 : 1, max);
      }
    }
  },
  View: LessonView,
};
