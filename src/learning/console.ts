// Everything the console's Learn screen needs, loaded with one dynamic import()
// when the learner opens it: the lessons, zod (progress) and libvirt (verifiers)
// stay off the console's start-up path.

export { achievementById } from './achievements.js';
export { lessonById, lessons } from './lessons/index.js';
export {
  corruptNotice,
  dismissSuggestion,
  loadProgress,
  type Progress,
  setStep,
  updateProgress,
} from './progress.js';
export {
  explanationLines,
  lessonNumber,
  statusMark,
  statusWord,
  suggestionFor,
  summaryLines,
  taskView,
  whereText,
} from './render.js';
export {
  checkTask,
  doneCount,
  hintsShown,
  type Learner,
  lessonVars,
  nextHint,
  nextLesson,
  openLearner,
  openTaskIndex,
  prepareTask,
  redoTask,
  startLessonNow,
  statusOf,
} from './service.js';
export { lessonSteps, usesVirsh, wrapText } from './text.js';
