// A fixed pool of worker threads, each running dist/experiments/worker.js. Tasks (one config of
// one scenario each) are handed out in small batches to whichever worker is idle, so a slow
// config does not hold the others back; results come back one config at a time.
import { Worker } from 'node:worker_threads';
import { compiledUrl } from './registry.js';
import type { Config, Row } from './types.js';
import type { FromWorker, ToWorker } from './messages.js';

export interface Task {
  scenario: string;
  index: number;
  config: Config;
}

export type OnResult = (scenario: string, index: number, rows: Row[], ms: number) => void;

/** A config's `run` threw; the message names the scenario, the config index and the config. */
export class ScenarioRunFailed extends Error {
  override name = 'ScenarioRunFailed';
}

/** Batches small enough to balance the load, large enough that messages cost nothing. */
function batchSizes(tasks: readonly Task[], workers: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tasks) counts.set(t.scenario, (counts.get(t.scenario) ?? 0) + 1);
  const sizes = new Map<string, number>();
  for (const [s, n] of counts) {
    sizes.set(s, Math.min(16, Math.max(1, Math.floor(n / (workers * 8)))));
  }
  return sizes;
}

export class WorkerPool {
  private constructor(private readonly workers: Worker[]) {}

  /**
   * Start `size` workers and wait until each has loaded the kernels and the scenarios.
   * @param size number of threads (≥ 1)
   * @param moduleUrl the scenario module every worker imports (see registry.ts)
   */
  static async start(size: number, moduleUrl: string): Promise<WorkerPool> {
    const script = new URL('./worker.js', compiledUrl(import.meta.url));
    const workers = Array.from({ length: size }, () =>
      new Worker(script, { workerData: { moduleUrl } }));
    const pool = new WorkerPool(workers);
    try {
      await Promise.all(workers.map((w) => new Promise<void>((resolve, reject) => {
        w.once('error', reject);
        w.once('message', (m: FromWorker) => {
          w.off('error', reject);
          if (m.type === 'ready') resolve();
          else reject(new Error(m.type === 'error' ? m.message : 'worker did not start'));
        });
      })));
    } catch (err) {
      await pool.close();
      throw err;
    }
    return pool;
  }

  get size(): number {
    return this.workers.length;
  }

  /**
   * Run every task once; `onResult` is called as each config finishes, in finishing order.
   * @throws ScenarioRunFailed when a config's `run` throws (the other workers are left to
   *   finish their batch; close the pool)
   */
  run(tasks: readonly Task[], onResult: OnResult): Promise<void> {
    if (tasks.length === 0) return Promise.resolve();
    const sizes = batchSizes(tasks, this.workers.length);
    const configs = new Map(tasks.map((t) => [`${t.scenario}#${t.index}`, t.config]));
    let next = 0;
    let remaining = tasks.length;

    return new Promise<void>((resolve, reject) => {
      const cleanups: (() => void)[] = [];
      const finish = (err?: Error) => {
        for (const c of cleanups) c();
        if (err) reject(err);
        else resolve();
      };
      const dispatch = (w: Worker, state: { pending: number }) => {
        if (next >= tasks.length) return;
        const scenario = tasks[next]!.scenario;
        const limit = sizes.get(scenario)!;
        const batch: ToWorker = { scenario, items: [] };
        while (next < tasks.length && batch.items.length < limit
          && tasks[next]!.scenario === scenario) {
          const t = tasks[next++]!;
          batch.items.push({ index: t.index, config: t.config });
        }
        state.pending = batch.items.length;
        w.postMessage(batch);
      };

      for (const w of this.workers) {
        const state = { pending: 0 };
        const onMessage = (m: FromWorker) => {
          if (m.type === 'error') {
            const config = JSON.stringify(configs.get(`${m.scenario}#${m.index}`));
            finish(new ScenarioRunFailed(
              `${m.scenario}: config #${m.index} ${config} failed: ${m.message}\n${m.stack}`));
            return;
          }
          if (m.type !== 'result') return;
          try {
            onResult(m.scenario, m.index, m.rows, m.ms);
          } catch (err) {
            finish(err instanceof Error ? err : new Error(String(err)));
            return;
          }
          remaining -= 1;
          state.pending -= 1;
          if (remaining === 0) finish();
          else if (state.pending === 0) dispatch(w, state);
        };
        const onError = (err: Error) => finish(err);
        const onExit = (code: number) => finish(new Error(`a worker exited with code ${code}`));
        w.on('message', onMessage).on('error', onError).on('exit', onExit);
        cleanups.push(() => {
          w.off('message', onMessage).off('error', onError).off('exit', onExit);
        });
        dispatch(w, state);
      }
    });
  }

  /** Stop every worker. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
