// Time a group of implementations of one operation where the clock is coarse: a browser's
// performance.now() moves in steps of 5 µs when the page is cross-origin isolated (100 µs when
// not), longer than many calls. Each sample therefore times a batch of R calls, R doubled until
// one batch takes ≥ 20 ms, and the per-call time is the batch time over R. The first call,
// checks and checksum are first.mjs's, so rows read exactly like measure.mjs's.
import { assertFiniteChecksum, budget, consume, firstCall } from './first.mjs';
import { mad, median } from './stats.mjs';

/** Shortest batch; 4000 ticks of a 5 µs clock, so rounding moves a sample by < 0.03 %. */
const MIN_BATCH_MS = 20;

/** Calls per batch: doubled until one batch takes MIN_BATCH_MS (those batches warm up). */
function batchSize(fn, firstMs) {
  if (firstMs >= MIN_BATCH_MS) return 1;
  let reps = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) consume(fn());
    const ms = performance.now() - t0;
    if (ms >= MIN_BATCH_MS) return reps;
    reps = ms > 0 ? Math.max(2 * reps, Math.ceil((reps * MIN_BATCH_MS * 1.2) / ms)) : 2 * reps;
  }
}

/**
 * Measure each task of one case in batches.
 * @param name the case, every parameter in it (e.g. 'gemm:n=256,tA=0,tB=1')
 * @param tasks see firstCall in first.mjs; a task may add prepare(), called after its checked
 *   first call, returning { fn, count } for the steady state (e.g. a call size found by timing)
 * @param opts { work: flops per call (GF/s) or null; count: operations per call, the rate then
 *   being count per second in `unit` (e.g. 256 training steps a call, unit 'steps/s'), and
 *   medianMs per operation; budgetMs per task (default 800); maxSamples (default 15) }
 * @returns one row per task: name, impl, precision, firstMs, medianMs, madMs, samples,
 *   batch (calls per sample), rate, unit
 */
export function measureBatched(name, tasks, opts = {}) {
  const rows = [];
  for (const task of tasks) {
    const { row, done } = firstCall(name, task);
    if (done) {
      rows.push(row);
      continue;
    }
    const { fn, count = opts.count ?? 1 } = { fn: task.fn, ...task.prepare?.() };
    const reps = batchSize(fn, task.first || task.prepare ? 0 : row.firstMs);
    const batchMs = () => {
      const t0 = performance.now();
      for (let i = 0; i < reps; i++) consume(fn());
      return performance.now() - t0;
    };
    const probe = batchMs();
    const samples = budget(probe, opts.budgetMs ?? 800, opts.maxSamples ?? 15);
    const per = [];
    for (let s = 0; s < samples; s++) per.push(batchMs() / reps / count);
    const med = median(per);
    const spread = mad(per);
    rows.push({
      ...row, medianMs: med, madMs: spread, samples, batch: reps, count,
      rate: opts.work ? opts.work / count / med / 1e6 : 1000 / med,
      unit: opts.work ? 'GF/s' : (opts.unit ?? 'calls/s'),
    });
  }
  assertFiniteChecksum(name);
  return rows;
}
