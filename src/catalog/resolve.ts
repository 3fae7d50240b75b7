// resolve(): answers + hardware + phase -> a plan in which every feature is on or
// off WITH ITS REASON. Pure and deterministic: the same inputs give the same plan,
// in catalog order.
import type { Phase } from '../base/phase.js';
import { effectiveParams } from './params.js';
import {
  aboveTolerance,
  type Feature,
  type HardwareFacts,
  type Profile,
  type Requirement,
  type RiskTolerance,
  type Role,
  toleranceCeiling,
} from './types.js';

export type Reason =
  | { kind: 'required' }
  | { kind: 'chosen' }
  | { kind: 'dependency'; of: string[] }
  | { kind: 'role-default'; role: Role }
  | { kind: 'profile-default'; profile: Profile }
  | { kind: 'kept-hardened' }
  | { kind: 'not-selected' }
  | { kind: 'declined' }
  | { kind: 'role-excluded'; role: Role }
  | { kind: 'blocked-risk'; tolerance: RiskTolerance }
  | { kind: 'blocked-hardware'; missing: Requirement[] }
  | { kind: 'blocked-conflict'; with: string }
  | { kind: 'blocked-dependency'; needs: string }
  | { kind: 'locked-hardened' };

export interface PlanItem {
  id: string;
  enabled: boolean;
  reason: Reason;
  params: Record<string, unknown>;
}

/** Something the person must settle before the plan can be applied. */
export interface PlanProblem {
  path: string;
  message: string;
}

export interface Plan {
  items: PlanItem[];
  enabled: string[];
  problems: PlanProblem[];
}

export interface ResolveInput {
  features: readonly Feature[];
  profile: Profile;
  role: Role;
  riskTolerance: RiskTolerance;
  /** features.<id> from the answers: enable and parameters. */
  choices: Readonly<Record<string, { enable?: boolean | undefined } & Record<string, unknown>>>;
  acknowledged: readonly string[];
  hardware: HardwareFacts;
  phase: Phase;
  /** In the hardened phase: the features on in the configuration now in force. */
  current?: readonly string[];
  sshKeys: number;
}

export function missingRequirements(f: Feature, hw: HardwareFacts): Requirement[] {
  return f.requires.filter((r) => {
    switch (r.kind) {
      case 'cpu-virtualization':
        return !hw.cpuVirtualization;
      case 'iommu':
        return !hw.iommu;
      case 'ram':
        return hw.ramGiB < r.minGiB;
      case 'cores':
        return hw.cores < r.min;
      case 'nics':
        return hw.nics < r.min;
      case 'gpu':
        return hw.gpus < 1;
      case 'vmware-guest':
        return hw.virtualization !== 'vmware';
      case 'bare-metal':
        return hw.virtualization !== 'none';
      case 'btrfs-root':
        return hw.rootFilesystem !== 'btrfs';
    }
    return false;
  });
}

export function describeRequirement(r: Requirement): string {
  switch (r.kind) {
    case 'cpu-virtualization':
      return 'CPU virtualization (Intel VT-x / AMD-V, /dev/kvm)';
    case 'iommu':
      return 'an IOMMU (enable VT-d / AMD-Vi in the firmware)';
    case 'ram':
      return `at least ${r.minGiB} GiB of RAM`;
    case 'cores':
      return `at least ${r.min} CPU cores`;
    case 'nics':
      return `at least ${r.min} network interfaces`;
    case 'gpu':
      return 'a GPU to hand to a VM';
    case 'vmware-guest':
      return 'running inside VMware';
    case 'bare-metal':
      return 'running on real hardware, not inside another hypervisor';
    case 'btrfs-root':
      return 'a btrfs root filesystem';
  }
}

// Lower number wins when two wanted features conflict.
const priority: Record<string, number> = {
  required: 0,
  'kept-hardened': 1,
  chosen: 2,
  dependency: 3,
  'role-default': 4,
  'profile-default': 5,
};

