// What every timing of a case shares, in Node and in a browser: the first call of a task is
// timed apart (Wasm tier-up, JIT, allocation) and its output checked before any steady-state
// timing, and every result feeds a checksum, so no work can be optimised away.

let sink = 0;

/** The running checksum of every timed result; finite unless some output was garbage. */
export function checksum() {
  return sink;
}

/** Fold one result (a number or an array-like) into the checksum. */
export function consume(out) {
  if (typeof out === 'number') sink += out;
  else if (out && typeof out.length === 'number' && out.length > 0) sink += out[out.length >> 1];
}

/** Iterations that keep one case near `budgetMs` given the cost of a first call. */
export function budget(firstMs, budgetMs = 800, max = 50) {
  return Math.max(3, Math.min(max, Math.floor(budgetMs / Math.max(firstMs, 0.01))));
}

/**
 * The first call of a task: a row of its own when the task is skipped, else the row so far
 * (firstMs) once the output passed the task's check.
 * @param task { impl, fn, first?: the first call when it differs from fn (e.g. one training
 *   step where fn runs a chunk), check(out) → true | string, precision?,
 *   skip?: true | (firstMs) → bool, why?: the reason shown for skip === true }
 * @returns { row, done }: done when the row is final (skipped)
 * @throws Error when the check fails
 */
export function firstCall(name, task) {
  const base = { name, impl: task.impl, precision: task.precision ?? 'f64' };
  if (task.skip === true) {
    return { row: { ...base, firstMs: null, skipped: task.why ?? 'not run at this size' },
      done: true };
  }
  const t0 = performance.now();
  const out = (task.first ?? task.fn)();
  const firstMs = performance.now() - t0;
  const verdict = task.check ? task.check(out) : true;
  if (verdict !== true) throw new Error(`${name} ${task.impl}: check failed: ${verdict}`);
  consume(out);
  const row = { ...base, firstMs };
  if (typeof task.skip === 'function' && task.skip(firstMs)) {
    return { row: { ...row, skipped: `first call ${firstMs.toFixed(0)} ms` }, done: true };
  }
  return { row, done: false };
}

/** Throws when some result fed NaN or ±Infinity into the checksum. */
export function assertFiniteChecksum(name) {
  if (!Number.isFinite(sink)) throw new Error(`${name}: checksum is not finite`);
}
