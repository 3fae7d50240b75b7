// hv learn / progress / settings / help TOPIC as a user runs them: the built hv,
// separate processes (so progress must survive between them), the real demo.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hv, privateEnv, stopDemo } from '../helpers.js';

const env = privateEnv();
let uri: string;
const progressFile = join(env.XDG_STATE_HOME, 'hv', 'progress.json');

beforeAll(async () => {
  const r = await hv(['demo', 'start', '--json'], env);
  expect(r.exitCode, r.stderr).toBe(0);
  uri = JSON.parse(r.stdout).uri;
});
afterAll(async () => {
  await stopDemo(env);
});

async function progress() {
  const r = await hv(['progress', '--json'], env);
  expect(r.exitCode, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

const count = async (...args: string[]) =>
  (await execa('virsh', ['-q', '-c', uri, 'list', ...args, '--name'])).stdout
    .split('\n')
    .filter((l) => l.trim()).length;

describe('hv learn and hv progress', () => {
  it('lists every lesson, checks tasks with exit 0/1, and keeps progress between runs', async () => {
    const before = await progress();
    expect(before.lessons.length).toBeGreaterThanOrEqual(10);
    expect(before.lessons.every((l: { status: string }) => l.status === 'new')).toBe(true);
    expect(before.next).toBe('hypervisor-basics');

    const show = await hv(['learn', 'hypervisor-basics'], env);
    expect(show.exitCode, show.stderr).toBe(0);
    expect(show.stdout).toContain('Lesson 1 of');
    expect(show.stdout).toContain('A virtual machine (VM) is a whole computer');
    expect(show.stdout).toContain('Task 1 of 2: Find out how many VMs');
    expect(show.stdout).toContain('virsh list --all');

    const all = await count('--all');
    const wrong = await hv(
      ['learn', 'check', 'hypervisor-basics', '--answer', String(all + 3), '--json'],
      env,
    );
    expect(wrong.exitCode).toBe(1);
    expect(JSON.parse(wrong.stdout)).toMatchObject({ passed: false, task: { number: 1 } });
    const right = await hv(['learn', 'check', 'hypervisor-basics', '--answer', String(all)], env);
    expect(right.exitCode, right.stdout).toBe(0);
    expect(right.stdout).toContain('✓ Task 1 of 2');
    expect(right.stdout).toContain('Next:');
    expect(right.stdout).toContain('Task 2 of 2');

    // A new process reads what the last one saved.
    const mid = await progress();
    const lesson = mid.lessons.find((l: { id: string }) => l.id === 'hypervisor-basics');
    expect(lesson).toMatchObject({ status: 'in-progress', tasksDone: 1, step: 2 });
    expect(mid.achievements.map((a: { id: string }) => a.id)).toContain('first-check');

    const hint = await hv(['learn', 'hint', 'hypervisor-basics'], env);
    expect(hint.stdout).toMatch(/^Hint 1 of \d: /);

    const running = await count('--state-running');
    const done = await hv(
      ['learn', 'check', 'hypervisor-basics', '--answer', String(running), '--json'],
      env,
    );
    expect(done.exitCode, done.stdout).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({
      passed: true,
      completed: true,
      lessonStatus: 'done',
    });

    const after = await progress();
    expect(after.done).toBe(1);
    expect(after.lessons[0]).toMatchObject({ id: 'hypervisor-basics', status: 'done' });
    expect(after.achievements.map((a: { id: string }) => a.id)).toContain('first-lesson');
    const text = await hv(['progress'], env);
    expect(text.stdout).toMatch(/ 1\. ✓ hypervisor-basics/);
    expect(text.stdout).toContain('★ First lesson');
  });

  it('refuses unknown lessons and task numbers with the documented exit codes', async () => {
    const nope = await hv(['learn', 'check', 'snapshot'], env);
    expect(nope.exitCode).toBe(4);
    expect(nope.stderr).toContain('there is no lesson "snapshot"');
    expect(nope.stderr).toContain('did you mean snapshots');
    const task = await hv(['learn', 'check', 'snapshots', '--task', '9'], env);
    expect(task.exitCode).toBe(2);
    expect(task.stderr).toContain('--task must be a task number from 1 to 2');
  });

  it('resets only with confirmation', async () => {
    const refused = await hv(['progress', 'reset'], env);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('add --yes');
    expect((await progress()).done).toBe(1);
    const reset = await hv(['progress', 'reset', '--yes'], env);
    expect(reset.exitCode).toBe(0);
    const p = await progress();
    expect(p.done).toBe(0);
    expect(p.achievements).toEqual([]);
  });

  it('keeps a corrupt progress file aside, says so, and starts fresh', async () => {
    mkdirSync(join(env.XDG_STATE_HOME, 'hv'), { recursive: true });
    writeFileSync(progressFile, '{"version": 1, "lessons": [');
    const r = await hv(['learn', 'list'], env);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('The progress file was unreadable');
    expect(r.stderr).toContain('kept at');
    expect(r.stdout).toContain('0 of');
    const kept = readdirSync(join(env.XDG_STATE_HOME, 'hv')).filter((f) =>
      f.startsWith('progress.json.corrupt-'),
    );
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(env.XDG_STATE_HOME, 'hv', kept[0]!), 'utf8')).toContain(
      '"lessons": [',
    );
    // The next run works on a fresh file and says nothing more.
    const again = await hv(
      ['learn', 'check', 'vm-console', '--task', '2', '--answer', 'Ctrl-]'],
      env,
    );
    expect(again.exitCode, again.stdout).toBe(0);
    expect(again.stderr).toBe('');
    expect(existsSync(progressFile)).toBe(true);
  });

  it('prints the line that points virsh at the demo', async () => {
    const r = await hv(['learn', 'env'], env);
    expect(r.stdout.trim()).toBe(`export LIBVIRT_DEFAULT_URI='${uri}'`);
  });
});

