import { describe, expect, it } from 'vitest';
import { flattenSnapshotTree, snapshotTree } from './hypervisor.js';
import {
  joinListing,
  parseCapabilities,
  parseDomainInfo,
  parseDomstats,
  parseEventLine,
  parseMigrationProgress,
  parseNetwork,
  parsePool,
  parseSnapshot,
  parseUuidNames,
  parseVolList,
  parseVolume,
} from './virsh-parse.js';
import { parseXml, serializeXml, textOf, xmlEscape } from './virsh-xml.js';

const odd = 'Ana\'s "lab" VM — café';
const u1 = '5e1d0c1a-0000-4000-8000-000000000001';
const u2 = '5e1d0c1a-0000-4000-8000-000000000008';

describe('listing parsers', () => {
  it('joins UUIDs by name, flag lists and domstats (names with spaces and quotes)', () => {
    const { rows, unknown } = joinListing({
      uuidByName: new Map(
        parseUuidNames(`${u1} web-01\n${u2} ${odd}\n`).map((r) => [r.name, r.uuid]),
      ),
      autostart: `${u1}\n`,
      transient: '',
      managedSave: `${u2}\n`,
      domstats: [
        "Domain: 'web-01'",
        '  state.state=1',
        '  state.reason=1',
        '  cpu.time=123456789',
        '  balloon.current=1048576',
        '  balloon.maximum=2097152',
        '  vcpu.current=2',
        '',
        `Domain: '${odd}'`,
        '  state.state=5',
        '',
        // Defined after the names were resolved: reported, not guessed.
        "Domain: 'new one'",
        '  state.state=5',
        '',
      ].join('\n'),
    });
    expect(unknown).toEqual(['new one']);
    expect(rows).toEqual([
      {
        uuid: u1,
        name: 'web-01',
        state: 'running',
        autostart: true,
        persistent: true,
        hasManagedSave: false,
        vcpus: 2,
        memoryKiB: 2097152,
        currentMemoryKiB: 1048576,
        cpuTimeNs: 123456789,
      },
      {
        uuid: u2,
        name: odd,
        state: 'shut off',
        autostart: false,
        persistent: true,
        hasManagedSave: true,
      },
    ]);
  });

  it('reads a name holding "\': " in domstats and uuid lists', () => {
    const name = "a': b 'c'";
    expect(
      parseDomstats(`Domain: '${name}'\n  state.state=3\n`).get(name)?.get('state.state'),
    ).toBe('3');
    expect(parseUuidNames(`${u1} ${name}`)).toEqual([{ uuid: u1, name }]);
  });
});

describe('detail parsers', () => {
  const dominfo = [
    'Id:             7',
    `Name:           ${odd}`,
    `UUID:           ${u2}`,
    'OS Type:        hvm',
    'State:          running',
    'CPU(s):         2',
    'Max memory:     2097152 KiB',
    'Used memory:    1048576 KiB',
    'Persistent:     yes',
    'Autostart:      disable',
    'Managed save:   no',
  ].join('\n');
  const xml = `<domain type='kvm' id='7'>
  <name>Ana&apos;s &quot;lab&quot; VM — café</name>
  <description>notes &amp; more</description>
  <os firmware='efi'><type arch='x86_64' machine='pc-q35-7.2'>hvm</type></os>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='/var/lib/libvirt/images/a b.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <disk type='file' device='cdrom'>
      <target dev='sda' bus='sata'/>
      <readonly/>
    </disk>
    <disk type='volume' device='disk'>
      <source pool='tank' volume='data'/>
      <target dev='vdb' bus='virtio'/>
    </disk>
    <interface type='network'>
      <mac address='52:54:00:aa:bb:cc'/>
      <source network='default'/>
      <target dev='vnet3'/>
      <model type='virtio'/>
    </interface>
    <interface type='bridge'>
      <mac address='52:54:00:aa:bb:cd'/>
      <source bridge='br0'/>
    </interface>
    <graphics type='vnc' port='-1'/>
  </devices>
</domain>`;

  it('builds the detail view from dominfo and the XML', () => {
    const d = parseDomainInfo(dominfo, xml, 3)!;
    expect(d).toMatchObject({
      id: 7,
      name: odd,
      state: 'running',
      vcpus: 2,
      memoryKiB: 2097152,
      currentMemoryKiB: 1048576,
      domainType: 'kvm',
      firmware: 'efi',
      arch: 'x86_64',
      machine: 'pc-q35-7.2',
      description: 'notes & more',
      snapshotCount: 3,
      graphics: ['vnc'],
    });
    expect(d.disks).toEqual([
      {
        target: 'vda',
        device: 'disk',
        type: 'file',
        bus: 'virtio',
        source: '/var/lib/libvirt/images/a b.qcow2',
        format: 'qcow2',
        readonly: false,
      },
      { target: 'sda', device: 'cdrom', type: 'file', bus: 'sata', readonly: true },
      {
        target: 'vdb',
        device: 'disk',
        type: 'volume',
        bus: 'virtio',
        source: 'tank/data',
        readonly: false,
      },
    ]);
    expect(d.nics).toEqual([
      {
        mac: '52:54:00:aa:bb:cc',
        type: 'network',
        source: 'default',
        model: 'virtio',
        target: 'vnet3',
      },
      { mac: '52:54:00:aa:bb:cd', type: 'bridge', source: 'br0' },
    ]);
    expect(parseDomainInfo('', xml, 0)).toBeUndefined();
  });

  it('reads capabilities: kvm before qemu for the host arch', () => {
    const caps = `<capabilities><host><cpu><arch>x86_64</arch></cpu></host>
      <guest><os_type>hvm</os_type><arch name='i686'><domain type='qemu'/></arch></guest>
      <guest><os_type>hvm</os_type><arch name='x86_64'><emulator>/usr/bin/qemu-system-x86_64</emulator>
        <domain type='qemu'/><domain type='kvm'/></arch></guest></capabilities>`;
    expect(parseCapabilities(caps, 'QEMU')).toEqual({
      arch: 'x86_64',
      domainTypes: ['kvm', 'qemu'],
      emulator: '/usr/bin/qemu-system-x86_64',
      driver: 'QEMU',
    });
  });

  it('reads networks, pools and volumes', () => {
    expect(
      parseNetwork(
        'Name:           lab\nUUID:           x\nActive:         no\nPersistent:     yes\nAutostart:      yes\n',
        "<network><name>lab</name><forward mode='route'/><bridge name='virbr9'/></network>",
      ),
    ).toEqual({
      name: 'lab',
      uuid: 'x',
      active: false,
      autostart: true,
      persistent: true,
      bridge: 'virbr9',
      forward: 'route',
    });
    const pool = parsePool(
      'Name:           p\nUUID:           y\nState:          running\nPersistent:     yes\nAutostart:      no\nCapacity:       1000\nAllocation:     400\nAvailable:      600\n',
      "<pool type='dir'><name>p</name><target><path>/srv/p</path></target></pool>",
      2,
    );
    expect(pool).toEqual({
      name: 'p',
      uuid: 'y',
      state: 'running',
      active: true,
      autostart: false,
      persistent: true,
      type: 'dir',
      capacityBytes: 1000,
      allocationBytes: 400,
      availableBytes: 600,
      path: '/srv/p',
      volumeCount: 2,
    });
    expect(parseVolList(' a b.qcow2   /p/a b.qcow2\n c.iso   /p/c.iso\n')).toEqual([
      'a b.qcow2',
      'c.iso',
    ]);
    expect(
      parseVolume(
        "<volume type='file'><name>a</name><key>/p/a</key><capacity unit='bytes'>10</capacity><allocation unit='KiB'>1</allocation><target><path>/p/a</path><format type='qcow2'/></target></volume>",
        'p',
      ),
    ).toEqual({
      name: 'a',
      pool: 'p',
      path: '/p/a',
      type: 'file',
      capacityBytes: 10,
      allocationBytes: 1024,
      format: 'qcow2',
    });
  });
});

