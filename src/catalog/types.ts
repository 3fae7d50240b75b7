// The shape of the feature catalog: pure data, no I/O. Every feature maps onto one
// `hypervisor.*` NixOS option (declared in nix-templates/) whose `enable` turns it
// on and whose other attributes are the feature's parameters.
import type { HardwareFacts } from '../base/hardware.js';
import type { ExperienceLevel } from '../base/settings-peek.js';

export const riskLevels = ['minimal', 'low', 'moderate', 'high', 'critical'] as const;
export type RiskLevel = (typeof riskLevels)[number];

export const riskTolerances = ['paranoid', 'cautious', 'balanced', 'accepting'] as const;
export type RiskTolerance = (typeof riskTolerances)[number];

export const categories = [
  'core',
  'security',
  'networking',
  'storage',
  'backup',
  'monitoring',
  'integration',
  'developer',
  'user-experience',
  'platform',
  'experimental',
] as const;
export type Category = (typeof categories)[number];

export const profiles = ['minimal', 'balanced', 'full', 'custom'] as const;
export type Profile = (typeof profiles)[number];

export const roles = ['server', 'workstation', 'lab', 'vmware-guest'] as const;
export type Role = (typeof roles)[number];

/** What the machine must have or be for a feature to work. */
export type Requirement =
  | { kind: 'cpu-virtualization' } // vmx/svm flags and /dev/kvm
  | { kind: 'iommu' } // IOMMU groups present
  | { kind: 'ram'; minGiB: number }
  | { kind: 'cores'; min: number }
  | { kind: 'nics'; min: number }
  | { kind: 'gpu' } // a GPU besides the one the host console uses
  | { kind: 'vmware-guest' } // running inside VMware
  | { kind: 'bare-metal' } // not inside another hypervisor
  | { kind: 'btrfs-root' }; // the root filesystem is btrfs

/**
 * A feature parameter. The same spec yields the zod schema for answer files and
 * screens and the Nix option type in nix-templates (tests check they agree).
 * Secrets are never values: a secret is always a `secret-file` path string,
 * read at runtime on the host and never copied into the Nix store.
 */
export type ParamSpec = {
  title: string;
  help: string;
} & (
  | {
      type: 'string';
      default?: string;
      pattern?: RegExp;
      patternMessage?: string;
      example?: string;
    }
  | { type: 'secret-file'; default?: string; example: string }
  | { type: 'int'; default: number; min?: number; max?: number; unit?: string }
  | { type: 'port'; default: number }
  | { type: 'bool'; default: boolean }
  | { type: 'enum'; values: readonly string[]; default: string }
  | {
      type: 'string-list';
      default: readonly string[];
      itemPattern?: RegExp;
      patternMessage?: string;
    }
);

export interface Feature {
  /** camelCase id used in answer files: features.<id>. */
  id: string;
  title: string;
  /** Plain-language description for the people who read it. */
  description: string;
  category: Category;
  risk: RiskLevel;
  /** What enabling it changes for security and operations. */
  impacts: readonly string[];
  /** How the risk is reduced (by hv's defaults or by the user). */
  mitigations: readonly string[];
  requires: readonly Requirement[];
  /** Other features this one needs; they are enabled with it, saying why. */
  depends: readonly string[];
  /** Features that cannot be on together with this one. */
  conflicts: readonly string[];
  /** The lowest experience level at which the wizard offers it. */
  minLevel: ExperienceLevel;
  /** May it be switched in the hardened phase? */
  hardenedMutable: boolean;
  /** Always on (core features hv itself relies on). */
  required?: boolean;
  /** The NixOS option path, without `.enable`: e.g. "hypervisor.backup.remote". */
  option: string;
  params: Readonly<Record<string, ParamSpec>>;
  /** Profiles that turn it on by default (custom turns on nothing by itself). */
  profiles: readonly Exclude<Profile, 'custom'>[];
  /** Roles that turn it on by default, or off even when the profile has it. */
  roles?: Partial<Record<Role, 'on' | 'off'>>;
}

export type { HardwareFacts };

const order = Object.fromEntries(riskLevels.map((r, i) => [r, i])) as Record<RiskLevel, number>;

export const riskRank = (r: RiskLevel) => order[r];

/** The highest risk each tolerance accepts without an acknowledgement. */
export const toleranceCeiling: Record<RiskTolerance, RiskLevel> = {
  paranoid: 'minimal',
  cautious: 'low',
  balanced: 'moderate',
  accepting: 'critical',
};

export const aboveTolerance = (risk: RiskLevel, tolerance: RiskTolerance) =>
  riskRank(risk) > riskRank(toleranceCeiling[tolerance]);
