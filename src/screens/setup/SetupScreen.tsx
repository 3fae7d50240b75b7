// The Setup screen as the registry sees it: a light shell that loads the wizard
// (catalog, zod, Nix generation) the first time Setup opens, so the console's
// first frame stays as fast as before.
import { Text } from 'ink';
import { useEffect, useReducer } from 'react';
import type { ScreenDef, ScreenViewProps } from '../types.js';

type Impl = typeof import('./wizard.js');
let impl: Impl | undefined;
let loading: Promise<Impl> | undefined;

export function loadSetupImpl(): Promise<Impl> {
  loading ??= import('./wizard.js').then((m) => {
    impl = m;
    return m;
  });
  return loading;
}

function SetupView(props: ScreenViewProps) {
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (!impl) void loadSetupImpl().then(redraw);
  }, []);
  if (!impl) return <Text>Loading setup…</Text>;
  return <impl.WizardView {...props} />;
}

const watchers = new Set<() => void>();
const changed = () => {
  for (const w of watchers) w();
};

export const setupScreen: ScreenDef = {
  id: 'setup',
  title: 'Setup',
  bindings: (ctx) => impl?.wizardBindings(ctx) ?? [],
  help: {
    beginner:
      'Setup asks a few questions and turns your answers into a NixOS configuration for this host. Every screen explains itself. Enter accepts what is highlighted, which is always a safe choice, so pressing Enter on each screen gives a safe configuration. Esc goes back one step. Your answers are saved after every step: if the connection drops, run hv setup again and choose "Continue". Nothing is written before the Write step, and nothing is applied until you say so.',
    intermediate:
      'Enter accepts (safe defaults), Esc goes back, Space turns a feature on or off, i shows impacts and mitigations, e its settings, a shows all features, s skips to the review. The draft is saved after every step ($XDG_STATE_HOME/hv/setup-draft.json). Same result without screens: hv setup --answers FILE --non-interactive.',
    expert:
      'Enter accept · Esc back · Space toggle · i impacts · e params · a all · s skip. Draft autosaves. Same pipeline as hv setup --answers FILE --non-interactive.',
  },
  command: (ctx) => impl?.wizardCommand(ctx),
  onEnter(ctx) {
    let left = false;
    let cleanup: (() => void) | undefined;
    void loadSetupImpl().then((m) => {
      if (!left) cleanup = m.enterWizard(ctx, changed);
    });
    return () => {
      left = true;
      cleanup?.();
    };
  },
  onAction: (action, ctx) => impl?.wizardAction(action, ctx),
  textInput: (ctx) => impl?.wizardTextInput(ctx),
  watch: (_ctx, onChange) => {
    watchers.add(onChange);
    return () => {
      watchers.delete(onChange);
    };
  },
  View: SetupView,
};
