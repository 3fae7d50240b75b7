import type { ParseArgsConfig } from 'node:util';

/** Options as node:util parseArgs takes them. */
export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** Options every command accepts, before or after its words. */
export const globalOptions = {
  connect: { type: 'string', short: 'c' },
  demo: { type: 'boolean' },
  plain: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} satisfies OptionSpec;

export const globalOptionHelp: Record<keyof typeof globalOptions, string> = {
  connect: 'libvirt URI to use, e.g. qemu:///system, qemu+ssh://host/system',
  demo: 'use the demo hypervisor (safe practice VMs)',
  plain: 'line-by-line output and menus, for screen readers and serial consoles',
  json: 'machine-readable output (subcommands)',
  help: 'show help',
  version: 'print the version',
};

export interface GlobalOptions {
  connect?: string | undefined;
  demo: boolean;
  plain: boolean;
  json: boolean;
}
