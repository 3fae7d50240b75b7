// How a VM state looks: symbol + word + colour, so it reads without colour
// (NO_COLOR, serial consoles, screen readers) and at a glance with it.
import type { DomainState } from '../adapters/hypervisor.js';

export interface StateLook {
  symbol: string;
  color: string | undefined;
}

export const stateLook: Record<DomainState, StateLook> = {
  running: { symbol: '▶', color: 'green' },
  paused: { symbol: '‖', color: 'yellow' },
  'shut off': { symbol: '■', color: undefined },
  'shutting down': { symbol: '↓', color: 'yellow' },
  crashed: { symbol: '✕', color: 'red' },
  suspended: { symbol: '‖', color: 'yellow' },
  blocked: { symbol: '…', color: 'yellow' },
  'no state': { symbol: '?', color: undefined },
};

/** "▶ running": the text the badge shows (and plain mode prints). */
export const stateText = (s: DomainState) => `${stateLook[s].symbol} ${s}`;
