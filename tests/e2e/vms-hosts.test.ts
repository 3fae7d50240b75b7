// Several hosts in a real terminal (tmux, 80x24): the saved connections with
// each one's status, adding one, switching the console to it and back, a broken
// one showing its whole error, and a migration the demo's test driver refuses,
// with the refusal naming the driver and the destination. The second host is
// libvirt's in-process test driver (test:///default): real libvirt, no daemon.
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hv, privateEnv, stopDemo } from '../helpers.js';
import { clearField, moveTo, openVm, see, vmConsole } from './vms-console.js';

const env = privateEnv();
const vms = vmConsole(env);
let uri = '';

const ana = 'Ana\'s "lab" VM — café';
const broken = 'qemu+unix:///system?socket=/nonexistent/hv-e2e.sock';

beforeAll(async () => {
  const r = await hv(['demo', 'start', '--json'], env);
  expect(r.exitCode, r.stderr).toBe(0);
  uri = JSON.parse(r.stdout).uri;
  const add = await hv(['connections', 'add', 'spare', 'test:///default'], env);
  expect(add.exitCode, add.stderr).toBe(0);
});
afterAll(async () => {
  await vms.stop();
  await stopDemo(env);
});

describe('VM console: hosts and migration (real terminal)', () => {
  it('lists saved hosts with their status, adds a broken one, switches to another and back', async () => {
    const t = await vms.list();
    await t.keys('C');
    // Each host's check answers on its own time: wait for every one.
    let screen = await see(t, /spare\s+● up, 1 VM \(1 running\)/);
    expect(screen).toMatch(/Saved hosts: 4\. In use: demo \(test\+unix:/);
    await see(t, /★ demo\s+● up, 10 VMs \(4 running\)/);
    await see(t, /system\s+✕ down: /);

    // Adding a host: its URI, then a name (the suggestion is taken, so it is refused).
    await t.keys('n');
    await see(t, 'Add a host');
    await t.type(broken);
    await t.keys('Enter');
    await see(t, `A name for ${broken}`);
    await t.keys('Enter');
    await see(t, 'A connection named "system" exists already.');
    await clearField(t, 'Name');
    await t.type('broken');
    await t.keys('Enter');
    await see(t, `✓ Saved broken (${broken}).`);
    await t.waitFor(/broken\s+✕ down: /);
    // The row cuts the reason short; on the selected host it is shown whole.
    screen = await moveTo(t, /›\s+broken/);
    expect(screen).toContain(`URI: ${broken}`);
    expect(screen).toContain('✕ cannot reach libvirt at qemu+unix:///system?socket=/nonexistent');
    expect(screen).toContain('check that libvirtd is running');
    const list = await hv(['connections', 'list', '--json'], env);
    expect(list.stdout).toContain(broken);

    // Switching to it fails and leaves the console where it was.
    await t.keys('Enter');
    screen = await see(t, 'Could not connect to broken', 15_000);
    expect(screen).toContain('Home › Hosts');
    expect(screen).toContain('demo ● connected');

    // Switching to a working one: the list is that host's.
    await moveTo(t, /›\s+spare/, 'Up');
    await t.keys('Enter');
    screen = await see(t, /Home › Virtual machines[\s\S]*1 VM, 1 running/, 15_000);
    expect(screen).toContain('✓ Now on spare (test:///default).');
    expect(screen).toMatch(/›\s+test\s+▶ running/);
    expect(screen).not.toContain('web-01');

    // And back to the demo.
    await t.keys('C');
    await see(t, /★ spare/);
    await moveTo(t, /›\s+demo/, 'Up');
    await t.keys('Enter');
    screen = await see(t, /Home › Virtual machines[\s\S]*10 VMs, \d+ running/, 15_000);
    expect(screen).toMatch(/✓ Now on demo \(test\+unix:/);
    expect(screen).toContain(ana);
  });

  it('migration: the test driver refuses, and the message names it and the destination', async () => {
    const t = await vms.list();
    await openVm(t, 'café', ana);
    await t.waitFor('m migrate');
    await t.keys('m');
    let screen = await see(t, `Migrate ${ana} to…`);
    expect(screen).toMatch(/demo\s+demo\s+\(the VM is on this host now\)/);
    await moveTo(t, /›\s+spare\s+test:\/\/\/default/);
    await t.keys('Enter');
    screen = await see(t, `Migrate ${ana} to spare?`);
    expect(screen).toContain('Destination: test:///default');
    await t.keys('y');
    screen = await see(
      t,
      '⊘ The test driver cannot migrate VMs: nothing was moved to spare.',
      20_000,
    );
    expect(screen).toContain('fix: live migration needs QEMU/KVM on both hosts');
    expect(screen).toContain(`${ana} ■ shut off`);
    const r = await execa('virsh', ['-c', uri, 'domstate', ana], { env: { LC_ALL: 'C' } });
    expect(r.stdout.trim()).toBe('shut off');
  });
});
