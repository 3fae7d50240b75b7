// The VM, network, pool and connection commands as CommandSpecs (spread into
// commands.ts's table): words, usage, options and where the code is, each.
import type { CommandSpec } from './command-spec.js';

const many = { min: 1, max: 1000 };
const one = { min: 1, max: 1 };

function lifecycle(
  word: 'start' | 'shutdown' | 'reboot' | 'destroy' | 'suspend' | 'resume' | 'save',
  summary: string,
): CommandSpec {
  return {
    path: ['vm', word],
    summary,
    usage: `hv vm ${word} NAME... [--json]`,
    details:
      'Several names act on each in turn and print a summary; the exit code is that of the\n' +
      'first failure (4: no such VM, 1: wrong state, 3: permission).',
    positionals: many,
    handler: { module: 'vm', export: word },
  };
}

export const vmCommandSpecs: CommandSpec[] = [
  {
    path: ['vm', 'list'],
    summary: 'List virtual machines with state, vCPUs and memory',
    usage: 'hv vm list [--connect URI | --demo] [--json]',
    handler: { module: 'vm', export: 'list' },
  },
  {
    path: ['vm', 'info'],
    summary: 'Show one VM: state, sizes, disks, network interfaces (--xml: its XML)',
    usage: 'hv vm info NAME [--xml] [--json]',
    options: { xml: { type: 'boolean' } },
    positionals: one,
    handler: { module: 'vm', export: 'info' },
  },
  lifecycle('start', 'Start VMs'),
  lifecycle('shutdown', 'Ask VMs to shut down (ACPI; the guest decides when)'),
  lifecycle('reboot', 'Ask VMs to reboot'),
  lifecycle('destroy', 'Force VMs off (like pulling the plug)'),
  lifecycle('suspend', 'Pause VMs'),
  lifecycle('resume', 'Resume paused VMs'),
  lifecycle('save', "Save VMs' memory to disk and stop them (restore continues where they were)"),
  {
    path: ['vm', 'restore'],
    summary: 'Restore VMs from their saved state, or a VM from a backup (--from DIR)',
    usage: 'hv vm restore NAME... | hv vm restore --from DIR [--name NEW] [--pool POOL] [--json]',
    details:
      'With --from, defines the VM saved by `hv vm backup` in DIR, copying its disks into\n' +
      'POOL (default: the pools they came from). --name restores it as a new VM (new UUID\n' +
      'and MAC addresses) beside the original.',
    options: { from: { type: 'string' }, name: { type: 'string' }, pool: { type: 'string' } },
    positionals: { min: 0, max: 1000 },
    handler: { module: 'vm', export: 'restore' },
  },
  {
    path: ['vm', 'autostart'],
    summary: 'Start a VM with the host (--disable: do not)',
    usage: 'hv vm autostart NAME [--disable] [--json]',
    options: { disable: { type: 'boolean' } },
    positionals: one,
    handler: { module: 'vm', export: 'autostart' },
  },
  {
    path: ['vm', 'delete'],
    summary: 'Delete a VM (its disks too with --remove-storage); asks for its name',
    usage: 'hv vm delete NAME [--remove-storage] [--yes] [--json]',
    details:
      'The VM must be shut off. On a terminal you type its name to confirm; without one\n' +
      '(or with --json) --yes is required. --remove-storage also deletes its disks (not\n' +
      'its CD-ROM images).',
    options: { 'remove-storage': { type: 'boolean' }, yes: { type: 'boolean' } },
    positionals: one,
    handler: { module: 'vm', export: 'remove' },
  },
  {
    path: ['vm', 'clone'],
    summary: 'Copy a shut-off VM (new disks, UUID and MAC addresses)',
    usage: 'hv vm clone NAME NEW-NAME [--pool POOL] [--json]',
    options: { pool: { type: 'string' } },
    positionals: { min: 2, max: 2 },
    handler: { module: 'vm', export: 'clone' },
  },
  {
    path: ['vm', 'migrate'],
    summary: 'Move a running VM to another host (live, kept defined there)',
    usage: 'hv vm migrate NAME --to URI [--offline] [--json]',
    details:
      'Runs `virsh migrate --live --persistent` with progress. Both hosts need QEMU/KVM and\n' +
      'access to the disks; the demo (test driver) cannot migrate and says so.',
    options: { to: { type: 'string' }, offline: { type: 'boolean' } },
    positionals: one,
    handler: { module: 'vm', export: 'migrate' },
  },
  {
    path: ['vm', 'templates'],
    summary: 'List the VM templates with their vCPU, memory and disk defaults',
    usage: 'hv vm templates [--json]',
    handler: { module: 'vm-create', export: 'listTemplates' },
  },
  {
    path: ['vm', 'create'],
    summary: 'Create a VM from a template: a new disk in a pool and its definition',
    usage:
      'hv vm create NAME --template T [--vcpus N] [--memory SIZE] [--disk SIZE] [--pool P] [--network N|user|none] [--iso PATH|POOL/VOL] [--json]',
    details:
      'Sizes: 2G, 512M, 20GiB (a bare number is MiB for --memory, GiB for --disk).\n' +
      'The disk goes to --pool (default: "default", else the first running pool); the\n' +
      'network defaults to "default" when it exists. The VM is defined, not started.',
    options: {
      template: { type: 'string' },
      vcpus: { type: 'string' },
      memory: { type: 'string' },
      disk: { type: 'string' },
      pool: { type: 'string' },
      network: { type: 'string' },
      iso: { type: 'string' },
    },
    positionals: one,
    handler: { module: 'vm-create', export: 'create' },
  },
  {
    path: ['vm', 'backup'],
    summary: 'Back up a VM (XML and disks) into a new directory',
    usage: 'hv vm backup NAME DIR [--json]',
    details:
      "A shut-off VM's disks are copied as they are; a running one through libvirt's\n" +
      'backup job (a consistent point in time). The demo cannot back up (no disk contents).',
    positionals: { min: 2, max: 2 },
    handler: { module: 'vm-create', export: 'backup' },
  },
  {
    path: ['vm', 'snapshot', 'list'],
    summary: "List a VM's snapshots as a tree",
    usage: 'hv vm snapshot list NAME [--json]',
    positionals: one,
    handler: { module: 'vm-snapshot', export: 'list' },
  },
  {
    path: ['vm', 'snapshot', 'create'],
    summary: 'Take a snapshot of a VM',
    usage: 'hv vm snapshot create NAME [SNAPSHOT] [--description TEXT] [--json]',
    options: { description: { type: 'string' } },
    positionals: { min: 1, max: 2 },
    handler: { module: 'vm-snapshot', export: 'create' },
  },
  {
    path: ['vm', 'snapshot', 'revert'],
    summary: 'Return a VM to a snapshot (its current state is lost); asks for its name',
    usage: 'hv vm snapshot revert NAME SNAPSHOT [--yes] [--json]',
    options: { yes: { type: 'boolean' } },
    positionals: { min: 2, max: 2 },
    handler: { module: 'vm-snapshot', export: 'revert' },
  },
  {
    path: ['vm', 'snapshot', 'delete'],
    summary: 'Delete a snapshot (--children: and the ones after it)',
    usage: 'hv vm snapshot delete NAME SNAPSHOT [--children] [--json]',
    options: { children: { type: 'boolean' } },
    positionals: { min: 2, max: 2 },
    handler: { module: 'vm-snapshot', export: 'remove' },
  },
  {
    path: ['net', 'list'],
    summary: 'List virtual networks: state, autostart, forward mode, bridge',
    usage: 'hv net list [--json]',
    handler: { module: 'net', export: 'list' },
  },
  {
    path: ['net', 'start'],
    summary: 'Start a virtual network',
    usage: 'hv net start NAME [--json]',
    positionals: one,
    handler: { module: 'net', export: 'start' },
  },
  {
    path: ['net', 'stop'],
    summary: 'Stop a virtual network (VMs on it lose their network)',
    usage: 'hv net stop NAME [--json]',
    positionals: one,
    handler: { module: 'net', export: 'stop' },
  },
  {
    path: ['net', 'autostart'],
    summary: 'Start a network with the host (--disable: do not)',
    usage: 'hv net autostart NAME [--disable] [--json]',
    options: { disable: { type: 'boolean' } },
    positionals: one,
    handler: { module: 'net', export: 'autostart' },
  },
  {
    path: ['pool', 'list'],
    summary: 'List storage pools: state, autostart, capacity, use',
    usage: 'hv pool list [--json]',
    handler: { module: 'pool', export: 'list' },
  },
  {
    path: ['pool', 'volumes'],
    summary: "List a storage pool's volumes",
    usage: 'hv pool volumes POOL [--json]',
    positionals: one,
    handler: { module: 'pool', export: 'volumes' },
  },
  {
    path: ['pool', 'start'],
    summary: 'Start a storage pool',
    usage: 'hv pool start NAME [--json]',
    positionals: one,
    handler: { module: 'pool', export: 'start' },
  },
  {
    path: ['pool', 'stop'],
    summary: 'Stop a storage pool',
    usage: 'hv pool stop NAME [--json]',
    positionals: one,
    handler: { module: 'pool', export: 'stop' },
  },
  {
    path: ['pool', 'autostart'],
    summary: 'Start a storage pool with the host (--disable: do not)',
    usage: 'hv pool autostart NAME [--disable] [--json]',
    options: { disable: { type: 'boolean' } },
    positionals: one,
    handler: { module: 'pool', export: 'autostart' },
  },
  {
    path: ['connections', 'list'],
    summary: 'List saved libvirt connections with their status',
    usage: 'hv connections list [--json]',
    handler: { module: 'connections', export: 'list' },
  },
  {
    path: ['connections', 'add'],
    summary: 'Save a libvirt connection under a name',
    usage: 'hv connections add NAME URI [--json]',
    positionals: { min: 2, max: 2 },
    handler: { module: 'connections', export: 'add' },
  },
  {
    path: ['connections', 'remove'],
    summary: 'Forget a saved connection',
    usage: 'hv connections remove NAME [--json]',
    positionals: one,
    handler: { module: 'connections', export: 'remove' },
  },
  {
    path: ['connections', 'use'],
    summary: 'Make a saved connection the default',
    usage: 'hv connections use NAME [--json]',
    positionals: one,
    handler: { module: 'connections', export: 'use' },
  },
];
