// S4 which-layer-matters (THEORY.md (d) 4, check C8): scale one factor at a time. Only W1, the
// factor next to A, carries the bias (T2): W1(0) = 0 gives θ* exactly, while shrinking the later
// factors or starting x at zero leaves an O(1) error.
import type { FactorInit } from '../../dln/types.js';
import type { Config, Row, Scenario, Summary } from '../types.js';
import { endRow, firstLayerPrediction, fit } from './fitting.js';
import { makeGrid, num, str } from './grid.js';
import { makeProblem, P0, seedsOf } from './problem.js';
import {
  checkAbove, checkBelow, checkBetween, col, fmt, geomean, groupBy, logLogSlope, maxOf, meanStd,
  mean, sortedUnique,
} from './stats.js';
import { distance } from './vectors.js';

const gaussian = (scale: number): FactorInit =>
  scale === 0 ? { kind: 'zero' } : { kind: 'gaussian', scale };

/** Inits of W1 … Wh, x for a mode: 'first' scales W1, 'rest' scales W2 … x, 'xzero' zeroes x. */
export function layerInits(mode: string, s: number, h: number): FactorInit[] {
  const inits: FactorInit[] = [];
  for (let i = 0; i <= h; i++) {
    if (mode === 'first') inits.push(gaussian(i === 0 ? s : 1));
    else if (mode === 'rest') inits.push(gaussian(i === 0 ? 1 : s));
    else inits.push(gaussian(i === h ? 0 : 1));
  }
  return inits;
}

function run(c: Config): Row[] {
  const h = num(c, 'h');
  const mode = str(c, 'mode');
  const s = num(c, 's');
  const seeds = seedsOf(c.seed);
  const problem = makeProblem({ ...P0, seed: seeds.problem });
  const fr = fit(
    { problem, widths: Array(h).fill(num(c, 'm')), init: layerInits(mode, s, h), seed: seeds.init },
    { maxSteps: num(c, 'maxSteps') },
  );
  return [{
    mode, s, h, seed: c.seed, ...endRow(problem, fr),
    distanceToMinNorm: distance(fr.theta, problem.thetaStar),
    prediction: firstLayerPrediction(problem, fr),
  }];
}

const LABEL: Record<string, string> = {
  first: 'W1 at scale s, rest 1', rest: 'W1 at 1, W2…x at scale s', xzero: 'x0 = 0, W1…Wh at 1',
};

function summarize(rows: Row[]): Summary {
  const ok = rows.filter((r) => r.converged === true);
  const ss = sortedUnique(rows.map((r) => r.s));
  const modes = [...new Set(rows.map((r) => r.mode as string))];
  const table = {
    title: 'Headline: relative error by which factor is scaled (mean ± std; converged/total)',
    columns: ['s', ...modes.map((m) => LABEL[m] ?? m)],
    rows: ss.map((s) => [fmt(s), ...modes.map((mode) => {
      const g = rows.filter((r) => r.mode === mode && r.s === s);
      if (g.length === 0) return '';
      const c = g.filter((r) => r.converged);
      return `${meanStd(col(c, 'relErr'))} (${c.length}/${g.length})`;
    })]),
  };
  const curveOf = (mode: string) =>
    groupBy(ok.filter((r) => r.mode === mode && (r.s as number) > 0), ['s'])
      .map(({ key, rows: g }) => [key.s as number, geomean(col(g, 'relErr'))] as [number, number]);
  const zeroW1 = rows.filter((r) => r.mode === 'first' && r.s === 0);
  const zeroOk = zeroW1.filter((r) => r.converged);
  const restSmall = ok.filter((r) => r.mode === 'rest' && (r.s as number) > 0 &&
    (r.s as number) <= 1e-2 + 1e-15);
  const xzero = ok.filter((r) => r.mode === 'xzero');
  const firstCurve = curveOf('first').filter(([s]) => s <= 0.1 + 1e-12);
  const checks = [
    checkBelow('C8 zero W1', 'max ‖θ∞ − θ*‖ with W1(0) = 0 (all such runs converged)',
      zeroOk.length === zeroW1.length ? maxOf(col(zeroOk, 'distanceToMinNorm')) : NaN, 1e-9),
    checkBetween('W1 slope', 'log-log slope of the error in the scale of W1 alone (s ≤ 0.1)',
      logLogSlope(firstCurve), 0.9, 1.1),
    checkAbove('later layers', 'mean error with W2…x at scale s ≤ 1e-2 (bias stays O(1))',
      restSmall.length ? mean(col(restSmall, 'relErr')) : NaN, 0.05),
  ];
  if (xzero.length) {
    checks.push(checkAbove('x0 = 0', 'mean error with x0 = 0 and W1…Wh Gaussian(1)',
      mean(col(xzero, 'relErr')), 0.05));
  }
  checks.push(checkBelow('T2', 'max |error − T2 prediction| over converged runs',
    maxOf(ok.map((r) => Math.abs((r.relErr as number) - (r.prediction as number)))), 1e-9));
  return {
    tables: [table],
    plots: [{
      id: 'which-layer', title: 'Error against the scale of one group of factors (P0)',
      x: { label: 'scale s', log: true }, y: { label: '‖θ∞ − θ*‖/‖θ*‖', log: true },
      series: [
        { name: LABEL.first!, kind: 'line', points: curveOf('first') },
        { name: LABEL.rest!, kind: 'line', points: curveOf('rest') },
        { name: 'slope 1 (error = s)', kind: 'guide',
          points: ss.filter((s) => s > 0).map((s) => [s, s] as [number, number]) },
      ],
    }],
    checks,
    notes: [
      'P0, h = 3, m = 10. "rest" at s = 0 is left out: with W2, W3 and x all zero the start ' +
        'is a stationary point and GD never moves.',
    ],
  };
}

export const whichLayerMatters: Scenario = {
  id: 'S4',
  name: 'which-layer-matters',
  title: 'Which layer matters: only the first factor carries the bias',
  description: 'Scale W1 alone, or W2…x alone, or start x at zero; W1(0) = 0 gives A⁺b exactly.',
  grid: (opts) => makeGrid('S4', {
    full: { axes: { mode: ['first', 'rest', 'xzero'], s: [0, 1e-3, 1e-2, 1e-1, 1] }, seeds: 5,
      params: { h: 3, m: 10, maxSteps: 50000 } },
    quick: { axes: { mode: ['first', 'rest', 'xzero'], s: [0, 1e-3, 1e-2, 1e-1, 1] }, seeds: 2,
      params: { h: 3, m: 10, maxSteps: 100000 } },
  }, opts, (c) => !(c.mode === 'rest' && c.s === 0) && !(c.mode === 'xzero' && c.s !== 1)),
  run,
  summarize,
};
