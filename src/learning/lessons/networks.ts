import {
  domState,
  ensureNetworkInactive,
  ensureNoVolume,
  interfaces,
  networkActive,
  normalize,
  numberIn,
  volumeNames,
} from '../libvirt.js';
import type { Lesson } from '../types.js';
import { fail, missing, needAnswer, pass } from './verdict.js';

export const networks: Lesson = {
  id: 'networks',
  title: 'Virtual networks',
  about: 'How VMs are plugged into networks: NAT, isolated networks and bridges.',
  minutes: 15,
  explain: {
    beginner: `A VM's network card is plugged into a virtual network: a software switch on the host. libvirt's usual one is called default and works like a home router (NAT): VMs on it can reach the internet through the host, but other machines cannot reach them unless you forward ports.

An isolated network connects VMs only with each other and the host, with no way out: good for a lab. A bridge instead puts VMs directly on the host's real network, where they get addresses like any other machine there. hv's setup asks before making one, because it exposes the VMs.

A network must be started (active) before VMs can use it; with autostart it starts when the host boots. virsh net-list --all shows the networks, and virsh domiflist VM shows which network each of a VM's cards is plugged into.`,
    intermediate: `libvirt networks: NAT (default, bridge virbr0), isolated (no <forward>), routed, or a bridge to a host interface. net-list --all, net-info, net-start, net-autostart, net-dumpxml; domiflist VM shows a VM's cards and their sources. A VM attached to an inactive network does not start.`,
    expert:
      'net-list --all · net-info · net-start · net-destroy · net-autostart · net-dumpxml · domiflist. Isolated = no <forward>.',
  },
  tasks: [
    {
      id: 'which-network',
      goal: "Find out which network web-01's network card is plugged into.",
      ways: [
        { where: 'hv', args: ['vm', 'info', 'web-01'] },
        { where: 'virsh', args: ['domiflist', 'web-01'] },
      ],
      question: { prompt: 'Network:' },
      hints: ['`virsh domiflist web-01` lists its cards.', 'Read the Source column.'],
      async verify(ctx, answer) {
        const a = normalize(answer);
        if (!a) return needAnswer('lab-isolated');
        if (!(await domState(ctx, 'web-01'))) return missing('VM named web-01');
        const sources = (await interfaces(ctx, 'web-01')).map((i) => i.source);
        return sources.some((s) => s.toLowerCase() === a)
          ? pass(`Right: web-01 is plugged into ${a}.`)
          : fail(
              `Not quite: web-01 is not plugged into "${answer?.trim()}". Look at the Source column.`,
            );
      },
    },
    {
      id: 'start-lab-isolated',
      goal: 'The network lab-isolated is stopped. Start it.',
      ways: [
        { where: 'hv', args: ['net', 'start', 'lab-isolated'] },
        { where: 'virsh', args: ['net-list', '--all'] },
        { where: 'virsh', args: ['net-start', 'lab-isolated'] },
      ],
      hints: [
        'Network commands in virsh start with net-.',
        'The command is `virsh net-start lab-isolated`.',
      ],
      prepare: (ctx) => ensureNetworkInactive(ctx, 'lab-isolated'),
      async verify(ctx) {
        const active = await networkActive(ctx, 'lab-isolated');
        if (active === undefined) return missing('network named lab-isolated');
        return active
          ? pass('lab-isolated is active: VMs can use it now.')
          : fail('lab-isolated is still inactive. Start it, then check again.');
      },
    },
  ],
  summary: [
    'VMs plug into virtual networks: NAT (default), isolated, or a bridge onto the real network.',
    'A network must be active before its VMs start; autostart starts it with the host.',
    'virsh domiflist VM shows what a VM is plugged into.',
  ],
  commands: [
    'virsh net-list --all',
    'virsh net-start NET',
    'virsh net-info NET',
    'virsh domiflist VM',
  ],
};

export const storage: Lesson = {
  id: 'storage',
  title: 'Storage pools and disks',
  about: 'Where VM disks live: pools, volumes, qcow2 and raw images, ISO files.',
  minutes: 10,
  explain: {
    beginner: `A VM's disk is usually a file on the host, called a volume or disk image. libvirt keeps volumes in storage pools: a pool is a place for them, most often a folder such as /var/lib/libvirt/images.

A qcow2 image grows as the VM writes to it, up to the size you gave it, and it supports snapshots. A raw image is a plain block of bytes: a little faster, but no snapshots. Installer discs (ISO files) are kept in pools too, so they can be put into a VM's virtual CD drive.

virsh pool-list --all shows the pools, virsh vol-list POOL the volumes in one, and virsh vol-create-as POOL NAME SIZE makes a new, empty disk.`,
    intermediate: `Pools: dir, logical (LVM), zfs, iscsi, netfs... pool-list --all, pool-info, vol-list POOL, vol-info, vol-create-as POOL NAME SIZE --format qcow2, vol-delete --pool POOL NAME. qcow2 is thin and supports snapshots; raw is faster.`,
    expert:
      'pool-list --all · pool-info · vol-list · vol-info · vol-create-as POOL NAME SIZE --format qcow2 · vol-delete --pool.',
  },
  tasks: [
    {
      id: 'count-isos',
      goal: 'Find out how many installer images (volumes) the pool iso-library holds.',
      ways: [
        { where: 'hv', args: ['pool', 'volumes', 'iso-library'] },
        { where: 'virsh', args: ['pool-list', '--all'] },
        { where: 'virsh', args: ['vol-list', 'iso-library'] },
      ],
      question: { prompt: 'How many?' },
      hints: ['`virsh vol-list iso-library` lists them, one per row.'],
      async verify(ctx, answer) {
        const n = numberIn(answer);
        if (n === undefined) return needAnswer('2');
        let vols: string[];
        try {
          vols = await volumeNames(ctx, 'iso-library');
        } catch {
          return missing('pool named iso-library');
        }
        return n === vols.length
          ? pass(`Right: iso-library holds ${vols.length} images.`)
          : fail(`Not quite: you answered ${n}. Count the rows of \`virsh vol-list iso-library\`.`);
      },
    },
    {
      id: 'create-disk',
      goal: 'Create a 1 GiB disk named lesson-disk.qcow2 in the pool default-pool.',
      ways: [
        {
          where: 'virsh',
          args: ['vol-create-as', 'default-pool', 'lesson-disk.qcow2', '1G', '--format', 'qcow2'],
        },
        { where: 'virsh', args: ['vol-list', 'default-pool'] },
      ],
      hints: [
        'The order is: pool, name, size. Sizes take units: 1G, 512M.',
        'vol-create-as default-pool lesson-disk.qcow2 1G --format qcow2',
      ],
      prepare: (ctx) => ensureNoVolume(ctx, 'default-pool', 'lesson-disk.qcow2'),
      async verify(ctx) {
        let vols: string[];
        try {
          vols = await volumeNames(ctx, 'default-pool');
        } catch {
          return missing('pool named default-pool');
        }
        return vols.includes('lesson-disk.qcow2')
          ? pass('default-pool now holds lesson-disk.qcow2, ready to be given to a VM.')
          : fail('default-pool has no volume named lesson-disk.qcow2 yet.');
      },
    },
  ],
  summary: [
    'VM disks are volumes (image files) kept in storage pools.',
    'qcow2 images grow as needed and support snapshots; raw images are plain and a little faster.',
    'virsh vol-create-as makes a new empty disk; vol-list shows what a pool holds.',
  ],
  commands: ['virsh pool-list --all', 'virsh vol-list POOL', 'virsh vol-create-as POOL NAME SIZE'],
};
