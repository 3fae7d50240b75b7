import { describe, expect, it } from 'vitest';
import {
  accessLevelFor,
  currentIdentity,
  deniedPermission,
  explainVmAccess,
  identityFrom,
  parseGroupFile,
  sudoCommand,
} from './privilege.js';

const groupFile = parseGroupFile(
  [
    'root:x:0:',
    'wheel:x:1:ada',
    'libvirtd:x:120:bob',
    'hypervisor-operators:x:301:ada,cy',
    'hypervisor-users:x:300:dee',
    'broken line',
    'ada:x:1000:',
  ].join('\n'),
);

describe('privilege', () => {
  it('parses /etc/group and skips malformed lines', () => {
    expect(groupFile.map((g) => g.name)).toEqual([
      'root',
      'wheel',
      'libvirtd',
      'hypervisor-operators',
      'hypervisor-users',
      'ada',
    ]);
    expect(groupFile.find((g) => g.name === 'hypervisor-operators')?.members).toEqual([
      'ada',
      'cy',
    ]);
  });

  it('orders access levels: root > admin > operator > viewer > none', () => {
    expect(accessLevelFor(['hypervisor-users'], true).access).toBe('root');
    expect(accessLevelFor(['hypervisor-users', 'libvirtd'], false)).toEqual({
      access: 'admin',
      group: 'libvirtd',
    });
    expect(accessLevelFor(['libvirt'], false).access).toBe('admin');
    expect(accessLevelFor(['hypervisor-operators', 'hypervisor-users'], false).access).toBe(
      'operator',
    );
    expect(accessLevelFor(['hypervisor-users'], false).access).toBe('viewer');
    expect(accessLevelFor(['wheel'], false).access).toBe('none');
  });

  it('uses the session groups and names groups that need a new login', () => {
    const ada = identityFrom({
      user: 'ada',
      uid: 1000,
      sessionGids: [1000, 1],
      groupFile,
      primaryGid: 1000,
    });
    expect(ada.groups).toEqual(['ada', 'wheel']);
    expect(ada.access).toBe('none');
    expect(ada.pendingGroups).toEqual(['hypervisor-operators']);
    const text = explainVmAccess(ada, 'qemu:///system');
    expect(text).toContain('log out and in again');
    expect(text).toContain('hypervisor-operators');
    expect(text).toContain('polkit');
    expect(text).toContain('needs no sudo');
    expect(text).not.toMatch(/sudo (hv|virsh)/);
  });

  it('names the permission libvirt refused', () => {
    expect(
      deniedPermission("error: access denied: 'delete' operation on 'domain' not allowed"),
    ).toBe('domain.delete');
    expect(deniedPermission('polkit: org.libvirt.api.storage-vol.create denied')).toBe(
      'storage-vol.create',
    );
    expect(deniedPermission('Permission denied')).toBeUndefined();
    const cy = identityFrom({ user: 'cy', uid: 1001, sessionGids: [301], groupFile });
    expect(
      explainVmAccess(cy, 'qemu:///system', "access denied: 'delete' operation on 'domain'"),
    ).toContain(
      'refused "domain.delete" for your access level (operator, from group hypervisor-operators)',
    );
  });

  it('knows the current process', () => {
    const me = currentIdentity();
    expect(me.uid).toBe(process.getuid?.());
    expect(me.isRoot).toBe(process.getuid?.() === 0);
    expect(me.user.length).toBeGreaterThan(0);
  });

  it('quotes the sudo command for copying', () => {
    expect(sudoCommand(['host', 'rollback'])).toBe('sudo hv host rollback');
    expect(sudoCommand(['phase', 'harden', '--config', "/srv/Ana's host"])).toBe(
      "sudo hv phase harden --config '/srv/Ana'\\''s host'",
    );
  });
});
