// Small helpers the lessons share: verdicts and the words for common problems.
import type { Verdict } from '../types.js';

export const pass = (message: string): Verdict => ({ passed: true, message });
export const fail = (message: string): Verdict => ({ passed: false, message });

/** A demo object is gone (deleted by hand): how to get the demo back. */
export const missing = (what: string) =>
  fail(
    `There is no ${what} here. The demo comes back complete when it restarts: hv demo stop, then hv demo start.`,
  );

export const needAnswer = (example: string) =>
  fail(`Type your answer first, for example: ${example}`);
