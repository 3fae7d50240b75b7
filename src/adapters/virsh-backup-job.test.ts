import { describe, expect, it } from 'vitest';
import { classifyLibvirtError } from './libvirt-errors.js';
import {
  backupJobXml,
  explainBackupBeginError,
  parseJobInfo,
  parseJobSize,
} from './virsh-backup-job.js';

// virsh 9.0.0 domjobinfo output, verbatim, from a QEMU guest on qemu:///session
// (a 2 GiB qcow2 disk). The refusals below are virsh's texts captured from the
// demo (driver without the job) and qemu:///session (inactive domain); the lock
// and permission ones are libvirt's message formats for those failures.
const running = `Job type:         Unbounded   
Operation:        Backup      
Time elapsed:     84           ms
File processed:   449.000 MiB
File remaining:   1.562 GiB
File total:       2.000 GiB
`;
const completed = `Job type:         Completed   
Operation:        Backup      
Time elapsed:     1085         ms
File processed:   2.000 GiB
File remaining:   0.000 B
File total:       2.000 GiB
`;
const savedBefore = `Job type:         Completed   
Operation:        Save        
Time elapsed:     58           ms
Data processed:   877.921 KiB
Data remaining:   0.000 B
Data total:       132.438 MiB
`;

describe('backup job progress', () => {
  it('reads sizes with their units', () => {
    expect(parseJobSize('449.000 MiB')).toBe(449 * 1024 ** 2);
    expect(parseJobSize('0.000 B')).toBe(0);
    expect(parseJobSize('2.000 GiB')).toBe(2 * 1024 ** 3);
    expect(parseJobSize('58 ms')).toBeUndefined();
    expect(parseJobSize(undefined)).toBeUndefined();
  });

  it('computes the percentage across units (MiB of GiB), from File or Data counters', () => {
    expect(parseJobInfo(running)).toEqual({ type: 'Unbounded', operation: 'Backup', percent: 22 });
    expect(parseJobInfo(completed)).toEqual({
      type: 'Completed',
      operation: 'Backup',
      percent: 100,
    });
    expect(parseJobInfo(savedBefore)).toMatchObject({ operation: 'Save', percent: 1 });
    expect(parseJobInfo('Job type:         None        \n')).toEqual({ type: 'None' });
  });
});

describe('backup-begin refusals', () => {
  const explain = (text: string, uri = 'qemu:///session') =>
    explainBackupBeginError(classifyLibvirtError(text, uri), 'db "main" — é');

  it('a driver without the backup job: shut it down first', () => {
    const e = explain(
      'error: this function is not supported by the connection driver: virDomainBackupBegin\n',
      'qemu:///system',
    );
    expect(e.kind).toBe('unsupported');
    expect(e.message).toBe(
      'cannot back up "db "main" — é" while it runs: this libvirt driver has no backup job (this function is not supported by the connection driver: virDomainBackupBegin)',
    );
    expect(e.fix).toContain('hv vm shutdown "db "main" — é"');
    expect(e.fix).toContain('libvirt 7.2+');
  });

  it('a VM that stopped meanwhile: run it again', () => {
    const e = explain(
      'error: Operation not supported: cannot perform disk backup for inactive domain\n',
    );
    expect(e).toMatchObject({
      kind: 'invalid-state',
      message: '"db "main" — é" stopped while hv was starting its backup; nothing was copied',
    });
    expect(e.fix).toContain('run the backup again');
  });

  it('another job on the VM: wait or cancel it', () => {
    const e = explain(
      'error: Timed out during operation: cannot acquire state change lock (held by monitor=remoteDispatchDomainBackupBegin)\n',
    );
    expect(e.kind).toBe('invalid-state');
    expect(e.message).toMatch(/^"db "main" — é" is busy with another job/);
    expect(e.fix).toContain('virsh domjobabort');
  });

  it("anything else keeps libvirt's reason and its kind", () => {
    const e = explain("error: Failed to open file '/backups/x/vda.qcow2': Permission denied\n");
    expect(e.kind).toBe('permission');
    expect(e.message).toBe(
      `cannot back up "db "main" — é" while it runs: Failed to open file '/backups/x/vda.qcow2': Permission denied`,
    );
    expect(e.fix).toContain('/backups/x/vda.qcow2');
  });
});

describe('backup job XML', () => {
  it('copies own disks to files and skips the rest, escaping paths', () => {
    const xml = backupJobXml(
      [
        { target: 'vda', own: true },
        { target: 'sda', own: false },
      ],
      new Map([['vda', { path: "/b/Ana's <vm>/vda.qcow2", format: 'qcow2' }]]),
    );
    expect(xml).toContain("<target file='/b/Ana&apos;s &lt;vm&gt;/vda.qcow2'/>");
    expect(xml).toContain("<disk name='sda' backup='no'/>");
    expect(xml).toMatch(/^<domainbackup mode='push'>/);
  });
});
