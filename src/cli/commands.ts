// Every hv command as data: its words, options, help text and where its code is, so
// `hv --help`, usage errors and dispatch all come from one table and a command's
// code (and Ink) is only imported when that command runs.
import type { CommandContext, CommandSpec, OptionSpec } from './command-spec.js';
import { vmCommandSpecs } from './vm-commands.js';

export type { CommandContext, CommandSpec, OptionSpec };

export const commands: CommandSpec[] = [
  {
    path: [],
    summary: 'Open the interactive console (the default)',
    usage: 'hv [--connect URI | --demo] [--plain]',
    details:
      'Opens the full-screen console: setup, virtual machines, learning, host and audit.\n' +
      'Needs a terminal of at least 80x24. With --plain, a line-by-line menu for screen\n' +
      'readers and serial consoles is shown instead.',
    handler: { module: 'console', export: 'run' },
  },
  {
    path: ['doctor'],
    summary: 'Check this machine: Node, libvirt, the demo, Nix tools, terminal',
    usage: 'hv doctor [--json]',
    details: 'Each problem is listed with what to do about it. Exit 1 when a check failed.',
    handler: { module: 'doctor', export: 'run' },
  },
  {
    path: ['demo', 'start'],
    summary: 'Start the demo hypervisor (safe practice VMs, no real guests)',
    usage: 'hv demo start [--json]',
    details:
      "Starts a private libvirtd with libvirt's test driver, loaded with demo VMs,\n" +
      'networks and pools. Every hv process shares it while it runs; it stops by\n' +
      'itself after HV_DEMO_IDLE_SECONDS (default 1800) without use.',
    handler: { module: 'demo', export: 'start' },
  },
  {
    path: ['demo', 'stop'],
    summary: 'Stop the demo hypervisor (its VMs are reset next start)',
    usage: 'hv demo stop [--json]',
    handler: { module: 'demo', export: 'stop' },
  },
  {
    path: ['demo', 'status'],
    summary: 'Show whether the demo hypervisor runs, and its URI',
    usage: 'hv demo status [--json]',
    handler: { module: 'demo', export: 'status' },
  },
  // vm, snapshot, net, pool and connections commands (issue 8)
  ...vmCommandSpecs,
  {
    path: ['setup'],
    summary: 'Configure this host: answers -> NixOS modules (the wizard, or an answers file)',
    usage:
      'hv setup [--out DIR] [--answers FILE] [--first-boot]   |   hv setup --answers FILE --non-interactive [--out DIR] [--dry-run] [--force] [--hardware FILE] [--json]',
    details:
      'Without --non-interactive (on a terminal) the setup wizard opens: questions suited to\n' +
      'your experience, every risk explained, the Nix and the diff shown before writing, then\n' +
      'nixos-rebuild dry-build, test, "keep it?" (reverts by itself after 60 s) and switch.\n' +
      'The draft is saved after every step; run hv setup again to continue. --answers FILE\n' +
      'starts the wizard from that file; --first-boot is for the tty1 unit (console.nix).\n' +
      'Turns answers into a NixOS host configuration: hypervisor-features.nix (only\n' +
      'hypervisor.* options, each with why it is on), hv-answers.json, and on the first run\n' +
      'the host layout (flake.nix, hosts/HOST/, modules/, secrets.nix.example, .gitignore).\n' +
      'The diff is shown; --dry-run writes nothing. hv refuses to overwrite files edited by\n' +
      'hand since it wrote them (--force replaces them, keeping a backup) and never touches\n' +
      'files it did not write. --hardware FILE describes the machine (JSON, as printed by\n' +
      '`hv setup hardware --json`) instead of probing this one.',
    options: {
      answers: { type: 'string' },
      'non-interactive': { type: 'boolean' },
      out: { type: 'string' },
      'dry-run': { type: 'boolean' },
      force: { type: 'boolean' },
      hardware: { type: 'string' },
      'first-boot': { type: 'boolean' },
    },
    handler: { module: 'setup', export: 'run' },
  },
  {
    path: ['setup', 'schema'],
    summary: 'Print the answers file format as JSON Schema',
    usage: 'hv setup schema',
    handler: { module: 'setup', export: 'schema' },
  },
  {
    path: ['setup', 'validate'],
    summary: 'Check an answers file: exit 0, or exit 2 listing every problem',
    usage: 'hv setup validate FILE [--hardware FILE] [--json]',
    options: { hardware: { type: 'string' } },
    positionals: { min: 1, max: 1 },
    handler: { module: 'setup', export: 'validate' },
  },
  {
    path: ['setup', 'hardware'],
    summary: 'Show what setup detects about this machine',
    usage: 'hv setup hardware [--json]',
    handler: { module: 'setup', export: 'hardware' },
  },
  {
    path: ['features', 'list'],
    summary: 'List every feature hv can configure, with its risk',
    usage: 'hv features list [--json]',
    handler: { module: 'features', export: 'list' },
  },
  {
    path: ['features', 'show'],
    summary: 'Explain one feature: what it does, risks, mitigations, requirements, options',
    usage: 'hv features show ID [--json]',
    positionals: { min: 1, max: 1 },
    handler: { module: 'features', export: 'show' },
  },
  {
    path: ['phase'],
    summary: 'Show the phase: setup (permissive) or hardened (changes refused)',
    usage: 'hv phase [status|harden|unlock] [--json]',
    handler: { module: 'phase', export: 'status' },
  },
  {
    path: ['phase', 'status'],
    summary: 'Show the phase and what it allows',
    usage: 'hv phase status [--json]',
    handler: { module: 'phase', export: 'status' },
  },
  {
    path: ['phase', 'harden'],
    summary: 'Harden the host: only start/stop/pause, consoles, backups and viewing (root)',
    usage: 'hv phase harden [--config DIR] [--apply] [--hardware FILE] [--json]',
    details:
      'Writes the hardened marker under HV_ROOT_DIR (default /etc/hypervisor) and, when hv\n' +
      "knows the host's configuration folder (--config DIR, or the one recorded, or\n" +
      '/etc/nixos), regenerates its Nix for the hardened phase and offers to apply it\n' +
      '(--apply: without asking) with nixos-rebuild dry-build, test, keep?, switch, before\n' +
      'the marker is written; otherwise it prints the command. Needs root: use sudo.',
    options: {
      config: { type: 'string' },
      hardware: { type: 'string' },
      apply: { type: 'boolean' },
    },
    handler: { module: 'phase', export: 'harden' },
  },
  {
    path: ['phase', 'unlock'],
    summary: 'Unlock the host (back to setup); you type the word to confirm (root)',
    usage: 'hv phase unlock [--confirm unlock] [--config DIR] [--apply] [--hardware FILE] [--json]',
    details:
      'On a terminal hv asks you to type "unlock"; without one, pass --confirm unlock.\n' +
      'Removes the marker and regenerates the configuration for the setup phase.',
    options: {
      confirm: { type: 'string' },
      config: { type: 'string' },
      hardware: { type: 'string' },
      apply: { type: 'boolean' },
    },
    handler: { module: 'phase', export: 'unlock' },
  },
  {
    path: ['audit'],
    summary: 'Show the audit log: who changed what, allowed or refused',
    usage:
      'hv audit [--since TIME] [--vm NAME] [--user USER] [--result ok|refused|failed] [--follow] [--json]',
    details:
      'Reads every audit log place (/var/log/hypervisor/audit.jsonl, your XDG state folder,\n' +
      'or HV_AUDIT_LOG) including rotated files, oldest first. --since takes a date,\n' +
      'a date-time, a duration back (15m, 2h, 3d, 1w), today or yesterday. --follow keeps\n' +
      'printing new entries until Ctrl-C (with --json: one JSON object per line).',
    options: {
      since: { type: 'string' },
      vm: { type: 'string' },
      user: { type: 'string' },
      result: { type: 'string' },
      follow: { type: 'boolean' },
    },
    handler: { module: 'audit', export: 'run' },
  },
  {
    path: ['host'],
    summary: 'This machine: addresses, uptime, load, memory, libvirtd, NixOS generation, phase',
    usage: 'hv host [info|generations|rollback|restart-libvirtd|logs] [--json]',
    handler: { module: 'host', export: 'info' },
  },
  {
    path: ['host', 'info'],
    summary: 'Show this machine: addresses, uptime, load, memory, libvirtd, NixOS, phase',
    usage: 'hv host info [--json]',
    handler: { module: 'host', export: 'info' },
  },
  {
    path: ['host', 'generations'],
    summary: 'List NixOS generations (the current one marked)',
    usage: 'hv host generations [--json]',
    handler: { module: 'host', export: 'generations' },
  },
  {
    path: ['host', 'rollback'],
    summary: 'Roll the system back to the previous NixOS generation (root)',
    usage: 'hv host rollback [--yes] [--json]',
    details:
      'Runs nixos-rebuild switch --rollback after you confirm (--yes without a terminal).\n' +
      'Refused in the hardened phase; a normal user is shown the sudo command.',
    options: { yes: { type: 'boolean' } },
    handler: { module: 'host', export: 'rollback' },
  },
  {
    path: ['host', 'restart-libvirtd'],
    summary: 'Restart the libvirt daemon (root); running VMs keep running',
    usage: 'hv host restart-libvirtd [--json]',
    handler: { module: 'host', export: 'restartLibvirtd' },
  },
  {
    path: ['host', 'logs'],
    summary: 'Show recent logs of libvirtd (or --unit) from the journal',
    usage:
      'hv host logs [--unit libvirtd|libvirt-guests|virtqemud|hv-first-boot] [--lines N] [--json]',
    options: { unit: { type: 'string' }, lines: { type: 'string' } },
    handler: { module: 'host', export: 'logs' },
  },
  {
    path: ['learn'],
    summary: 'Lessons on the demo hypervisor: list them, or start/resume one',
    usage: 'hv learn [LESSON] [--level LEVEL] [--json]',
    details:
      'Without LESSON, lists the lessons and where you are. With one, starts or resumes it:\n' +
      'prints its explanation (worded for your level, or --level) and your current task,\n' +
      'and sets that task up on the demo hypervisor. Your real VMs are never touched\n' +
      '(--connect URI works on another libvirt instead, without setting anything up).',
    options: { level: { type: 'string' } },
    positionals: { min: 0, max: 1 },
    handler: { module: 'learn', export: 'run' },
  },
  {
    path: ['learn', 'list'],
    summary: 'List the lessons with their status',
    usage: 'hv learn list [--json]',
    handler: { module: 'learn', export: 'list' },
  },
  {
    path: ['learn', 'check'],
    summary: "Check a lesson task's result on the demo: exit 0 passed, 1 not yet",
    usage: "hv learn check LESSON [--task N] [--answer 'TEXT'] [--json]",
    details:
      'Runs the verifier of your current task (or task N): it looks at the real state\n' +
      '(e.g. whether the snapshot now exists, as libvirt reports it). Questions need --answer.',
    options: { task: { type: 'string' }, answer: { type: 'string' } },
    positionals: { min: 1, max: 1 },
    handler: { module: 'learn', export: 'check' },
  },
  {
    path: ['learn', 'hint'],
    summary: 'One more hint for your current lesson task',
    usage: 'hv learn hint LESSON [--task N] [--json]',
    options: { task: { type: 'string' } },
    positionals: { min: 1, max: 1 },
    handler: { module: 'learn', export: 'hint' },
  },
  {
    path: ['learn', 'env'],
    summary: 'Print the line that points virsh at the demo: eval "$(hv learn env)"',
    usage: 'hv learn env [--json]',
    handler: { module: 'learn', export: 'env' },
  },
  {
    path: ['progress'],
    summary: 'Show your lesson progress and achievements',
    usage: 'hv progress [--json]',
    handler: { module: 'progress', export: 'show' },
  },
  {
    path: ['progress', 'reset'],
    summary: 'Forget your lesson progress (all, or one LESSON); asks first',
    usage: 'hv progress reset [LESSON] [--yes] [--json]',
    options: { yes: { type: 'boolean' } },
    positionals: { min: 0, max: 1 },
    handler: { module: 'progress', export: 'reset' },
  },
  {
    path: ['settings'],
    summary: 'Show your settings: experience level, commands in the footer',
    usage: 'hv settings [--json]',
    handler: { module: 'settings', export: 'show' },
  },
  {
    path: ['settings', 'level'],
    summary: 'Set your experience level: how much explanation hv gives',
    usage: 'hv settings level beginner|intermediate|expert [--json]',
    positionals: { min: 1, max: 1 },
    handler: { module: 'settings', export: 'level' },
  },
  {
    path: ['settings', 'commands'],
    summary: "Show or hide the equivalent command in the console's footer",
    usage: 'hv settings commands on|off [--json]',
    positionals: { min: 1, max: 1 },
    handler: { module: 'settings', export: 'commandsToggle' },
  },
  {
    path: ['help'],
    summary: 'Show help for hv, one command, or a topic (hv help topics)',
    usage: 'hv help [COMMAND... | TOPIC] [--level LEVEL]',
    options: { level: { type: 'string' } },
    positionals: { min: 0, max: 3 },
    handler: { module: 'help', export: 'run' },
  },
  {
    path: ['version'],
    summary: 'Print the version',
    usage: 'hv version [--json]',
    handler: { module: 'version', export: 'run' },
  },
];

export function findCommand(words: string[]): { spec: CommandSpec; rest: string[] } | undefined {
  let best: CommandSpec | undefined;
  for (const spec of commands) {
    const matches = spec.path.every((w, i) => words[i] === w);
    if (matches && (!best || spec.path.length > best.path.length)) best = spec;
  }
  if (!best) return undefined;
  return { spec: best, rest: words.slice(best.path.length) };
}

/** True when this build of hv has the command (the longest matching command path). */
export function hvHas(args: readonly string[]): boolean {
  const found = findCommand([...args]);
  return found !== undefined && found.spec.path.length > 0 && !found.spec.hidden;
}

/** Command groups ("demo") that exist only as a prefix of real commands. */
export function commandsUnder(prefix: string[]): CommandSpec[] {
  return commands.filter(
    (c) => !c.hidden && c.path.length > prefix.length && prefix.every((w, i) => c.path[i] === w),
  );
}
