// Who and where: the connection, phase and experience level the header shows.
import { createStore } from 'zustand/vanilla';
import type { ConnectionTarget } from '../adapters/connection.js';
import type { Phase } from '../base/phase.js';
import type { ExperienceLevel } from './settings.js';

export type ConnectionStatus = 'connecting' | 'connected' | 'lost' | 'error';

export interface SessionState {
  target: ConnectionTarget | undefined;
  status: ConnectionStatus;
  error: { message: string; fix?: string | undefined } | undefined;
  phase: Phase;
  experience: ExperienceLevel;
  showCommands: boolean;
  /** A one-line message for the footer (e.g. "settings were corrupt, kept at ..."). */
  notice: string | undefined;
}

export function createSessionStore(
  init: Pick<SessionState, 'phase' | 'experience' | 'showCommands'> & {
    notice?: string | undefined;
  },
) {
  return createStore<SessionState>()(() => ({
    target: undefined,
    status: 'connecting',
    error: undefined,
    notice: undefined,
    ...init,
  }));
}
export type SessionStore = ReturnType<typeof createSessionStore>;
