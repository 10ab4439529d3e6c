// Small statistics over seeds, for the tables of scenarios. The report prints a `MeanStd` cell
// as `mean ± std`.
import type { MeanStd } from './types.js';

/**
 * Mean and sample standard deviation (n − 1 in the denominator; 0 for a single value) of a
 * list of numbers. The sum is taken in the order given, so the same rows give the same bits.
 * @param values the sample, e.g. one metric over the seeds of a configuration
 * @returns `{ mean, std, n }`
 * @throws RangeError when `values` is empty or holds NaN or ±Infinity
 * @example meanStd([1, 2, 3]) // { mean: 2, std: 1, n: 3 }
 */
export function meanStd(values: readonly number[]): MeanStd {
  const n = values.length;
  if (n === 0) throw new RangeError('meanStd: values must hold at least one number; got []');
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) {
      throw new RangeError(`meanStd: values must be finite; values[${i}] is ${v}`);
    }
    sum += v;
  }
  const mean = sum / n;

  // Two-pass variance: the deviations are small against the mean only after it is known.
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i]! - mean) ** 2;
  const std = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
  return { mean, std, n };
}

/** True when a table cell is a `MeanStd` rather than a plain string or number. */
export function isMeanStd(cell: unknown): cell is MeanStd {
  return typeof cell === 'object' && cell !== null && 'mean' in cell && 'std' in cell;
}

/**
 * Group rows by the values of some keys and summarize one numeric field per group.
 * Groups come out in the order their first row appears.
 * @param rows result rows (ordered by config index, as `summarize` receives them)
 * @param keys fields that define a group, e.g. `['depth', 'initScale']`
 * @param field the numeric field to summarize, e.g. `'relativeError'`
 * @throws RangeError when `field` is missing or not a finite number in some row
 */
export function meanStdBy<R extends Record<string, unknown>>(
  rows: readonly R[], keys: readonly string[], field: string,
): { key: unknown[]; stat: MeanStd }[] {
  const groups = new Map<string, { key: unknown[]; values: number[] }>();
  for (const row of rows) {
    const key = keys.map((k) => row[k]);
    const id = JSON.stringify(key);
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { key, values: [] }));
    const v = row[field];
    if (typeof v !== 'number') {
      throw new RangeError(`meanStdBy: field '${field}' must be a number; got ${String(v)}`);
    }
    group.values.push(v);
  }
  return [...groups.values()].map((g) => ({ key: g.key, stat: meanStd(g.values) }));
}
