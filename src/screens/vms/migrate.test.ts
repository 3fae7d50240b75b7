import { describe, expect, it } from 'vitest';
import { driverOf } from '../../base/libvirt-drivers.js';
import { migrationRefusal } from './migrate.js';

describe('migration refusal', () => {
  it('names the driver that cannot migrate and the destination', () => {
    const s = migrationRefusal(
      'test+unix:///default?socket=/tmp/demo/libvirt-sock',
      'test:///default',
      'spare',
    );
    expect(s.kind).toBe('refused');
    expect(s.message).toBe('The test driver cannot migrate VMs: nothing was moved to spare.');
    expect(s.fix).toContain('QEMU/KVM on both hosts');
    expect(s.fix).toContain('spare is test:///default');
  });

  it('names the destination driver when the source is QEMU', () => {
    expect(migrationRefusal('qemu:///system', 'test:///default', 't').message).toContain(
      'The test driver',
    );
    expect(driverOf('qemu+ssh://admin@rack-07/system')).toBe('qemu');
  });
});
