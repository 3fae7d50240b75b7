// The home menu as data: shared by the Ink console and the --plain line mode.
import type { HomeScreenId } from '../../state/router.js';

export interface HomeItem {
  id: Exclude<HomeScreenId, 'home'>;
  key: string;
  title: string;
  description: string;
  /** Undefined when the area works in this build; otherwise what is missing, plainly. */
  notYet?: string;
  /** What to use meanwhile. */
  meanwhile?: string;
}

export const homeItems: HomeItem[] = [
  {
    id: 'setup',
    key: '1',
    title: 'Setup',
    description: 'Configure this host: features, risks and the NixOS configuration they produce.',
  },
  {
    id: 'vms',
    key: '2',
    title: 'Virtual machines',
    description:
      'Your VMs live: start, stop, console, snapshots, templates, networks, storage, other hosts.',
  },
  {
    id: 'learn',
    key: '3',
    title: 'Learn',
    description:
      'Twelve lessons on VMs, snapshots, networks, risks and NixOS, practised on a safe demo and checked for real.',
  },
  {
    id: 'host',
    key: '4',
    title: 'Host',
    description: 'This machine: addresses, uptime, memory, libvirt, NixOS generations.',
  },
  {
    id: 'audit',
    key: '5',
    title: 'Audit',
    description: 'Who did what, when: every state-changing action, allowed or refused.',
  },
];
