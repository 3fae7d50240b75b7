// --plain: the console as numbered lines and typed answers, for screen readers,
// serial consoles and pipes. No cursor movement, no colour, one question at a time.
import { createInterface } from 'node:readline/promises';
import { connect } from '../adapters/connection.js';
import { touchDemo } from '../adapters/demo.js';
import { VirshHypervisor } from '../adapters/virsh.js';
import { errorMessage, isHvError } from '../base/errors.js';
import { formatMemory } from '../base/format.js';
import { homeItems } from '../screens/home/items.js';
import { currentPhase } from '../security/phase.js';
import { loadSettings } from '../state/settings.js';
import type { GlobalOptions } from './globals.js';
import { table } from './output.js';

const say = (s = '') => process.stdout.write(`${s}\n`);

export async function runPlain(globals: GlobalOptions): Promise<number> {
  const settings = loadSettings();
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const ask = async (q: string): Promise<string | undefined> => {
    process.stdout.write(q);
    const next = await lines.next();
    if (next.done) {
      say();
      return undefined;
    }
    return next.value.trim();
  };

  say('hv, the Hyper-NixOS console (plain mode)');
  if (settings.status === 'corrupt') {
    say(
      `Note: the settings file was unreadable and was kept at ${settings.keptAt}; using defaults.`,
    );
  }
  let target: Awaited<ReturnType<typeof connect>> | undefined;
  try {
    target = await connect(globals);
    say(`Connected to ${target.label} (${target.uri}).`);
  } catch (e) {
    say(`Not connected: ${errorMessage(e)}${isHvError(e) && e.fix ? `. Fix: ${e.fix}` : ''}`);
  }
  say(`Phase: ${currentPhase()}. Experience level: ${settings.value.experience}.`);

  for (;;) {
    say();
    say('Main menu:');
    for (const item of homeItems) {
      say(
        `  ${item.key}. ${item.title}: ${item.description}${item.notYet ? ' (not in this build yet)' : ''}`,
      );
    }
    say('  q. Quit');
    const answer = await ask(`Choose 1-${homeItems.length} or q: `);
    if (answer === undefined || answer === 'q' || answer === 'quit') break;
    const item = homeItems.find(
      (i) => i.key === answer || i.title.toLowerCase() === answer.toLowerCase(),
    );
    if (!item) {
      say(`"${answer}" is not a choice. Type a number from 1 to ${homeItems.length}, or q.`);
      continue;
    }
    say();
    say(`${item.title}`);
    if (item.notYet) {
      say(item.notYet);
      if (item.meanwhile) say(`Meanwhile: ${item.meanwhile}`);
      continue;
    }
    if (item.id === 'setup') {
      say('The setup wizard needs the full-screen console: run hv setup in a terminal');
      say('of 80x24 or more.');
      say('Line by line, use an answers file instead: hv setup schema prints its format,');
      say('hv setup validate FILE checks it, and hv setup --answers FILE --non-interactive');
      say('--dry-run shows what would change (without --dry-run it writes the files).');
      continue;
    }
    if (item.id === 'learn') {
      for (const l of (await import('./commands/learn.js')).plainLearnLines()) say(l);
      continue;
    }
    if (item.id === 'host' || item.id === 'audit') {
      // The same text as `hv host` and `hv audit`, a line at a time.
      const lines =
        item.id === 'host'
          ? await (await import('./commands/host.js')).plainHostLines()
          : (await import('./commands/audit.js')).plainAuditLines();
      for (const l of lines) say(l);
      continue;
    }
    if (!target) {
      say('Not connected to a hypervisor, so there is nothing to list.');
      continue;
    }
    try {
      if (target.kind === 'demo') touchDemo();
      const vms = (await new VirshHypervisor(target.uri).listDomains()).sort((a, b) =>
        a.name.localeCompare(b.name),
      );
      say(`${vms.length} virtual machines:`);
      say(
        table(
          vms.map((v) => [
            v.name,
            v.state,
            `${v.vcpus} vCPU`,
            formatMemory(v.memoryKiB),
            v.autostart ? 'autostart' : '',
          ]),
          ['NAME', 'STATE', 'VCPUS', 'MEMORY', 'AUTOSTART'],
        ),
      );
      say(`Same in a shell: virsh -c '${target.uri}' list --all`);
    } catch (e) {
      say(`Could not list VMs: ${errorMessage(e)}`);
    }
  }
  rl.close();
  say('Goodbye.');
  return 0;
}
