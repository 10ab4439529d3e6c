// S1 shallow-baseline (THEORY.md (d) 1, checks C1): depth 0, θ trained directly from θ0.
// GD with η = 1/σ_max² must end at A⁺b + P_N θ0, the interpolant nearest the start (T0), and
// its loss must stay under the envelope (1 − ησ_min²)^{2t} L0 that r_t = (I − ηAAᵀ)^t r0 gives.
import { projectionOfInit } from '../../dln/theory.js';
import type { Config, Row, Scenario, Series, Summary } from '../types.js';
import { endRow, fit } from './fitting.js';
import { makeGrid, num } from './grid.js';
import { makeProblem, P0, seedsOf } from './problem.js';
import {
  checkBelow, col, fmt, groupBy, maxOf, meanStd, sortedUnique,
} from './stats.js';
import { distance, norm } from './vectors.js';

function run(c: Config): Row[] {
  const sigma = num(c, 'sigma');
  const seeds = seedsOf(c.seed);
  const problem = makeProblem({ ...P0, seed: seeds.problem });
  const eta = 1 / problem.sigmaMax2;
  const fr = fit(
    {
      problem, widths: [], seed: seeds.init,
      init: sigma === 0 ? { kind: 'zero' } : { kind: 'gaussian', scale: sigma, variance: 'unit' },
    },
    { maxSteps: num(c, 'maxSteps'), step: eta, every: num(c, 'every') },
  );
  const projection = projectionOfInit(problem.A, problem.b, fr.theta0);
  const rows: Row[] = [{
    kind: 'final', sigma, seed: c.seed, ...endRow(problem, fr),
    distanceToMinNorm: distance(fr.theta, problem.thetaStar),
    nullOfInit: norm(problem.nullPart(fr.theta0)),
    distanceToProjection: distance(fr.theta, projection),
  }];
  const loss0 = fr.result.history[0]!.loss;
  const rate = 1 - eta * problem.sigmaMin2;
  for (const m of fr.result.history) {
    rows.push({
      kind: 'trace', sigma, seed: c.seed, step: m.step, loss: m.loss,
      envelope: loss0 * rate ** (2 * m.step),
    });
  }
  return rows;
}

function summarize(rows: Row[]): Summary {
  const finals = rows.filter((r) => r.kind === 'final');
  const traces = rows.filter((r) => r.kind === 'trace');
  const table = {
    title: 'Headline: the GD limit is the interpolant nearest θ0 (C1)',
    columns: ['σ of θ0', '‖θ∞ − θ*‖', '‖P_N θ0‖', 'max ‖θ∞ − (A⁺b + P_N θ0)‖', 'converged',
      'steps'],
    rows: groupBy(finals, ['sigma']).map(({ key, rows: g }) => [
      fmt(key.sigma as number), meanStd(col(g, 'distanceToMinNorm')), meanStd(col(g, 'nullOfInit')),
      fmt(maxOf(col(g, 'distanceToProjection'))),
      `${g.filter((r) => r.converged).length}/${g.length}`, meanStd(col(g, 'steps')),
    ]),
  };

  // Every σ of the first seed shares A, hence η and the rate: loss_t/loss_0 against one envelope.
  const seed0 = traces.filter((r) => r.seed === sortedUnique(traces.map((t) => t.seed))[0]);
  const series: Series[] = groupBy(seed0, ['sigma']).map(({ key, rows: g }) => ({
    name: `σ = ${key.sigma}`, kind: 'line' as const,
    points: g.map((r) => [r.step as number, (r.loss as number) / (g[0]!.loss as number)] as
      [number, number]),
  }));
  const longest = groupBy(seed0, ['sigma']).map(({ rows: g }) => g)
    .sort((a, b) => b.length - a.length)[0] ?? [];
  if (longest.length) {
    series.push({ name: '(1 − ησ_min²)^{2t}', kind: 'guide' as const,
      points: longest.map((r) => [r.step as number,
        (r.envelope as number) / (longest[0]!.envelope as number)] as [number, number]) });
  }

  const converged = finals.filter((r) => r.converged);
  const allConverged = converged.length === finals.length && finals.length > 0;
  const envelopeExcess = maxOf(traces
    .filter((r) => (r.step as number) > 0 && (r.envelope as number) > 1e-280)
    .map((r) => (r.loss as number) / (r.envelope as number) - 1));
  return {
    tables: [table],
    plots: [{
      id: 'loss', title: 'Shallow GD: loss over its start against the (1 − ησ_min²)^{2t} ' +
        'envelope (first seed)',
      x: { label: 'step t' }, y: { label: 'loss_t / loss_0', log: true }, series,
    }],
    checks: [
      checkBelow('C1 limit', 'GD ends at A⁺b + P_N θ0 (all runs converged)',
        allConverged ? maxOf(col(converged, 'distanceToProjection')) : NaN, 1e-10),
      checkBelow('envelope', 'loss_t / ((1 − ησ_min²)^{2t} loss_0) − 1 at every recorded t > 0',
        envelopeExcess, 1e-9),
    ],
    notes: [
      'P0 (n = 5, d = 20), η = 1/σ_max(A)², θ0 = 0 or N(0, σ²I); stop at loss < 1e-25.',
      '‖θ∞ − θ*‖ and ‖P_N θ0‖ coincide column by column, as T0 predicts.',
    ],
  };
}

export const shallowBaseline: Scenario = {
  id: 'S1',
  name: 'shallow-baseline',
  title: 'Shallow baseline: GD on θ directly keeps the null-space part of θ0',
  description:
    'Depth 0; θ0 = 0 or Gaussian(σ); checks the limit A⁺b + P_N θ0 and the loss envelope.',
  grid: (opts) => makeGrid('S1', {
    full: { axes: { sigma: [0, 0.1, 1, 10] }, seeds: 5, params: { maxSteps: 20000, every: 5 } },
    quick: { axes: { sigma: [0, 1, 10] }, seeds: 2, params: { maxSteps: 20000, every: 10 } },
  }, opts),
  run,
  summarize,
};
