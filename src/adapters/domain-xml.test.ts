import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import {
  buildDomainXml,
  type DomainSpec,
  specFromTemplate,
  validateDomainSpec,
} from './domain-xml.js';
import { findTemplate, parseSize, templates } from './templates.js';
import { parseDisks, parseNics } from './virsh-parse.js';
import { child, parseXml, textOf } from './virsh-xml.js';

const nasty = `Ana's "lab" <VM> & café — ünïcödé ${'x'.repeat(70)}`;

function build(
  template: string,
  domainType = 'kvm',
  extra: Partial<Parameters<typeof specFromTemplate>[1]> = {},
) {
  return buildDomainXml(
    specFromTemplate(findTemplate(template), {
      name: nasty,
      domainType,
      arch: 'x86_64',
      diskPath: '/var/lib/libvirt/images/a & b.qcow2',
      isoPath: "/isos/it's.iso",
      network: 'default',
      ...extra,
    }),
  );
}

describe('VM templates', () => {
  it('has the required templates with the REFERENCE.md sizes', () => {
    const sizes = Object.fromEntries(
      templates.map((t) => [t.id, [t.vcpus, t.memoryMiB, t.diskGiB]]),
    );
    expect(sizes).toMatchObject({
      'debian-12': [2, 2048, 20],
      'ubuntu-server-24.04': [2, 2048, 20],
      alpine: [1, 512, 5],
      'windows-10': [2, 4096, 60],
      'windows-server-2022': [4, 8192, 80],
    });
    expect(Object.keys(sizes)).toEqual(expect.arrayContaining(['fedora', 'nixos']));
    expect(() => findTemplate('debian-11')).toThrow(/no VM template "debian-11"/);
  });

  it('parses sizes as people type them', () => {
    expect(parseSize('2G', 'm', 'x')).toBe(2 * 1024 ** 3);
    expect(parseSize('512', 'm', 'x')).toBe(512 * 1024 ** 2);
    expect(parseSize('20', 'g', 'x')).toBe(20 * 1024 ** 3);
    expect(parseSize('1.5 GiB', 'g', 'x')).toBe(1.5 * 1024 ** 3);
    expect(parseSize('10GB', 'g', 'x')).toBe(10e9);
    expect(() => parseSize('lots', 'g', '--disk')).toThrow(/not a size for --disk/);
    expect(() => parseSize('0', 'g', '--disk')).toThrow(/above zero/);
  });
});

describe('domain XML builder', () => {
  it('escapes the name, paths and keeps them intact through a parse', () => {
    const xml = build('debian-12');
    expect(xml).not.toContain('<VM>');
    const dom = parseXml(xml);
    expect(textOf(child(dom, 'name'))).toBe(nasty);
    const disks = parseDisks(dom);
    expect(disks.map((d) => [d.target, d.device, d.source])).toEqual([
      ['vda', 'disk', '/var/lib/libvirt/images/a & b.qcow2'],
      ['sda', 'cdrom', "/isos/it's.iso"],
    ]);
    expect(parseNics(dom)).toEqual([
      { mac: '', type: 'network', source: 'default', model: 'virtio' },
    ]);
    expect(child(dom, 'os')?.attrs.firmware).toBeUndefined();
  });

  it('gives Windows UEFI with Secure Boot (auto-selected firmware), SMM, a TPM 2.0 and SATA', () => {
    const dom = parseXml(build('windows-server-2022'));
    const os = child(dom, 'os')!;
    expect(os.attrs.firmware).toBe('efi');
    expect(child(os, 'loader')?.attrs.secure).toBe('yes');
    expect(child(os, 'type')?.attrs.machine).toBe('q35');
    // No hard-coded OVMF paths: libvirt picks the firmware.
    expect(textOf(child(os, 'loader')) ?? '').toBe('');
    expect(child(os, 'nvram')).toBeUndefined();
    expect(child(dom, 'features', 'smm')?.attrs.state).toBe('on');
    expect(child(dom, 'devices', 'tpm', 'backend')?.attrs).toEqual({
      type: 'emulator',
      version: '2.0',
    });
    expect(child(dom, 'vcpu') && textOf(child(dom, 'vcpu'))).toBe('4');
    expect(parseDisks(dom)[0]!.bus).toBe('sata');
    expect(parseNics(dom)[0]!.model).toBe('e1000e');
    expect(child(dom, 'clock')?.attrs.offset).toBe('localtime');
  });

  it('uses host-passthrough CPUs only on KVM and leaves devices out for the test driver', () => {
    expect(build('alpine', 'kvm')).toContain("<cpu mode='host-passthrough'/>");
    expect(build('alpine', 'qemu')).not.toContain('<cpu');
    const test = build('windows-10', 'test');
    expect(test).not.toContain('<tpm');
    expect(test).not.toContain('<features>');
  });

  it('refuses impossible specs with a clear error', () => {
    const base = specFromTemplate(findTemplate('alpine'), {
      name: 'ok',
      domainType: 'kvm',
      arch: 'x86_64',
    });
    const bad = (over: Partial<DomainSpec>) => () => validateDomainSpec({ ...base, ...over });
    expect(bad({ name: ' ' })).toThrow(/needs a name/);
    expect(bad({ name: 'a/b' })).toThrow(/contains "\/"/);
    expect(bad({ name: 'a\nb' })).toThrow(/control characters/);
    expect(bad({ vcpus: 0 })).toThrow(/not a vCPU count/);
    expect(bad({ memoryKiB: 1024 })).toThrow(/at least 64 MiB/);
    expect(bad({ firmware: 'bios', secureBoot: true })).toThrow(/Secure Boot needs UEFI/);
  });

  // libvirt's own RelaxNG schema (virt-xml-validate from libvirt-clients, xmllint
  // from libxml2-utils: scripts/bootstrap.mjs installs both for the tests).
  it('passes virt-xml-validate for every template', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hv-xml-'));
    for (const t of templates) {
      for (const type of ['kvm', 'qemu']) {
        const file = join(dir, `${t.id}-${type}.xml`);
        writeFileSync(file, build(t.id, type));
        const r = await execa('virt-xml-validate', [file, 'domain'], { reject: false });
        expect(r.exitCode, `${t.id} ${type}: ${r.stderr}`).toBe(0);
      }
    }
  });
});
