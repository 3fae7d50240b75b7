import { describe, expect, it } from 'vitest';
import {
  classifyLibvirtError,
  describeLibvirtText,
  libvirtReason,
  splitLibvirtText,
} from './libvirt-errors.js';

const demo = 'test+unix:///default?socket=/tmp/hvx/demo/run/libvirt/libvirt-sock';
const session = 'qemu:///session';
const system = 'qemu:///system';

// virsh 9.0.0's stderr, verbatim, captured by driving the demo daemon (test
// driver) and qemu:///session as an unprivileged user (`LC_ALL=C virsh -q ...`).
// composite.test.ts drives the same failures live through the adapters.
const captured: Array<{
  what: string;
  uri: string;
  text: string;
  kind: string;
  message: string;
  fix?: RegExp;
}> = [
  {
    what: 'start a running VM (demo)',
    uri: demo,
    text: 'error: Domain is already active\n',
    kind: 'invalid-state',
    message: 'Domain is already active',
  },
  {
    what: 'look up a missing VM',
    uri: demo,
    text: "error: failed to get domain 'nope'\n",
    kind: 'not-found',
    message: "failed to get domain 'nope'",
    fix: /hv vm list/,
  },
  {
    what: 'force off a shut-off VM (demo)',
    uri: demo,
    text: "error: Failed to destroy domain 'build-runner'\nerror: Requested operation is not valid: domain is not running\n",
    kind: 'invalid-state',
    message: "Failed to destroy domain 'build-runner': domain is not running",
  },
  {
    what: 'pause a shut-off VM (demo)',
    uri: demo,
    text: "error: Failed to suspend domain 'build-runner'\nerror: internal error: domain 'build-runner' not running\n",
    kind: 'invalid-state',
    message: "Failed to suspend domain 'build-runner': domain 'build-runner' not running",
  },
  {
    what: 'resume a running VM (demo)',
    uri: demo,
    text: "error: Failed to resume domain 'web-02'\nerror: internal error: domain 'web-02' not paused\n",
    kind: 'invalid-state',
    message: "Failed to resume domain 'web-02': domain 'web-02' not paused",
  },
  {
    what: 'resume a running VM (qemu:///session)',
    uri: session,
    text: "error: Failed to resume domain 'cap-vm'\nerror: Requested operation is not valid: domain is already running\n",
    kind: 'invalid-state',
    message: "Failed to resume domain 'cap-vm': domain is already running",
  },
  {
    what: 'save a shut-off VM (qemu:///session)',
    uri: session,
    text: "error: Failed to save domain 'cap-vm' state\nerror: Requested operation is not valid: domain is not running\n",
    kind: 'invalid-state',
    message: "Failed to save domain 'cap-vm' state: domain is not running",
  },
  {
    what: 'start a running network',
    uri: demo,
    text: "error: Failed to start network default\nerror: Requested operation is not valid: Network 'default' is already running\n",
    kind: 'invalid-state',
    message: "Failed to start network default: Network 'default' is already running",
  },
  {
    what: 'stop a missing network',
    uri: demo,
    text: "error: failed to get network 'nope'\nerror: Network not found: no network with matching name 'nope'\n",
    kind: 'not-found',
    message: "failed to get network 'nope': no network with matching name 'nope'",
    fix: /hv net list/,
  },
  {
    what: 'stop a missing pool',
    uri: demo,
    text: "error: failed to get pool 'nope'\nerror: Storage pool not found: no storage pool with matching name 'nope'\n",
    kind: 'not-found',
    message: "failed to get pool 'nope': no storage pool with matching name 'nope'",
    fix: /hv pool list/,
  },
  {
    what: 'delete a missing volume',
    uri: demo,
    text: "error: failed to get vol 'nope'\nerror: Storage volume not found: no storage vol with matching path 'nope'\n",
    kind: 'not-found',
    message: "failed to get vol 'nope': no storage vol with matching path 'nope'",
    fix: /hv pool volumes/,
  },
  {
    what: 'revert to a missing snapshot',
    uri: demo,
    text: "error: Domain snapshot not found: no domain snapshot with matching name 'nope'\n",
    kind: 'not-found',
    message: "no domain snapshot with matching name 'nope'",
    fix: /hv vm snapshot list/,
  },
  {
    what: 'migrate on the test driver',
    uri: demo,
    text: 'error: this function is not supported by the connection driver: virDomainMigrate3\n',
    kind: 'unsupported',
    message: 'this function is not supported by the connection driver: virDomainMigrate3',
    fix: /test driver \(the demo\).*lacks virDomainMigrate3.*qemu:\/\/\/session/,
  },
  {
    what: 'back up an inactive VM with a backup job (qemu:///session)',
    uri: session,
    text: 'error: Operation not supported: cannot perform disk backup for inactive domain\n',
    kind: 'unsupported',
    message: 'Operation not supported: cannot perform disk backup for inactive domain',
    fix: /cannot do that in this situation/,
  },
  {
    what: 'a disk image QEMU may not open (qemu:///session)',
    uri: session,
    text: "error: Failed to start domain 'cap-vm'\nerror: Failed to open file '/tmp/hvq/home/d.qcow2': Permission denied\n",
    kind: 'permission',
    message:
      "Failed to start domain 'cap-vm': Failed to open file '/tmp/hvq/home/d.qcow2': Permission denied",
    fix: /QEMU runs as you: make \/tmp\/hvq\/home\/d\.qcow2 readable/,
  },
  {
    what: 'a backup job writing where QEMU may not (qemu:///session)',
    uri: session,
    text: "error: failed to create image file '/tmp/hvq/backup-locked/vda.qcow2': Permission denied\n",
    kind: 'permission',
    message: "failed to create image file '/tmp/hvq/backup-locked/vda.qcow2': Permission denied",
    fix: /make the folder \/tmp\/hvq\/backup-locked writable by your user/,
  },
  {
    what: "the demo's socket, as another user",
    uri: demo,
    text: "error: failed to connect to the hypervisor\nerror: Failed to connect socket to '/tmp/hvx/demo/run/libvirt/libvirt-sock': Permission denied\n",
    kind: 'permission',
    message: `libvirt at ${demo} refused access: Failed to connect socket to '/tmp/hvx/demo/run/libvirt/libvirt-sock': Permission denied`,
    fix: /own this libvirt connection/,
  },
  {
    what: 'a demo that is not running',
    uri: demo,
    text: "error: failed to connect to the hypervisor\nerror: Failed to connect socket to '/tmp/nonexist.sock': No such file or directory\n",
    kind: 'not-connected',
    message: `cannot reach libvirt at ${demo}: Failed to connect socket to '/tmp/nonexist.sock': No such file or directory`,
    fix: /hv demo start/,
  },
  {
    what: 'no system libvirtd',
    uri: system,
    text: "error: failed to connect to the hypervisor\nerror: Failed to connect socket to '/var/run/libvirt/libvirt-sock': No such file or directory\n",
    kind: 'not-connected',
    message: `cannot reach libvirt at ${system}: Failed to connect socket to '/var/run/libvirt/libvirt-sock': No such file or directory`,
    fix: /systemctl status libvirtd/,
  },
];