export function resolve(input: ResolveInput): Plan {
  const byId = new Map(input.features.map((f) => [f.id, f]));
  const problems: PlanProblem[] = [];
  const choice = (id: string) => input.choices[id]?.enable;
  const locked = (f: Feature) => input.phase === 'hardened' && !f.hardenedMutable;
  const currentlyOn = new Set(input.current ?? []);
  // Conflicts hold both ways, whichever side declares them.
  const rivals = new Map<string, Set<string>>(
    input.features.map((f) => [f.id, new Set(f.conflicts)]),
  );
  for (const f of input.features) for (const c of f.conflicts) rivals.get(c)?.add(f.id);

  // 1. What is wanted, and why (before dependencies and blocks).
  const wanted = new Map<string, Reason>();
  const off = new Map<string, Reason>();
  for (const f of input.features) {
    if (locked(f)) {
      if (currentlyOn.has(f.id)) wanted.set(f.id, { kind: 'kept-hardened' });
      else off.set(f.id, { kind: 'locked-hardened' });
      if (choice(f.id) !== undefined && choice(f.id) !== currentlyOn.has(f.id)) {
        problems.push({
          path: `features.${f.id}.enable`,
          message: `${f.title} cannot be changed in the hardened phase; unlock with \`hv phase unlock\` (root) first`,
        });
      }
      continue;
    }
    const roleSays = f.roles?.[input.role];
    if (f.required) wanted.set(f.id, { kind: 'required' });
    else if (choice(f.id) === true) wanted.set(f.id, { kind: 'chosen' });
    else if (choice(f.id) === false) off.set(f.id, { kind: 'declined' });
    else if (roleSays === 'on') wanted.set(f.id, { kind: 'role-default', role: input.role });
    else if (roleSays === 'off') off.set(f.id, { kind: 'role-excluded', role: input.role });
    else if (input.profile !== 'custom' && f.profiles.includes(input.profile)) {
      wanted.set(f.id, { kind: 'profile-default', profile: input.profile });
    } else off.set(f.id, { kind: 'not-selected' });
  }

  // 2. Pull in dependencies, recording who needs them.
  const queue = [...wanted.keys()];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const dep of byId.get(id)?.depends ?? []) {
      const existing = wanted.get(dep);
      if (existing?.kind === 'dependency') {
        if (!existing.of.includes(id)) existing.of.push(id);
        continue;
      }
      if (existing) continue;
      const depFeature = byId.get(dep);
      if (!depFeature) continue;
      if (choice(dep) === false || locked(depFeature)) continue; // blocked below
      off.delete(dep);
      wanted.set(dep, { kind: 'dependency', of: [id] });
      queue.push(dep);
    }
  }

  // 3. Remove what cannot be on, until nothing changes: hardware, risk, missing
  //    dependencies, conflicts (the lower-priority side gives way).
  const blocked = new Map<string, Reason>();
  const block = (id: string, reason: Reason) => {
    wanted.delete(id);
    blocked.set(id, reason);
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const f of input.features) {
      const reason = wanted.get(f.id);
      if (!reason) continue;
      const missing = missingRequirements(f, input.hardware);
      if (missing.length > 0 && reason.kind !== 'required' && reason.kind !== 'kept-hardened') {
        block(f.id, { kind: 'blocked-hardware', missing });
        changed = true;
        continue;
      }
      if (
        aboveTolerance(f.risk, input.riskTolerance) &&
        !input.acknowledged.includes(f.id) &&
        reason.kind !== 'required' &&
        reason.kind !== 'kept-hardened'
      ) {
        block(f.id, { kind: 'blocked-risk', tolerance: input.riskTolerance });
        changed = true;
        continue;
      }
      const lost = f.depends.find((d) => !wanted.has(d));
      if (lost) {
        block(f.id, { kind: 'blocked-dependency', needs: lost });
        changed = true;
        continue;
      }
      const rival = [...(rivals.get(f.id) ?? [])].find((c) => wanted.has(c));
      if (rival) {
        const mine = priority[reason.kind] ?? 9;
        const theirs = priority[wanted.get(rival)!.kind] ?? 9;
        // Ties go to the feature earlier in the catalog, so the result is stable.
        const iLose =
          mine > theirs ||
          (mine === theirs &&
            input.features.findIndex((x) => x.id === rival) < input.features.indexOf(f));
        if (iLose) {
          block(f.id, { kind: 'blocked-conflict', with: rival });
          changed = true;
        }
      }
    }
    // A dependency wanted only by features that are now blocked is not needed.
    for (const [id, reason] of [...wanted]) {
      if (reason.kind !== 'dependency') continue;
      const still = reason.of.filter((o) => wanted.has(o));
      if (still.length === 0) {
        wanted.delete(id);
        off.set(id, { kind: 'not-selected' });
        changed = true;
      } else reason.of = still;
    }
  }

  // 4. Problems the person must settle: only for what they explicitly asked for.
  for (const [id, reason] of blocked) {
    if (choice(id) !== true) continue;
    const f = byId.get(id)!;
    problems.push({ path: `features.${id}.enable`, message: explainBlock(f, reason, byId) });
  }
  const sshOn = wanted.has('sshHardening');
  if (sshOn && input.sshKeys === 0) {
    problems.push({
      path: 'host.sshKeys',
      message:
        'key-only SSH login (sshHardening) needs at least one public key, or nobody could log in over SSH; add a key or set features.sshHardening.enable to false',
    });
  }

  const items: PlanItem[] = input.features.map((f) => {
    const on = wanted.get(f.id);
    const reason = on ?? blocked.get(f.id) ?? off.get(f.id) ?? { kind: 'not-selected' as const };
    const given = input.choices[f.id];
    return {
      id: f.id,
      enabled: on !== undefined,
      reason,
      params: on ? effectiveParams(f, given) : {},
    };
  });
  return { items, enabled: items.filter((i) => i.enabled).map((i) => i.id), problems };
}

