// Every hv command as data: its words, options, help text and a lazy loader, so
// `hv --help`, usage errors and dispatch all come from one table and a command's
// code (and Ink) is only imported when that command runs.
import type { ParseArgsConfig } from 'node:util';
import type { GlobalOptions } from './globals.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CommandContext {
  globals: GlobalOptions;
  options: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

export interface CommandSpec {
  /** The words that name it: ['demo', 'start']. Empty for the console. */
  path: string[];
  summary: string;
  usage: string;
  /** Longer help shown by `hv help <command>`. */
  details?: string;
  options?: OptionSpec;
  optionHelp?: Record<string, string>;
  positionals?: { min: number; max: number };
  /** Hidden commands are internal plumbing and not listed in help. */
  hidden?: boolean;
  load: () => Promise<(ctx: CommandContext) => Promise<number>>;
}

export const commands: CommandSpec[] = [
  {
    path: [],
    summary: 'Open the interactive console (the default)',
    usage: 'hv [--connect URI | --demo] [--plain]',
    details:
      'Opens the full-screen console: setup, virtual machines, learning, host and audit.\n' +
      'Needs a terminal of at least 80x24. With --plain, a line-by-line menu for screen\n' +
      'readers and serial consoles is shown instead.',
    load: async () => (await import('./commands/console.js')).run,
  },
  {
    path: ['doctor'],
    summary: 'Check this machine: Node, libvirt, the demo, Nix tools, terminal',
    usage: 'hv doctor [--json]',
    details: 'Each problem is listed with what to do about it. Exit 1 when a check failed.',
    load: async () => (await import('./commands/doctor.js')).run,
  },
  {
    path: ['demo', 'start'],
    summary: 'Start the demo hypervisor (safe practice VMs, no real guests)',
    usage: 'hv demo start [--json]',
    details:
      "Starts a private libvirtd with libvirt's test driver, loaded with demo VMs,\n" +
      'networks and pools. Every hv process shares it while it runs; it stops by\n' +
      'itself after HV_DEMO_IDLE_SECONDS (default 1800) without use.',
    load: async () => (await import('./commands/demo.js')).start,
  },
  {
    path: ['demo', 'stop'],
    summary: 'Stop the demo hypervisor (its VMs are reset next start)',
    usage: 'hv demo stop [--json]',
    load: async () => (await import('./commands/demo.js')).stop,
  },
  {
    path: ['demo', 'status'],
    summary: 'Show whether the demo hypervisor runs, and its URI',
    usage: 'hv demo status [--json]',
    load: async () => (await import('./commands/demo.js')).status,
  },
  {
    path: ['vm', 'list'],
    summary: 'List virtual machines with state, vCPUs and memory',
    usage: 'hv vm list [--connect URI | --demo] [--json]',
    load: async () => (await import('./commands/vm.js')).list,
  },
  {
    path: ['setup'],
    summary: 'Configure this host: answers -> NixOS modules (the wizard, or an answers file)',
    usage:
      'hv setup --answers FILE --non-interactive [--out DIR] [--dry-run] [--force] [--hardware FILE] [--json]',
    details:
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
    load: async () => (await import('./commands/setup.js')).run,
  },
  {
    path: ['setup', 'schema'],
    summary: 'Print the answers file format as JSON Schema',
    usage: 'hv setup schema',
    load: async () => (await import('./commands/setup.js')).schema,
  },
  {
    path: ['setup', 'validate'],
    summary: 'Check an answers file: exit 0, or exit 2 listing every problem',
    usage: 'hv setup validate FILE [--hardware FILE] [--json]',
    options: { hardware: { type: 'string' } },
    positionals: { min: 1, max: 1 },
    load: async () => (await import('./commands/setup.js')).validate,
  },
  {
    path: ['setup', 'hardware'],
    summary: 'Show what setup detects about this machine',
    usage: 'hv setup hardware [--json]',
    load: async () => (await import('./commands/setup.js')).hardware,
  },
  {
    path: ['features', 'list'],
    summary: 'List every feature hv can configure, with its risk',
    usage: 'hv features list [--json]',
    load: async () => (await import('./commands/features.js')).list,
  },
  {
    path: ['features', 'show'],
    summary: 'Explain one feature: what it does, risks, mitigations, requirements, options',
    usage: 'hv features show ID [--json]',
    positionals: { min: 1, max: 1 },
    load: async () => (await import('./commands/features.js')).show,
  },
  {
    path: ['help'],
    summary: 'Show help for hv or for one command',
    usage: 'hv help [COMMAND...]',
    positionals: { min: 0, max: 3 },
    load: async () => (await import('./commands/help.js')).run,
  },
  {
    path: ['version'],
    summary: 'Print the version',
    usage: 'hv version [--json]',
    load: async () => (await import('./commands/version.js')).run,
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

/** Command groups ("demo") that exist only as a prefix of real commands. */
export function commandsUnder(prefix: string[]): CommandSpec[] {
  return commands.filter(
    (c) => !c.hidden && c.path.length > prefix.length && prefix.every((w, i) => c.path[i] === w),
  );
}
