import { domState, ensurePaused, ensureRunning, normalize } from '../libvirt.js';
import type { Lesson } from '../types.js';
import { fail, missing, needAnswer, pass } from './verdict.js';

export const shutdownVsForceOff: Lesson = {
  id: 'shutdown-vs-force-off',
  title: 'Shut down or force off',
  about: 'The gentle way to switch a VM off, the hard way, and when to use which.',
  minutes: 10,
  explain: {
    beginner: `There are two ways to switch a VM off.

Shut down asks the operating system inside the VM to stop, like choosing "Shut down" in its menu: programs close, files are saved, then the VM switches off. It can take a moment, and a VM whose system hangs, or has not finished booting, may ignore the request and stay on.

Force off pulls the plug: the VM stops at once, and whatever it had not saved yet is lost, as when a PC loses power. libvirt calls this "destroy", which sounds worse than it is: the VM and its disks are kept, only the running machine ends.

Shut down first; force off only a VM that does not react. libvirt remembers how a VM went off: virsh domstate NAME --reason says "shutdown" or "destroyed".`,
    intermediate: `virsh shutdown sends the guest an ACPI power-button event (or asks the guest agent); the guest decides, and may ignore it. virsh destroy stops the VM at once, like cutting the power: the domain and its disks stay, data the guest had not flushed is lost. virsh domstate NAME --reason tells which one happened.`,
    expert:
      'shutdown: ACPI request (guest may ignore; --mode agent). destroy: hard stop, domain kept. domstate --reason: shutdown | destroyed.',
  },
  tasks: [
    {
      id: 'shutdown-web-02',
      goal: 'Shut down the VM web-02 the gentle way.',
      details: 'web-02 is running. Ask it to shut down; do not force it off.',
      ways: [
        {
          where: 'console',
          text: 'Virtual machines (2): select web-02, Enter, then d (shut down; F would force it off)',
        },
        { where: 'hv', args: ['vm', 'shutdown', 'web-02'] },
        { where: 'virsh', args: ['shutdown', 'web-02'] },
      ],
      hints: [
        'The gentle command is `virsh shutdown web-02`.',
        'Check what libvirt saw: `virsh domstate web-02 --reason`.',
      ],
      prepare: (ctx) => ensureRunning(ctx, 'web-02'),
      async verify(ctx) {
        const s = await domState(ctx, 'web-02');
        if (!s) return missing('VM named web-02');
        if (s.state === 'shut off' && s.reason === 'shutdown') {
          return pass('web-02 is off, and libvirt says it shut down (reason: shutdown).');
        }
        if (s.state === 'shut off') {
          return fail(
            `web-02 is off, but not by a shutdown (reason: ${s.reason}). Start it again (virsh start web-02) and use shutdown this time.`,
          );
        }
        return fail(`web-02 is still ${s.state}. Ask it to shut down, then check again.`);
      },
    },
    {
      id: 'force-off-alpine-router',
      goal: 'Force off the VM alpine-router.',
      details: 'Pretend it hangs and ignores shutdown: stop it the hard way.',
      ways: [
        {
          where: 'console',
          text: 'Virtual machines (2): select alpine-router, Enter, then F (force off)',
        },
        { where: 'hv', args: ['vm', 'destroy', 'alpine-router'] },
        { where: 'virsh', args: ['destroy', 'alpine-router'] },
      ],
      hints: [
        'In libvirt, forcing off is called destroy. It does not delete the VM.',
        'The command is `virsh destroy alpine-router`.',
      ],
      prepare: (ctx) => ensureRunning(ctx, 'alpine-router'),
      async verify(ctx) {
        const s = await domState(ctx, 'alpine-router');
        if (!s) return missing('VM named alpine-router');
        if (s.state === 'shut off' && s.reason === 'destroyed') {
          return pass(
            'alpine-router was forced off (reason: destroyed). It still exists: try virsh list --all.',
          );
        }
        if (s.state === 'shut off') {
          return fail(
            `alpine-router is off, but it was not forced off (reason: ${s.reason}). Start it again and force it off.`,
          );
        }
        return fail(`alpine-router is still ${s.state}. Force it off, then check again.`);
      },
    },
  ],
  summary: [
    "Shut down asks the VM's system to stop cleanly; the VM may take time or refuse.",
    'Force off (libvirt: destroy) stops it at once, like pulling the plug; unsaved work is lost, the VM is kept.',
    'virsh domstate NAME --reason tells how a VM went off.',
  ],
  commands: [
    'virsh shutdown NAME',
    'virsh destroy NAME',
    'virsh domstate NAME --reason',
    'hv vm shutdown NAME',
  ],
};

