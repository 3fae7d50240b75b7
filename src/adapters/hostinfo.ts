// What the Host screen and `hv host info` show: this machine's name, addresses,
// uptime, load, memory, the libvirt daemon and the NixOS generation. Every probe
// reads /proc, /etc or the Nix profile directly, or runs one small command, and
// degrades to a plain "unknown" or "not NixOS" rather than failing.
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { cpus, hostname, loadavg, networkInterfaces, release, totalmem, uptime } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { systemProfile } from './nixos.js';
import { run } from './run.js';
import { findExecutable } from './which.js';

type Env = Record<string, string | undefined>;

export interface HostAddress {
  iface: string;
  address: string;
  family: 'IPv4' | 'IPv6';
}

export type DaemonState =
  | 'active'
  | 'socket-activated'
  | 'inactive'
  | 'failed'
  | 'activating'
  | 'running'
  | 'not running'
  | 'not installed'
  | 'unknown';

export interface DaemonStatus {
  state: DaemonState;
  /** How it was found out, in words ("systemctl is-active libvirtd", "no systemd: process check"). */
  detail: string;
}

export interface Generation {
  number: number;
  /** When the generation was made (the profile link's time). */
  date: string;
  /** The store path it points to. */
  target: string;
  current: boolean;
  /** e.g. "24.11.20250101.abcdef" when the generation records it. */
  nixosVersion?: string | undefined;
}

export interface NixosFacts {
  isNixos: boolean;
  current?: Generation | undefined;
  generations: number;
}

export interface HostInfo {
  hostname: string;
  os: string;
  kernel: string;
  addresses: HostAddress[];
  uptimeSeconds: number;
  load: [number, number, number];
  cpus: number;
  memory: { totalKiB: number; availableKiB: number };
  libvirtd: DaemonStatus;
  nixos: NixosFacts;
}

const read = (p: string) => {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return '';
  }
};

/** Non-loopback addresses, IPv4 first; link-local IPv6 (fe80::) left out as noise. */
export function hostAddresses(
  ifaces: ReturnType<typeof networkInterfaces> = networkInterfaces(),
): HostAddress[] {
  const out: HostAddress[] = [];
  for (const [iface, addrs] of Object.entries(ifaces)) {
    for (const a of addrs ?? []) {
      if (a.internal) continue;
      if (a.family === 'IPv6' && a.address.toLowerCase().startsWith('fe80:')) continue;
      out.push({ iface, address: a.address, family: a.family === 'IPv6' ? 'IPv6' : 'IPv4' });
    }
  }
  return out.sort((x, y) => (x.family === y.family ? 0 : x.family === 'IPv4' ? -1 : 1));
}

export function parseMeminfo(text: string): { totalKiB: number; availableKiB: number } {
  const kib = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)\\s+kB`, 'm').exec(text)?.[1]);
  const total = kib('MemTotal');
  const available = kib('MemAvailable');
  return {
    totalKiB: Number.isFinite(total) ? total : Math.round(totalmem() / 1024),
    availableKiB: Number.isFinite(available) ? available : 0,
  };
}

export function osName(osRelease = read('/etc/os-release')): string {
  const m = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(osRelease);
  return m?.[1] || 'Linux';
}

export function isNixos(env: Env = process.env): boolean {
  // HV_NIXOS_PROFILE (nixos.ts) stands for the system profile in tests.
  if (env.HV_NIXOS_PROFILE) return existsSync(env.HV_NIXOS_PROFILE);
  return existsSync('/etc/NIXOS') || existsSync('/run/current-system/nixos-version');
}

/** Generations of the system profile, newest first, read from the profile's links. */
export function listGenerations(env: Env = process.env): Generation[] {
  const profile = systemProfile(env);
  const dir = dirname(profile);
  const name = basename(profile);
  let current: string | undefined;
  try {
    current = basename(readlinkSync(profile));
  } catch {
    current = undefined;
  }
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  const pattern = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)-link$`);
  const out: Generation[] = [];
  for (const e of entries) {
    const m = pattern.exec(e);
    if (!m) continue;
    const link = join(dir, e);
    let target = '';
    let date = '';
    try {
      target = readlinkSync(link);
      date = lstatSync(link).mtime.toISOString();
    } catch {
      continue;
    }
    const version = read(join(link, 'nixos-version')).trim();
    out.push({
      number: Number(m[1]),
      date,
      target,
      current: e === current,
      ...(version ? { nixosVersion: version } : {}),
    });
  }
  return out.sort((a, b) => b.number - a.number);
}

