// A learner in a real terminal (tmux, 80x24) on the real demo: opens Learn,
// reads lesson 1, answers both tasks (one wrong first), finishes it, starts
// lesson 2, quits, and finds everything where it was after a restart.
import { execa } from 'execa';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { hv, hvBin, hvNode, privateEnv, stopDemo } from '../helpers.js';
import { Tmux } from './tmux.js';

const env = privateEnv();
let term: Tmux | undefined;

afterEach(async () => {
  await term?.kill();
  term = undefined;
});
afterAll(async () => {
  await stopDemo(env);
});

const open = () => Tmux.start({ command: [hvNode, hvBin, '--demo'], env });

async function count(uri: string, ...args: string[]) {
  const r = await execa('virsh', ['-q', '-c', uri, 'list', ...args, '--name']);
  return r.stdout.split('\n').filter((l) => l.trim()).length;
}

describe('learning in the console', () => {
  it('completes a lesson from start to finish, and resumes after a restart', async () => {
    const started = await hv(['demo', 'start', '--json'], env);
    const uri = JSON.parse(started.stdout).uri as string;
    const all = await count(uri, '--all');
    const running = await count(uri, '--state-running');

    term = await open();
    await term.waitFor('demo ● connected');
    await term.keys('3');
    let screen = await term.waitFor('1. What a hypervisor and a VM are');
    expect(screen).toContain('Home › Learn');
    expect(screen).toContain('0 of 12 lessons done');
    expect(screen).toMatch(/› ·\s+1\. What a hypervisor and a VM are\s+not started/);
    expect(screen).toContain('$ hv learn list');

    // "Show me the command" can be switched off and on again.
    await term.keys('$');
    await term.waitForGone('$ hv learn list');
    await term.keys('$');
    await term.waitFor('$ hv learn list');

    await term.keys('Enter');
    screen = await term.waitFor('Lesson 1 of 12 · What a hypervisor and a VM are');
    expect(screen).toContain('[explain] › task 1 › task 2 › summary');
    expect(screen).toContain('A virtual machine (VM) is a whole computer');
    expect(screen.split('\n').length).toBeLessThanOrEqual(24);

    await term.keys('Right');
    screen = await term.waitFor('Task 1 of 2: Find out how many VMs the demo has');
    expect(screen).toContain('virsh    virsh list --all');
    expect(screen).toContain('hv vm list --demo');
    await term.keys('h');
    await term.waitFor('Hint 1 of 2');
    await term.keys('Enter');
    await term.waitFor('Type your answer');
    await term.type(String(all + 1));
    await term.keys('Enter');
    await term.waitFor('✕ Not quite');
    // The field keeps focus after a wrong answer: clear it and answer again.
    await term.keys('C-u');
    await term.waitFor(/How many VMs\? +\(Enter or a to type\)/);
    await term.type(String(all));
    await term.keys('Enter');
    await term.waitFor(`✓ Right: the demo has ${all} VMs.`);

    await term.keys('Right');
    await term.waitFor('Task 2 of 2: Find out how many of them are running');
    await term.keys('Enter');
    await term.waitFor('Type your answer');
    await term.type(String(running));
    await term.keys('Enter');
    screen = await term.waitFor(/Lesson\s+done!/);
    expect(screen).toContain(`✓ Right: ${running} VMs are running`);

    await term.keys('Right');
    screen = await term.waitFor('✓ Lesson done: What a hypervisor and a VM are');
    expect(screen).toContain('What you learned:');
    expect(screen).toContain('Enter: next lesson (Listing and starting VMs)');

    // On to lesson 2, one step in: the place to come back to.
    await term.keys('Enter');
    await term.waitFor('Lesson 2 of 12 · Listing and starting VMs');
    await term.keys('Right');
    await term.waitFor('Task 1 of 2: Find out what state the VM monitoring is in.');
    await term.keys('Escape');
    screen = await term.waitFor('1 of 12 lessons done');
    expect(screen).toMatch(/✓\s+1\. What a hypervisor and a VM are\s+done/);
    expect(screen).toMatch(/› ◐\s+2\. Listing and starting VMs\s+task 1 of 2/);
    await term.keys('q');
    expect(await term.waitForExit()).toBe(0);
    await term.kill();

    // A new session: the progress file kept it all.
    term = await open();
    await term.waitFor('demo ● connected');
    await term.keys('3');
    screen = await term.waitFor('1 of 12 lessons done');
    expect(screen).toMatch(/✓\s+1\. What a hypervisor and a VM are\s+done/);
    await term.keys('c');
    screen = await term.waitFor('Task 1 of 2: Find out what state the VM monitoring is in.');
    expect(screen).toContain('explain › [task 1] › task 2 › summary');
    await term.keys('q');
    expect(await term.waitForExit()).toBe(0);
  });
});
