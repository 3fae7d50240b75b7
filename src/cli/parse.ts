// Parses argv into a command and its options, before anything heavy is imported.
// Unknown commands and flags are usage errors (exit 2) with a hint.
import { parseArgs } from 'node:util';
import { HvError } from '../base/errors.js';
import type { CommandSpec } from './command-spec.js';
import { commands, commandsUnder, findCommand } from './commands.js';
import { type GlobalOptions, globalOptions } from './globals.js';

export interface Parsed {
  spec: CommandSpec;
  globals: GlobalOptions;
  options: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
  help: boolean;
  version: boolean;
}

// Every option any command knows, so the first pass can find the command words
// without mistaking an option's value for one.
function allOptions() {
  const all: Record<string, { type: 'string' | 'boolean'; short?: string }> = {
    ...globalOptions,
  };
  for (const c of commands) Object.assign(all, c.options ?? {});
  return all;
}

export function parseCommandLine(argv: string[]): Parsed {
  const loose = parseArgs({
    args: argv,
    options: allOptions(),
    strict: false,
    allowPositionals: true,
  });
  const words = loose.positionals;
  const found = findCommand(words);
  if (!found || (found.spec.path.length === 0 && words.length > 0)) {
    const group = commandsUnder(words.slice(0, 1));
    if (words.length > 0 && group.length > 0) {
      throw new HvError('usage', `"hv ${words.join(' ')}" is not a command`, {
        fix: `try one of: ${group.map((c) => `hv ${c.path.join(' ')}`).join(', ')}`,
      });
    }
    throw new HvError('usage', `unknown command "${words[0]}"`, {
      fix: 'run `hv --help` to see the commands',
    });
  }
  const { spec, rest } = found;
  let strict: ReturnType<typeof parseArgs>;
  try {
    strict = parseArgs({
      args: argv,
      options: { ...globalOptions, ...(spec.options ?? {}) },
      strict: true,
      allowPositionals: true,
    });
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    throw new HvError('usage', msg.replace(/^TypeError \[[A-Z_]+\]: /, ''), {
      fix: `usage: ${spec.usage}   (hv help ${spec.path.join(' ') || ''} for more)`.trim(),
    });
  }
  const positionals = rest;
  const limits = spec.positionals ?? { min: 0, max: 0 };
  const wantsHelp = strict.values.help === true;
  if (!wantsHelp && (positionals.length < limits.min || positionals.length > limits.max)) {
    throw new HvError(
      'usage',
      positionals.length > limits.max
        ? `unexpected argument "${positionals[limits.max]}"`
        : 'missing argument',
      { fix: `usage: ${spec.usage}` },
    );
  }
  const v = strict.values;
  const globals: GlobalOptions = {
    connect: typeof v.connect === 'string' ? v.connect : undefined,
    demo: v.demo === true,
    plain: v.plain === true,
    json: v.json === true,
  };
  if (globals.connect !== undefined && globals.demo) {
    throw new HvError('usage', '--connect and --demo cannot be used together', {
      fix: 'choose one: --demo is the same as --connect with the demo URI',
    });
  }
  if (globals.connect !== undefined && !/^[a-z][a-z0-9+.-]*:\/\//i.test(globals.connect)) {
    throw new HvError('usage', `--connect expects a libvirt URI, got "${globals.connect}"`, {
      fix: 'for example --connect qemu:///system or --connect qemu+ssh://host/system',
    });
  }
  return {
    spec,
    globals,
    options: v,
    positionals,
    help: wantsHelp,
    version: v.version === true,
  };
}
