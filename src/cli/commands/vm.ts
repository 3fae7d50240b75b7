import { connect } from '../../adapters/connection.js';
import { touchDemo } from '../../adapters/demo.js';
import { VirshHypervisor } from '../../adapters/virsh.js';
import { formatMemory } from '../../ui/format.js';
import type { CommandContext } from '../commands.js';
import { printJson, table } from '../output.js';

export async function list(ctx: CommandContext): Promise<number> {
  const target = await connect(ctx.globals);
  if (target.kind === 'demo') touchDemo();
  const vms = await new VirshHypervisor(target.uri).listDomains();
  vms.sort((a, b) => a.name.localeCompare(b.name));
  if (ctx.globals.json) {
    printJson({ uri: target.uri, vms });
    return 0;
  }
  const rows = vms.map((v) => [
    v.name,
    v.state,
    String(v.vcpus),
    formatMemory(v.memoryKiB),
    v.autostart ? 'yes' : 'no',
  ]);
  process.stdout.write(`${table(rows, ['NAME', 'STATE', 'VCPUS', 'MEMORY', 'AUTOSTART'])}\n`);
  return 0;
}
