// S7 weight-norm-at-convergence (THEORY.md (d) 7, check C15, T5): the parameter norm at
// convergence over its least possible value (h+1)‖θ*‖^{2/(h+1)}. T5 makes the ratio ≥ 1 for
// every interpolating factorization; small initialization ends near 1, large above it.
import { parameterNorm } from '../../dln/metrics.js';
import { balancedFactorization } from '../../dln/theory.js';
import { matvec } from '../../linalg/products.js';
import type { Config, Row, Scenario, Summary } from '../types.js';
import { productOf } from './fitting.js';
import { logGrid, makeGrid, num } from './grid.js';
import { makeProblem, P0, seedsOf } from './problem.js';
import { sweepRun } from './sweep.js';
import { curve } from './s03-init-scale-sweep.js';
import {
  checkAbove, checkBelow, col, fmt, maxOf, meanStd, sortedUnique,
} from './stats.js';
import { distance } from './vectors.js';

function run(c: Config): Row[] {
  const [row] = sweepRun(c) as [Row];
  const h = num(c, 'h');
  const problem = makeProblem({ ...P0, seed: seedsOf(c.seed).problem });
  // T5's minimizer: the balanced rank-one factorization of θ*.
  const bf = balancedFactorization(problem.thetaStar, Array(h).fill(num(c, 'm')));
  const normSq = parameterNorm(bf);
  const theta = productOf(bf);
  return [{
    ...row,
    weightRatio: (row.paramNorm as number) / (row.minWeightNorm as number),
    constructRatio: normSq / (row.minWeightNorm as number),
    constructResidual: distance(matvec(problem.A, theta), problem.b),
  }];
}

function summarize(rows: Row[]): Summary {
  const ok = rows.filter((r) => r.converged === true);
  const hs = sortedUnique(rows.map((r) => r.h));
  const ss = sortedUnique(rows.map((r) => r.s));
  const smallest = ss[0]!;
  const atSmall = ok.filter((r) => r.s === smallest);
  const atLarge = ok.filter((r) => (r.s as number) >= 3 - 1e-12);
  return {
    tables: [{
      title: 'Headline: Σ‖W_i‖²_F + ‖x‖² over (h+1)‖θ*‖^{2/(h+1)} at convergence ' +
        '(mean ± std; converged/total)',
      columns: ['s', ...hs.map((h) => `h = ${h}`)],
      rows: ss.map((s) => [fmt(s), ...hs.map((h) => {
        const g = rows.filter((r) => r.h === h && r.s === s);
        const c = g.filter((r) => r.converged);
        return `${meanStd(col(c, 'weightRatio'))} (${c.length}/${g.length})`;
      })]),
    }],
    plots: [
      {
        id: 'ratio', title: 'Weight norm at convergence over its minimum (T5)',
        x: { label: 'init scale s', log: true }, y: { label: 'norm ratio', log: true },
        series: [
          ...hs.map((h) => ({ name: `h = ${h}`, kind: 'line' as const,
            points: curve(rows, h, 'weightRatio', false) })),
          { name: 'minimum (T5)', kind: 'guide' as const,
            points: ss.map((s) => [s, 1] as [number, number]) },
        ],
      },
      {
        id: 'ratio-vs-error', title: 'Norm ratio against the relative distance to θ*',
        x: { label: '‖θ∞ − θ*‖/‖θ*‖', log: true }, y: { label: 'norm ratio', log: true },
        series: hs.map((h) => ({
          name: `h = ${h}`, kind: 'dots' as const,
          points: ok.filter((r) => r.h === h)
            .map((r) => [r.relErr as number, r.weightRatio as number] as [number, number]),
        })),
      },
    ],
    checks: [
      checkBelow('C15 (i)', '|ratio − 1| of the balanced rank-one factorization of θ*',
        maxOf(rows.map((r) => Math.abs((r.constructRatio as number) - 1))), 1e-12),
      checkBelow('C15 (i) residual', '‖A W1⋯Wh x − b‖ of that factorization',
        maxOf(col(rows, 'constructResidual')), 1e-12),
      checkAbove('T5 bound', 'min ratio over converged runs (T5: ≥ 1, allowing 1e-9)',
        Math.min(...col(ok, 'weightRatio')) , 1 - 1e-9),
      checkBelow('C15 (ii)', `max |ratio − 1| at the smallest s = ${fmt(smallest)}`,
        atSmall.length ? maxOf(atSmall.map((r) => Math.abs((r.weightRatio as number) - 1))) : NaN,
        1e-2 + 2 * smallest),
      checkAbove('large s', 'min ratio at s ≥ 3 (large init ends far above the minimum)',
        atLarge.length ? Math.min(...col(atLarge, 'weightRatio')) : NaN, 1.5),
    ],
    notes: [
      'Same runs as S3 (P0, Gaussian(s), m = 10). The bound of C15 (ii) is 1e-2 + 2s: the ratio ' +
        'moves by O(s) because the error does.',
    ],
  };
}

export const weightNormAtConvergence: Scenario = {
  id: 'S7',
  name: 'weight-norm-at-convergence',
  title: 'Weight norm at convergence: small initialization ends at the least-norm factorization',
  description: 'Σ‖W_i‖² + ‖x‖² at convergence over (h+1)‖θ*‖^{2/(h+1)} against s (T5).',
  grid: (opts) => makeGrid('S7', {
    full: { axes: { h: [1, 2, 3], m: [10], s: logGrid(-2, 1, 7) }, seeds: 5,
      params: { maxSteps: 50000 } },
    quick: { axes: { h: [1, 2], m: [10], s: [0.01, 0.1, 1, 3, 10] }, seeds: 2,
      params: { maxSteps: 50000 } },
  }, opts),
  run,
  summarize,
};
