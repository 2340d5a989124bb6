// Public surface of @cspr/projector: used by services/platform (`npm start`) and the benchmark.
export {
  createProjector,
  type Projector,
  type ProjectorOptions,
  type ProjectorLogger,
  type ProjectorStatusSnapshot,
} from './projector';
export type { RebuildOptions, RebuildProgress, RebuildResult } from './rebuild';
export { createProgressBar, formatProgress } from './progress-bar';
export { createHealthServer } from './health-server';
export { generateSampleLog, sealPseudonyms, type StreamAppend } from './sample-log';
export { projectorLagCheck, projectorReadiness } from './projector-readiness';
