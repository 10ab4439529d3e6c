// Aggregation of rows over seeds (mean ± std), power-law slopes on log-log axes, and the
// formatting that every scenario's tables share.
import type { Check, Row } from '../types.js';

export function mean(xs: number[]): number {
  if (xs.length === 0) return NaN;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Sample standard deviation (n − 1 in the denominator; 0 for one value). */
export function std(xs: number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) ** 2;
  return Math.sqrt(s / (xs.length - 1));
}

/** Geometric mean, the natural average of errors spanning decades. */
export function geomean(xs: number[]): number {
  const pos = xs.filter((x) => x > 0);
  if (pos.length === 0) return NaN;
  return Math.exp(mean(pos.map(Math.log)));
}

/** Least-squares slope of log y against log x (points with x, y > 0 only). */
export function logLogSlope(points: [number, number][]): number {
  const pts = points.filter(([x, y]) => x > 0 && y > 0);
  if (pts.length < 2) return NaN;
  const lx = pts.map(([x]) => Math.log(x));
  const ly = pts.map(([, y]) => Math.log(y));
  const mx = mean(lx);
  const my = mean(ly);
  let num = 0;
  let den = 0;
  for (let i = 0; i < pts.length; i++) {
    num += (lx[i]! - mx) * (ly[i]! - my);
    den += (lx[i]! - mx) ** 2;
  }
  return num / den;
}

/** A number in 4 significant digits, exponent form outside [1e-3, 1e4). */
export function fmt(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e4) {
    const t = x.toPrecision(4);
    return t.includes('.') ? t.replace(/0+$/, '').replace(/\.$/, '') : t;
  }
  return x.toExponential(2);
}

export function meanStd(xs: number[]): string {
  if (xs.length === 0) return '–';
  if (xs.length === 1) return fmt(xs[0]);
  return `${fmt(mean(xs))} ± ${fmt(std(xs))}`;
}

/** Rows grouped by the values of some keys, in first-seen order. */
export function groupBy(rows: Row[], keys: string[]): { key: Row; rows: Row[] }[] {
  const groups = new Map<string, { key: Row; rows: Row[] }>();
  for (const r of rows) {
    const key: Row = {};
    for (const k of keys) key[k] = r[k] ?? null;
    const id = JSON.stringify(key);
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { key, rows: [] }));
    g.rows.push(r);
  }
  return [...groups.values()];
}

/** Numeric values of one column (non-numbers dropped). */
export function col(rows: Row[], key: string): number[] {
  const out: number[] = [];
  for (const r of rows) {
    const v = r[key];
    if (typeof v === 'number' && !Number.isNaN(v)) out.push(v);
  }
  return out;
}

export function sortedUnique(values: (number | string | boolean | null | undefined)[]): number[] {
  const nums = values.filter((v): v is number => typeof v === 'number');
  return [...new Set(nums)].sort((a, b) => a - b);
}

/** A check whose measured value must lie below a bound. */
export function checkBelow(name: string, statement: string, measured: number, bound: number) {
  const c: Check = {
    name, statement, measured, expected: `< ${fmt(bound)}`, pass: measured < bound,
  };
  return c;
}

/** A check whose measured value must lie in [lo, hi]. */
export function checkBetween(
  name: string, statement: string, measured: number, lo: number, hi: number,
): Check {
  return {
    name, statement, measured, expected: `in [${fmt(lo)}, ${fmt(hi)}]`,
    pass: measured >= lo && measured <= hi,
  };
}

/** A check whose measured value must exceed a bound. */
export function checkAbove(name: string, statement: string, measured: number, bound: number) {
  // A bound such as 1 − 1e-9 must not print as "> 1": show every digit when rounding hides one.
  const shown = Number(fmt(bound)) === bound ? fmt(bound) : String(bound);
  const c: Check = {
    name, statement, measured, expected: `> ${shown}`, pass: measured > bound,
  };
  return c;
}

/** Largest value of a list, NaN when empty (so a check over no rows cannot pass). */
export function maxOf(xs: number[]): number {
  return xs.length === 0 ? NaN : Math.max(...xs);
}
