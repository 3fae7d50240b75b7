// Every screen but home. Loaded with import() right after the first frame (see
// registry.ts), so Ink's first paint never waits for the VM, setup, learning, host
// and audit screens and the adapters they pull in.
import type { ScreenId } from '../state/router.js';
import { auditScreen } from './audit/AuditScreen.js';
import { homeScreen } from './home/HomeScreen.js';
import { homeItems } from './home/items.js';
import { hostScreen } from './host/HostScreen.js';
import { journalScreen } from './journal/JournalScreen.js';
import { learnScreen } from './learn/LearnScreen.js';
import { lessonScreen } from './learn/LessonScreen.js';
import { placeholderScreen } from './placeholder/PlaceholderScreen.js';
import { setupScreen } from './setup/SetupScreen.js';
import type { ScreenDef } from './types.js';
import { vmScreens } from './vms/screens.js';
import { vmListScreen } from './vms/VmListScreen.js';

const placeholders = Object.fromEntries(
  homeItems.filter((i) => i.notYet).map((i) => [i.id, placeholderScreen(i)]),
);

// Each area adds its screens here, one line each.
export const allScreens: Partial<Record<ScreenId, ScreenDef>> = {
  ...placeholders,
  home: homeScreen,
  host: hostScreen,
  audit: auditScreen,
  setup: setupScreen,
  vms: vmListScreen,
  ...vmScreens,
  learn: learnScreen,
  lesson: lessonScreen,
  journal: journalScreen,
};
