// The VM console's other screens in a real terminal (tmux, 80x24) against the
// real demo daemon, each change checked with virsh: networks and storage pools
// (stop/start, autostart), a VM created from a template with its pool, network
// and sizes chosen, snapshots (tree, take, revert, delete) of the VM whose name
// has quotes and non-ASCII, and bulk force off / start with their summary.
// Every screen seen is checked to fit: header on the first row, footer on the last.
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hv, privateEnv, stopDemo } from '../helpers.js';
import { clearField, moveTo, openVm, see, vmConsole } from './vms-console.js';

const env = privateEnv();
const vms = vmConsole(env);
let uri = '';

const ana = 'Ana\'s "lab" VM — café';

beforeAll(async () => {
  const r = await hv(['demo', 'start', '--json'], env);
  expect(r.exitCode, r.stderr).toBe(0);
  uri = JSON.parse(r.stdout).uri;
});
afterAll(async () => {
  await vms.stop();
  await stopDemo(env);
});

const virsh = async (...args: string[]) => {
  const r = await execa('virsh', ['-c', uri, ...args], { env: { LC_ALL: 'C' }, reject: false });
  expect(r.exitCode, r.stderr).toBe(0);
  return r.stdout;
};

/** "Key: value" lines of virsh's net-info / pool-info / dominfo. */
async function info(...args: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const line of (await virsh(...args)).split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) out[m[1]!.trim()] = m[2]!.trim();
  }
  return out;
}

