// Concurrency: four worker threads, each with its own Wasm instance, run the same seeded
// workload at once; every result agrees bit for bit with the main thread's, one at a time.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { workload } from './workload.mjs';

const dist = join(import.meta.dirname, '..', '..', 'dist');

type Out = Record<string, Float64Array>;

function start(): Promise<Worker> {
  const w = new Worker(new URL('./worker-thread.mjs', import.meta.url), { workerData: { dist } });
  return new Promise((resolve, reject) => {
    w.once('message', () => resolve(w));
    w.once('error', reject);
  });
}

function run(w: Worker, seed: number): Promise<{ seed: number; out: Out }> {
  return new Promise((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
    w.postMessage(seed);
  });
}

describe('worker threads', () => {
  it('4 workers × 3 seeds at once give the same bits as one at a time', async () => {
    const lib = await import(pathToFileURL(join(dist, 'index.js')).href);
    await lib.init();
    const workers = await Promise.all([0, 1, 2, 3].map(start));
    try {
      const seeds = [0, 1, 2].map((round) => workers.map((_, i) => 100 + 10 * i + round));
      const got: { seed: number; out: Out }[] = [];
      for (const round of seeds) {
        got.push(...await Promise.all(workers.map((w, i) => run(w, round[i]!))));
      }
      expect(got).toHaveLength(12);
      for (const { seed, out } of got) {
        const want = workload(lib, seed) as Out;
        expect(Object.keys(out).sort()).toEqual(Object.keys(want).sort());
        for (const key of Object.keys(want)) {
          expect(out[key]!.every(Number.isFinite)).toBe(true);
          expect(out[key], `${key} for seed ${seed}`).toEqual(want[key]);
        }
      }
      // Different seeds give different results: the comparison is not vacuous.
      expect(got[0]!.out.theta).not.toEqual(got[1]!.out.theta);
    } finally {
      await Promise.all(workers.map((w) => w.terminate()));
    }
  });
});
