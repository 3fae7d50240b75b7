// The wizard's text fields: host basics, the typed acknowledgement and a
// parameter being edited get every key while focused (ScreenDef.textInput).
import type { Key } from 'ink';
import { editText, textField } from '../../base/text-field.js';
import { featureById } from '../../catalog/features.js';
import { go, hostFields, next, type SetupState, type SetupStore } from '../../state/setup.js';
import {
  acknowledge,
  declineRisky,
  featureRows,
  hostFieldProblem,
  nextStep,
  pendingAcknowledgements,
  previousStep,
  setHost,
  setParamFromText,
} from '../../wizard/flow.js';
import { stepDefs } from '../../wizard/steps.js';

const featureRowsNow = (s: SetupState) => featureRows(s.flow, s.ctx, s.flow.step);

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