export const vmConsole: Lesson = {
  id: 'vm-console',
  title: "A VM's console",
  about: "Seeing a VM's own screen: serial and graphical consoles, and paused VMs.",
  minutes: 10,
  explain: {
    beginner: `"Console" means two different things here. hv's console is this program: its screens, menus and keys. A VM's console is the VM's own screen and keyboard, as if a monitor were plugged into it. You need it to install an operating system, or to repair a VM that cannot be reached over the network.

VMs have two kinds of console. The serial console is text only: virsh console NAME connects your terminal to it, and Ctrl-] (hold Ctrl, press the ] key) leaves it again; the VM keeps running. The graphical console shows the VM's screen over VNC or SPICE: virsh domdisplay NAME prints the address to open in a viewer such as remote-viewer.

A console only shows something while the VM runs. A paused VM's console is frozen: it shows the last picture and ignores your keys until the VM is resumed.

The demo's pretend VMs have no console to connect to; on a real host the same commands work.`,
    intermediate: `Serial console: virsh console NAME (leave with Ctrl-]); the guest needs a serial device and a login on it (Linux: console=ttyS0). Graphical console: virsh domdisplay NAME gives the VNC/SPICE address for remote-viewer. A paused VM shows a frozen console until virsh resume NAME. The test driver behind the demo has no consoles.`,
    expert:
      'virsh console NAME [--force] (Ctrl-] leaves) · domdisplay · vncdisplay · suspend · resume. Test driver: no consoles.',
  },
  tasks: [
    {
      id: 'resume-monitoring',
      goal: 'The VM monitoring is paused, so its console would be frozen. Resume it.',
      ways: [
        {
          where: 'console',
          text: 'Virtual machines (2): select monitoring, Enter, then p (resume)',
        },
        { where: 'hv', args: ['vm', 'resume', 'monitoring'] },
        { where: 'virsh', args: ['resume', 'monitoring'] },
      ],
      hints: [
        'Pausing is called suspend in virsh; the way back is resume.',
        'The command is `virsh resume monitoring`.',
      ],
      prepare: (ctx) => ensurePaused(ctx, 'monitoring'),
      async verify(ctx) {
        const s = await domState(ctx, 'monitoring');
        if (!s) return missing('VM named monitoring');
        if (s.state === 'running') {
          return pass(
            `monitoring is running again (reason: ${s.reason}); its console would answer now.`,
          );
        }
        if (s.state === 'shut off') {
          return fail(
            'monitoring is shut off: it lost what it had in memory. Reset the task to pause it again, then resume it.',
          );
        }
        return fail(`monitoring is still ${s.state}. Resume it, then check again.`);
      },
    },
    {
      id: 'leave-console',
      goal: 'Which keys leave `virsh console` and give you your terminal back?',
      question: { prompt: 'Keys:' },
      ways: [{ where: 'shell', text: 'virsh prints it when it connects to a console' }],
      hints: [
        'It is Ctrl together with a bracket key.',
        'virsh console says "Escape character is ^]" when it connects; ^ means Ctrl.',
      ],
      async verify(_ctx, answer) {
        const a = normalize(answer).replace(/\s+/g, '');
        if (!a) return needAnswer('Ctrl-]');
        return /^(\^|(ctrl|control|strg|ctl|c)[-+]?)\]$/.test(a)
          ? pass('Yes: Ctrl-] (shown as ^]) leaves the console; the VM keeps running.')
          : fail(
              `"${answer?.trim()}" is not it. Look for "Escape character" in what virsh console prints.`,
            );
      },
    },
  ],
  summary: [
    "hv's console is this program; a VM's console is the VM's own screen and keyboard.",
    'virsh console NAME opens the text console; Ctrl-] leaves it, the VM keeps running.',
    'virsh domdisplay NAME gives the address of the graphical console for a viewer.',
    'A paused VM does not respond: virsh resume NAME brings it back.',
  ],
  commands: [
    'virsh console NAME',
    'virsh domdisplay NAME',
    'virsh suspend NAME',
    'virsh resume NAME',
  ],
};
