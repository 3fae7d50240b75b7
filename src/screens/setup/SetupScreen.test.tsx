// The setup wizard's screens with ink-testing-library. Fakes of our own ports
// only: hardware facts handed in, a scripted NixosRunner; files are really
// written to a temp folder by the real pipeline. tests/e2e drives the built hv.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { NixosRunner } from '../../adapters/nixos.js';
import type { HardwareFacts } from '../../catalog/types.js';
import { draftFile, saveDraft } from '../../state/draft.js';
import { createRouterStore } from '../../state/router.js';
import { createSessionStore } from '../../state/session.js';
import { createSetupStore, initSetup, type SetupDeps, type SetupStore } from '../../state/setup.js';
import { attachSetupStore } from '../../state/setup-holder.js';
import { createVmsStore } from '../../state/vms.js';
import { App } from '../App.js';
import type { Stores } from '../types.js';
import { loadSetupImpl } from './SetupScreen.js';

const KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGh+msVKNu1KuDGZ/oXLSqIQMlkIMUENtXxMShSqw/vO ada@laptop';
const hw = (over: Partial<HardwareFacts> = {}): HardwareFacts => ({
  cpuVirtualization: true,
  iommu: false,
  ramGiB: 16,
  cores: 4,
  nics: 2,
  gpus: 0,
  virtualization: 'none',
  rootFilesystem: 'ext4',
  ...over,
});

/** A scripted NixosRunner: exit codes per action, in order of the calls. */
function fakeRunner(codes: Record<string, number[]> = {}, present = true) {
  const calls: string[] = [];
  const step = (name: string, onLine: (l: string) => void) => {
    calls.push(name);
    const code = codes[name]?.shift() ?? 0;
    onLine(`these derivations will be built (${name})`);
    if (code) onLine(`error: builder for '/nix/store/x-hv.drv' failed (${name})`);
    return Promise.resolve(code);
  };
  const runner: NixosRunner = {
    locate: () => (present ? '/run/current-system/sw/bin/nixos-rebuild' : undefined),
    rebuild: (a, _f, onLine) => step(a, onLine),
    revert: (onLine) => step('revert', onLine),
    rollback: (onLine) => step('rollback', onLine),
  };
  return { runner, calls };
}

function setup(opts: { deps?: Partial<SetupDeps>; hardware?: HardwareFacts } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'hv-setup-screen-'));
  const env = {
    XDG_STATE_HOME: join(dir, 'state'),
    HV_ROOT_DIR: join(dir, 'root'),
    HV_AUDIT_LOG: join(dir, 'audit.jsonl'),
    HOME: dir,
  };
  const out = join(dir, 'out');
  let finished = 0;
  const deps: SetupDeps = {
    env,
    launch: { standalone: true, firstBoot: false, force: false, outDir: out },
    experience: 'beginner',
    phase: 'setup',
    loadHardware: async () => ({ facts: opts.hardware ?? hw(), source: 'test facts' }),
    runner: fakeRunner().runner,
    isRoot: true,
    user: 'ada',
    defaultOutDir: { dir: out, why: 'test' },
    hostDefaults: { hostname: 'hv-01', adminUser: 'ada', timeZone: 'UTC' },
    confirmSeconds: 60,
    finish: () => {
      finished++;
    },
    ...opts.deps,
  };
  const stores = {
    session: createSessionStore({ phase: 'setup', experience: 'beginner', showCommands: true }),
    router: createRouterStore(),
    vms: createVmsStore(),
  } as Stores;
  stores.router.setState({ stack: ['setup'] });
  const store = createSetupStore(deps);
  attachSetupStore(stores, store);
  return { stores, store, env, out, dir, finished: () => finished };
}

const tick = (ms = 25) => new Promise((r) => setTimeout(r, ms));
let current: ReturnType<typeof render> | undefined;
afterEach(() => current?.unmount());

async function open(t: ReturnType<typeof setup>) {
  await initSetup(t.store);
  const app = render(<App ctx={{ stores: t.stores, hypervisor: () => undefined }} />);
  current = app;
  await until(app, 'Step ');
  return app;
}
async function press(app: ReturnType<typeof render>, ...keys: string[]) {
  for (const k of keys) {
    app.stdin.write(k);
    await tick();
  }
}
async function until(app: ReturnType<typeof render>, text: string | RegExp) {
  const ok = () => {
    const f = app.lastFrame() ?? '';
    return typeof text === 'string' ? f.includes(text) : text.test(f);
  };
  for (let i = 0; i < 200 && !ok(); i++) await tick(10);
  const frame = app.lastFrame() ?? '';
  if (!ok()) throw new Error(`never showed ${String(text)}:\n${frame}`);
  return frame;
}
const ENTER = '\r';
const DOWN = '\u001b[B';
const ESC = '\u001b';

