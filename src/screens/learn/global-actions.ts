// Keys that work on every screen besides help, back and quit: "show me the
// command" ($), the journal (J) and the experience level (L). Each setting is
// saved at once, so the next session starts the same way.
import { errorMessage } from '../../base/errors.js';
import {
  type ExperienceLevel,
  experienceLevels,
  type SettingsV1,
} from '../../base/settings-peek.js';
import { currentScreen, push } from '../../state/router.js';
import { suggestionStore } from '../../state/suggestion.js';
import type { ScreenContext } from '../types.js';

export const nextLevel = (l: ExperienceLevel): ExperienceLevel =>
  experienceLevels[(experienceLevels.indexOf(l) + 1) % experienceLevels.length]!;

type Ctx = Pick<ScreenContext, 'stores'>;

/** Saves one change to the settings file; loaded lazily (zod) and never blocking a key. */
function persist(ctx: Ctx, change: Partial<SettingsV1>): void {
  void import('../../state/settings.js')
    .then(({ loadSettings, saveSettings }) => saveSettings({ ...loadSettings().value, ...change }))
    .catch((e: unknown) => {
      ctx.stores.session.setState({ notice: `Could not save the setting: ${errorMessage(e)}` });
    });
}

/** Handles a global action; false when it is not one of these. */
export function runGlobalAction(action: string, ctx: Ctx): boolean {
  const session = ctx.stores.session;
  switch (action) {
    case 'commands': {
      const showCommands = !session.getState().showCommands;
      session.setState({ showCommands });
      persist(ctx, { showCommands });
      return true;
    }
    case 'journal':
      if (currentScreen(ctx.stores.router.getState()) !== 'journal')
        push(ctx.stores.router, 'journal');
      return true;
    case 'level': {
      const experience = nextLevel(session.getState().experience);
      session.setState({ experience });
      persist(ctx, { experience });
      // A suggestion for the level now chosen (or a lower one) has been taken.
      const s = suggestionStore.getState().suggestion;
      if (s && experienceLevels.indexOf(s.level) <= experienceLevels.indexOf(experience)) {
        suggestionStore.setState({ suggestion: undefined });
      }
      return true;
    }
    default:
      return false;
  }
}
