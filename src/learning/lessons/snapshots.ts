import {
  currentSnapshot,
  domInfo,
  domState,
  ensureNoDomain,
  ensureNoSnapshot,
  snapshotNames,
} from '../libvirt.js';
import type { Lesson, TaskContext } from '../types.js';
import { fail, missing, pass } from './verdict.js';

/** build-runner has both demo snapshots, and the current one is not clean-install. */
async function prepareRevert(ctx: TaskContext): Promise<void> {
  if (!ctx.isDemo) return;
  const have = await snapshotNames(ctx, 'build-runner');
  for (const name of ['clean-install', 'with-toolchains']) {
    if (!have.includes(name)) await ctx.virsh(['snapshot-create-as', 'build-runner', name]);
  }
  if ((await currentSnapshot(ctx, 'build-runner')) === 'clean-install') {
    await ctx.virsh(['snapshot-current', 'build-runner', 'with-toolchains']);
  }
}

export const snapshots: Lesson = {
  id: 'snapshots',
  title: 'Snapshots and reverting',
  about: 'Saving a moment of a VM and going back to it.',
  minutes: 15,
  explain: {
    beginner: `A snapshot saves a VM's state at one moment: its disks, and for a running VM its memory too. Later you can revert to it: the VM goes back to exactly that moment, and everything that changed since is thrown away.

Take one before anything risky, such as a system upgrade or a big configuration change. If it goes wrong, revert. If it goes well, delete the snapshot after a while: snapshots take disk space, and a VM with many of them gets slower.

A snapshot is not a backup. It is kept on the same disk as the VM, so if that disk is lost, the snapshot is lost with it.

libvirt remembers which snapshot a VM was last taken or reverted to: its current snapshot.`,
    intermediate: `virsh snapshot-create-as VM NAME [--description TEXT] takes an internal snapshot (disks, plus memory when running). snapshot-list VM lists them, snapshot-revert VM NAME discards everything since, snapshot-delete VM NAME removes one. snapshot-current VM --name names the snapshot the VM now derives from. Snapshots share the VM's storage: not a backup.`,
    expert:
      'snapshot-create-as · snapshot-list [--tree] · snapshot-current --name · snapshot-revert · snapshot-delete. Internal qcow2 snapshots; not backups.',
  },
  tasks: [
    {
      id: 'take-snapshot',
      goal: 'Take a snapshot of the VM win-desktop, named before-updates.',
      ways: [
        {
          where: 'console',
          text: 'Virtual machines (2): win-desktop, Enter, S (snapshots), n (new), name it before-updates',
        },
        { where: 'hv', args: ['vm', 'snapshot', 'create', 'win-desktop', 'before-updates'] },
        { where: 'virsh', args: ['snapshot-create-as', 'win-desktop', 'before-updates'] },
      ],
      hints: [
        "virsh names it snapshot-create-as: the VM first, then the snapshot's name.",
        '`virsh snapshot-list win-desktop` shows whether it worked.',
      ],
      prepare: (ctx) => ensureNoSnapshot(ctx, 'win-desktop', 'before-updates'),
      async verify(ctx) {
        if (!(await domState(ctx, 'win-desktop'))) return missing('VM named win-desktop');
        const names = await snapshotNames(ctx, 'win-desktop');
        if (names.includes('before-updates')) {
          return pass('win-desktop has the snapshot before-updates.');
        }
        return fail(
          names.length > 0
            ? `win-desktop has snapshots (${names.join(', ')}), but none named before-updates.`
            : 'win-desktop has no snapshots yet.',
        );
      },
    },
    {
      id: 'revert',
      goal: 'Revert the VM build-runner to its snapshot clean-install.',
      details:
        'build-runner has two snapshots: clean-install and with-toolchains. Go back to the older one.',
      ways: [
        {
          where: 'console',
          text: 'Virtual machines (2): build-runner, Enter, S (snapshots), select clean-install, Enter',
        },
        { where: 'hv', args: ['vm', 'snapshot', 'revert', 'build-runner', 'clean-install'] },
        { where: 'virsh', args: ['snapshot-list', 'build-runner'] },
        { where: 'virsh', args: ['snapshot-revert', 'build-runner', 'clean-install'] },
      ],
      hints: [
        'Reverting is snapshot-revert: the VM, then the snapshot.',
        '`virsh snapshot-current build-runner --name` shows where the VM stands now.',
      ],
      prepare: prepareRevert,
      async verify(ctx) {
        if (!(await domState(ctx, 'build-runner'))) return missing('VM named build-runner');
        const current = await currentSnapshot(ctx, 'build-runner');
        return current === 'clean-install'
          ? pass('build-runner is back at clean-install (its current snapshot).')
          : fail(
              `build-runner's current snapshot is ${current ?? 'none'}, not clean-install. Revert it, then check again.`,
            );
      },
    },
  ],
  summary: [
    'A snapshot saves a VM at one moment; reverting goes back to it and drops every change since.',
    'Take one before risky changes; delete old ones, they cost space and speed.',
    "Snapshots live on the VM's own storage: they are not backups.",
  ],
  commands: [
    'virsh snapshot-create-as VM NAME',
    'virsh snapshot-list VM',
    'virsh snapshot-revert VM NAME',
    'virsh snapshot-delete VM NAME',
  ],
};