export function nixosFacts(env: Env = process.env): NixosFacts {
  if (!isNixos(env)) return { isNixos: false, generations: 0 };
  const gens = listGenerations(env);
  return { isNixos: true, current: gens.find((g) => g.current), generations: gens.length };
}

/** systemd runs this machine (false in containers and on non-systemd hosts). */
export const systemdRunning = () => existsSync('/run/systemd/system');

/** Process names (comm) of running processes, from /proc. */
function runningCommands(): string[][] {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return [];
  }
  return pids.map((p) => read(`/proc/${p}/cmdline`).split('\0'));
}

export async function libvirtdStatus(): Promise<DaemonStatus> {
  if (systemdRunning() && findExecutable('systemctl')) {
    const state = async (unit: string) =>
      (await run('systemctl', ['is-active', unit], { timeoutMs: 5000 })).stdout.trim();
    try {
      const svc = await state('libvirtd.service');
      if (svc === 'active' || svc === 'failed' || svc === 'activating') {
        return { state: svc, detail: 'systemctl is-active libvirtd.service' };
      }
      if ((await state('libvirtd.socket')) === 'active') {
        return {
          state: 'socket-activated',
          detail: 'libvirtd.socket is listening; the daemon starts on first use',
        };
      }
      if (!findExecutable('libvirtd')) return { state: 'not installed', detail: 'no libvirtd' };
      return { state: 'inactive', detail: 'systemctl is-active libvirtd.service' };
    } catch {
      return { state: 'unknown', detail: 'systemctl did not answer' };
    }
  }
  if (!findExecutable('libvirtd')) {
    return { state: 'not installed', detail: 'libvirtd is not installed on this machine' };
  }
  // No systemd (a container, or another init): look for a system libvirtd process.
  // hv's own demo daemon is not it: it runs with a private config under its demo folder.
  const system = runningCommands().some(
    (argv) =>
      basename(argv[0] ?? '') === 'libvirtd' &&
      !argv.some((a) => a.includes('hv-demo') || a.includes('--timeout')),
  );
  return system
    ? { state: 'running', detail: 'no systemd here: found a libvirtd process' }
    : { state: 'not running', detail: 'no systemd here, and no system libvirtd process' };
}

export async function hostInfo(env: Env = process.env): Promise<HostInfo> {
  const l = loadavg();
  return {
    hostname: hostname(),
    os: osName(),
    kernel: release(),
    addresses: hostAddresses(),
    uptimeSeconds: Math.round(uptime()),
    load: [l[0] ?? 0, l[1] ?? 0, l[2] ?? 0],
    cpus: cpus().length,
    memory: parseMeminfo(read('/proc/meminfo')),
    libvirtd: await libvirtdStatus(),
    nixos: nixosFacts(env),
  };
}

export interface JournalRead {
  lines: string[];
  /** What limited the view, e.g. not in the systemd-journal group, or no journal here. */
  note?: string | undefined;
}

/** The last lines journald holds for a unit. */
export async function readJournal(unit: string, lines: number): Promise<JournalRead> {
  const r = await run(
    'journalctl',
    // Not --quiet: it would also hide the warning that a normal user sees only part.
    ['--unit', unit, '--lines', String(lines), '--no-pager', '--output', 'short-iso'],
    { timeoutMs: 15_000 },
  );
  const out = r.stdout.split('\n').filter((x) => x.trim() !== '' && !x.startsWith('-- '));
  const err = r.stderr.trim();
  let note: string | undefined;
  if (/not seeing messages from other users|Users in groups/i.test(err)) {
    note =
      'you see only part of the journal: members of the systemd-journal (or adm) group see all of it, or run the command as root';
  } else if (/No journal files were found/i.test(err) || (r.exitCode !== 0 && !out.length)) {
    note = err.split('\n')[0] || 'journalctl found no journal on this machine';
  } else if (out.length === 0) {
    note = `the journal holds no entries for ${unit} on this machine`;
  }
  return { lines: out, note };
}
