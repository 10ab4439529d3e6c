// S2 frozen-random-layers (THEORY.md (d) 2, checks C3–C6, T1): W1 … Wh fixed, only x trained.
// GD ends at θ0 + G Aᵀ(A G Aᵀ)⁻¹(b − Aθ0) with G = WWᵀ, W = W1⋯Wh (the C3 formula; for x0 = 0
// the G⁻¹-weighted minimum-norm solution of C4). Orthonormal rows (G = I) give θ* (C5); Gaussian
// layers approach it as the width grows, roughly like √(d·h/m) (C6).
import { frozenLayersSolution } from '../../dln/theory.js';
import type { FactorInit } from '../../dln/types.js';
import type { Matrix } from '../../linalg/matrix.js';
import type { Config, Row, Scenario, Summary } from '../types.js';
import { drawFactors, fit } from './fitting.js';
import { makeGrid, num, str } from './grid.js';
import { makeProblem, P0, seedsOf } from './problem.js';
import {
  checkBelow, checkBetween, col, fmt, geomean, groupBy, maxOf, meanStd, sortedUnique,
} from './stats.js';
import { distance } from './vectors.js';

function run(c: Config): Row[] {
  const h = num(c, 'h');
  const m = num(c, 'm');
  const layers = str(c, 'layers');
  const x0 = str(c, 'x0');
  const seeds = seedsOf(c.seed);
  const problem = makeProblem({ ...P0, seed: seeds.problem });
  const xInit: FactorInit = x0 === 'zero' ? { kind: 'zero' } : { kind: 'gaussian' };
  const trained = m <= num(c, 'trainMaxWidth');
  // Orthonormal rows are the library's 'orthogonal' init (Q of a Gaussian's QR; m ≥ d).
  const layerInit: FactorInit = { kind: layers === 'orthonormal' ? 'orthogonal' : 'gaussian' };
  const factors: Matrix[] = drawFactors({ problem, widths: Array(h).fill(m), seed: seeds.init,
    init: [...Array(h).fill(layerInit), xInit] });
  const limit = frozenLayersSolution(problem.A, problem.b, factors.slice(0, h), factors[h]!.data);
  const row: Row = {
    h, m, layers, x0, seed: c.seed, trained,
    closedFormErr: distance(limit, problem.thetaStar) / problem.thetaStarNorm,
  };
  if (trained) {
    const fr = fit(
      { problem, widths: Array(h).fill(m), seed: seeds.init,
        init: factors.map((f) => ({ kind: 'custom', value: f }) as FactorInit),
        frozen: [...Array(h).fill(true), false] },
      { maxSteps: num(c, 'maxSteps') },
    );
    Object.assign(row, {
      converged: fr.result.converged, steps: fr.result.steps, loss: fr.result.loss,
      relErr: distance(fr.theta, problem.thetaStar) / problem.thetaStarNorm,
      distanceToMinNorm: distance(fr.theta, problem.thetaStar),
      gapToClosedForm: distance(fr.theta, limit),
    });
  }
  return [row];
}