export const createFromTemplate: Lesson = {
  id: 'create-from-template',
  title: 'Creating a VM from a template',
  about: 'What defining a VM means, templates, and the XML libvirt keeps.',
  minutes: 15,
  explain: {
    beginner: `Creating a VM means describing a new computer: how many vCPUs, how much memory, how big a disk, which network it plugs into. libvirt keeps that description as XML text. The VM exists ("is defined") as soon as libvirt has the description, even before it ever runs, and it stays shut off until you start it.

A template is a ready-made description for a common system, so you only choose a name. hv's alpine template, for example, is a small VM: 1 vCPU and 512 MiB of memory.

With plain libvirt you write or copy the XML yourself: virsh dumpxml NAME prints an existing VM's description, and virsh define FILE adds a new VM from one. A copy needs its own name, and libvirt must give it a new identity (uuid) and new network addresses (mac), so those lines are removed from the copy.`,
    intermediate: `hv vm create NAME --template T writes domain XML from a template (vCPUs, memory, disk, network) and defines it. Without hv: virsh dumpxml OLD > new.xml, change <name>, delete <uuid> and the <mac> lines (libvirt generates new ones), give it its own disk, then virsh define new.xml. Defined is not running: virsh start NAME. virsh create FILE would start a transient VM that is forgotten when it stops.`,
    expert:
      'virsh define FILE (copy with dumpxml; drop uuid and mac; own disk) · hv vm create NAME --template T · undefine [--remove-all-storage]. create FILE = transient.',
  },
  tasks: [
    {
      id: 'create-lesson-vm',
      goal: 'Create a VM named lesson-vm from the alpine template.',
      details:
        'With virsh, copy the small VM alpine-router: on a real host you would also give the copy its own disk.',
      ways: [
        {
          where: 'console',
          text: 'Virtual machines (2): n (new VM), template alpine, name lesson-vm',
        },
        { where: 'hv', args: ['vm', 'create', 'lesson-vm', '--template', 'alpine'] },
        {
          where: 'shell',
          text: "virsh dumpxml alpine-router | sed -e 's/>alpine-router</>lesson-vm</' -e '/<uuid>/d' -e '/<mac /d' > lesson-vm.xml",
        },
        { where: 'virsh', args: ['define', 'lesson-vm.xml'] },
      ],
      hints: [
        'A VM is defined from its XML description: `virsh define FILE`.',
        'Check with `virsh dominfo lesson-vm`: "Persistent: yes" means it is defined.',
      ],
      prepare: (ctx) => ensureNoDomain(ctx, 'lesson-vm'),
      async verify(ctx) {
        const info = await domInfo(ctx, 'lesson-vm');
        if (!info) return fail('There is no VM named lesson-vm yet.');
        if (!info.persistent) {
          return fail(
            'lesson-vm runs, but it is not defined: it was started from XML with create, and libvirt forgets it when it stops. Use define.',
          );
        }
        const mib = Math.round(info.memoryKiB / 1024);
        return pass(`lesson-vm is defined: ${info.vcpus} vCPU, ${mib} MiB of memory.`);
      },
    },
    {
      id: 'start-lesson-vm',
      goal: 'Start lesson-vm.',
      ways: [
        { where: 'console', text: 'Virtual machines (2): select lesson-vm, Enter, then s (start)' },
        { where: 'hv', args: ['vm', 'start', 'lesson-vm'] },
        { where: 'virsh', args: ['start', 'lesson-vm'] },
      ],
      hints: ['You did this in "Listing and starting VMs": `virsh start lesson-vm`.'],
      async verify(ctx) {
        const s = await domState(ctx, 'lesson-vm');
        if (!s) return fail('There is no VM named lesson-vm: create it first (the task before).');
        return s.state === 'running'
          ? pass('lesson-vm is running.')
          : fail(`lesson-vm is ${s.state}. Start it, then check again.`);
      },
    },
  ],
  summary: [
    'A VM is a description (XML) that libvirt keeps: defining it creates it, starting it boots it.',
    'Templates fill the description in for common systems; you choose the name.',
    "virsh dumpxml shows any VM's description; virsh define adds a VM from one.",
  ],
  commands: [
    'hv vm create NAME --template T',
    'virsh dumpxml NAME',
    'virsh define FILE',
    'virsh dominfo NAME',
  ],
};
