// The detail screen's tabs as plain lines (pure): info, disks, NICs, XML.
import type { DomainInfo } from '../../adapters/hypervisor.js';
import { formatMemory } from '../../base/format.js';
import { padWidth } from '../../base/width.js';
import type { DetailTab } from '../../state/vm-detail.js';
import { stateText } from '../../ui/state-look.js';

const field = (label: string, value: string) => `${padWidth(label, 16)}${value}`;

function table(head: string[], rows: string[][], widths: number[]): string[] {
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : padWidth(c, widths[i] ?? 10))).join(' ');
  return [line(head), ...rows.map(line)];
}

export function detailLines(info: DomainInfo, tab: DetailTab): string[] {
  switch (tab) {
    case 'info':
      return [
        field('State', stateText(info.state)),
        field('ID', info.id === undefined ? '– (not running)' : String(info.id)),
        field('UUID', info.uuid),
        field('vCPUs', String(info.vcpus)),
        field(
          'Memory',
          info.currentMemoryKiB !== undefined && info.currentMemoryKiB !== info.memoryKiB
            ? `${formatMemory(info.currentMemoryKiB)} now, ${formatMemory(info.memoryKiB)} max`
            : formatMemory(info.memoryKiB),
        ),
        field('Autostart', info.autostart ? 'yes (starts when the host boots)' : 'no'),
        field('Persistent', info.persistent ? 'yes' : 'no (gone once it stops)'),
        field('Saved state', info.hasManagedSave ? 'yes: the next start resumes it' : 'none'),
        field('Snapshots', String(info.snapshotCount)),
        field('OS', [info.osType, info.arch, info.machine].filter(Boolean).join(' · ')),
        field('Domain type', info.domainType),
        field('Firmware', info.firmware === 'efi' ? 'UEFI' : 'BIOS'),
        field('Disks', String(info.disks.length)),
        field('Network cards', String(info.nics.length)),
        field('Graphics', info.graphics.length > 0 ? info.graphics.join(', ') : 'none'),
        ...(info.description ? [field('Description', info.description)] : []),
      ];
    case 'disks':
      if (info.disks.length === 0) return ['This VM has no disks.'];
      return table(
        ['TARGET', 'DEVICE', 'BUS', 'FORMAT', 'RO', 'SOURCE'],
        info.disks.map((d) => [
          d.target,
          d.device,
          d.bus ?? '–',
          d.format ?? '–',
          d.readonly ? 'yes' : 'no',
          d.source ?? '(empty drive)',
        ]),
        [7, 7, 7, 7, 4],
      );
    case 'nics':
      if (info.nics.length === 0) return ['This VM has no network cards.'];
      return table(
        ['MAC', 'TYPE', 'MODEL', 'DEVICE', 'SOURCE'],
        info.nics.map((n) => [n.mac, n.type, n.model ?? '–', n.target ?? '–', n.source ?? '–']),
        [18, 8, 8, 8],
      );
    case 'xml':
      return info.xml.replace(/\t/g, '  ').split('\n');
  }
}

export const tabTitles: Record<DetailTab, string> = {
  info: 'Info',
  disks: 'Disks',
  nics: 'NICs',
  xml: 'XML',
};
