// The feature catalog: every hypervisor.* option hv can set, with its risk and the
// words the wizard shows. The data lives per category under features/; this file
// joins them in the order the wizard presents them and holds the shared texts.
import { backupFeatures } from './features/backup.js';
import { coreFeatures } from './features/core.js';
import { developerFeatures } from './features/developer.js';
import { experimentalFeatures } from './features/experimental.js';
import { integrationFeatures } from './features/integration.js';
import { monitoringFeatures } from './features/monitoring.js';
import { networkingFeatures } from './features/networking.js';
import { platformFeatures } from './features/platform.js';
import { securityFeatures } from './features/security.js';
import { storageFeatures } from './features/storage.js';
import { userExperienceFeatures } from './features/user-experience.js';
import type { Category, Feature, Profile, RiskLevel, RiskTolerance, Role } from './types.js';

export const features: readonly Feature[] = [
  ...coreFeatures,
  ...securityFeatures,
  ...networkingFeatures,
  ...storageFeatures,
  ...backupFeatures,
  ...monitoringFeatures,
  ...integrationFeatures,
  ...developerFeatures,
  ...userExperienceFeatures,
  ...platformFeatures,
  ...experimentalFeatures,
];

export const featureById: ReadonlyMap<string, Feature> = new Map(features.map((f) => [f.id, f]));

export const categoryInfo: Record<Category, { title: string; description: string }> = {
  core: {
    title: 'Core',
    description:
      'What every hv host has: libvirt for the VMs, access without sudo, and a record of changes.',
  },
  security: {
    title: 'Security',
    description: 'Firewall, SSH, auditing and hardening of the host that the VMs depend on.',
  },
  networking: {
    title: 'Networking',
    description:
      'How VMs reach each other, your network and the internet, and how you reach the host.',
  },
  storage: {
    title: 'Storage',
    description: 'Where VM disks live, how they are protected at rest and how space is saved.',
  },
  backup: {
    title: 'Backup',
    description: 'Snapshots and backups of the VMs and the host, on this machine and elsewhere.',
  },
  monitoring: {
    title: 'Monitoring',
    description: 'Figures about the host and the VMs, their history, graphs and alerts.',
  },
  integration: {
    title: 'Integration',
    description:
      'Connections to other systems: Kubernetes, Terraform, chat notifications, directories.',
  },
  developer: {
    title: 'Developer',
    description: 'Remote control of the VMs by programs, CI runners and development environments.',
  },
  'user-experience': {
    title: 'User experience',
    description:
      'Ways to use the host: web console, command-line conveniences, serial console, USB.',
  },
  platform: {
    title: 'Platform',
    description:
      'The machine underneath: hardware support, running inside VMware, containers and updates.',
  },
  experimental: {
    title: 'Experimental',
    description:
      'Powerful features with sharp edges: passthrough, live migration, nesting. Test before relying on them.',
  },
};

export const profileInfo: Record<Profile, { title: string; description: string }> = {
  minimal: {
    title: 'Minimal',
    description:
      'Only the safe core: VMs, access without sudo, the audit trail and a firewall that refuses by default. Add the rest yourself.',
  },
  balanced: {
    title: 'Balanced',
    description:
      'A sensible server: the core plus key-only SSH, login-failure bans, hardening, local backups and snapshots, metrics and automatic updates.',
  },
  full: {
    title: 'Full',
    description:
      'Nearly everything that does not carry high risk and needs no answers from you: monitoring with graphs, containers, VPN, network isolation and more.',
  },
  custom: {
    title: 'Custom',
    description: 'Starts with only the required features on; you choose every other one yourself.',
  },
};

export const roleInfo: Record<Role, { title: string; description: string }> = {
  server: {
    title: 'Server',
    description:
      'A machine in a rack or cupboard managed over the network: SSH and login-failure bans are on, desk-only conveniences are off.',
  },
  workstation: {
    title: 'Workstation',
    description:
      'A machine you sit at and run VMs on: command-line conveniences and USB devices into VMs are on.',
  },
  lab: {
    title: 'Lab',
    description:
      'A machine for experiments: nested virtualization, containers, memory sharing and development tools are on; automatic updates are off so nothing changes under a test.',
  },
  'vmware-guest': {
    title: 'VMware guest',
    description: 'hv itself runs inside a VMware virtual machine: VMware tools and drivers are on.',
  },
};

export const riskInfo: Record<RiskLevel, { symbol: string; label: string; meaning: string }> = {
  minimal: {
    symbol: '○',
    label: 'minimal',
    meaning: 'No meaningful effect on security; safe to turn on.',
  },
  low: {
    symbol: '◔',
    label: 'low',
    meaning: 'A small, well-understood exposure, such as one service reachable over the network.',
  },
  moderate: {
    symbol: '◑',
    label: 'moderate',
    meaning:
      'Changes who or what can reach the host or the VMs; read the impacts before turning it on.',
  },
  high: {
    symbol: '◕',
    label: 'high',
    meaning:
      'Gives other machines or hardware deep access; only with a clear need and the mitigations in place.',
  },
  critical: {
    symbol: '●',
    label: 'critical',
    meaning:
      'Exposes VMs or the host directly to untrusted networks; only if there is no other way.',
  },
};

export const toleranceInfo: Record<RiskTolerance, { title: string; explanation: string }> = {
  paranoid: {
    title: 'Paranoid',
    explanation:
      'Only features with no meaningful security effect are turned on without asking. Anything that opens a port or gives access needs you to confirm it by name.',
  },
  cautious: {
    title: 'Cautious',
    explanation:
      'Low-risk features such as SSH with keys are fine; anything moderate or above needs your confirmation. A good choice for most hosts.',
  },
  balanced: {
    title: 'Balanced',
    explanation:
      'Moderate risks such as a web console or a bridge to your local network are accepted; high and critical ones still need your confirmation.',
  },
  accepting: {
    title: 'Accepting',
    explanation:
      "Every risk level is accepted without confirmation. hv still shows each feature's impacts; you are expected to read them.",
  },
};
