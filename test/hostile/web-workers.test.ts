// Concurrency in the browser: three Web Workers, each with its own Wasm instance, run the
// seeded workload at once and agree bit for bit with the page's own run (Chromium only; Node
// has worker threads instead, see workers.node.test.ts).
import { describe, expect, it } from 'vitest';
import * as lib from '../../src/index.js';
import { workload } from './workload.mjs';

type Out = Record<string, Float64Array>;

function start(): Promise<Worker> {
  const w = new Worker(new URL('./web-worker.ts', import.meta.url), { type: 'module' });
  return new Promise((resolve, reject) => {
    w.onmessage = () => resolve(w);
    w.onerror = (e) => reject(new Error(e.message));
  });
}

function run(w: Worker, seed: number): Promise<{ seed: number; out: Out }> {
  return new Promise((resolve) => {
    w.onmessage = (e) => resolve(e.data);
    w.postMessage(seed);
  });
}

describe.skipIf(typeof Worker === 'undefined')('Web Workers', () => {
  it('3 workers × 2 seeds at once give the same bits as the page, one at a time', async () => {
    const workers = await Promise.all([0, 1, 2].map(start));
    try {
      const got: { seed: number; out: Out }[] = [];
      for (const round of [0, 1]) {
        got.push(...await Promise.all(workers.map((w, i) => run(w, 200 + 10 * i + round))));
      }
      for (const { seed, out } of got) {
        const want = workload(lib, seed) as Out;
        for (const key of Object.keys(want)) {
          expect(out[key], `${key} for seed ${seed}`).toEqual(want[key]);
        }
      }
      expect(got[0]!.out.theta).not.toEqual(got[1]!.out.theta);
    } finally {
      workers.forEach((w) => w.terminate());
    }
  });
});