/** Puts the wizard on a step with these answers, as a resumed draft would. */
function at(store: SetupStore, step: string, patch: Record<string, unknown> = {}) {
  const s = store.getState();
  const answers = { ...s.flow.answers, ...patch };
  store.setState({ flow: { ...s.flow, step: step as never, answers } });
}

beforeAll(async () => {
  await loadSetupImpl();
});

describe('setup wizard screens', () => {
  it('starts at the welcome, names the destination, and the footer follows the step', async () => {
    const t = setup();
    const app = await open(t);
    let frame = await until(app, 'Step 1 of 10: Welcome');
    expect(frame).toContain(`Files will go to ${t.out}`);
    expect(frame).toContain('› Set up this host');
    expect(frame).toContain('Enter choose');
    await press(app, ENTER);
    frame = await until(app, 'Experience');
    await press(app, ENTER, ENTER); // beginner, cautious
    frame = await until(app, 'Host basics');
    expect(frame).toContain('Enter next field');
  });

  it('checks host basics inline, with the reason, and will not go on with a bad value', async () => {
    const t = setup();
    const app = await open(t);
    at(t.store, 'host');
    await until(app, 'Host basics');
    await press(app, '\u0015', 'my_host'); // Ctrl-U clears the field
    let frame = await until(app, '✕ Hostname: underscores are not allowed');
    await press(app, ENTER);
    expect(t.store.getState().host.focus).toBe(0);
    await press(app, '\u0015', 'rack-07', ENTER);
    frame = await until(app, '› Time zone');
    expect(t.store.getState().flow.answers.host.hostname).toBe('rack-07');
    await press(app, DOWN, DOWN, 'ssh-ed25519 AAAAC3Nz');
    frame = await until(app, '✕ SSH key:');
    await press(app, ENTER);
    expect(t.store.getState().flow.answers.host.sshKeys).toEqual([]);
    await press(app, '\u0015', KEY, ENTER);
    frame = await until(app, 'Key added (1 in all)');
    expect(frame).toContain('1. ssh-ed25519 AAAAC3NzaC1l');
    expect(frame).toContain('SSH login is by key only');
    await press(app, ENTER);
    await until(app, 'Hardware');
    expect(t.store.getState().flow.answers.host.sshKeys).toEqual([KEY]);
  });

  it('shows risk as text + symbol, impacts on one key, dependencies and disabled reasons', async () => {
    const t = setup();
    const app = await open(t);
    at(t.store, 'features:backup', {
      experience: 'intermediate',
      profile: 'minimal',
      riskTolerance: 'balanced',
      host: { ...t.store.getState().flow.answers.host, sshKeys: [KEY] },
    });
    let frame = await until(app, 'Features: backup');
    expect(frame).toContain('○ minimal');
    expect(frame).toContain('◑ moderate');
    // Down to "Copies on another machine", Space turns it on: local backups come with it.
    await press(app, DOWN, ' ');
    frame = await until(app, '[x] Copies on another machine');
    expect(frame).toMatch(/\[=\] Backups on this host/);
    await press(app, '\u001b[A');
    frame = await until(app, 'added because Copies on another machine (borg over SSH) needs it');
    await press(app, ' ');
    frame = await until(app, 'turn Copies on another machine (borg over SSH) off first');
    await press(app, 'i');
    frame = await until(app, 'Impacts:');
    expect(frame).toContain('○ minimal');
    expect(frame).toContain('• The repository needs disk space');
    for (let i = 0; i < 8; i++) await press(app, DOWN);
    frame = await until(app, 'Mitigations:');
    await press(app, 'i');
    await until(app, 'On: added because');
    // Snapshots need btrfs, which this machine lacks: shown disabled with the reason.
    await press(app, DOWN, DOWN, DOWN);
    frame = await until(app, /\[-\] Automatic btrfs snapshots/);
    expect(frame).toContain('unavailable: needs a btrfs root filesystem');
  });

  it('hides high-risk features from beginners until asked, and edits parameters with checks', async () => {
    const t = setup();
    const app = await open(t);
    at(t.store, 'features', { host: { ...t.store.getState().flow.answers.host, sshKeys: [KEY] } });
    let frame = await until(app, 'Step 7 of 10: Features');
    expect(frame).toContain('These are the features for your host');
    expect(t.store.getState().flow.showAll).toBe(false);
    await press(app, 'a');
    await until(app, /of 50 on/);
    // Expert compact rows: ids and parameters; `e` opens the settings.
    at(t.store, 'features:security', {
      experience: 'expert',
      host: { ...t.store.getState().flow.answers.host, sshKeys: [KEY] },
    });
    frame = await until(app, 'Features: security');
    frame = await until(app, /› \[x\] sshHardening/);
    expect(frame).toContain('port=22');
    await press(app, 'e');
    frame = await until(app, 'Settings of SSH login with keys only');
    await press(app, ENTER, '\u0015', '70000', ENTER);
    frame = await until(app, 'port: a port is 1-65535');
    await press(app, '\u0015', '2222', ENTER);
    frame = await until(app, 'port=2222');
    expect(t.store.getState().flow.answers.features).toEqual({ sshHardening: { port: 2222 } });
  });

  it('asks for a critical feature by its typed name', async () => {
    const t = setup();
    const app = await open(t);
    at(t.store, 'features:networking', {
      experience: 'expert',
      host: { ...t.store.getState().flow.answers.host, sshKeys: [KEY] },
    });
    await until(app, 'Features: networking');
    await press(app, DOWN, DOWN, ' ');
    let frame = await until(app, /\[\?\] publicBridge/);
    expect(frame).toContain('● critical');
    t.store.setState((s) => ({ flow: { ...s.flow, step: 'acknowledge' } }));
    frame = await until(app, 'Confirm risky features');
    expect(frame).toContain('publicBridge: VMs directly on a public network');
    expect(frame).toContain('Type publicBridge to turn it on');
    await press(app, 'public', ENTER);
    frame = await until(app, 'type "publicBridge" exactly');
    await press(app, '\u0015', 'publicBridge', ENTER);
    frame = await until(app, 'is on: you accepted its critical risk');
    expect(t.store.getState().flow.answers.acknowledged).toEqual(['publicBridge']);
    expect(t.store.getState().flow.step).toBe('review');
  });

  it('an empty Enter on the confirmation leaves the risky feature off', async () => {
    const t = setup();
    const app = await open(t);
    at(t.store, 'features:networking', {
      experience: 'expert',
      host: { ...t.store.getState().flow.answers.host, sshKeys: [KEY] },
    });
    await until(app, 'Features: networking');
    await press(app, DOWN, DOWN, ' ', ENTER);
    // Through the remaining categories to the confirmation.
    await press(app, 's');
    let frame = await until(app, 'Confirm risky features');
    await press(app, ENTER);
    frame = await until(app, 'VMs directly on a public network stays off');
    expect(frame).toContain('Review');
    expect(t.store.getState().flow.answers.features).toEqual({ publicBridge: { enable: false } });
    expect(t.store.getState().flow.answers.acknowledged).toEqual([]);
  });

  it('reviews the plan, the generated Nix and the diff before writing', async () => {
    const t = setup();
    mkdirSync(t.out, { recursive: true });
    const app = await open(t);
    at(t.store, 'write', { host: { ...t.store.getState().flow.answers.host, sshKeys: [KEY] } });
    await until(app, 'Write');
    t.store.setState((s) => ({ flow: { ...s.flow, step: 'profile' } }));
    await until(app, 'Profile');
    // Through the flow to the review, so it is computed on entering.
    t.store.setState((s) => ({ flow: { ...s.flow, step: 'features' } }));
    await until(app, 'Step 7');
    await press(app, ENTER);
    let frame = await until(app, 'Step 8 of 10: Review');
    expect(frame).toContain('[1 Summary]');
    expect(frame).toMatch(/On \(\d+\):/);
    expect(frame).toContain('+ ○ minimal  Virtual machines');
    await press(app, '\t');
    frame = await until(app, '[2 Nix]');
    expect(frame).toContain('hypervisor = {');
    await press(app, '3');
    frame = await until(app, '[3 Diff]');
    expect(frame).toContain('+++ hv-answers.json');
    expect(existsSync(join(t.out, 'hv-answers.json'))).toBe(false);
    await press(app, ENTER);
    frame = await until(app, 'Nothing is written until you press Enter');
    expect(frame).toContain(`Destination: ${t.out}`);
    await press(app, ENTER);
    await until(app, '✓ Written:');
    expect(JSON.parse(readFileSync(join(t.out, 'hv-answers.json'), 'utf8')).host.sshKeys).toEqual([
      KEY,
    ]);
  });
});

