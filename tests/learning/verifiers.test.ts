// Every lesson task's verifier against the real demo daemon: it fails before the
// learner acts (or for a wrong answer) and passes after the state was changed
// with virsh directly, as a learner in a shell would. One demo for the file.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { featureById } from '../../src/catalog/features.js';
import { lessonById, lessons } from '../../src/learning/lessons/index.js';
import { practiceFiles } from '../../src/learning/lessons/nix.js';
import { loadProgress, saveProgress, startLesson } from '../../src/learning/progress.js';
import { checkTask, type Learner, openLearner, prepareTask } from '../../src/learning/service.js';
import type { Task } from '../../src/learning/types.js';
import { hv, privateEnv, stopDemo } from '../helpers.js';

const env = privateEnv();
let learner: Learner;
let uri: string;
const covered = new Set<string>();

beforeAll(async () => {
  const r = await hv(['demo', 'start', '--json'], env);
  expect(r.exitCode, r.stderr).toBe(0);
  uri = JSON.parse(r.stdout).uri;
  learner = await openLearner({ env });
  expect(learner.isDemo).toBe(true);
  expect(learner.uri).toBe(uri);
});
afterAll(async () => {
  await stopDemo(env);
});

async function virsh(...args: string[]): Promise<string> {
  const r = await execa('virsh', ['-q', '-c', uri, ...args], {
    reject: false,
    env: { LC_ALL: 'C' },
  });
  if (r.exitCode !== 0) throw new Error(`virsh ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function task(lessonId: string, taskId: string): Task {
  const t = lessonById.get(lessonId)?.tasks.find((x) => x.id === taskId);
  if (!t) throw new Error(`no task ${lessonId}/${taskId}`);
  covered.add(`${lessonId}/${taskId}`);
  return t;
}

const prepare = (t: Task) => t.prepare?.(learner.ctx);
const verify = (t: Task, answer?: string) => t.verify(learner.ctx, answer);

async function expectFail(t: Task, answer?: string, message?: RegExp) {
  const v = await verify(t, answer);
  expect(v.passed, v.message).toBe(false);
  if (message) expect(v.message).toMatch(message);
  return v;
}
async function expectPass(t: Task, answer?: string) {
  const v = await verify(t, answer);
  expect(v.passed, v.message).toBe(true);
  return v;
}

const names = (out: string) =>
  out
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

describe('what a hypervisor and a VM are', () => {
  it('counts every VM and the running ones, as libvirt lists them', async () => {
    const all = names(await virsh('list', '--all', '--name')).length;
    const running = names(await virsh('list', '--state-running', '--name')).length;
    const t1 = task('hypervisor-basics', 'count-all');
    await expectFail(t1, undefined, /answer/i);
    await expectFail(t1, String(all + 1), /Not quite/);
    await expectPass(t1, `${all} VMs`);
    const t2 = task('hypervisor-basics', 'count-running');
    await expectFail(t2, String(all));
    await expectPass(t2, String(running));
  });
});

describe('listing and starting', () => {
  it('reads the state libvirt reports, and sees build-runner started', async () => {
    const state = (await virsh('domstate', 'monitoring')).trim();
    const t1 = task('list-and-start', 'monitoring-state');
    await expectFail(t1, 'crashed');
    await expectPass(t1, state.toUpperCase());

    const t2 = task('list-and-start', 'start-build-runner');
    await prepare(t2);
    expect((await virsh('domstate', 'build-runner')).trim()).toBe('shut off');
    await expectFail(t2, undefined, /still shut off/);
    await virsh('start', 'build-runner');
    await expectPass(t2);
  });
});

describe('shut down or force off', () => {
  it('tells a shutdown from a force off by the reason libvirt keeps', async () => {
    const t1 = task('shutdown-vs-force-off', 'shutdown-web-02');
    await prepare(t1);
    await expectFail(t1, undefined, /still running/);
    await virsh('destroy', 'web-02');
    await expectFail(t1, undefined, /destroyed/);
    await virsh('start', 'web-02');
    await virsh('shutdown', 'web-02');
    await expectPass(t1);

    const t2 = task('shutdown-vs-force-off', 'force-off-alpine-router');
    await prepare(t2);
    await expectFail(t2, undefined, /still running/);
    await virsh('shutdown', 'alpine-router');
    await expectFail(t2, undefined, /not forced off/);
    await virsh('start', 'alpine-router');
    await virsh('destroy', 'alpine-router');
    await expectPass(t2);
  });
});

describe("a VM's console", () => {
  it('sees monitoring resumed, and knows the key that leaves virsh console', async () => {
    const t1 = task('vm-console', 'resume-monitoring');
    await prepare(t1);
    expect((await virsh('domstate', 'monitoring')).trim()).toBe('paused');
    await expectFail(t1, undefined, /still paused/);
    await virsh('resume', 'monitoring');
    await expectPass(t1);

    const t2 = task('vm-console', 'leave-console');
    await expectFail(t2, 'Ctrl-C');
    await expectPass(t2, 'Ctrl-]');
    await expectPass(t2, '^]');
  });
});

describe('snapshots', () => {
  it('finds the new snapshot, and the revert in the current snapshot', async () => {
    const t1 = task('snapshots', 'take-snapshot');
    await prepare(t1);
    await expectFail(t1, undefined, /no snapshots/);
    await virsh('snapshot-create-as', 'win-desktop', 'before-update');
    await expectFail(t1, undefined, /none named before-updates/);
    await virsh('snapshot-create-as', 'win-desktop', 'before-updates');
    await expectPass(t1);

    const t2 = task('snapshots', 'revert');
    await virsh('snapshot-current', 'build-runner', 'clean-install');
    await prepare(t2);
    await expectFail(t2, undefined, /with-toolchains, not clean-install/);
    await virsh('snapshot-revert', 'build-runner', 'clean-install');
    await expectPass(t2);
  });
});

describe('creating a VM', () => {
  it('wants lesson-vm defined (not transient), then running', async () => {
    const t1 = task('create-from-template', 'create-lesson-vm');
    await prepare(t1);
    await expectFail(t1, undefined, /no VM named lesson-vm/);
    // The way the lesson shows: copy alpine-router's XML with a new name, no uuid, no mac.
    const xml = (await virsh('dumpxml', 'alpine-router'))
      .replace('>alpine-router<', '>lesson-vm<')
      .split('\n')
      .filter((l) => !l.includes('<uuid>') && !l.includes('<mac '))
      .join('\n');
    const file = join(env.HOME, 'lesson-vm.xml');
    writeFileSync(file, xml);
    await virsh('create', file);
    await expectFail(t1, undefined, /not defined/);
    await virsh('destroy', 'lesson-vm');
    await virsh('define', file);
    const v = await expectPass(t1);
    expect(v.message).toContain('1 vCPU, 512 MiB');

    const t2 = task('create-from-template', 'start-lesson-vm');
    await expectFail(t2, undefined, /shut off/);
    await virsh('start', 'lesson-vm');
    await expectPass(t2);
  });
});

describe('networks and storage', () => {
  it('reads what web-01 is plugged into, and sees lab-isolated started', async () => {
    const source = (await virsh('domiflist', 'web-01')).trim().split(/\s+/)[2]!;
    const t1 = task('networks', 'which-network');
    await expectFail(t1, 'lab-isolated');
    await expectPass(t1, source);

    const t2 = task('networks', 'start-lab-isolated');
    await prepare(t2);
    await expectFail(t2, undefined, /inactive/);
    await virsh('net-start', 'lab-isolated');
    await expectPass(t2);
  });

  it('counts the ISO images, and sees the new disk', async () => {
    const count = names(await virsh('vol-list', 'iso-library')).length;
    const t1 = task('storage', 'count-isos');
    await expectFail(t1, String(count + 2));
    await expectPass(t1, String(count));

    const t2 = task('storage', 'create-disk');
    await prepare(t2);
    await expectFail(t2, undefined, /no volume/);
    await virsh('vol-create-as', 'default-pool', 'lesson-disk.qcow2', '1G', '--format', 'qcow2');
    await expectPass(t2);
  });
});

describe('risk levels (the catalog)', () => {
  it('checks answers against the feature catalog', async () => {
    const risk = featureById.get('publicBridge')!.risk;
    const t1 = task('risk-levels', 'risk-of-public-bridge');
    await expectFail(t1, risk === 'low' ? 'high' : 'low');
    await expectFail(t1, 'dangerous', /answer/i);
    await expectPass(t1, risk);

    const t2 = task('risk-levels', 'cautious-ceiling');
    await expectFail(t2, 'moderate');
    await expectPass(t2, 'low');

    const t3 = task('risk-levels', 'needs-acknowledgement');
    await expectFail(t3, 'firewall', /cautious turns that on/);
    await expectFail(t3, 'no-such-feature', /no feature/);
    await expectPass(t3, 'publicBridge');
  });
});

describe('a feature and its Nix', () => {
  it('reads the practice answers through the real setup pipeline', async () => {
    const files = practiceFiles(learner.ctx.workspace);
    const t1 = task('nix-feature', 'enable-grafana');
    await prepare(t1);
    await expectFail(t1, undefined, /Grafana is still off/);
    writeFileSync(files.answers, '{ "version": 1, ');
    await expectFail(t1, undefined, /not valid JSON/);
    await prepare(t1);
    const answers = JSON.parse(readFileSync(files.answers, 'utf8'));
    answers.features.grafana = { enable: true };
    writeFileSync(files.answers, JSON.stringify(answers, null, 2));
    await expectPass(t1);

    // What the learner reads: hv's own dry run of that file.
    const dry = await hv(
      [
        'setup',
        '--answers',
        files.answers,
        '--non-interactive',
        '--dry-run',
        '--out',
        files.out,
        '--json',
      ],
      env,
    );
    expect(dry.exitCode, dry.stderr).toBe(0);
    const nix = JSON.parse(dry.stdout).files.find(
      (f: { path: string }) => f.path === 'hypervisor-features.nix',
    );
    const port = /grafana = \{[^}]*httpPort = (\d+);/.exec(nix.diff)?.[1];
    expect(port).toBeDefined();
    const t2 = task('nix-feature', 'grafana-port');
    await expectFail(t2, String(Number(port) + 1));
    await expectPass(t2, port);

    const t3 = task('nix-feature', 'dependency');
    await expectFail(t3, 'firewall');
    await expectPass(t3, 'prometheus');
    expect(JSON.parse(dry.stdout).features).toContainEqual(
      expect.objectContaining({ id: 'prometheus', enabled: true }),
    );
  });
});

describe('privilege and phases', () => {
  it('compares the group answer with id -nG and the system libvirt with virsh', async () => {
    const groups = (await execa('id', ['-nG'])).stdout.split(/\s+/);
    const member = groups.some((g) =>
      ['libvirtd', 'libvirt', 'hypervisor-admins', 'hypervisor-operators'].includes(g),
    );
    const t1 = task('privilege', 'in-group');
    await expectFail(t1, member ? 'no' : 'yes');
    await expectFail(t1, 'maybe', /answer/i);
    await expectPass(t1, member ? 'yes' : 'no');

    const reach = await execa('virsh', ['-c', 'qemu:///system', 'uri'], {
      reject: false,
      timeout: 5000,
    });
    const can = reach.exitCode === 0;
    const t2 = task('privilege', 'system-reachable');
    await expectFail(t2, can ? 'no' : 'yes');
    await expectPass(t2, can ? 'yes' : 'no');
  });

  it('reads the phase marker and the phase policy', async () => {
    const t1 = task('phases', 'which-phase');
    await expectFail(t1, 'hardened');
    await expectPass(t1, 'setup');
    mkdirSync(env.HV_ROOT_DIR, { recursive: true });
    writeFileSync(join(env.HV_ROOT_DIR, '.phase-hardened'), '');
    try {
      await expectFail(t1, 'setup');
      await expectPass(t1, 'Hardened');
    } finally {
      rmSync(join(env.HV_ROOT_DIR, '.phase-hardened'));
    }
    const t2 = task('phases', 'hardened-create');
    await expectFail(t2, 'yes');
    await expectPass(t2, 'no');
    const t3 = task('phases', 'hardened-start');
    await expectFail(t3, 'no');
    await expectPass(t3, 'yes');
  });
});

describe('the service around the verifiers', () => {
  it('prepares a task once, records passed tasks and completes the lesson', async () => {
    const lesson = lessonById.get('list-and-start')!;
    saveProgress(startLesson(loadProgress(env).value, lesson.id, new Date()), env);
    let p = loadProgress(env).value;
    await virsh('start', 'build-runner').catch(() => undefined);
    p = await prepareTask(learner, lesson, 1, p);
    expect(p.lessons[lesson.id]?.prepared).toContain('start-build-runner');
    expect((await virsh('domstate', 'build-runner')).trim()).toBe('shut off');
    // Prepared once: starting it and preparing again leaves it running.
    await virsh('start', 'build-runner');
    p = await prepareTask(learner, lesson, 1, p);
    expect((await virsh('domstate', 'build-runner')).trim()).toBe('running');

    const fail = await checkTask(learner, lesson, 0, 'crashed');
    expect(fail.verdict.passed).toBe(false);
    const one = await checkTask(learner, lesson, 0, (await virsh('domstate', 'monitoring')).trim());
    expect(one.verdict.passed).toBe(true);
    expect(one.completed).toBe(false);
    expect(one.achievements).toContain('first-check');
    const two = await checkTask(learner, lesson, 1, undefined);
    expect(two.completed).toBe(true);
    expect(two.achievements).toEqual(expect.arrayContaining(['first-lesson']));
    expect(loadProgress(env).value.lessons[lesson.id]?.status).toBe('done');
  });
});

it('covers every task of every lesson', () => {
  const all = lessons.flatMap((l) => l.tasks.map((t) => `${l.id}/${t.id}`));
  expect(all.filter((id) => !covered.has(id))).toEqual([]);
});
