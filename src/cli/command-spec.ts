// The shape of a command in the command table (commands.ts). The table is data:
// command-modules.ts loads a command's code when it runs, so the command modules
// can read the table (help, lessons) without an import cycle.
import type { GlobalOptions, OptionSpec } from './globals.js';

export type { OptionSpec };

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
  /**
   * Where its code is: a module of cli/commands/ (command-modules.ts imports it
   * when the command runs) and the function it exports.
   */
  handler: { module: string; export: string };
}
