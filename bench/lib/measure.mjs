// Time a group of implementations of one operation on the same inputs with tinybench (Node,
// whose timer resolves well below a microsecond). The first call, its check and the checksum
// are those of first.mjs; the browser page times batches instead (batch.mjs).
import { Bench } from 'tinybench';
import { assertFiniteChecksum, budget, consume, firstCall } from './first.mjs';

export { budget, checksum } from './first.mjs';

/**
 * Measure each task of one case.
 * @param name the case, every parameter in it (e.g. 'gemm:n=256,tA=0,tB=1')
 * @param tasks see firstCall in first.mjs
 * @param opts { work: flops per call (GF/s column) or null; unit: 'GF/s' | 'calls/s';
 *   budgetMs per task; maxIterations }
 * @returns one row per task: name, impl, firstMs, medianMs, madMs, rmePct, samples, rate
 */
export async function measureCase(name, tasks, opts = {}) {
  const rows = [];
  for (const task of tasks) {
    const { row, done } = firstCall(name, task);
    if (done) {
      rows.push(row);
      continue;
    }
    const { firstMs } = row;
    const iterations = budget(firstMs, opts.budgetMs ?? 800, opts.maxIterations ?? 50);
    const bench = new Bench({
      // The first call already warmed a slow task; a fast one gets two more warm-up calls.
      iterations, time: 0, warmupIterations: firstMs > 200 ? 0 : 2, warmupTime: 0,
    });
    bench.add(task.impl, () => {
      consume(task.fn());
    });
    await bench.run();
    const lat = bench.tasks[0].result.latency;
    rows.push({
      ...row, medianMs: lat.p50, madMs: lat.mad, rmePct: lat.rme, samples: lat.samplesCount,
      rate: opts.work ? opts.work / lat.p50 / 1e6 : 1000 / lat.p50,
      unit: opts.work ? 'GF/s' : 'calls/s',
    });
  }
  assertFiniteChecksum(name);
  return rows;
}
