// What each key does on each step of the wizard. Bindings are data (the footer and
// help overlay are drawn from them); text fields are in text-actions.ts.

import type { KeyBinding } from '../../base/keys.js';
import { moveList } from '../../base/list.js';
import { type ScrollMove, scroll } from '../../base/scroll.js';
import { textField } from '../../base/text-field.js';
import { go, next, type SetupState, type SetupStore, writeFiles } from '../../state/setup.js';
import {
  choicesFor,
  choose,
  featureRows,
  initialAnswers,
  initialState,
  nextStep,
  paramRows,
  previousStep,
  setParamValue,
  skipFeatures,
  stepForPath,
  toggleFeature,
} from '../../wizard/flow.js';
import { stepDefs } from '../../wizard/steps.js';
import { applyChoices, chooseApply, enterApply } from './apply-driver.js';
import { reviewLines } from './review-text.js';

export interface WelcomeOption {
  id: 'resume' | 'file' | 'modify' | 'fresh';
  title: string;
}

export function welcomeOptions(s: SetupState, store: SetupStore): WelcomeOption[] {
  const out: WelcomeOption[] = [];
  const w = s.welcome;
  if (w.draft) {
    out.push({
      id: 'resume',
      title: `Continue where you left off: ${stepDefs[w.draft.step].title} (saved ${w.draft.savedAt.replace('T', ' ').slice(0, 16)} UTC)`,
    });
  }
  const file = store.deps.launch.answers;
  if (file) out.push({ id: 'file', title: `Review the answers from ${file.file}` });
  if (w.existing?.answers) {
    out.push({ id: 'modify', title: `Change the configuration in ${s.outDir}` });
  }
  out.push({
    id: 'fresh',
    title: w.draft ? 'Start again from the beginning (replaces the draft)' : 'Set up this host',
  });
  return out;
}

const move = (keys: string[], action: string, label: string, help: string, hint = false) => ({
  action,
  keys,
  label,
  help,
  hint,
});
const upDown: KeyBinding[] = [
  move(['up', 'k'], 'up', 'move', 'Move up.'),
  move(['down', 'j'], 'down', 'move', 'Move down.', true),
];
const stepBack = move(['escape'], 'step-back', 'back', 'Back to the previous step.', true);
const pages: KeyBinding[] = [
  move(['pageup'], 'pageUp', 'page up', 'One page up.'),
  move(['pagedown'], 'pageDown', 'page down', 'One page down.'),
];

export function setupBindings(store: SetupStore): KeyBinding[] {
  const s = store.getState();
  if (s.status !== 'ready') return [];
  const kind = stepDefs[s.flow.step].kind;
  switch (kind) {
    case 'welcome':
      return [...upDown, move(['enter'], 'accept', 'choose', 'Take the highlighted choice.', true)];
    case 'choice':
      return [
        ...upDown,
        move(['enter'], 'accept', 'choose', 'Take the highlighted choice and go on.', true),
        stepBack,
      ];
    case 'hardware':
      return [move(['enter'], 'accept', 'next', 'Go on.', true), stepBack];
    case 'host':
    case 'acknowledge':
      // A text field has every key; these describe what it does with them.
      return [
        move(
          ['enter'],
          'accept',
          kind === 'host' ? 'next field' : 'confirm',
          'Accept the field.',
          true,
        ),
        ...(kind === 'host'
          ? [move(['tab', 'down'], 'field', 'field', 'Next field (↑ previous).', true)]
          : []),
        stepBack,
      ];
    case 'features':
      if (s.features.detail) {
        return [
          move(['up', 'k'], 'up', 'scroll', 'Scroll up.'),
          move(['down', 'j'], 'down', 'scroll', 'Scroll down.', true),
          move(['i', 'escape'], 'detail', 'close', 'Back to the list.', true),
          move([' '], 'toggle', 'on/off', 'Turn this feature on or off.', true),
        ];
      }
      if (s.features.params) {
        return [
          ...upDown,
          move(['enter'], 'edit', 'edit', 'Change the highlighted setting.', true),
          move([' '], 'cycle', 'toggle', 'Switch a yes/no setting or the next choice.', true),
          move(['escape'], 'close', 'close', 'Close the settings.', true),
        ];
      }
      return [
        ...upDown,
        ...pages,
        move([' '], 'toggle', 'on/off', 'Turn the highlighted feature on or off.', true),
        move(['enter'], 'accept', 'next', 'Accept this screen and go on.', true),
        move(['i'], 'detail', 'impacts', 'Show or hide its impacts and mitigations.', true),
        move(['e'], 'params', 'settings', 'Change its settings.', true),
        move(
          ['a'],
          'show-all',
          s.flow.showAll ? 'fewer' : 'all',
          'Show every feature, or only those for your level.',
          true,
        ),
        ...(s.flow.answers.experience === 'beginner'
          ? []
          : [
              move(
                ['s'],
                'skip',
                'skip',
                'Keep the remaining categories as they are; go to the review.',
                true,
              ),
            ]),
        stepBack,
      ];
    case 'review':
      return [
        move(['tab', 'right'], 'tab', 'view', 'Next view: summary, Nix, diff.', true),
        move(['1'], 'tab:summary', 'summary', 'The plan: what is on and why.'),
        move(['2'], 'tab:nix', 'nix', 'The generated hypervisor-features.nix.'),
        move(['3'], 'tab:diff', 'diff', 'What changes in the files there now.'),
        ...upDown,
        ...pages,
        move(
          ['enter'],
          'accept',
          s.preview?.problems.length ? 'fix' : 'write',
          'Go on to writing (or to the first problem).',
          true,
        ),
        stepBack,
      ];
    case 'write':
      return [
        move(
          ['enter'],
          'accept',
          s.written ? 'next' : 'write',
          'Write the files, then go on.',
          true,
        ),
        stepBack,
      ];
    case 'apply':
      return [
        ...upDown,
        move(['enter'], 'accept', 'choose', 'Take the highlighted choice.', true),
        ...(s.apply.status === 'confirm'
          ? [
              move(['y'], 'keep', 'keep', 'Keep the new configuration.', true),
              move(['n'], 'revert', 'revert', 'Go back now.', true),
            ]
          : []),
        ...pages,
        ...(s.apply.status === 'running' || s.apply.status === 'confirm' ? [] : [stepBack]),
      ];
  }
}

