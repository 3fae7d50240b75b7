// Every lesson, in the order a beginner takes them.
import type { Lesson } from '../types.js';
import { hypervisorBasics, listAndStart } from './basics.js';
import { phases, privilege } from './host.js';
import { networks, storage } from './networks.js';
import { nixFeature } from './nix.js';
import { shutdownVsForceOff, vmConsole } from './power.js';
import { riskLevelsLesson } from './risk.js';
import { createFromTemplate, snapshots } from './snapshots.js';

export const lessons: readonly Lesson[] = [
  hypervisorBasics,
  listAndStart,
  shutdownVsForceOff,
  vmConsole,
  snapshots,
  createFromTemplate,
  networks,
  storage,
  riskLevelsLesson,
  nixFeature,
  privilege,
  phases,
];

export const lessonById: ReadonlyMap<string, Lesson> = new Map(lessons.map((l) => [l.id, l]));
