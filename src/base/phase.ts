// The two phases of seed 000, by name: setup (permissive) and hardened
// (restrictive). Which one is in force is read by security/phase.ts.
export type Phase = 'setup' | 'hardened';
