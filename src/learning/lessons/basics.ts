import { domainNames, domState, ensureShutOff, normalize, numberIn } from '../libvirt.js';
import type { Lesson } from '../types.js';
import { fail, missing, needAnswer, pass } from './verdict.js';

export const hypervisorBasics: Lesson = {
  id: 'hypervisor-basics',
  title: 'What a hypervisor and a VM are',
  about: 'Virtual machines, the host, the hypervisor, libvirt, and the safe demo you practise on.',
  minutes: 10,
  explain: {
    beginner: `A virtual machine (VM) is a whole computer made of software. It has its own processors (called vCPUs), memory, disks and network cards, and it runs its own operating system. From the inside it looks like a real PC.

The hypervisor is the software that runs VMs on a real computer, which is called the host. It shares the host's processors and memory between the VMs and keeps them apart, so a crash or a virus in one VM does not reach the others. On Linux the hypervisor is KVM (part of the kernel) together with QEMU. libvirt is the service that manages them, and virsh is libvirt's command-line tool. hv talks to libvirt too, so everything hv does with VMs you can also do with virsh.

These lessons use a demo hypervisor: a private libvirt with ten pretend VMs. Nothing really runs there, and nothing you do there can harm this machine or your real VMs. When the demo stops (hv demo stop), it forgets every change and starts fresh next time.

To practise the plain commands, point virsh at the demo once in each shell you use: eval "$(hv learn env)"`,
    intermediate: `A VM is an emulated computer (vCPUs, memory, disks, network cards) running its own operating system. The hypervisor (KVM with QEMU on Linux) runs VMs on the host and isolates them from each other. libvirt manages them; hv and virsh are both libvirt clients, so whatever hv does you can also do with virsh.

The lessons use hv's demo: a private libvirtd with libvirt's test driver and ten pretend VMs. It resets when it stops. Point virsh at it with: eval "$(hv learn env)" (sets LIBVIRT_DEFAULT_URI).`,
    expert: `Demo: private libvirtd, test driver, 10 domains, state reset on stop. eval "$(hv learn env)" sets LIBVIRT_DEFAULT_URI for virsh; hv commands take --demo.`,
  },
  tasks: [
    {
      id: 'count-all',
      goal: 'Find out how many VMs the demo has in total, whatever their state.',
      ways: [
        { where: 'console', text: 'Virtual machines (2): the first line counts the VMs' },
        { where: 'hv', args: ['vm', 'list'] },
        { where: 'virsh', args: ['list', '--all'] },
      ],
      question: { prompt: 'How many VMs?' },
      hints: [
        'Without --all, virsh lists only the VMs that are on (running or paused).',
        'Count the rows of `virsh list --all`, or read the first line of the Virtual machines screen.',
      ],
      async verify(ctx, answer) {
        const n = numberIn(answer);
        if (n === undefined) return needAnswer('7');
        const all = await domainNames(ctx, 'all');
        return n === all.length
          ? pass(`Right: the demo has ${all.length} VMs.`)
          : fail(`Not quite: you answered ${n}. Count the rows of \`virsh list --all\` again.`);
      },
    },
    {
      id: 'count-running',
      goal: 'Find out how many of them are running right now.',
      ways: [
        { where: 'console', text: 'Virtual machines (2): the first line says how many run' },
        { where: 'hv', args: ['vm', 'list'] },
        { where: 'virsh', args: ['list', '--state-running'] },
      ],
      question: { prompt: 'How many are running?' },
      hints: [
        'Plain `virsh list` also shows paused VMs; `virsh list --state-running` shows only running ones.',
        'In `hv vm list` or the console, count the rows whose state is "running".',
      ],
      async verify(ctx, answer) {
        const n = numberIn(answer);
        if (n === undefined) return needAnswer('3');
        const running = await domainNames(ctx, 'running');
        return n === running.length
          ? pass(`Right: ${running.length} VMs are running (${running.join(', ')}).`)
          : fail(`Not quite: you answered ${n}. Count the rows of \`virsh list --state-running\`.`);
      },
    },
  ],
  summary: [
    'A VM is a computer made of software; the host is the real machine that runs it.',
    'The hypervisor (KVM and QEMU on Linux) runs VMs and keeps them apart; libvirt manages them.',
    'hv and virsh are two ways to talk to libvirt: what one does, the other can do too.',
    '`virsh list` shows the VMs that are on; `virsh list --all` shows every VM.',
  ],
  commands: ['virsh list', 'virsh list --all', 'hv vm list', 'eval "$(hv learn env)"'],
};