describe('snapshots', () => {
  const snap = (name: string, parent: string | undefined, t: number) =>
    `<nodes><name>${xmlEscape(name)}</name><state>shutoff</state>${
      parent ? `<parent><name>${xmlEscape(parent)}</name></parent>` : ''
    }<creationTime>${t}</creationTime></nodes>`;

  it('parses snapshot XML and builds the tree in time order', () => {
    const list = [
      parseSnapshot(snap('b', 'a', 20), 'c')!,
      parseSnapshot(snap("c 'é'", 'a', 30), "c 'é'")!,
      parseSnapshot(snap('a', undefined, 10), undefined)!,
      parseSnapshot(snap('d', 'b', 40), undefined)!,
    ];
    expect(list[0]).toEqual({
      name: 'b',
      parent: 'a',
      createdAt: new Date(20_000).toISOString(),
      state: 'shut off',
      current: false,
    });
    expect(list[1]!.current).toBe(true);
    const flat = flattenSnapshotTree(snapshotTree(list));
    expect(flat.map((n) => [n.name, n.depth])).toEqual([
      ['a', 0],
      ['b', 1],
      ['d', 2],
      ["c 'é'", 1],
    ]);
  });
});

describe('events and progress', () => {
  it('parses lifecycle and other events, with odd names and timestamps', () => {
    expect(parseEventLine(`event 'lifecycle' for domain '${odd}': Stopped Destroyed`)).toEqual({
      type: 'lifecycle',
      domain: odd,
      event: 'stopped',
      detail: 'Destroyed',
      raw: `event 'lifecycle' for domain '${odd}': Stopped Destroyed`,
    });
    expect(
      parseEventLine(
        "2026-11-23 11:33:51.506+0000: event 'lifecycle' for domain 'web-01': Suspended Paused",
      ),
    ).toMatchObject({ event: 'suspended', domain: 'web-01' });
    expect(parseEventLine("event 'reboot' for domain 'web-01'")).toMatchObject({
      type: 'other',
      event: 'reboot',
      domain: 'web-01',
    });
    expect(parseEventLine("event 'device-removed' for domain 'x y': net0")).toMatchObject({
      type: 'other',
      domain: 'x y',
    });
    expect(parseEventLine('events received: 3')).toBeUndefined();
  });

  it('reads the last migration percentage in a chunk', () => {
    expect(parseMigrationProgress('\rMigration: [  5 %]\rMigration: [ 42 %]')).toBe(42);
    expect(parseMigrationProgress('nothing')).toBeUndefined();
  });
});

describe('xml reader/writer', () => {
  it('round-trips escaped text and attributes', () => {
    const name = `<x> & "q" 'a' — ü`;
    const doc = parseXml(`<a k="${xmlEscape(name)}"><!-- c --><b>${xmlEscape(name)}</b><c/></a>`);
    expect(doc.attrs.k).toBe(name);
    const again = parseXml(serializeXml(doc));
    expect(again.attrs.k).toBe(name);
    expect(textOf(again.children[0] as never)).toBe(name);
  });

  it('refuses malformed XML', () => {
    expect(() => parseXml('<a><b></a>')).toThrow(/mismatched/);
    expect(() => parseXml('<a>')).toThrow(/unclosed/);
  });
});