function featureRowsNow(s: SetupState) {
  return featureRows(s.flow, s.ctx, s.flow.step);
}

const listHeight = (bodyHeight: number) => Math.max(3, bodyHeight - 9);

export function onSetupAction(store: SetupStore, action: string, bodyHeight: number) {
  const s = store.getState();
  if (s.status !== 'ready') return;
  const step = s.flow.step;
  const kind = stepDefs[step].kind;
  if (action === 'step-back') {
    if (step === 'welcome') return;
    return go(store, previousStep(s.flow, s.ctx));
  }
  switch (kind) {
    case 'welcome':
      return welcomeAction(store, action);
    case 'choice': {
      const options = choicesFor(step, s.flow, s.ctx);
      if (action === 'up' || action === 'down') return moveCursor(store, action, options.length);
      if (action === 'accept') {
        const picked = options[s.cursor]?.value;
        if (picked) go(store, nextStep(choose(s.flow, step, picked), s.ctx));
      }
      return;
    }
    case 'hardware':
      if (action === 'accept') next(store);
      return;
    case 'features':
      return featuresAction(store, action, listHeight(bodyHeight));
    case 'review':
      return reviewAction(store, action, bodyHeight);
    case 'write':
      if (action !== 'accept') return;
      if (s.written) {
        next(store);
        enterApply(store);
      } else writeFiles(store);
      return;
    case 'apply': {
      if (action === 'keep' || action === 'revert') return chooseApply(store, action);
      if (action === 'pageUp' || action === 'pageDown') {
        const by = action === 'pageUp' ? 5 : -5;
        store.setState({ apply: { ...s.apply, back: Math.max(0, s.apply.back + by) } });
        return;
      }
      const options = applyChoices(s.apply);
      if (action === 'up' || action === 'down') return moveCursor(store, action, options.length);
      const picked = options[s.cursor];
      if (action === 'accept' && picked) chooseApply(store, picked.id);
      return;
    }
  }
}

function moveCursor(store: SetupStore, dir: 'up' | 'down', count: number) {
  const c = store.getState().cursor + (dir === 'up' ? -1 : 1);
  store.setState({ cursor: Math.max(0, Math.min(count - 1, c)) });
}

function welcomeAction(store: SetupStore, action: string) {
  const s = store.getState();
  const options = welcomeOptions(s, store);
  if (action === 'up' || action === 'down') return moveCursor(store, action, options.length);
  if (action !== 'accept') return;
  const picked = options[s.cursor]?.id ?? 'fresh';
  const { deps } = store;
  if (picked === 'resume' && s.welcome.draft) {
    const d = s.welcome.draft.draft;
    const flow = { step: d.step, answers: d.answers, showAll: d.showAll, autoOff: d.autoOff };
    go(store, flow, { tone: 'info', text: `Continuing at ${stepDefs[d.step].title}.` });
    if (d.step === 'apply') enterApply(store);
    return;
  }
  if (picked === 'file' && deps.launch.answers) {
    return go(store, { ...initialState(deps.launch.answers.answers), step: 'review' });
  }
  if (picked === 'modify' && s.welcome.existing?.answers) {
    return go(store, nextStep(initialState(s.welcome.existing.answers), s.ctx));
  }
  const fresh = initialAnswers(
    { experience: deps.experience, ...deps.hostDefaults },
    s.ctx.hardware,
  );
  go(store, nextStep(initialState(fresh), s.ctx));
}