export const listAndStart: Lesson = {
  id: 'list-and-start',
  title: 'Listing and starting VMs',
  about: 'VM states (running, shut off, paused), reading them, and starting a VM.',
  minutes: 10,
  explain: {
    beginner: `Every VM has a state. The common ones are: running (switched on), shut off (switched off, but it still exists, with its disks) and paused (frozen: it keeps everything in memory but gets no processor time).

Starting a VM is like pressing the power button of a PC: the VM boots its operating system. Starting loses nothing. A VM with autostart on is started by the host itself when the host boots.

You can see the states in hv's Virtual machines screen, with hv vm list, or with virsh list --all. For one VM, virsh domstate NAME prints its state, and virsh dominfo NAME shows its details: vCPUs, memory, autostart.`,
    intermediate: `Domain states: running; paused (vCPUs stopped, memory kept); shut off (defined, not running). virsh start NAME boots a defined VM; virsh autostart NAME starts it with the host (--disable to stop that). virsh dominfo NAME shows details, and virsh domstate NAME --reason also says why it is in that state.`,
    expert: 'virsh list --all · domstate [--reason] · dominfo · start · autostart [--disable].',
  },
  tasks: [
    {
      id: 'monitoring-state',
      goal: 'Find out what state the VM monitoring is in.',
      ways: [
        { where: 'console', text: 'Virtual machines (2): the STATE column' },
        { where: 'hv', args: ['vm', 'info', 'monitoring'] },
        { where: 'virsh', args: ['domstate', 'monitoring'] },
      ],
      question: { prompt: 'State of monitoring:' },
      hints: [
        '`virsh domstate monitoring` prints just its state.',
        'It is one of: running, paused, shut off.',
      ],
      async verify(ctx, answer) {
        const a = normalize(answer).replace(/\s+/g, '');
        if (!a) return needAnswer('running');
        const s = await domState(ctx, 'monitoring');
        if (!s) return missing('VM named monitoring');
        return a === s.state.replace(/\s+/g, '')
          ? pass(`Right: monitoring is ${s.state}.`)
          : fail(
              `Not quite: you answered "${answer?.trim()}". Ask libvirt: virsh domstate monitoring`,
            );
      },
    },
    {
      id: 'start-build-runner',
      goal: 'Start the VM build-runner.',
      details: 'It is shut off now. Start it with any of the ways below, then check your work.',
      ways: [
        {
          where: 'console',
          text: 'Virtual machines (2): select build-runner, Enter, then s (start)',
        },
        { where: 'hv', args: ['vm', 'start', 'build-runner'] },
        { where: 'virsh', args: ['start', 'build-runner'] },
      ],
      hints: [
        'Starting is one command: `virsh start build-runner`.',
        'If virsh says it cannot connect, run eval "$(hv learn env)" in that shell first.',
      ],
      prepare: (ctx) => ensureShutOff(ctx, 'build-runner'),
      async verify(ctx) {
        const s = await domState(ctx, 'build-runner');
        if (!s) return missing('VM named build-runner');
        return s.state === 'running'
          ? pass(`build-runner is running (libvirt says: ${s.state}, ${s.reason}).`)
          : fail(`build-runner is still ${s.state}. Start it, then check again.`);
      },
    },
  ],
  summary: [
    'A VM is running, paused (frozen in memory) or shut off (off, but kept with its disks).',
    'Starting boots the VM like a power button; nothing is lost.',
    'Autostart starts a VM when the host boots.',
  ],
  commands: ['virsh domstate NAME', 'virsh dominfo NAME', 'virsh start NAME', 'hv vm start NAME'],
};
