// `hv host [info|generations|rollback|restart-libvirtd|logs]`: this machine, as
// the Host screen shows it. Actions go through execute() (operations/host.ts).
import { type HostInfo, hostInfo } from '../../adapters/hostinfo.js';
import { accessDescription, currentIdentity } from '../../adapters/privilege.js';
import { HvError } from '../../base/errors.js';
import { count, formatMemory, formatUptime } from '../../base/format.js';
import { execute } from '../../operations/execute.js';
import { hostOps, localContext, logUnits } from '../../operations/host.js';
import { phaseStatus } from '../../security/phase-ops.js';
import type { CommandContext } from '../command-spec.js';
import { printJson, table } from '../output.js';
import { ask, sudoLine } from './phase.js';

export function infoLines(h: HostInfo, phase: string): string[] {
  const addrs = h.addresses.map((a) => `${a.address} (${a.iface})`);
  const gen = h.nixos.isNixos
    ? h.nixos.current
      ? `generation ${h.nixos.current.number} of ${h.nixos.generations}${h.nixos.current.nixosVersion ? `, NixOS ${h.nixos.current.nixosVersion}` : ''}`
      : `${count(h.nixos.generations, 'generation')}, current unknown`
    : 'not NixOS';
  return [
    `Host:     ${h.hostname} (${h.os}, kernel ${h.kernel})`,
    `Address:  ${addrs.length ? addrs.join(', ') : 'no network address'}`,
    `Uptime:   ${formatUptime(h.uptimeSeconds)}`,
    `Load:     ${h.load.map((l) => l.toFixed(2)).join(' ')} (${h.cpus} CPUs)`,
    `Memory:   ${formatMemory(h.memory.availableKiB)} free of ${formatMemory(h.memory.totalKiB)}`,
    `libvirtd: ${h.libvirtd.state} (${h.libvirtd.detail})`,
    `NixOS:    ${gen}`,
    `Phase:    ${phase}`,
  ];
}

export async function info(ctx: CommandContext): Promise<number> {
  const [h, phase, me] = [await hostInfo(), phaseStatus(), currentIdentity()];
  if (ctx.globals.json) {
    printJson({ ...h, phase: phase.phase, user: { name: me.user, access: me.access } });
    return 0;
  }
  const lines = infoLines(h, phase.phase);
  lines.push(`You:      ${me.user}, ${accessDescription[me.access]}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/** The Host area in --plain mode. */
export async function plainHostLines(): Promise<string[]> {
  const me = currentIdentity();
  return [
    ...infoLines(await hostInfo(), phaseStatus().phase),
    `You:      ${me.user}, ${accessDescription[me.access]}`,
    'Actions: hv host generations | rollback | restart-libvirtd | logs',
  ];
}

export async function generations(ctx: CommandContext): Promise<number> {
  const gens = await execute(hostOps().generations, {}, localContext());
  if (ctx.globals.json) {
    printJson({ generations: gens });
    return 0;
  }
  const rows = gens.map((g) => [
    String(g.number),
    g.date.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
    g.nixosVersion ?? '',
    g.current ? 'current' : '',
  ]);
  process.stdout.write(`${table(rows, ['GEN', 'DATE', 'NIXOS', ''])}\n`);
  return 0;
}

export async function rollback(ctx: CommandContext): Promise<number> {
  const yes = ctx.options.yes === true;
  const r = await execute(
    hostOps().rollback,
    {
      confirm: async (from, to) => {
        if (yes) return true;
        const a = await ask(
          `Roll the system back from generation ${from ?? '?'} to ${to}? Services restart. Type yes: `,
        );
        if (a === undefined) {
          throw new HvError('usage', 'rolling back needs a confirmation', {
            fix: 'run it in a terminal, or pass --yes',
          });
        }
        return a.trim().toLowerCase() === 'yes';
      },
    },
    localContext(),
    { sudoCommand: sudoLine() },
  );
  if (ctx.globals.json) printJson({ ok: true, ...r });
  else process.stdout.write(`Rolled back: generation ${r.from ?? '?'} -> ${r.to}.\n${r.output}\n`);
  return 0;
}

export async function restartLibvirtd(ctx: CommandContext): Promise<number> {
  const r = await execute(hostOps().restartLibvirtd, {}, localContext(), {
    sudoCommand: sudoLine(),
  });
  if (ctx.globals.json) printJson({ ok: true, ...r });
  else process.stdout.write('libvirtd restarted. Running VMs kept running.\n');
  return 0;
}

export async function logs(ctx: CommandContext): Promise<number> {
  const unit = typeof ctx.options.unit === 'string' ? ctx.options.unit : 'libvirtd';
  const linesOpt = typeof ctx.options.lines === 'string' ? ctx.options.lines : '50';
  const lines = Number(linesOpt);
  if (!(logUnits as readonly string[]).includes(unit)) {
    throw new HvError('usage', `--unit must be one of ${logUnits.join(', ')}, not "${unit}"`, {
      fix: 'for example --unit libvirtd',
    });
  }
  if (!Number.isInteger(lines) || lines < 1 || lines > 10_000) {
    throw new HvError(
      'usage',
      `--lines must be a whole number from 1 to 10000, not "${linesOpt}"`,
      {
        fix: 'for example --lines 100',
      },
    );
  }
  const r = await execute(hostOps().logs, { unit, lines }, localContext());
  if (ctx.globals.json) printJson(r);
  else {
    if (r.note) process.stderr.write(`hv: ${r.note}\n`);
    if (r.lines.length) process.stdout.write(`${r.lines.join('\n')}\n`);
  }
  return 0;
}