function featuresAction(store: SetupStore, action: string, height: number) {
  const s = store.getState();
  const rows = featureRowsNow(s);
  const row = rows[s.features.list.cursor];
  if (s.features.params) return paramsAction(store, action);
  if (s.features.detail && (action === 'up' || action === 'down')) {
    const top = Math.max(0, s.features.detailTop + (action === 'up' ? -1 : 1));
    store.setState({ features: { ...s.features, detailTop: top } });
    return;
  }
  switch (action) {
    case 'up':
    case 'down':
    case 'pageUp':
    case 'pageDown':
      store.setState({
        features: { ...s.features, list: moveList(s.features.list, action, rows.length, height) },
        notice: undefined,
      });
      return;
    case 'toggle': {
      if (!row) return;
      const r = toggleFeature(s.flow, s.ctx, row.feature.id);
      return go(store, r.state, r.message ? { tone: 'warn', text: r.message } : undefined);
    }
    case 'detail':
      store.setState({ features: { ...s.features, detail: !s.features.detail, detailTop: 0 } });
      return;
    case 'params': {
      if (!row) return;
      if (paramRows(s.flow, row.feature.id).length === 0) {
        store.setState({
          notice: {
            tone: 'info',
            text: `${row.feature.title} has no settings to change at your level${s.flow.answers.experience === 'expert' ? '' : ' (experts see all of them)'}.`,
          },
        });
        return;
      }
      store.setState({ features: { ...s.features, params: { cursor: 0 } } });
      return;
    }
    case 'show-all':
      return go(store, { ...s.flow, showAll: !s.flow.showAll });
    case 'skip':
      return go(store, skipFeatures(s.flow, s.ctx));
    case 'accept':
      return next(store);
  }
}

function paramsAction(store: SetupStore, action: string) {
  const s = store.getState();
  const id = featureRowsNow(s)[s.features.list.cursor]?.feature.id;
  const params = s.features.params;
  if (!id || !params) return;
  const rows = paramRows(s.flow, id);
  const p = rows[params.cursor];
  if (action === 'close') {
    store.setState({ features: { ...s.features, params: undefined }, notice: undefined });
    return;
  }
  if (action === 'up' || action === 'down') {
    const c = Math.max(0, Math.min(rows.length - 1, params.cursor + (action === 'up' ? -1 : 1)));
    store.setState({ features: { ...s.features, params: { cursor: c } } });
    return;
  }
  if (!p) return;
  const cyclable = p.spec.type === 'bool' || p.spec.type === 'enum';
  if (action === 'cycle' || (action === 'edit' && cyclable)) {
    if (!cyclable) return;
    const spec = p.spec;
    const value =
      spec.type === 'enum'
        ? spec.values[(spec.values.indexOf(String(p.value)) + 1) % spec.values.length]
        : !p.value;
    const r = setParamValue(s.flow, id, p.name, value);
    if ('state' in r) go(store, r.state);
    return;
  }
  if (action === 'edit') {
    const text = p.set || p.value !== undefined ? (p.display === '(none)' ? '' : p.display) : '';
    store.setState({
      features: {
        ...s.features,
        params: {
          cursor: params.cursor,
          editing: { name: p.name, field: textField(p.value === undefined ? '' : text) },
        },
      },
      notice: undefined,
    });
  }
}

function reviewAction(store: SetupStore, action: string, bodyHeight: number) {
  const s = store.getState();
  const tabs = ['summary', 'nix', 'diff'] as const;
  if (action === 'tab' || action.startsWith('tab:')) {
    const tab =
      action === 'tab'
        ? tabs[(tabs.indexOf(s.review.tab) + 1) % tabs.length]!
        : (action.slice(4) as (typeof tabs)[number]);
    store.setState({ review: { tab, top: 0 } });
    return;
  }
  if (['up', 'down', 'pageUp', 'pageDown'].includes(action)) {
    const total = reviewLines(s).length;
    const top = scroll(s.review.top, action as ScrollMove, total, bodyHeight - 5);
    store.setState({ review: { ...s.review, top } });
    return;
  }
  if (action !== 'accept') return;
  const problem = s.preview?.problems[0];
  if (problem) {
    return go(
      store,
      { ...s.flow, step: stepForPath(problem.path, s.flow) },
      { tone: 'warn', text: `${problem.path}: ${problem.message}` },
    );
  }
  if (s.preview?.error) return;
  next(store);
}
