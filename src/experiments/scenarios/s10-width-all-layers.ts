// S10 width-all-layers (THEORY.md (d) 10, b5): every factor trained from N(0, 1/m) layers; the
// error to θ* shrinks with the width m, like the O(m^{−1/2}) of Min et al. (2021). Reference
// numpy runs with x0 = 0: 0.68, 0.35, 0.21 at m = 16, 64, 256.
import type { FactorInit } from '../../dln/types.js';
import type { Config, Row, Scenario, Summary } from '../types.js';
import { endRow, firstLayerPrediction, fit } from './fitting.js';
import { makeGrid, num, str } from './grid.js';
import { makeProblem, P0, seedsOf } from './problem.js';
import {
  checkBelow, checkBetween, col, fmt, geomean, groupBy, logLogSlope, maxOf, meanStd, sortedUnique,
} from './stats.js';

function run(c: Config): Row[] {
  const h = num(c, 'h');
  const m = num(c, 'm');
  const x0 = str(c, 'x0');
  const seeds = seedsOf(c.seed);
  const problem = makeProblem({ ...P0, seed: seeds.problem });
  const init: FactorInit[] = [...Array(h).fill({ kind: 'gaussian' }),
    x0 === 'zero' ? { kind: 'zero' } : { kind: 'gaussian' }];
  const fr = fit({ problem, widths: Array(h).fill(m), init, seed: seeds.init },
    { maxSteps: num(c, 'maxSteps') });
  return [{
    h, m, x0, seed: c.seed, ...endRow(problem, fr),
    prediction: firstLayerPrediction(problem, fr),
  }];
}

function summarize(rows: Row[]): Summary {
  const ok = rows.filter((r) => r.converged === true);
  const ms = sortedUnique(rows.map((r) => r.m));
  const x0s = [...new Set(rows.map((r) => r.x0 as string))];
  const curveOf = (x0: string) => groupBy(ok.filter((r) => r.x0 === x0), ['m'])
    .map(({ key, rows: g }) => [key.m as number, geomean(col(g, 'relErr'))] as [number, number]);
  const zero = curveOf('zero');
  const anchor = zero[0];
  return {
    tables: [{
      title: 'Headline: relative error against width, all factors trained, h = 2 ' +
        '(mean ± std; converged/total)',
      columns: ['m', ...x0s.map((x) => `x0 ${x === 'zero' ? '= 0' : '~ N(0, I/m)'}`)],
      rows: ms.map((m) => [m, ...x0s.map((x0) => {
        const g = rows.filter((r) => r.m === m && r.x0 === x0);
        const c = g.filter((r) => r.converged);
        return `${meanStd(col(c, 'relErr'))} (${c.length}/${g.length})`;
      })]),
    }],
    plots: [{
      id: 'width', title: 'All layers trained: relative error against width (P0, h = 2)',
      x: { label: 'width m', log: true }, y: { label: '‖θ∞ − θ*‖/‖θ*‖', log: true },
      series: [
        ...x0s.map((x0) => ({ name: `x0 ${x0}`, kind: 'line' as const, points: curveOf(x0) })),
        ...(anchor ? [{ name: 'O(m^{−1/2}) (Min et al.)', kind: 'guide' as const,
          points: ms.map((m) =>
            [m, anchor[1] * Math.sqrt(anchor[0] / m)] as [number, number]) }] : []),
      ],
    }],
    checks: [
      checkBetween('width slope', 'log-log slope of the error in m, x0 = 0 (Min et al.: −1/2)',
        logLogSlope(zero), -0.75, -0.25),
      checkBelow('T2', 'max |error − T2 prediction| over converged runs',
        maxOf(ok.map((r) => Math.abs((r.relErr as number) - (r.prediction as number)))), 1e-9),
    ],
    notes: [`Converged ${ok.length}/${rows.length} runs; the widest layer here is ` +
      `m = ${fmt(ms[ms.length - 1])} (a run at m = 1024 takes ~200 steps, 0.3 s of CPU).`],
  };
}

export const widthAllLayers: Scenario = {
  id: 'S10',
  name: 'width-all-layers',
  title: 'Width with all layers trained: the error shrinks like m^{−1/2}',
  description: 'h = 2, layers N(0, 1/m), x0 = 0 or N(0, I/m); error against the width m.',
  grid: (opts) => makeGrid('S10', {
    full: { axes: { m: [16, 64, 256, 1024], x0: ['zero', 'random'] }, seeds: 5,
      params: { h: 2, maxSteps: 100000 } },
    quick: { axes: { m: [16, 64, 256], x0: ['zero'] }, seeds: 2,
      params: { h: 2, maxSteps: 50000 } },
  }, opts),
  run,
  summarize,
};
