// The setup wizard's steps as data: what each asks, the words it shows at each
// experience level, and who sees it. flow.ts decides the order and which steps
// apply to a given person and machine; the screens only draw them.

import type { ExperienceLevel } from '../base/settings-peek.js';
import { type Category, categories } from '../catalog/types.js';

export type FeatureStepId = `features:${Category}`;
export type StepId =
  | 'welcome'
  | 'experience'
  | 'risk'
  | 'host'
  | 'hardware'
  | 'profile'
  | 'role'
  | 'features'
  | FeatureStepId
  | 'acknowledge'
  | 'review'
  | 'write'
  | 'apply';

export type StepKind =
  | 'welcome'
  | 'choice'
  | 'host'
  | 'hardware'
  | 'features'
  | 'acknowledge'
  | 'review'
  | 'write'
  | 'apply';

/** When a step appears beyond its levels. */
export type StepCondition =
  /** Beginners see the role step only on a VMware guest (to offer that role). */
  | 'vmware-or-not-beginner'
  /** A category screen appears when it has something to show at the level. */
  | 'category-has-rows'
  /** Only while a high-risk or above-tolerance feature waits for its name. */
  | 'acknowledgements-pending';

export interface StepDef {
  id: StepId;
  kind: StepKind;
  title: string;
  /** Levels that see the step (subject to `when`). */
  levels: readonly ExperienceLevel[];
  when?: StepCondition;
  category?: Category;
  /** The explanation on the screen: a paragraph for beginners, a line or none for experts. */
  explain: Record<ExperienceLevel, string>;
}

const all: readonly ExperienceLevel[] = ['beginner', 'intermediate', 'expert'];

const categoryStep = (category: Category): StepDef => ({
  id: `features:${category}`,
  kind: 'features',
  title: `Features: ${category === 'user-experience' ? 'user experience' : category}`,
  levels: ['intermediate', 'expert'],
  when: 'category-has-rows',
  category,
  explain: {
    beginner: '',
    intermediate:
      'Recommended settings are already chosen. Space turns a feature on or off; i shows its impacts.',
    expert: '',
  },
});

export const stepDefs: Record<StepId, StepDef> = {
  welcome: {
    id: 'welcome',
    kind: 'welcome',
    title: 'Welcome',
    levels: all,
    explain: {
      beginner:
        'This wizard turns this machine into a virtualization host. It asks a few questions, shows every change before making it, and can undo it. Your answers are saved after every step, so you can stop and continue later. Press Enter to accept what is highlighted.',
      intermediate:
        'Answers are saved after every step; Enter accepts the highlighted choice, Esc goes back.',
      expert: 'Enter accepts, Esc back. Drafts autosave.',
    },
  },
  experience: {
    id: 'experience',
    kind: 'choice',
    title: 'Experience',
    levels: all,
    explain: {
      beginner:
        'How much do you know about Linux servers and virtual machines? hv asks fewer questions and explains more for beginners. You can change this later.',
      intermediate: 'Sets how many questions and how much explanation you get.',
      expert: '',
    },
  },
  risk: {
    id: 'risk',
    kind: 'choice',
    title: 'Risk tolerance',
    levels: all,
    explain: {
      beginner:
        'Some features make the host reachable by more people or machines. Choose how much risk hv may accept without asking you. Anything above it stays off unless you confirm it by typing its name.',
      intermediate: 'Features above this level need your typed confirmation.',
      expert: '',
    },
  },
  host: {
    id: 'host',
    kind: 'host',
    title: 'Host basics',
    levels: all,
    explain: {
      beginner:
        'The name of this machine, its time zone, and your own account. Paste your SSH public key (the .pub file) to log in from another computer with a key instead of a password.',
      intermediate: 'Hostname, time zone, admin account and SSH public keys (key-only login).',
      expert: '',
    },
  },
  hardware: {
    id: 'hardware',
    kind: 'hardware',
    title: 'Hardware',
    levels: ['beginner', 'intermediate'],
    explain: {
      beginner:
        'What hv found in this machine. Some features need particular hardware; those this machine lacks are shown as unavailable, with the reason.',
      intermediate: 'Detected facts; features whose requirements are missing are shown disabled.',
      expert: '',
    },
  },
  profile: {
    id: 'profile',
    kind: 'choice',
    title: 'Profile',
    levels: all,
    explain: {
      beginner:
        'A profile is a starting set of features. "Balanced" suits most hosts; you can still turn single features on or off afterwards.',
      intermediate: 'The starting set of features; adjust them per category next.',
      expert: '',
    },
  },
  role: {
    id: 'role',
    kind: 'choice',
    title: 'Role',
    levels: all,
    when: 'vmware-or-not-beginner',
    explain: {
      beginner:
        'This machine runs inside VMware. The "VMware guest" role adds the VMware tools and drivers it needs.',
      intermediate: 'What the machine is used for; each role adjusts the profile a little.',
      expert: '',
    },
  },
  features: {
    id: 'features',
    kind: 'features',
    title: 'Features',
    levels: ['beginner'],
    explain: {
      beginner:
        'These are the features for your host, with safe ones already chosen. Space turns the highlighted one on or off, i explains its risks. Press Enter when it looks right.',
      intermediate: '',
      expert: '',
    },
  },
  ...(Object.fromEntries(categories.map((c) => [`features:${c}`, categoryStep(c)])) as Record<
    FeatureStepId,
    StepDef
  >),
  acknowledge: {
    id: 'acknowledge',
    kind: 'acknowledge',
    title: 'Confirm risky features',
    levels: all,
    when: 'acknowledgements-pending',
    explain: {
      beginner:
        'You chose a feature with a high risk or one above your tolerance. Read what it changes, then type its name to turn it on, or press Enter to leave it off.',
      intermediate:
        'Type the feature name to accept its risk; Enter on an empty field leaves it off.',
      expert: 'Type the id to accept; empty Enter declines.',
    },
  },
  review: {
    id: 'review',
    kind: 'review',
    title: 'Review',
    levels: all,
    explain: {
      beginner:
        'What will be on and why, the NixOS configuration hv generated, and what changes compared with the files there now. Nothing is written yet.',
      intermediate: 'Plan, generated Nix and the diff against the files there now.',
      expert: '',
    },
  },
  write: {
    id: 'write',
    kind: 'write',
    title: 'Write',
    levels: all,
    explain: {
      beginner:
        'hv writes the configuration files now. Files it wrote before are kept as a backup; files you edited by hand or that hv did not write are never overwritten.',
      intermediate: 'Atomic writes with backups; hand-edited files are refused.',
      expert: '',
    },
  },
  apply: {
    id: 'apply',
    kind: 'apply',
    title: 'Apply',
    levels: all,
    explain: {
      beginner:
        'hv builds the new configuration, tries it, asks whether to keep it, and only then makes it the default. If you do not answer within a minute it goes back by itself.',
      intermediate: 'nixos-rebuild dry-build, test, confirm (auto-revert), switch.',
      expert: '',
    },
  },
};

/** The canonical order; flow.ts filters it per person and machine. */
export const stepOrder: readonly StepId[] = [
  'welcome',
  'experience',
  'risk',
  'host',
  'hardware',
  'profile',
  'role',
  'features',
  ...categories.map((c): FeatureStepId => `features:${c}`),
  'acknowledge',
  'review',
  'write',
  'apply',
];

export const isStepId = (s: string): s is StepId => (stepOrder as readonly string[]).includes(s);

export const isFeatureStep = (s: StepId): boolean => stepDefs[s].kind === 'features';