describe('applying', () => {
  async function toApply(t: ReturnType<typeof setup>) {
    const app = await open(t);
    at(t.store, 'features', { host: { ...t.store.getState().flow.answers.host, sshKeys: [KEY] } });
    await until(app, 'Step 7');
    await press(app, ENTER, ENTER, ENTER); // review, write step, write
    await until(app, '✓ Written:');
    await press(app, ENTER);
    await until(app, 'Step 10 of 10: Apply');
    return app;
  }

  it('dry-build, test, keep?, switch; then setup is recorded as complete', async () => {
    const r = fakeRunner();
    const t = setup({ deps: { runner: r.runner } });
    const app = await toApply(t);
    let frame = await until(app, '› Apply now: dry-build, test, keep?, switch');
    await press(app, ENTER);
    frame = await until(app, 'Keep this configuration?');
    expect(frame).toMatch(/Going back by itself in (60|59) s/);
    expect(frame).toContain('■ dry-build  ■ test  ▶ keep?  □ switch');
    expect(frame).toContain('these derivations will be built (test)');
    expect(r.calls).toEqual(['dry-build', 'test']);
    await press(app, 'y');
    frame = await until(app, '✓ Applied');
    expect(r.calls).toEqual(['dry-build', 'test', 'switch']);
    expect(frame).toContain('Setup is recorded as complete');
    expect(existsSync(join(t.env.HV_ROOT_DIR, '.setup-complete'))).toBe(true);
    await press(app, ENTER);
    expect(t.finished()).toBe(1);
    expect(existsSync(draftFile(t.env))).toBe(false);
  });

  it('on failure shows the error lines and offers back-to-edit, rollback, retry', async () => {
    const r = fakeRunner({ test: [1] });
    const t = setup({ deps: { runner: r.runner } });
    const app = await toApply(t);
    await press(app, ENTER);
    let frame = await until(app, '✕ test failed (exit 1)');
    expect(frame).toContain("error: builder for '/nix/store/x-hv.drv' failed (test)");
    expect(frame).toContain('› Back to edit the answers');
    expect(frame).toContain('Roll back to the previous configuration');
    expect(frame).toContain('Retry from test');
    await press(app, DOWN, ENTER);
    frame = await until(app, 'Rolled back');
    expect(r.calls).toEqual(['dry-build', 'test', 'revert']);
    await press(app, DOWN, ENTER); // try again from the start
    frame = await until(app, 'Keep this configuration?');
    await press(app, 'n');
    frame = await until(app, 'The previous configuration is active again');
    expect(r.calls.slice(3)).toEqual(['dry-build', 'test', 'revert']);
    await press(app, ENTER); // back to edit
    await until(app, 'Review');
  });

  it('as a normal user shows the exact sudo command and runs nothing', async () => {
    const r = fakeRunner();
    const t = setup({ deps: { runner: r.runner, isRoot: false } });
    const app = await toApply(t);
    await press(app, ENTER);
    const frame = await until(app, 'needs root; hv never runs sudo by itself');
    expect(frame.replace(/\s+/g, ' ')).toContain(
      `Run this yourself: sudo nixos-rebuild switch --flake '${t.out}#hv-01'`,
    );
    expect(r.calls).toEqual([]);
  });

  it('where nixos-rebuild does not exist, says so and stops after writing', async () => {
    const t = setup({ deps: { runner: fakeRunner({}, false).runner } });
    const app = await toApply(t);
    const frame = await until(app, 'this machine is not NixOS, so hv stops here');
    expect(frame).toContain('› Finish');
    await press(app, ENTER);
    expect(t.finished()).toBe(1);
    expect(existsSync(join(t.env.HV_ROOT_DIR, '.setup-complete'))).toBe(true);
  });
});

