// `hv help TOPIC`: the ideas behind hv's commands, worded per experience level:
// explanations for beginners, a terse reference for experts. Each topic names
// the lesson that practises it.

import type { ExperienceLevel } from '../base/settings-peek.js';
import { riskLevels, riskTolerances, toleranceCeiling } from '../catalog/types.js';
import { wrapText } from './text.js';

export interface Topic {
  title: string;
  text: Record<ExperienceLevel, string>;
  /** The lesson that practises it. */
  lesson?: string;
  /** Topics worth reading next. */
  see?: readonly string[];
}

const ceilings = riskTolerances.map((t) => `${t} ≤ ${toleranceCeiling[t]}`).join(', ');

export const topics: Readonly<Record<string, Topic>> = {
  vm: {
    title: 'Virtual machines',
    lesson: 'list-and-start',
    see: ['snapshot', 'console', 'template'],
    text: {
      beginner: `A virtual machine (VM) is a computer made of software, with its own processors (vCPUs), memory, disks and network cards, running its own operating system. libvirt keeps each VM as a description (XML) and runs it with QEMU/KVM.

A VM is running, paused (frozen in memory) or shut off (off, but kept with its disks). Start boots it. Shut down asks its system to stop cleanly; force off stops it at once, like pulling the plug (libvirt calls that "destroy", but the VM is kept).

In hv: the Virtual machines screen (key 2 on the home menu), or hv vm list. With virsh: virsh list --all, virsh start NAME, virsh shutdown NAME, virsh destroy NAME, virsh dominfo NAME.`,
      intermediate: `libvirt domains: running, paused, shut off. start; shutdown (ACPI, the guest may ignore it); destroy (hard stop, domain kept); suspend/resume; autostart. hv vm list or the console; virsh list --all, dominfo, domstate --reason.`,
      expert:
        'virsh list --all | dominfo | domstate --reason | start | shutdown | destroy | suspend | resume | autostart. hv vm … --json.',
    },
  },
  snapshot: {
    title: 'Snapshots',
    lesson: 'snapshots',
    see: ['vm', 'pool'],
    text: {
      beginner: `A snapshot saves a VM at one moment: its disks, and its memory if it is running. Reverting to it takes the VM back to that moment and throws away every change since. Take one before an upgrade or a risky change; delete it when all went well, because snapshots cost disk space and speed.

A snapshot is not a backup: it lives on the same storage as the VM and is lost with it.

virsh snapshot-create-as VM NAME takes one, virsh snapshot-list VM lists them, virsh snapshot-revert VM NAME goes back, virsh snapshot-delete VM NAME removes one.`,
      intermediate: `Internal snapshots (qcow2): disk, plus memory when running. snapshot-create-as VM NAME [--description]; snapshot-list [--tree]; snapshot-current --name; snapshot-revert; snapshot-delete. Same storage as the VM: not a backup.`,
      expert:
        'snapshot-create-as | snapshot-list --tree | snapshot-current --name | snapshot-revert | snapshot-delete. Not a backup.',
    },
  },
  network: {
    title: 'Virtual networks',
    lesson: 'networks',
    see: ['vm', 'risk'],
    text: {
      beginner: `A VM's network card plugs into a virtual network, a software switch on the host. libvirt's "default" network works like a home router (NAT): VMs reach out through the host, but others cannot reach them. An isolated network joins VMs with each other and the host only. A bridge puts VMs straight onto your real network, like any other machine there (setup asks first, because it exposes them).

A network must be active before its VMs start; autostart starts it with the host. virsh net-list --all shows the networks, virsh net-start NAME starts one, virsh domiflist VM shows what a VM is plugged into.`,
      intermediate: `NAT (default, virbr0), isolated (no <forward>), routed, or host bridges. net-list --all, net-info, net-start, net-autostart, net-dumpxml; domiflist VM. A VM on an inactive network does not start.`,
      expert:
        'net-list --all | net-info | net-start | net-destroy | net-autostart | net-dumpxml | domiflist.',
    },
  },
  pool: {
    title: 'Storage pools and volumes',
    lesson: 'storage',
    see: ['snapshot'],
    text: {
      beginner: `A VM's disk is a volume: usually an image file on the host. libvirt keeps volumes in storage pools, places such as the folder /var/lib/libvirt/images. qcow2 images grow as the VM writes and support snapshots; raw images are plain and a little faster. Installer ISO files live in pools too.

virsh pool-list --all lists the pools, virsh vol-list POOL the volumes in one, and virsh vol-create-as POOL NAME SIZE makes a new empty disk.`,
      intermediate: `Pools: dir, logical (LVM), zfs, netfs, iscsi. pool-list --all, pool-info, vol-list POOL, vol-info, vol-create-as POOL NAME SIZE --format qcow2, vol-delete --pool. qcow2: thin, snapshots; raw: speed.`,
      expert:
        'pool-list --all | pool-info | vol-list | vol-info | vol-create-as --format qcow2 | vol-delete --pool.',
    },
  },
  console: {
    title: "Consoles: hv's and a VM's",
    lesson: 'vm-console',
    see: ['vm', 'commands'],
    text: {
      beginner: `hv's console is the full-screen program you get by running hv: move with the arrow keys, Enter opens, Esc goes back, ? explains the screen you are on, q quits. The footer lists the keys that work.

A VM's console is the VM's own screen and keyboard. virsh console NAME connects your terminal to its text console (Ctrl-] leaves, the VM keeps running); virsh domdisplay NAME gives the address of its graphical console for a viewer such as remote-viewer. A paused VM's console is frozen until it is resumed.`,
      intermediate: `hv console: ↑/↓ Enter Esc ? q, $ toggles the command line in the footer, J opens the journal, L changes the level. VM consoles: virsh console NAME (Ctrl-] leaves), virsh domdisplay NAME for VNC/SPICE.`,
      expert:
        'hv: ? help, $ commands, J journal, L level. virsh console NAME (Ctrl-]) | domdisplay | vncdisplay.',
    },
  },
  template: {
    title: 'Creating VMs from templates',
    lesson: 'create-from-template',
    see: ['vm', 'pool'],
    text: {
      beginner: `Creating a VM means describing a computer (vCPUs, memory, disk, network) and giving the description to libvirt: then the VM exists ("is defined"), shut off until you start it. A template is a ready description for a common system, so you only choose a name, for example hv vm create web-03 --template debian-12.

With virsh you write or copy the XML yourself: virsh dumpxml NAME prints a VM's description, virsh define FILE adds a VM from one.`,
      intermediate: `hv vm create NAME --template T. Without hv: dumpxml, change <name>, drop <uuid> and <mac>, own disk, then virsh define FILE. define = persistent; create FILE = transient.`,
      expert:
        'hv vm create NAME --template T · virsh define FILE · undefine [--remove-all-storage].',
    },
  },
  phase: {
    title: 'The two phases: setup and hardened',
    lesson: 'phases',
    see: ['risk', 'libvirt-group'],
    text: {
      beginner: `An hv host is in the setup phase while you build it: everything is allowed. When it is ready you harden it: then hv still starts, stops and pauses VMs, opens consoles, takes backups and shows everything, but refuses to create, change or delete VMs and to change the system configuration. That protects a finished host from mistakes and misuse. To change something, an administrator unlocks it, makes the change and hardens it again. The console's header shows the phase.`,
      intermediate: `setup: everything allowed. hardened: only view, lifecycle, console and backup operations; create, delete, modify and system configuration are refused and the refusal is audited. Unlock needs root. Marker: /etc/hypervisor/.phase-hardened.`,
      expert:
        'hardened allows view|lifecycle|console|backup; refuses create|delete|modify|system-config. /etc/hypervisor/.phase-hardened.',
    },
  },
  risk: {
    title: 'Risk levels and risk tolerance',
    lesson: 'risk-levels',
    see: ['nix', 'phase'],
    text: {
      beginner: `Every feature setup can turn on has a risk level: ${riskLevels.join(', ')}. It says how much the feature opens your host and VMs to other machines or hardware; hv features show ID explains its impacts and mitigations.

Your risk tolerance is how much you accept without being asked: ${riskTolerances.join(', ')}. Features up to it are turned on by themselves; anything above stays off until you confirm it by name (in an answers file: "acknowledged"). The ceilings: ${ceilings}.`,
      intermediate: `Risk: ${riskLevels.join(' < ')}. Tolerance ceilings without acknowledgement: ${ceilings}. Above the ceiling a feature must be in "acknowledged". hv features list|show.`,
      expert: `Ceilings: ${ceilings}. "acknowledged": [ids].`,
    },
  },
  nix: {
    title: 'NixOS and the Nix hv writes',
    lesson: 'nix-feature',
    see: ['risk', 'phase'],
    text: {
      beginner: `NixOS builds the whole system from configuration files in the Nix language: you describe what you want, and nixos-rebuild makes the machine match. Every build is kept, so a bad one can be rolled back, even from the boot menu.

hv writes the configuration from your answers: hv setup --answers FILE --non-interactive. The main file, hypervisor-features.nix, holds one block per feature that is on ("enable = true;" and its settings), each with a comment saying why it is on. --dry-run shows everything before writing anything. Then nixos-rebuild switch applies it.`,
      intermediate: `Answers (JSON; hv setup schema) → resolve → hypervisor-features.nix (hypervisor.<category>.<feature> = { enable = true; … } with reason comments) + host files. --dry-run prints the diff. Apply: nixos-rebuild test, then switch; roll back with nixos-rebuild switch --rollback.`,
      expert:
        'hv setup --answers F --non-interactive [--dry-run] [--out D] · hv setup validate F · nixos-rebuild test|switch|--rollback.',
    },
  },
  'libvirt-group': {
    title: 'Privilege separation and the libvirt group',
    lesson: 'privilege',
    see: ['phase'],
    text: {
      beginner: `VM work (starting, stopping, snapshots, consoles) never needs root: libvirt lets members of a group manage VMs. On NixOS that group is libvirtd (libvirt on Debian and Ubuntu); a host set up by hv also has hypervisor-operators (run VMs) and hypervisor-admins (also create and delete them). An administrator adds you once; it takes effect at your next login. id -nG shows your groups.

System work (the NixOS configuration, rebuilds, hardening) needs root. hv never runs sudo by itself: it prints the exact sudo command for you to run.`,
      intermediate: `qemu:///system via polkit: libvirtd (Debian: libvirt), plus hv's hypervisor-users (view), -operators (lifecycle, consoles, snapshots, backups), -admins (everything). New groups need a new login or newgrp. System operations: root; hv prints the sudo line.`,
      expert:
        'polkit org.libvirt.unix.manage → libvirtd/libvirt; hypervisor-{users,operators,admins}; sudo printed, never implicit.',
    },
  },
  demo: {
    title: 'The demo hypervisor',
    lesson: 'hypervisor-basics',
    see: ['vm'],
    text: {
      beginner: `The demo is a private libvirt that hv starts for you, with ten pretend VMs, two networks and two storage pools. Nothing really runs there, and nothing you do there touches this machine or your real VMs, so it is the place to practise. It forgets every change when it stops (hv demo stop, or after 30 minutes without use).

Use it with hv --demo (the console) or any hv command with --demo. To point virsh at it, run eval "$(hv learn env)" in your shell.`,
      intermediate: `Private libvirtd with the test driver on a socket in $XDG_RUNTIME_DIR/hv-demo: 10 domains, 2 networks, 2 pools, reset on stop. hv demo start|stop|status; --demo; eval "$(hv learn env)" sets LIBVIRT_DEFAULT_URI.`,
      expert:
        'test driver via private libvirtd; hv demo start|stop|status --json; eval "$(hv learn env)".',
    },
  },
  commands: {
    title: 'Show me the command',
    see: ['console'],
    text: {
      beginner: `Everything hv does has an equivalent command you could type yourself: a virsh, nix or hv command. In the console, the footer shows it as you act (press $ to show or hide it), and J opens the journal: every command of this session, in order, so you can repeat them in a shell or put them in a script. hv settings commands on|off changes the default.`,
      intermediate: `Footer: the last action's equivalent command ($ toggles). J: the session journal (w saves it as a shell script). Default: hv settings commands on|off.`,
      expert: '$ footer command · J journal (w writes a script) · hv settings commands on|off.',
    },
  },
};

export const topicNames = Object.keys(topics);

/** A topic as text at a level, with what to read or practise next. */
export function topicText(name: string, level: ExperienceLevel, width = 78): string | undefined {
  const t = topics[name];
  if (!t) return undefined;
  const more = [
    ...(t.lesson ? [`Practise it: hv learn ${t.lesson}`] : []),
    ...(t.see?.length ? [`See also: ${t.see.map((s) => `hv help ${s}`).join(', ')}`] : []),
  ];
  const body = t.text[level]
    .split('\n')
    .flatMap((line) => (line.trim() ? wrapText(line, width) : ['']));
  const tail = more.flatMap((m) => wrapText(m, width));
  return [`${t.title}  (${level})`, '', ...body, ...(tail.length ? ['', ...tail] : [])].join('\n');
}
