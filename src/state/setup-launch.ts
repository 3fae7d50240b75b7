// How the wizard was opened: by `hv setup` (flags) or from the home menu. Types
// only, so the console's first frame does not load the wizard's code.
import type { HardwareFacts } from '../catalog/types.js';
import type { Answers } from '../wizard/answers.js';

export interface SetupLaunch {
  /** Opened by `hv setup`: finishing the wizard leaves hv (else: back to home). */
  standalone: boolean;
  /** `hv setup --first-boot`: on tty1 until setup is complete. */
  firstBoot: boolean;
  /** --out DIR, resolved. Otherwise the default destination (named before writing). */
  outDir?: string;
  /** --force: replace hand-edited generated files (a backup is kept). */
  force: boolean;
  /** --hardware FILE: facts describing another machine instead of probing this one. */
  hardware?: { facts: HardwareFacts; file: string };
  /** --answers FILE without --non-interactive: start from that file, at the review. */
  answers?: { answers: Answers; file: string };
}
