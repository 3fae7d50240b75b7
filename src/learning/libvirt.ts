// What the verifiers ask libvirt, and how preparation puts the demo back in a
// task's starting state. Plain virsh queries on the lesson's connection, parsed
// here so the lessons read as sentences. Nothing here knows how hv's own VM
// commands are built: a task done with hv or with virsh is judged the same way.
import { isHvError } from '../base/errors.js';
import type { TaskContext } from './types.js';

export interface DomState {
  /** libvirt's words: "running", "shut off", "paused"... */
  state: string;
  /** Why it is in that state: "booted", "shutdown", "destroyed", "user"... */
  reason: string;
}

/** Undefined when no VM has that name. */
export async function domState(ctx: TaskContext, vm: string): Promise<DomState | undefined> {
  try {
    const out = (await ctx.virsh(['domstate', vm, '--reason'])).trim();
    const m = /^(.*?)\s*\(([^)]*)\)\s*$/.exec(out);
    return m ? { state: m[1]!.trim(), reason: m[2]!.trim() } : { state: out, reason: '' };
  } catch (e) {
    if (isHvError(e) && e.kind === 'not-found') return undefined;
    throw e;
  }
}

export async function domainNames(ctx: TaskContext, which: 'all' | 'running'): Promise<string[]> {
  const flag = which === 'all' ? '--all' : '--state-running';
  return lines(await ctx.virsh(['list', flag, '--name']));
}

export interface DomInfo {
  vcpus: number;
  memoryKiB: number;
  persistent: boolean;
}

export async function domInfo(ctx: TaskContext, vm: string): Promise<DomInfo | undefined> {
  let out: string;
  try {
    out = await ctx.virsh(['dominfo', vm]);
  } catch (e) {
    if (isHvError(e) && e.kind === 'not-found') return undefined;
    throw e;
  }
  const field = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(out)?.[1]?.trim();
  return {
    vcpus: Number.parseInt(field('CPU\\(s\\)') ?? '0', 10) || 0,
    memoryKiB: Number.parseInt(field('Max memory') ?? '0', 10) || 0,
    persistent: field('Persistent') === 'yes',
  };
}

export async function snapshotNames(ctx: TaskContext, vm: string): Promise<string[]> {
  return lines(await ctx.virsh(['snapshot-list', vm, '--name']));
}

/** The snapshot the VM was last reverted to (or last taken); undefined when none. */
export async function currentSnapshot(ctx: TaskContext, vm: string): Promise<string | undefined> {
  try {
    return (await ctx.virsh(['snapshot-current', vm, '--name'])).trim() || undefined;
  } catch (e) {
    // "domain has no current snapshot" is an answer, not a failure.
    if (isHvError(e) && /no current snapshot/i.test(`${e.message} ${e.detail ?? ''}`)) {
      return undefined;
    }
    throw e;
  }
}

/** Undefined when no network has that name. */
export async function networkActive(ctx: TaskContext, net: string): Promise<boolean | undefined> {
  try {
    const out = await ctx.virsh(['net-info', net]);
    return /^Active:\s*yes/m.test(out);
  } catch (e) {
    if (isHvError(e) && e.kind === 'not-found') return undefined;
    throw e;
  }
}

export interface Interface {
  type: string;
  source: string;
  mac: string;
}

/** `virsh domiflist`: the VM's network cards and what each is plugged into. */
export async function interfaces(ctx: TaskContext, vm: string): Promise<Interface[]> {
  const out = await ctx.virsh(['domiflist', vm]);
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length >= 5 && /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i.test(f[4]!))
    .map((f) => ({ type: f[1]!, source: f[2]!, mac: f[4]! }));
}

export async function volumeNames(ctx: TaskContext, pool: string): Promise<string[]> {
  const out = await ctx.virsh(['vol-list', pool]);
  return out
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^Name\s+Path/.test(l) && !/^-+$/.test(l))
    .map((l) => l.split(/\s{2,}/)[0]!)
    .filter(Boolean);
}

const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

// Preparation: put one object back where a task starts. Each does nothing when
// it is already so, and nothing at all on any libvirt but the demo: a learner who
// chose their own connection sets the starting state up themselves.

export async function ensureRunning(ctx: TaskContext, vm: string): Promise<void> {
  if (!ctx.isDemo) return;
  const s = await domState(ctx, vm);
  if (s?.state === 'paused') await ctx.virsh(['resume', vm]);
  else if (s && s.state !== 'running') await ctx.virsh(['start', vm]);
}

export async function ensureShutOff(ctx: TaskContext, vm: string): Promise<void> {
  if (!ctx.isDemo) return;
  const s = await domState(ctx, vm);
  if (s && s.state !== 'shut off') await ctx.virsh(['destroy', vm]);
}

export async function ensurePaused(ctx: TaskContext, vm: string): Promise<void> {
  if (!ctx.isDemo) return;
  await ensureRunning(ctx, vm);
  const s = await domState(ctx, vm);
  if (s?.state === 'running') await ctx.virsh(['suspend', vm]);
}

export async function ensureNoDomain(ctx: TaskContext, vm: string): Promise<void> {
  if (!ctx.isDemo) return;
  const s = await domState(ctx, vm);
  if (!s) return;
  if (s.state !== 'shut off') await ctx.virsh(['destroy', vm]);
  await ctx.virsh(['undefine', vm, '--snapshots-metadata']);
}

export async function ensureNoSnapshot(ctx: TaskContext, vm: string, snap: string): Promise<void> {
  if (!ctx.isDemo) return;
  if ((await snapshotNames(ctx, vm)).includes(snap)) {
    await ctx.virsh(['snapshot-delete', vm, snap]);
  }
}

export async function ensureNetworkInactive(ctx: TaskContext, net: string): Promise<void> {
  if (!ctx.isDemo) return;
  if ((await networkActive(ctx, net)) === true) await ctx.virsh(['net-destroy', net]);
}

export async function ensureNoVolume(ctx: TaskContext, pool: string, vol: string): Promise<void> {
  if (!ctx.isDemo) return;
  if ((await volumeNames(ctx, pool)).includes(vol)) {
    await ctx.virsh(['vol-delete', vol, '--pool', pool]);
  }
}

/** Normalizes a typed answer for comparison: case, quotes and spaces do not matter. */
export function normalize(answer: string | undefined): string {
  return (answer ?? '')
    .trim()
    .toLowerCase()
    .replace(/^["'`]+|["'`.]+$/g, '')
    .replace(/\s+/g, ' ');
}

/** "yes"/"y"/"true" -> true, "no"/"n"/"false" -> false, anything else undefined. */
export function yesNo(answer: string | undefined): boolean | undefined {
  const a = normalize(answer);
  if (['yes', 'y', 'true'].includes(a)) return true;
  if (['no', 'n', 'false'].includes(a)) return false;
  return undefined;
}

/** The first whole number in an answer ("3", "3 VMs", "three" is not one). */
export function numberIn(answer: string | undefined): number | undefined {
  const m = /-?\d+/.exec(answer ?? '');
  return m ? Number.parseInt(m[0], 10) : undefined;
}
