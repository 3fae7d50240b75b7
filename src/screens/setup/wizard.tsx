// The setup wizard behind the Setup screen (loaded when Setup first opens, so the
// home menu's first frame never pays for the catalog and zod): the frame around
// every step (position, explanation, notices) and the hooks the screen shell calls.
import { Box, Text } from 'ink';
import { useStore } from 'zustand';
import { truncate } from '../../base/format.js';
import type { KeyBinding } from '../../base/keys.js';
import { shellQuote } from '../../base/shell.js';
import { createSetupStore, initSetup, type SetupDeps, type SetupStore } from '../../state/setup.js';
import { realDeps } from '../../state/setup-deps.js';
import { attachSetupStore, setupStoreOf, takeLaunch } from '../../state/setup-holder.js';
import { stepPosition } from '../../wizard/flow.js';
import { stepDefs } from '../../wizard/steps.js';
import { wrap } from '../chrome.js';
import type { ScreenContext, ScreenViewProps } from '../types.js';
import { onSetupAction, setupBindings } from './actions.js';
import { enterApply } from './apply-driver.js';
import { FeaturesStep } from './FeaturesStep.js';
import { AckStep, ApplyStep, ReviewStep } from './later-steps.js';
import { setupTextInput } from './text-actions.js';
import {
  ChoiceStep,
  HardwareStep,
  HostStep,
  type StepProps,
  WelcomeStep,
  WriteStep,
} from './views.js';

const bodies = {
  welcome: WelcomeStep,
  choice: ChoiceStep,
  host: HostStep,
  hardware: HardwareStep,
  features: FeaturesStep,
  acknowledge: AckStep,
  review: ReviewStep,
  write: WriteStep,
  apply: ApplyStep,
} satisfies Record<string, (p: StepProps) => unknown>;

const toneColor = { info: 'cyan', warn: 'yellow', error: 'red' } as const;

export function SetupFrame({
  store,
  width,
  height,
}: {
  store: SetupStore;
  width: number;
  height: number;
}) {
  const s = useStore(store);
  if (s.status === 'loading') {
    return <Text>Looking at this machine: CPU, memory, disks, network…</Text>;
  }
  const def = stepDefs[s.flow.step];
  const level = s.flow.answers.experience;
  const pos = stepPosition(s.flow, s.ctx);
  const explain = def.explain[level] ? wrap(def.explain[level], width).slice(0, 4) : [];
  const notice = s.notice ? wrap(s.notice.text, width).slice(0, 2) : [];
  const bodyH = Math.max(
    3,
    height - 1 - explain.length - (explain.length ? 1 : 0) - Math.max(1, notice.length),
  );
  const Body = bodies[def.kind];
  const title = `Step ${pos.index} of ${pos.total}: ${def.title}`;
  const right = `${level} · ${s.flow.answers.riskTolerance}`;
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Box>
        <Text bold>{truncate(title, width - right.length - 1).padEnd(width - right.length)}</Text>
        <Text dimColor>{right}</Text>
      </Box>
      {explain.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: positional lines
        <Text key={i}>{l}</Text>
      ))}
      {explain.length ? <Text> </Text> : null}
      <Box flexDirection="column" height={bodyH}>
        <Body s={s} store={store} width={width} height={bodyH} />
      </Box>
      {notice.length ? (
        notice.map((l, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: positional lines
          <Text key={i} color={toneColor[s.notice!.tone]}>
            {l}
          </Text>
        ))
      ) : (
        <Text> </Text>
      )}
    </Box>
  );
}

export function WizardView({ ctx, width, height }: ScreenViewProps) {
  const store = setupStoreOf(ctx.stores);
  if (!store) return <Text>Starting setup…</Text>;
  return <SetupFrame store={store} width={width} height={height} />;
}

/** Creates (once per console) and starts the wizard; `deps` replaces the real ones in tests. */
export function enterWizard(ctx: ScreenContext, changed: () => void, deps?: SetupDeps): () => void {
  let store = setupStoreOf(ctx.stores);
  if (!store) {
    store = createSetupStore(deps ?? realDeps(ctx, takeLaunch()));
    attachSetupStore(ctx.stores, store);
    void initSetup(store);
  }
  const s = store;
  // The footer's keys follow the step: tell App when they may have changed.
  let last = bindingsKey(s);
  const unsub = s.subscribe(() => {
    const k = bindingsKey(s);
    const { flow } = s.getState();
    if (flow.step === 'apply') enterApply(s);
    // The header and the help overlay follow the level chosen in the wizard.
    if (ctx.stores.session.getState().experience !== flow.answers.experience) {
      ctx.stores.session.setState({ experience: flow.answers.experience });
    }
    if (k !== last) {
      last = k;
      changed();
    }
  });
  changed();
  return unsub;
}

function bindingsKey(store: SetupStore): string {
  return setupBindings(store)
    .map((b) => `${b.action}:${b.label}`)
    .join(',');
}

export function wizardBindings(ctx: ScreenContext): KeyBinding[] {
  const store = setupStoreOf(ctx.stores);
  return store ? setupBindings(store) : [];
}

export function wizardAction(action: string, ctx: ScreenContext): void {
  const store = setupStoreOf(ctx.stores);
  if (store) onSetupAction(store, action, ctx.bodyHeight());
}

export function wizardTextInput(ctx: ScreenContext) {
  const store = setupStoreOf(ctx.stores);
  return store ? setupTextInput(store) : undefined;
}

/** "Show me the command": the same result without the screens. */
export function wizardCommand(ctx: ScreenContext): string | undefined {
  const s = setupStoreOf(ctx.stores)?.getState();
  if (s?.status !== 'ready') return undefined;
  const answers = `${s.outDir}/hv-answers.json`;
  return ['hv', 'setup', '--answers', answers, '--non-interactive', '--out', s.outDir]
    .map(shellQuote)
    .join(' ');
}
