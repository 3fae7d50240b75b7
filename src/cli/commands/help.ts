import { HvError } from '../../base/errors.js';
import type { CommandContext } from '../command-spec.js';
import { commands, commandsUnder, findCommand } from '../commands.js';
import { globalOptionHelp } from '../globals.js';
import { table } from '../output.js';

const exitCodes = `Exit codes:
  0  ok
  1  the operation failed (libvirt error, missing tool, invalid VM state)
  2  usage error or invalid input (unknown command or flag, bad answers file, no TTY)
  3  permission denied (e.g. not in the libvirtd group, or root needed)
  4  not connected, or the named VM/network/pool/file was not found`;

export function overview(): string {
  const rows = commands
    .filter((c) => !c.hidden && c.path.length > 0)
    .map((c) => [`hv ${c.path.join(' ')}`, c.summary]);
  const globals = Object.entries(globalOptionHelp).map(([k, v]) => [
    k === 'connect' ? '--connect URI, -c' : `--${k}`,
    v,
  ]);
  return [
    'hv — the Hyper-NixOS console',
    '',
    'Usage: hv [COMMAND] [OPTIONS]',
    '',
    'With no command, hv opens the interactive console (needs a terminal, 80x24 or larger).',
    '',
    'Commands:',
    indent(table(rows)),
    '',
    'Options (any command):',
    indent(table(globals)),
    '',
    exitCodes,
    '',
    'Topics: hv help topics (vm, snapshot, network, pool, phase, risk, nix, libvirt-group, ...)',
    'More: hv help COMMAND, or press ? anywhere in the console.',
  ].join('\n');
}

const indent = (s: string) =>
  s
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');

export async function run(ctx: CommandContext): Promise<number> {
  const words = ctx.positionals;
  if (words.length === 0) {
    process.stdout.write(`${overview()}\n`);
    return 0;
  }
  const found = findCommand(words);
  const group = commandsUnder(words);
  // Topics (hv help vm, hv help risk): worded for the level; commands follow.
  const { topicHelp } = await import('./help-topics.js');
  if (await topicHelp(words, ctx, found, group)) return 0;
  if (found && found.rest.length === 0 && (found.spec.path.length > 0 || words.length === 0)) {
    const s = found.spec;
    process.stdout.write(
      `${s.summary}\n\nUsage: ${s.usage}\n${s.details ? `\n${s.details}\n` : ''}`,
    );
    return 0;
  }
  if (group.length > 0) {
    process.stdout.write(`${table(group.map((c) => [`hv ${c.path.join(' ')}`, c.summary]))}\n`);
    return 0;
  }
  throw new HvError('usage', `no help for "${words.join(' ')}": not a command`, {
    fix: 'run `hv --help` to see the commands',
  });
}