describe('drafts', () => {
  it('offers to continue a saved draft at the same step with the same answers', async () => {
    const t = setup();
    const first = createSetupStore(t.store.deps);
    await initSetup(first);
    const answers = {
      ...first.getState().flow.answers,
      host: { ...first.getState().flow.answers.host, hostname: 'resume-me' },
    };
    saveDraft(
      {
        version: 1,
        savedAt: '2026-01-02T03:04:05.000Z',
        step: 'hardware',
        answers,
        showAll: false,
        autoOff: {},
        outDir: t.out,
      },
      t.env,
    );
    const app = await open(t);
    let frame = await until(app, 'Continue where you left off: Hardware');
    expect(frame).toContain('Start again from the beginning');
    await press(app, ENTER);
    frame = await until(app, 'Step 5 of 10: Hardware');
    expect(frame).toContain('(described by test facts, not probed)');
    expect(t.store.getState().flow.answers.host.hostname).toBe('resume-me');
    await press(app, ESC);
    frame = await until(app, 'Host basics');
    expect(frame).toContain('resume-me');
  });

  it('keeps a corrupt draft aside, says so, and starts fresh', async () => {
    const t = setup();
    mkdirSync(join(t.env.XDG_STATE_HOME, 'hv'), { recursive: true });
    writeFileSync(draftFile(t.env), '{"version": 1, "step": "ho');
    const app = await open(t);
    const frame = await until(app, 'The saved draft could not be read');
    expect(frame.replace(/\s+/g, ' ')).toContain('it was kept at');
    expect(frame).toContain('› Set up this host');
    expect(existsSync(draftFile(t.env))).toBe(false);
  });
});
