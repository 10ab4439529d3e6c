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

/** The sweep was stopped through its AbortSignal (e.g. Ctrl-C); finished rows are kept. */
export class SweepAborted extends Error {
  override name = 'SweepAborted';
}

/**
 * How many configs of one scenario go to a worker in one message. Cheap configs are batched
 * so that a batch takes about BATCH_TARGET_MS (messages then cost nothing); costly ones go
 * one at a time, and no batch takes more than its share of what is left, so the workers
 * finish together instead of one of them working through a long last batch.
 */
class BatchSizer {
  private readonly timing = new Map<string, { runs: number; ms: number }>();
  private readonly left = new Map<string, number>();

  constructor(tasks: readonly Task[], private readonly workers: number) {
    for (const t of tasks) this.left.set(t.scenario, (this.left.get(t.scenario) ?? 0) + 1);
  }

  record(scenario: string, ms: number): void {
    const t = this.timing.get(scenario) ?? { runs: 0, ms: 0 };
    this.timing.set(scenario, { runs: t.runs + 1, ms: t.ms + ms });
  }

  take(scenario: string): number {
    const t = this.timing.get(scenario);
    const left = this.left.get(scenario)!;
    // Until a config of this scenario has been timed, send one at a time.
    const byTime = t ? Math.floor(BATCH_TARGET_MS / Math.max(t.ms / t.runs, 1e-3)) : 1;
    const size = Math.max(1, Math.min(MAX_BATCH, byTime, Math.floor(left / (2 * this.workers))));
    this.left.set(scenario, left - size);
    return size;
  }
}

const BATCH_TARGET_MS = 20;
const MAX_BATCH = 32;

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
   * @param signal stops the run: the promise rejects at once with SweepAborted (configs in
   *   flight are abandoned; close the pool)
   * @throws ScenarioRunFailed when a config's `run` throws (the other workers are left to
   *   finish their batch; close the pool)
   */
  run(tasks: readonly Task[], onResult: OnResult, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new SweepAborted('the sweep was stopped'));
    if (tasks.length === 0) return Promise.resolve();
    const sizer = new BatchSizer(tasks, this.workers.length);
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
        const limit = sizer.take(scenario);
        const batch: ToWorker = { scenario, items: [] };
        while (next < tasks.length && batch.items.length < limit
          && tasks[next]!.scenario === scenario) {
          const t = tasks[next++]!;
          batch.items.push({ index: t.index, config: t.config });
        }
        state.pending = batch.items.length;
        w.postMessage(batch);
      };

      const onAbort = () => finish(new SweepAborted('the sweep was stopped'));
      signal?.addEventListener('abort', onAbort, { once: true });
      cleanups.push(() => signal?.removeEventListener('abort', onAbort));

      for (const w of this.workers) {
        const state = { pending: 0 };
        const onMessage = (m: FromWorker) => {
          if (m.type === 'error') {
            const config = JSON.stringify(configs.get(`${m.scenario}#${m.index}`));
            // The worker's stack goes on the error, where DEEPLIN_DEBUG=1 shows it; the message
            // says what failed in the words of the library's own error.
            const failed = new ScenarioRunFailed(
              `${m.scenario}: config #${m.index} ${config} failed: ${m.message}`);
            failed.stack = `${failed.name}: ${failed.message}\n${m.stack}`;
            finish(failed);
            return;
          }
          if (m.type !== 'result') return;
          sizer.record(m.scenario, m.ms);
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
