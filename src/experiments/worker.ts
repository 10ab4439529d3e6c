// A worker thread of the pool. It loads the kernels and the scenario list once, then runs the
// batches of configs it is sent and posts one message per finished config, so the main thread
// can write each row the moment it exists.
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { init } from '../core/wasm.js';
import { loadScenarios } from './registry.js';
import type { ToWorker, FromWorker } from './messages.js';

const port = parentPort!;
const post = (message: FromWorker) => port.postMessage(message);

try {
  await init();
  const scenarios = new Map((await loadScenarios(workerData.moduleUrl as string))
    .map((s) => [s.id, s]));

  port.on('message', (batch: ToWorker) => {
    const scenario = scenarios.get(batch.scenario);
    for (const { index, config } of batch.items) {
      const start = performance.now();
      try {
        if (!scenario) {
          throw new Error(`no scenario '${batch.scenario}' in ${workerData.moduleUrl}`);
        }
        const rows = scenario.run(config);
        post({ type: 'result', scenario: batch.scenario, index, rows,
          ms: performance.now() - start });
      } catch (err) {
        const e = err instanceof Error ? err : new Error(String(err));
        post({ type: 'error', scenario: batch.scenario, index,
          message: `${e.name}: ${e.message}`, stack: e.stack ?? '' });
      }
    }
  });
  post({ type: 'ready' });
} catch (err) {
  const e = err instanceof Error ? err : new Error(String(err));
  post({ type: 'error', scenario: '', index: -1, message: `worker start: ${e.message}`,
    stack: e.stack ?? '' });
}
