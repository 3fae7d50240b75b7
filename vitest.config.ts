import { defineConfig } from 'vitest/config';

// Unit and screen tests live beside the code they test (src/**/*.test.ts[x]);
// tests/ holds what crosses modules: real-terminal e2e (tmux), Nix evaluation, CLI.
export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'tests/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: files run in parallel, tmux e2e files each own a private tmux server and demo.
    maxWorkers: 2,
    reporters: ['default', './tests/summary-reporter.ts'],
  },
});
