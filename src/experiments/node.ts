// The Node-only part of the experiments layer: sweeps on worker threads with resumable run
// logs, shard merging, and writing report files.
export * from './index.js';
export { runSweep, scenarioGrid, logPath } from './runner.js';
export type { SweepOptions, ScenarioProgress, ScenarioOutcome } from './runner.js';
export { WorkerPool, ScenarioRunFailed } from './pool.js';
export { mergeRuns, MergeFailed } from './merge.js';
export { loadScenarios, scenarioModuleUrl, selectScenarios, SCENARIOS_ENV } from './registry.js';
export { readLog, configKey, gridHash } from './jsonl.js';
export { codeFingerprint } from './fingerprint.js';
export { scenarioReport, checkCounts } from './report/model.js';
export { writeReport } from './report/write.js';
export { nodeDocument } from './report/dom.js';
export { versions, machine } from './report/environment.js';
