// What each key does on each step of the wizard. Bindings are data (the footer and
// help overlay are drawn from them); text fields get every key while focused.
import type { Key } from 'ink';
import { featureById } from '../../catalog/features.js';
import { moveList } from '../../ui/list.js';
import { type ScrollMove, scroll } from '../../ui/scroll.js';
import { editText, textField } from '../../ui/text-field.js';
import {
  acknowledge,
  choicesFor,
  choose,
  declineRisky,
  featureRows,
  hostFieldProblem,
  initialAnswers,
  initialState,
  nextStep,
  paramRows,
  pendingAcknowledgements,
  previousStep,
  setHost,
  setParamFromText,
  setParamValue,
  skipFeatures,
  stepForPath,
  toggleFeature,
} from '../../wizard/flow.js';
import { stepDefs } from '../../wizard/steps.js';
import type { KeyBinding } from '../keys.js';
import { applyChoices, chooseApply, enterApply } from './apply-driver.js';
import { reviewLines } from './review-text.js';
import { go, hostFields, next, type SetupState, type SetupStore, writeFiles } from './store.js';

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

// ---- text fields ---------------------------------------------------------------

export function setupTextInput(store: SetupStore) {
  const s = store.getState();
  if (s.status !== 'ready') return undefined;
  const kind = stepDefs[s.flow.step].kind;
  if (kind === 'host') return enterSplit((input, key) => hostKey(store, input, key));
  if (kind === 'acknowledge') return enterSplit((input, key) => ackKey(store, input, key));
  if (kind === 'features' && s.features.params?.editing) {
    return enterSplit((input, key) => paramKey(store, input, key));
  }
  return undefined;
}

/**
 * Keys typed while hv was busy, and pasted lines, arrive as one string: "\r\r"
 * or "ssh-ed25519 AAAA… ada@laptop\n". Each line break is an Enter of its own,
 * handled after the text before it; the field may change in between.
 */
export function enterSplit(handle: (input: string, key: Key) => void) {
  return (input: string, key: Key): void => {
    if (key.return || !/[\r\n]/.test(input)) {
      handle(input, key);
      return;
    }
    const parts = input.split(/\r\n|\r|\n/);
    parts.forEach((text, i) => {
      if (text) handle(text, { ...key, return: false });
      if (i < parts.length - 1) handle('\r', { ...key, return: true });
    });
  };
}

function hostKey(store: SetupStore, input: string, key: Key) {
  const s = store.getState();
  const h = s.host;
  const name = hostFields[h.focus]!;
  const commitField = (): boolean => {
    if (name === 'sshKey') return true;
    const value = h.fields[name].value.trim();
    const problem = hostFieldProblem(name, value);
    if (problem) {
      store.setState({
        host: {
          ...h,
          problem: `${name === 'timeZone' ? 'Time zone' : name === 'adminUser' ? 'Admin user' : 'Hostname'}: ${problem}`,
        },
      });
      return false;
    }
    go(store, setHost(s.flow, { [name]: value }));
    return true;
  };
  const focus = (to: number) =>
    store.setState((st) => ({
      host: { ...st.host, focus: Math.max(0, Math.min(3, to)), problem: undefined },
    }));
  if (key.escape) return go(store, previousStep(s.flow, s.ctx));
  if (key.upArrow || (key.tab && key.shift)) {
    if (commitField()) focus(h.focus - 1);
    return;
  }
  if (key.downArrow || key.tab) {
    if (commitField()) focus(h.focus + 1);
    return;
  }
  if (key.return) {
    if (name !== 'sshKey') {
      if (commitField()) focus(h.focus + 1);
      return;
    }
    const line = h.fields.sshKey.value.trim();
    if (line === '') return next(store);
    const problem = hostFieldProblem('sshKey', line);
    if (problem) {
      store.setState({ host: { ...h, problem: `SSH key: ${problem}` } });
      return;
    }
    const keys = [...new Set([...s.flow.answers.host.sshKeys, line])];
    go(store, setHost(s.flow, { sshKeys: keys }), {
      tone: 'info',
      text: `Key added (${keys.length} in all). Paste another, or press Enter on the empty field to go on.`,
    });
    store.setState((st) => ({
      host: { ...st.host, focus: 3, fields: { ...st.host.fields, sshKey: textField('') } },
    }));
    return;
  }
  if (name === 'sshKey' && (key.backspace || key.delete) && h.fields.sshKey.value === '') {
    const keys = s.flow.answers.host.sshKeys.slice(0, -1);
    if (keys.length < s.flow.answers.host.sshKeys.length) {
      go(store, setHost(s.flow, { sshKeys: keys }), {
        tone: 'info',
        text: 'Removed the last key.',
      });
      store.setState((st) => ({ host: { ...st.host, focus: 3 } }));
    }
    return;
  }
  const r = editText(h.fields[name], input, key, name === 'sshKey' ? 16384 : 253);
  store.setState({ host: { ...h, problem: undefined, fields: { ...h.fields, [name]: r.state } } });
}

function ackKey(store: SetupStore, input: string, key: Key) {
  const s = store.getState();
  const pending = pendingAcknowledgements(s.flow, s.ctx);
  const f = pending[0];
  if (key.escape) return go(store, previousStep(s.flow, s.ctx));
  if (!f) {
    if (key.return) next(store);
    return;
  }
  if (key.return) {
    const typed = s.ack.field.value;
    if (typed.trim() === '') {
      const d = declineRisky(s.flow, f.id);
      const also = d.alsoOff.map((id) => featureById.get(id)?.title ?? id);
      afterAck(
        store,
        d.state,
        `${f.title} stays off${also.length ? `, and so does ${also.join(', ')}, which needs it` : ''}.`,
      );
      return;
    }
    const r = acknowledge(s.flow, f.id, typed);
    if ('problem' in r) {
      store.setState({ notice: { tone: 'error', text: r.problem } });
      return;
    }
    afterAck(store, r.state, `${f.title} is on: you accepted its ${f.risk} risk.`);
    return;
  }
  store.setState({
    ack: { field: editText(s.ack.field, input, key, 64).state },
    notice: undefined,
  });
}

function afterAck(store: SetupStore, flow: SetupState['flow'], text: string) {
  const s = store.getState();
  const left = pendingAcknowledgements(flow, s.ctx);
  if (left.length === 0) go(store, nextStep(flow, s.ctx), { tone: 'info', text });
  else {
    go(store, flow, { tone: 'info', text });
    store.setState({ ack: { field: textField('') } });
  }
}

function paramKey(store: SetupStore, input: string, key: Key) {
  const s = store.getState();
  const params = s.features.params;
  const editing = params?.editing;
  const id = featureRowsNow(s)[s.features.list.cursor]?.feature.id;
  if (!params || !editing || !id) return;
  const r = editText(editing.field, input, key, 1024);
  if (r.outcome === 'cancel') {
    store.setState({
      features: { ...s.features, params: { cursor: params.cursor } },
      notice: undefined,
    });
    return;
  }
  if (r.outcome === 'submit') {
    const set = setParamFromText(s.flow, id, editing.name, editing.field.value);
    if ('problem' in set) {
      store.setState({ notice: { tone: 'error', text: `${editing.name}: ${set.problem}` } });
      return;
    }
    go(store, set.state);
    store.setState((st) => ({ features: { ...st.features, params: { cursor: params.cursor } } }));
    return;
  }
  store.setState({
    features: { ...s.features, params: { ...params, editing: { ...editing, field: r.state } } },
    notice: undefined,
  });
}
