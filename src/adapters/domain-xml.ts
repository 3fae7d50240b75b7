// Builds libvirt domain XML from a typed spec (pure). Every name, path and text
// goes through xmlEscape once, so VM names with quotes, <, & and non-ASCII are
// safe. UEFI uses libvirt's firmware auto-selection (<os firmware='efi'>) rather
// than hard-coded OVMF paths, which differ between distributions and NixOS.
import { HvError } from '../base/errors.js';
import type { VmTemplate } from './templates.js';
import { xmlEscape as e } from './virsh-xml.js';

export const HV_METADATA_NS = 'https://hyper-nixos.org/hv/1';

export interface DiskSpec {
  device: 'disk' | 'cdrom';
  /** A file or block device path; omitted for an empty CD-ROM drive. */
  path?: string;
  /** 'block' for a device node; default 'file'. */
  sourceType?: 'file' | 'block';
  format: 'qcow2' | 'raw';
  bus: 'virtio' | 'sata' | 'scsi';
}

export interface NicSpec {
  /** network: a libvirt network; bridge: a host bridge; user: QEMU user networking (session). */
  type: 'network' | 'bridge' | 'user';
  source?: string;
  model: 'virtio' | 'e1000e';
}

export interface DomainSpec {
  name: string;
  title?: string;
  description?: string;
  /** kvm, qemu (TCG) or test: from the host's capabilities. */
  domainType: string;
  arch: string;
  vcpus: number;
  memoryKiB: number;
  firmware: 'bios' | 'efi';
  secureBoot: boolean;
  tpm: boolean;
  os: 'linux' | 'windows';
  disks: DiskSpec[];
  nics: NicSpec[];
  graphics: 'vnc' | 'spice' | 'none';
  /** Template id, kept in hv's metadata. */
  template?: string;
}

/** Checks a spec; throws invalid-input naming the problem. */
export function validateDomainSpec(s: DomainSpec): void {
  const bad = (msg: string, fix?: string) => {
    throw new HvError('invalid-input', msg, fix ? { fix } : {});
  };
  if (!s.name.trim()) bad('a VM needs a name');
  if (s.name.includes('/'))
    bad(`"${s.name}" cannot be a VM name: it contains "/"`, 'choose a name without "/"');
  if (/[\u0000-\u001f\u007f]/.test(s.name)) bad('a VM name cannot contain control characters');
  if (!Number.isInteger(s.vcpus) || s.vcpus < 1 || s.vcpus > 4096) {
    bad(`${s.vcpus} is not a vCPU count`, 'give a whole number from 1 to 4096');
  }
  if (!Number.isInteger(s.memoryKiB) || s.memoryKiB < 64 * 1024) {
    bad('a VM needs at least 64 MiB of memory');
  }
  if (s.secureBoot && s.firmware !== 'efi') bad('Secure Boot needs UEFI firmware');
}

function diskXml(d: DiskSpec, index: { vd: number; sd: number }): string {
  // virtio disks are vdX; SATA and SCSI share the sdX names.
  const prefix = d.bus === 'virtio' ? 'vd' : 'sd';
  const letter = String.fromCharCode(97 + index[prefix]++);
  const type = d.sourceType ?? 'file';
  const src = d.path ? `\n      <source ${type === 'block' ? 'dev' : 'file'}='${e(d.path)}'/>` : '';
  const ro = d.device === 'cdrom' ? '\n      <readonly/>' : '';
  return `    <disk type='${type}' device='${d.device}'>
      <driver name='qemu' type='${d.device === 'cdrom' ? 'raw' : d.format}'/>${src}
      <target dev='${prefix}${letter}' bus='${d.bus}'/>${ro}
    </disk>`;
}

function nicXml(n: NicSpec): string {
  const source =
    n.type === 'user'
      ? ''
      : `\n      <source ${n.type === 'bridge' ? 'bridge' : 'network'}='${e(n.source ?? 'default')}'/>`;
  return `    <interface type='${n.type}'>${source}
      <model type='${n.model}'/>
    </interface>`;
}

