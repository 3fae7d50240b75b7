import { describe, expect, it } from 'vitest';
import { parseDominfo, VirshHypervisor, virshQuote } from './virsh.js';

// test:///default is libvirt's built-in test driver, in-process in virsh: real
// libvirt, no daemon, a fresh state each call (one running VM named "test").
const hv = new VirshHypervisor('test:///default');

describe('virsh adapter', () => {
  it('lists the test driver domain with its facts', async () => {
    const vms = await hv.listDomains();
    expect(vms).toEqual([
      expect.objectContaining({ name: 'test', state: 'running', vcpus: 2, persistent: true }),
    ]);
    expect(vms[0]!.memoryKiB).toBeGreaterThan(0);
  });

  it('runs many commands on one connection, keeping outputs apart', async () => {
    const { outputs, stderr } = await hv.script([
      ['dominfo', 'test'],
      ['dominfo', 'missing'],
      ['uri'],
    ]);
    expect(outputs).toHaveLength(3);
    expect(outputs[0]).toContain('Name:           test');
    expect(outputs[1]!.trim()).toBe('');
    expect(outputs[2]).toContain('test:///default');
    expect(stderr).toContain("failed to get domain 'missing'");
  });

  it('quotes names with spaces, quotes and non-ASCII for virsh', async () => {
    const name = 'Ana\'s "lab" VM — café; rm -rf';
    expect(virshQuote('web-01')).toBe('web-01');
    const { outputs } = await hv.script([['echo', name]]);
    expect(outputs[0]!.trim()).toBe(name);
  });

  it('turns a missing domain into a not-found error', async () => {
    await expect(hv.exec(['dominfo', 'no-such-vm'])).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('turns an unreachable socket into not-connected with a fix', async () => {
    const gone = new VirshHypervisor('test+unix:///default?socket=/nonexistent/libvirt-sock');
    await expect(gone.listDomains()).rejects.toMatchObject({
      kind: 'not-connected',
      fix: expect.stringContaining('hv demo start'),
    });
  });

  it('parses dominfo with odd names', () => {
    const out = [
      'Id:             -',
      'Name:           a: b "c"',
      'UUID:           u-1',
      'State:          shut off',
      'CPU(s):         4',
      'Max memory:     2097152 KiB',
      'Persistent:     yes',
      'Autostart:      enable',
    ].join('\n');
    expect(parseDominfo(out, 'x')).toEqual({
      uuid: 'u-1',
      name: 'a: b "c"',
      state: 'shut off',
      vcpus: 4,
      memoryKiB: 2097152,
      autostart: true,
      persistent: true,
      hasManagedSave: false,
    });
    expect(parseDominfo('', 'x')).toBeUndefined();
  });
});