export function explainBlock(
  f: Feature,
  reason: Reason,
  byId: ReadonlyMap<string, Feature>,
): string {
  const name = (id: string) => byId.get(id)?.title ?? id;
  switch (reason.kind) {
    case 'blocked-risk':
      return `${f.title} is ${f.risk} risk, above your "${reason.tolerance}" tolerance (up to ${toleranceCeiling[reason.tolerance]}); to enable it anyway, add "${f.id}" to acknowledged`;
    case 'blocked-hardware':
      return `${f.title} needs ${reason.missing.map(describeRequirement).join(' and ')}, which this machine lacks`;
    case 'blocked-conflict':
      return `${f.title} cannot be on together with ${name(reason.with)}; turn one of them off`;
    case 'blocked-dependency':
      return `${f.title} needs ${name(reason.needs)}, which is off or unavailable here`;
    default:
      return `${f.title} is off`;
  }
}

/** One line saying why a feature is on or off, for plans, comments and screens. */
export function describeReason(reason: Reason, byId: ReadonlyMap<string, Feature>): string {
  const name = (id: string) => byId.get(id)?.title ?? id;
  switch (reason.kind) {
    case 'required':
      return 'always on: hv relies on it';
    case 'chosen':
      return 'you chose it';
    case 'dependency':
      return `added because ${reason.of.map(name).join(', ')} ${reason.of.length > 1 ? 'need' : 'needs'} it`;
    case 'role-default':
      return `default for the ${reason.role} role`;
    case 'profile-default':
      return `part of the ${reason.profile} profile`;
    case 'kept-hardened':
      return 'kept as it is: the hardened phase locks it';
    case 'not-selected':
      return 'not selected';
    case 'declined':
      return 'you turned it off';
    case 'role-excluded':
      return `not used for the ${reason.role} role`;
    case 'blocked-risk':
      return `above your ${reason.tolerance} risk tolerance; needs your acknowledgement`;
    case 'blocked-hardware':
      return `unavailable: needs ${reason.missing.map(describeRequirement).join(' and ')}`;
    case 'blocked-conflict':
      return `conflicts with ${name(reason.with)}`;
    case 'blocked-dependency':
      return `needs ${name(reason.needs)}, which is off`;
    case 'locked-hardened':
      return 'locked: the hardened phase forbids turning it on';
  }
}