describe('hv help TOPIC and the level', () => {
  it('explains more to beginners than to experts, and the level can change', async () => {
    const beginner = await hv(['help', 'snapshot'], env);
    expect(beginner.exitCode).toBe(0);
    expect(beginner.stdout).toContain('Snapshots  (beginner)');
    expect(beginner.stdout).toContain('Practise it: hv learn snapshots');
    const expert = await hv(['help', 'snapshot', '--level', 'expert'], env);
    expect(expert.stdout).toContain('(expert)');
    expect(expert.stdout.length).toBeLessThan(beginner.stdout.length / 2);

    const vm = await hv(['help', 'vm'], env);
    expect(vm.stdout).toContain('Virtual machines  (beginner)');
    expect(vm.stdout).toMatch(/Commands:\n.*hv vm list/);

    const set = await hv(['settings', 'level', 'expert'], env);
    expect(set.exitCode).toBe(0);
    const shown = JSON.parse((await hv(['settings', '--json'], env)).stdout);
    expect(shown.experience).toBe('expert');
    expect((await hv(['help', 'snapshot'], env)).stdout).toContain('(expert)');
    expect((await hv(['settings', 'level', 'guru'], env)).exitCode).toBe(2);
    expect((await hv(['help', 'snapshot', '--level', 'guru'], env)).exitCode).toBe(2);
    const topics = await hv(['help', 'topics'], env);
    expect(topics.stdout).toContain('libvirt-group');
    expect((await hv(['help', 'no-such-topic'], env)).exitCode).toBe(2);
    await hv(['settings', 'level', 'beginner'], env);
  });

  it('toggles the command line in the footer', async () => {
    expect((await hv(['settings', 'commands', 'off'], env)).exitCode).toBe(0);
    expect(JSON.parse((await hv(['settings', '--json'], env)).stdout).showCommands).toBe(false);
    expect((await hv(['settings', 'commands', 'maybe'], env)).exitCode).toBe(2);
    await hv(['settings', 'commands', 'on'], env);
  });
});