function summarize(rows: Row[]): Summary {
  const gauss0 = rows.filter((r) => r.layers === 'gaussian' && r.x0 === 'zero');
  const hs = sortedUnique(rows.map((r) => r.h));
  const ms = sortedUnique(rows.map((r) => r.m));
  const trainedOk = rows.filter((r) => r.trained && r.converged === true);
  const trainedAll = rows.filter((r) => r.trained);
  const curveOf = (sel: Row[], h: number, key: string) =>
    groupBy(sel.filter((r) => r.h === h), ['m'])
    .map(({ key: k, rows: g }) => [k.m as number, geomean(col(g, key))] as [number, number])
    .filter(([, y]) => y > 0);
  const ratios: number[] = [];
  for (const h of hs) {
    const c = curveOf(gauss0, h, 'closedFormErr');
    for (const [m, e] of c) {
      const next = c.find(([m2]) => m2 === 4 * m);
      if (m >= 32 && next) ratios.push(next[1] / e);
    }
  }
  const orth0 = trainedOk.filter((r) => r.layers === 'orthonormal' && r.x0 === 'zero');
  return {
    tables: [{
      title: 'Headline: relative error of the frozen-layer limit, Gaussian layers, x0 = 0 ' +
        '(closed form C4; mean ± std)',
      columns: ['m', ...hs.map((h) => `h = ${h}`)],
      rows: ms.map((m) => [m, ...hs.map((h) =>
        meanStd(col(gauss0.filter((r) => r.h === h && r.m === m), 'closedFormErr')))]),
    }, {
      title: 'Trained runs against the closed form (C3/C4) and orthonormal layers (C5)',
      columns: ['layers', 'x0', 'converged/total', 'max ‖θ_GD − closed form‖',
        'rel. error (mean ± std)'],
      rows: groupBy(trainedAll, ['layers', 'x0']).map(({ key, rows: g }) => [
        key.layers as string, key.x0 as string,
        `${g.filter((r) => r.converged).length}/${g.length}`,
        fmt(maxOf(col(g, 'gapToClosedForm'))), meanStd(col(g, 'relErr')),
      ]),
    }],
    // One plot per depth (4 series), so that the labels of the depths do not pile up.
    plots: hs.map((h) => ({
      id: `width-h${h}`, title: `Frozen layers, x0 = 0, h = ${h}: relative error against width`,
      x: { label: 'width m', log: true }, y: { label: '‖θ∞ − θ*‖/‖θ*‖', log: true },
      series: [
        { name: 'Gaussian (closed form)', kind: 'line' as const,
          points: curveOf(gauss0, h, 'closedFormErr') },
        { name: 'Gaussian (GD)', kind: 'dots' as const,
          points: curveOf(gauss0.filter((r) => r.trained), h, 'relErr') },
        { name: '√(d·h/m)', kind: 'guide' as const,
          points: ms.map((m) => [m, Math.sqrt((P0.d * h) / m)] as [number, number]) },
        { name: 'orthonormal layers (GD)', kind: 'dots' as const,
          points: groupBy(orth0.filter((r) => r.h === h), ['m']).map(({ key, rows: g }) =>
            [key.m as number, Math.max(1e-17, maxOf(col(g, 'relErr')))] as [number, number]) },
      ].filter((x) => x.points.length > 0),
    })),
    checks: [
      checkBelow('C3/C4', 'max ‖θ_GD − T1 closed form‖ over trained runs (all converged)',
        trainedOk.length === trainedAll.length ? maxOf(col(trainedOk, 'gapToClosedForm')) : NaN,
        1e-9),
      checkBelow('C5', 'max ‖θ∞ − θ*‖ for orthonormal frozen layers, x0 = 0',
        maxOf(col(orth0, 'distanceToMinNorm')), 1e-10),
      checkBetween('C6', 'ratios err(4m)/err(m), m ≥ 32, Gaussian layers, x0 = 0 (worst one)',
        ratios.length ? (ratios.some((r) => r < 0.35) ? Math.min(...ratios) : Math.max(...ratios))
          : NaN, 0.35, 0.75),
    ],
    notes: [
      'Only x is trained (frozen W1 … Wh, Gaussian entries N(0, 1/m) or orthonormal rows); ' +
        'widths above trainMaxWidth use the closed form alone.',
    ],
  };
}

/**
 * Orthonormal rows need m ≥ d; untrained widths get the closed form for x0 = 0 only; the
 * widest layer is 2048 for h ≤ 2, 512 for h = 3 and 256 for h = 5 (the closed form's cost grows
 * like h·m², and the default grid has a time budget).
 */
function keepFrozen(c: Config): boolean {
  const m = c.m as number;
  const trained = m <= (c.trainMaxWidth as number);
  if (c.layers === 'orthonormal') return trained && m >= P0.d;
  if (!trained && c.x0 !== 'zero') return false;
  const h = c.h as number;
  return m <= (h <= 2 ? 2048 : h === 3 ? 512 : 256);
}

export const frozenRandomLayers: Scenario = {
  id: 'S2',
  name: 'frozen-random-layers',
  title: 'Frozen random layers: a weighted minimum norm that tends to A⁺b as the width grows',
  description: 'Only x trained; error against width for Gaussian and orthonormal frozen layers.',
  grid: (opts) => makeGrid('S2', {
    full: { axes: { h: [1, 2, 3, 5], m: [16, 32, 64, 128, 256, 512, 1024, 2048],
      layers: ['gaussian', 'orthonormal'], x0: ['zero', 'random'] }, seeds: 5,
    params: { trainMaxWidth: 64, maxSteps: 100000 } },
    quick: { axes: { h: [1, 3], m: [32, 128, 512], layers: ['gaussian', 'orthonormal'],
      x0: ['zero', 'random'] }, seeds: 2, params: { trainMaxWidth: 32, maxSteps: 100000 } },
  }, opts, keepFrozen),
  run,
  summarize,
};