export function buildDomainXml(s: DomainSpec): string {
  validateDomainSpec(s);
  const test = s.domainType === 'test';
  const windows = s.os === 'windows';
  const idx = { vd: 0, sd: 0 };
  const hasCdrom = s.disks.some((d) => d.device === 'cdrom' && d.path);
  const lines: string[] = [`<domain type='${e(s.domainType)}'>`, `  <name>${e(s.name)}</name>`];
  if (s.title) lines.push(`  <title>${e(s.title)}</title>`);
  if (s.description) lines.push(`  <description>${e(s.description)}</description>`);
  if (s.template) {
    lines.push(
      '  <metadata>',
      `    <hv:vm xmlns:hv='${HV_METADATA_NS}'>`,
      `      <hv:template>${e(s.template)}</hv:template>`,
      '    </hv:vm>',
      '  </metadata>',
    );
  }
  lines.push(
    `  <memory unit='KiB'>${s.memoryKiB}</memory>`,
    `  <currentMemory unit='KiB'>${s.memoryKiB}</currentMemory>`,
    `  <vcpu placement='static'>${s.vcpus}</vcpu>`,
  );
  const efi = s.firmware === 'efi';
  lines.push(efi ? `  <os firmware='efi'>` : '  <os>');
  lines.push(`    <type arch='${e(s.arch)}'${test ? '' : ` machine='q35'`}>hvm</type>`);
  if (efi && !test) {
    const sb = s.secureBoot ? 'yes' : 'no';
    lines.push(
      '    <firmware>',
      `      <feature enabled='${sb}' name='secure-boot'/>`,
      `      <feature enabled='${sb}' name='enrolled-keys'/>`,
      '    </firmware>',
      ...(s.secureBoot ? [`    <loader secure='yes'/>`] : []),
    );
  }
  if (hasCdrom) lines.push(`    <boot dev='cdrom'/>`);
  lines.push(`    <boot dev='hd'/>`, '  </os>');
  if (!test) {
    lines.push('  <features>', '    <acpi/>', '    <apic/>');
    if (windows) {
      lines.push(
        `    <hyperv mode='custom'>`,
        `      <relaxed state='on'/>`,
        `      <vapic state='on'/>`,
        `      <spinlocks state='on' retries='8191'/>`,
        '    </hyperv>',
      );
    }
    // Secure Boot on q35 needs SMM so the firmware can protect its variables.
    if (s.secureBoot) lines.push(`    <smm state='on'/>`);
    lines.push('  </features>');
    if (s.domainType === 'kvm') lines.push(`  <cpu mode='host-passthrough'/>`);
  }
  lines.push(`  <clock offset='${windows ? 'localtime' : 'utc'}'/>`);
  lines.push(
    '  <on_poweroff>destroy</on_poweroff>',
    '  <on_reboot>restart</on_reboot>',
    '  <on_crash>destroy</on_crash>',
    '  <devices>',
  );
  for (const d of s.disks) lines.push(diskXml(d, idx));
  for (const n of s.nics) lines.push(nicXml(n));
  if (!test) {
    lines.push(`    <serial type='pty'/>`, `    <console type='pty'/>`);
    if (s.graphics !== 'none') {
      lines.push(
        `    <graphics type='${s.graphics}' autoport='yes' listen='127.0.0.1'/>`,
        `    <video><model type='${windows ? 'vga' : 'virtio'}'/></video>`,
      );
    }
    if (s.tpm) {
      lines.push(
        `    <tpm model='tpm-crb'>`,
        `      <backend type='emulator' version='2.0'/>`,
        '    </tpm>',
      );
    }
    lines.push(`    <memballoon model='virtio'/>`);
  }
  lines.push('  </devices>', '</domain>', '');
  return lines.join('\n');
}

export interface TemplateChoices {
  name: string;
  vcpus?: number;
  memoryBytes?: number;
  /** The new disk's path (created in a pool beforehand). */
  diskPath?: string;
  diskFormat?: 'qcow2' | 'raw';
  /** An installer ISO path for a CD-ROM drive. */
  isoPath?: string;
  /** A libvirt network name, 'user' (QEMU user networking) or undefined for none. */
  network?: string;
  domainType: string;
  arch: string;
}

/** A template plus the person's choices -> a DomainSpec. */
export function specFromTemplate(t: VmTemplate, c: TemplateChoices): DomainSpec {
  const disks: DiskSpec[] = [];
  if (c.diskPath)
    disks.push({
      device: 'disk',
      path: c.diskPath,
      format: c.diskFormat ?? 'qcow2',
      bus: t.diskBus,
    });
  if (c.isoPath !== undefined)
    disks.push({ device: 'cdrom', path: c.isoPath, format: 'raw', bus: 'sata' });
  const nics: NicSpec[] =
    c.network === undefined
      ? []
      : c.network === 'user'
        ? [{ type: 'user', model: t.nicModel }]
        : [{ type: 'network', source: c.network, model: t.nicModel }];
  return {
    name: c.name,
    title: t.title,
    domainType: c.domainType,
    arch: c.arch,
    vcpus: c.vcpus ?? t.vcpus,
    memoryKiB: Math.round((c.memoryBytes ?? t.memoryMiB * 1024 * 1024) / 1024),
    firmware: t.firmware,
    secureBoot: t.secureBoot,
    tpm: t.tpm,
    os: t.os,
    disks,
    nics,
    graphics: 'vnc',
    template: t.id,
  };
}