describe('libvirt error classification (captured virsh texts)', () => {
  it.each(captured)('$what', ({ uri, text, kind, message, fix }) => {
    const e = classifyLibvirtError(text, uri);
    expect(e.kind).toBe(kind);
    expect(e.message).toBe(message);
    expect(e.detail).toBe(text.trim());
    if (fix) expect(e.fix).toMatch(fix);
  });
});

describe('libvirt error classification (other texts)', () => {
  it.each([
    // The daemon killed under an open connection (tests/robustness).
    [
      'error: internal error: client socket is closed',
      demo,
      'not-connected',
      /^lost the connection to libvirt at .*: client socket is closed$/,
    ],
    // qemu:///system with polkit and no agent (a normal user outside the groups).
    [
      "error: failed to connect to the hypervisor\nerror: authentication unavailable: no polkit agent available to authenticate action 'org.libvirt.unix.manage'",
      system,
      'permission',
      /^libvirt at qemu:\/\/\/system refused access: authentication unavailable: no polkit agent/,
    ],
    // An ssh key libvirt's ssh transport could not use: a key problem, not a lost connection.
    [
      'error: failed to connect to the hypervisor\nerror: Cannot recv data: admin@rack-07: Permission denied (publickey).: Connection reset by peer',
      'qemu+ssh://admin@rack-07/system',
      'permission',
      /^ssh refused the login for qemu\+ssh:\/\/admin@rack-07\/system: Cannot recv data: .*publickey/,
    ],
    [
      'error: failed to connect to the hypervisor\nerror: Cannot recv data: ssh: Could not resolve hostname nowhere: Name or service not known: Connection reset by peer',
      'qemu+ssh://nowhere/system',
      'not-connected',
      /^cannot reach libvirt at qemu\+ssh:\/\/nowhere\/system: Cannot recv data: ssh: Could not resolve/,
    ],
    [
      'error: failed to connect to the hypervisor\nerror: no connection driver available for bogus:///x',
      'bogus:///x',
      'not-connected',
      /no connection driver available for bogus/,
    ],
    ['error: something odd', system, 'failed', /^something odd$/],
  ])('%s', (text, uri, kind, message) => {
    const e = classifyLibvirtError(text, uri);
    expect(e.kind).toBe(kind);
    expect(e.message).toMatch(message);
  });

  it('says why a driver lacks an API, per driver', () => {
    const text =
      'error: this function is not supported by the connection driver: virDomainBackupBegin';
    expect(classifyLibvirtError(text, 'qemu:///system').fix).toContain(
      'does not implement virDomainBackupBegin',
    );
    expect(classifyLibvirtError(text, demo).fix).toContain('test driver');
    expect(
      classifyLibvirtError(
        "error: unsupported configuration: domain type 'kvm' is not supported",
        system,
      ).fix,
    ).toContain("the VM's configuration");
  });

  it('never suggests sudo for VM access problems', () => {
    const e = classifyLibvirtError(
      "error: failed to connect to the hypervisor\nerror: Failed to connect socket to '/var/run/libvirt/libvirt-sock': Permission denied",
      system,
    );
    expect(e.kind).toBe('permission');
    expect(e.fix).toContain('libvirtd group');
    // It may say "no sudo", but never suggest running a command with sudo.
    expect(e.fix).not.toMatch(/\bsudo\s+\w/);
  });

  it('splits the generic first line from the reason', () => {
    const text =
      "error: Failed to start domain 'a: b'\nerror: internal error: process exited while connecting to monitor\nerror: qemu: could not load kernel";
    expect(splitLibvirtText(text)).toEqual({
      context: "Failed to start domain 'a: b'",
      reason: 'process exited while connecting to monitor; qemu: could not load kernel',
      lines: [
        "Failed to start domain 'a: b'",
        'internal error: process exited while connecting to monitor',
        'qemu: could not load kernel',
      ],
    });
    expect(libvirtReason("error: failed to get domain 'x'")).toBe("failed to get domain 'x'");
    expect(describeLibvirtText('')).toBe('libvirt reported an error');
  });
});
