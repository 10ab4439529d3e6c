// Time a group of implementations of one operation on the same inputs with tinybench. Each
// implementation's first call is timed apart (Wasm tier-up, JIT, allocation) and its output is
// checked before any steady-state timing; every timed call feeds a checksum, so no work can be
// optimised away.
import { Bench } from 'tinybench';

let sink = 0;

/** The running checksum of every timed result; finite unless some output was garbage. */
export function checksum() {
  return sink;
}

function consume(out) {
  if (typeof out === 'number') return out;
  if (out && typeof out.length === 'number' && out.length > 0) return out[out.length >> 1];
  return 0;
}

/** Iterations that keep one case near `budgetMs` given the cost of a first call. */
export function budget(firstMs, budgetMs = 800, max = 50) {
  return Math.max(3, Math.min(max, Math.floor(budgetMs / Math.max(firstMs, 0.01))));
}

/**
 * Measure each task of one case.
 * @param name the case, every parameter in it (e.g. 'gemm:n=256,tA=0,tB=1')
 * @param tasks [{ impl, fn, check(out) → true|string, precision?,
 *   skip?: true | (firstMs) → bool, why?: the reason shown for skip === true }]
 * @param opts { work: flops per call (GF/s column) or null; unit: 'GF/s' | 'calls/s';
 *   budgetMs per task; maxIterations }
 * @returns one row per task: name, impl, firstMs, medianMs, madMs, rmePct, samples, rate
 */
export async function measureCase(name, tasks, opts = {}) {
  const rows = [];
  for (const task of tasks) {
    if (task.skip === true) {
      rows.push({ name, impl: task.impl, precision: task.precision ?? 'f64', firstMs: null,
        skipped: task.why ?? 'not run at this size' });
      continue;
    }
    const t0 = performance.now();
    const out = task.fn();
    const firstMs = performance.now() - t0;
    const verdict = task.check ? task.check(out) : true;
    if (verdict !== true) throw new Error(`${name} ${task.impl}: check failed: ${verdict}`);
    sink += consume(out);
    const row = { name, impl: task.impl, precision: task.precision ?? 'f64', firstMs };
    if (typeof task.skip === 'function' && task.skip(firstMs)) {
      rows.push({ ...row, skipped: `first call ${firstMs.toFixed(0)} ms` });
      continue;
    }
    const iterations = budget(firstMs, opts.budgetMs ?? 800, opts.maxIterations ?? 50);
    const bench = new Bench({
      // The first call already warmed a slow task; a fast one gets two more warm-up calls.
      iterations, time: 0, warmupIterations: firstMs > 200 ? 0 : 2, warmupTime: 0,
    });
    bench.add(task.impl, () => {
      sink += consume(task.fn());
    });
    await bench.run();
    const lat = bench.tasks[0].result.latency;
    rows.push({
      ...row, medianMs: lat.p50, madMs: lat.mad, rmePct: lat.rme, samples: lat.samplesCount,
      rate: opts.work ? opts.work / lat.p50 / 1e6 : 1000 / lat.p50,
      unit: opts.work ? 'GF/s' : 'calls/s',
    });
  }
  if (!Number.isFinite(sink)) throw new Error(`${name}: checksum is not finite`);
  return rows;
}
