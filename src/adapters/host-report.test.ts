import { describe, expect, it } from 'vitest';
import { cpuVirtFlag, describeHardware, hardwareConsequences } from './host-report.js';

const facts = {
  cpuVirtualization: true,
  iommu: true,
  ramGiB: 32,
  cores: 8,
  nics: 2,
  gpus: 1,
  virtualization: 'vmware',
  rootFilesystem: 'btrfs',
};

describe('hardware report', () => {
  it('finds the CPU virtualization flag', () => {
    expect(cpuVirtFlag('processor\t: 0\nflags\t\t: fpu vme vmx sse\n')).toBe('vmx');
    expect(cpuVirtFlag('flags : fpu svm\n')).toBe('svm');
    expect(cpuVirtFlag('flags : fpu\n')).toBeUndefined();
  });

  it('describes the facts and what they mean, in words', () => {
    const lines = describeHardware({
      facts,
      source: 'probed',
      cpuFlag: 'vmx',
      kvmDevice: true,
      iommuGroups: 14,
      disks: [{ name: 'nvme0n1', sizeGiB: 954, rotational: false }],
      nicNames: ['enp1s0', 'enp2s0'],
      gpuIds: ['10de:2204'],
    });
    expect(lines).toContain('CPU virtualization: yes (vmx flag), /dev/kvm present');
    expect(lines).toContain('IOMMU: yes (14 groups)');
    expect(lines).toContain('Disks: nvme0n1 954 GiB');
    expect(lines.join('\n')).toContain('vmware (a virtual machine)');
    expect(hardwareConsequences(facts).join(' ')).toContain('"VMware guest" role');
    expect(
      describeHardware({ facts: { ...facts, virtualization: 'docker' }, source: 'x.json' }).join(),
    ).toContain('docker (a container)');
  });
});