describe('VM console: networks, pools, create, snapshots, bulk (real terminal)', () => {
  it('networks: lists them, stops and starts one, toggles its autostart', async () => {
    const t = await vms.list();
    await t.keys('N');
    let screen = await see(t, '2 networks, 2 active');
    expect(screen).toMatch(/›\s+default\s+▶ active\s+no\s+nat\s+virbr0/);
    expect(screen).toMatch(/lab-isolated\s+▶ active\s+yes\s+isolated/);
    await t.keys('d');
    screen = await see(t, 'Stop network default?');
    expect(screen).toContain('lose their network link');
    await t.keys('y');
    await see(t, '✓ Network default stopped.');
    await t.waitFor(/default\s+■ inactive/);
    expect((await info('net-info', 'default')).Active).toBe('no');
    await t.keys('s');
    await see(t, '✓ Network default is active.');
    await t.waitFor(/default\s+▶ active/);
    expect((await info('net-info', 'default')).Active).toBe('yes');
    await t.keys('a');
    await see(t, '✓ Network default starts at boot.');
    await t.waitFor(/default\s+▶ active\s+yes/);
    expect((await info('net-info', 'default')).Autostart).toBe('yes');
    await t.keys('a');
    await see(t, '✓ Network default no longer starts at boot.');
    expect((await info('net-info', 'default')).Autostart).toBe('no');
  });

  it('storage pools: usage, stop and start, autostart', async () => {
    const t = await vms.list();
    await t.keys('P');
    let screen = await see(t, '2 storage pools, 2 active');
    expect(screen).toMatch(/›\s+default-pool\s+▶ active\s+no\s+dir\s+#########- 91%/);
    expect(screen).toMatch(/91\.0 GiB of 100\.0 GiB \(91%\), 9\.0 GiB free, \d+ volumes?/);
    await moveTo(t, /›\s+iso-library/);
    await t.keys('d');
    await see(t, 'Stop pool iso-library?');
    await t.keys('y');
    await see(t, '✓ Pool iso-library stopped.');
    screen = await t.waitFor(/iso-library\s+■ inactive\s+yes\s+dir\s+–/);
    expect(screen).toContain('/iso-library: inactive');
    expect((await info('pool-info', 'iso-library')).State).toBe('inactive');
    await t.keys('s');
    await see(t, '✓ Pool iso-library is active.');
    await t.waitFor(/iso-library\s+▶ active\s+yes\s+dir\s+-+ \d+%/);
    expect((await info('pool-info', 'iso-library')).State).toBe('running');
    await t.keys('a');
    await see(t, '✓ Pool iso-library no longer starts at boot.');
    await t.waitFor(/iso-library\s+▶ active\s+no /);
    expect((await info('pool-info', 'iso-library')).Autostart).toBe('no');
  });

  it('creates a VM from a template with its pool, network and sizes; hv vm list shows it', async () => {
    const name = 'Zoë\'s "new" VM — 2';
    const t = await vms.list();
    await t.keys('n');
    await see(t, 'New VM from a template.');
    await t.keys('Enter');
    await see(t, 'windows-server-2022');
    await moveTo(t, /›\s+nixos\s/);
    await t.keys('Enter');
    await see(t, /Template\s+nixos: /);
    await moveTo(t, /› Name /);
    await t.keys('Enter');
    await see(t, 'Name: nixos-01');
    await clearField(t, 'Name');
    await t.type(name);
    await t.keys('Enter');
    await see(t, `Name           ${name}`);
    await moveTo(t, /› Storage pool /);
    await t.keys('Enter');
    let screen = await see(t, 'Storage pool for the disk');
    expect(screen).toMatch(/default-pool\s+9\.0 GiB free/);
    await moveTo(t, /›\s+iso-library/);
    await t.keys('Enter');
    await see(t, /Storage pool\s+iso-library/);
    await moveTo(t, /› Network /);
    await t.keys('Enter');
    await see(t, 'user (QEMU user networking)');
    await moveTo(t, /›\s+lab-isolated/);
    await t.keys('Enter');
    await see(t, /Network\s+lab-isolated/);
    for (const [label, value, shown] of [
      ['vCPUs', '3', /vCPUs\s+3\n/],
      ['Memory \\(MiB\\)', '1536', /Memory \(MiB\)\s+1536\s+\(1\.5 GiB\)/],
      ['Disk \\(GiB\\)', '4', /Disk \(GiB\)\s+4\n/],
    ] as const) {
      await t.keys('Down');
      await t.waitFor(new RegExp(`› ${label}`));
      await t.keys('Enter');
      await t.waitFor(new RegExp(`│ ${label}: \\d`));
      await clearField(t, label);
      await t.type(value);
      await t.keys('Enter');
      await see(t, shown);
    }
    screen = await see(t, '▶ Create the VM');
    // The equivalent command, the name quoted for a shell (the rest is cut at 80 columns).
    expect(screen).toContain(`$ hv vm create 'Zoë'\\''s "new" VM — 2' --template nixos --vcpus 3`);
    await t.keys('c');
    screen = await see(t, /created: disk iso-library\//);
    expect(screen).toContain('Home › VM details');
    expect(screen).toContain(name);
    await t.keys('Escape');
    screen = await see(t, /\d+ VMs/);
    expect(screen).toMatch(/Zoë's "new" VM — 2\s+■ shut off\s+3\s+1\.5 GiB/);

    const list = await hv(['vm', 'list', '--json', '--demo'], env);
    expect(list.exitCode, list.stderr).toBe(0);
    const vm = (
      JSON.parse(list.stdout).vms as { name: string; vcpus: number; memoryKiB: number }[]
    ).find((v) => v.name === name);
    expect(vm).toMatchObject({ vcpus: 3, memoryKiB: 1536 * 1024 });
    const xml = await virsh('dumpxml', name);
    expect(xml).toContain("<source network='lab-isolated'/>");
    const disk = /<source file='(\/iso-library\/[^']+)'/.exec(xml)?.[1];
    expect(disk).toBeDefined();
    const vol = await info('vol-info', disk!);
    expect(vol.Capacity).toBe('4.00 GiB');
  });

  it('snapshots of a VM with quotes and non-ASCII: tree, take, revert, delete', async () => {
    const t = await vms.list();
    await openVm(t, 'café', ana);
    await t.waitFor('S snapshots');
    await t.keys('S');
    await see(t, `Snapshots of ${ana}`);
    await t.waitFor(/›\s+first try ← current/);
    await t.keys('n');
    await see(t, `New snapshot of ${ana}`);
    await clearField(t, 'Snapshot name');
    await t.type('après le café');
    await t.keys('Enter');
    await see(t, '✓ Snapshot après le café taken.');
    let screen = await t.waitFor(/└─ après le café ← current/);
    expect(screen).toMatch(/›\s+first try\s/);
    // Enter reverts to the snapshot under the cursor, after asking.
    await t.keys('Enter');
    screen = await see(t, `Revert ${ana} to first try?`);
    expect(screen).toContain('Everything that changed in it since then is lost');
    await t.keys('y');
    await see(t, `✓ ${ana} is back at first try.`);
    await t.waitFor(/first try ← current/);
    await moveTo(t, /›\s+└─ après le café/);
    await t.keys('D');
    await see(t, 'Delete snapshot après le café?');
    await t.keys('y');
    await see(t, '✓ Snapshot après le café deleted.');
    expect((await virsh('snapshot-list', '--name', ana)).trim()).toBe('first try');
  });

  it('bulk: force off the selection after asking, then start a mixed one with a summary', async () => {
    const t = await vms.list();
    await t.keys('/');
    await t.type('web');
    await t.keys('Enter');
    await t.waitFor('filter "web": 2 shown');
    await t.keys('a');
    await t.waitFor('2 selected');
    await t.keys('F');
    let screen = await see(t, 'Force off 2 VMs?');
    expect(screen).toMatch(/web-01[^\n]*\n[^\n]*web-02/);
    await t.keys('y');
    await see(t, '✓ Forced off 2 of 2 VMs.');
    await t.waitFor(/web-01\s+■ shut off[\s\S]*web-02\s+■ shut off/);
    expect((await virsh('domstate', 'web-01')).trim()).toBe('shut off');
    expect((await virsh('domstate', 'web-02')).trim()).toBe('shut off');

    // One VM that is off and one that runs: the running one is left alone, and said so.
    await t.keys('Escape');
    await t.waitForGone('filter "web"');
    for (const [n, vm] of ['web-01', ana].entries()) {
      await t.keys('/');
      await t.type(vm === ana ? 'café' : vm);
      await t.keys('Enter');
      await t.waitFor('1 shown');
      await t.keys('Space');
      await t.waitFor(`${n + 1} selected`);
      await t.keys('Escape');
      await t.waitForGone('1 shown');
    }
    await t.waitFor('2 selected');
    // Ana's VM is off as the demo made it; start it first from another shell.
    expect((await hv(['vm', 'start', ana, '--demo'], env)).exitCode).toBe(0);
    await t.waitFor(/Ana's "lab" VM — café\s+▶ running/);
    await t.keys('s');
    screen = await see(t, 'Started 1 of 2 VMs; 1 skipped.');
    expect(screen).toContain('✓ web-01: started');
    expect(screen).toContain(`– ${ana}: skipped, already running`);
    await t.keys('y');
    await t.waitFor(/web-01\s+▶ running/);
    expect((await virsh('domstate', 'web-01')).trim()).toBe('running');
  });
});
