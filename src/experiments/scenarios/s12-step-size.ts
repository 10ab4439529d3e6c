// S12 step-size (THEORY.md (d) 12, checks C7, C11, T3): the same start trained with several
// step sizes. T2's identity P_N(θ_t − W1(0)v_t) = 0 holds at every step whatever η; the
// balancedness drift ‖D_i(∞) − D_i(0)‖ (zero under gradient flow) and the gap of the final error
// from the small-step limit both scale like η.
import { imbalance } from '../../dln/theory.js';
import type { Matrix } from '../../linalg/matrix.js';
import { matvec } from '../../linalg/products.js';
import type { Config, Row, Scenario, Summary } from '../types.js';
import { lossTolFor, openNetwork, productOf } from './fitting.js';
import { makeGrid, num } from './grid.js';
import { makeProblem, P0, seedsOf, type Problem } from './problem.js';
import {
  checkBelow, checkBetween, col, fmt, geomean, groupBy, logLogSlope, maxOf, meanStd, sortedUnique,
} from './stats.js';
import { distance, norm, sub } from './vectors.js';

/**
 * ‖P_N(θ − W1(0) v)‖ with v = W2⋯Wh x: the residual of T2's identity at the current factors.
 * Measured here, every few steps, with the problem's A⁺ (dln's firstLayerPrediction would take
 * a fresh pseudoinverse at each of thousands of calls).
 */
export function t2Residual(problem: Problem, w10: Matrix, factors: Matrix[]): number {
  const theta = productOf(factors);
  return norm(problem.nullPart(sub(theta, matvec(w10, productOf(factors.slice(1)),
    { checkFinite: false }))));
}

/** max_i ‖D_i − D_i(0)‖_F over the imbalances of T3. */
export function drift(factors: Matrix[], d0: Matrix[]): number {
  return Math.max(...imbalance(factors).map((dm, i) => distance(dm.data, d0[i]!.data)));
}

function run(c: Config): Row[] {
  const h = num(c, 'h');
  const eta = num(c, 'eta');
  const maxSteps = num(c, 'maxSteps');
  const seeds = seedsOf(c.seed);
  const problem = makeProblem({ ...P0, seed: seeds.problem });
  const net = openNetwork({ problem, widths: Array(h).fill(num(c, 'm')),
    init: { kind: 'gaussian', scale: num(c, 's') }, seed: seeds.init });
  try {
    const f0 = net.initialFactors();
    const d0 = imbalance(f0);
    const tol = lossTolFor(norm(productOf(f0)));
    let t2 = 0;
    let steps = 0;
    let converged = false;
    let finite = true;
    while (steps < maxSteps) {
      const chunk = steps < 50 ? 1 : 20;
      const res = net.train({ step: eta, maxSteps: Math.min(chunk, maxSteps - steps),
        lossTol: tol, record: false });
      steps += res.steps;
      const f = net.factors();
      const scale = 1 + norm(productOf(f));
      if (!Number.isFinite(res.loss) || !Number.isFinite(scale)) { finite = false; break; }
      t2 = Math.max(t2, t2Residual(problem, f0[0]!, f) / scale);
      if (res.converged) { converged = true; break; }
      if (res.steps === 0) break;
    }
    const f = net.factors();
    const theta = net.theta();
    return [{
      eta, h, seed: c.seed, converged, finite, steps, t2Residual: t2, drift: drift(f, d0),
      relErr: distance(theta, problem.thetaStar) / problem.thetaStarNorm, loss: net.loss(),
    }];
  } finally {
    net.dispose();
  }
}

function summarize(rows: Row[]): Summary {
  const etas = sortedUnique(rows.map((r) => r.eta));
  const ref = etas[0]!;
  const ok = rows.filter((r) => r.converged === true);
  const refErr = new Map<number, number>();
  for (const r of ok) if (r.eta === ref) refErr.set(r.seed as number, r.relErr as number);
  const gaps = ok.filter((r) => r.eta !== ref && refErr.has(r.seed as number))
    .map((r) => ({ eta: r.eta as number,
      gap: Math.abs((r.relErr as number) - refErr.get(r.seed as number)!) }));
  const gapCurve = groupBy(gaps as unknown as Row[], ['eta'])
    .map(({ key, rows: g }) =>
      [(key.eta as number) - ref, geomean(col(g, 'gap'))] as [number, number]);
  const driftCurve = groupBy(ok, ['eta'])
    .map(({ key, rows: g }) => [key.eta as number, geomean(col(g, 'drift'))] as [number, number]);
  const allConvergedEtas = etas.filter((e) =>
    rows.filter((r) => r.eta === e).every((r) => r.converged));
  const inRange = (c: [number, number][], shift = 0) =>
    c.filter(([e]) => allConvergedEtas.includes(e + shift) && e + shift <= 0.05);
  return {
    tables: [{
      title: 'Headline: effect of the step size η on one start (mean ± std over seeds)',
      columns: ['η', 'converged', 'max_t ‖P_N(θ_t − W1(0)v_t)‖ / (1 + ‖θ_t‖)', 'balancedness drift',
        '|e_η − e_ref|', 'rel. error e_η'],
      rows: etas.map((e) => {
        const g = rows.filter((r) => r.eta === e);
        return [fmt(e), `${g.filter((r) => r.converged).length}/${g.length}`,
          fmt(maxOf(col(g, 't2Residual'))), meanStd(col(g.filter((r) => r.converged), 'drift')),
          meanStd(gaps.filter((x) => x.eta === e).map((x) => x.gap)),
          meanStd(col(g.filter((r) => r.converged), 'relErr'))];
      }),
    }],
    plots: [{
      id: 'step', title: 'Balancedness drift and error gap against η',
      x: { label: 'step size η', log: true }, y: { label: 'value', log: true },
      series: [
        { name: 'max_i ‖D_i(∞) − D_i(0)‖_F', kind: 'line', points: driftCurve },
        { name: `|e_η − e_ref| against η − η_ref (η_ref = ${fmt(ref)})`, kind: 'line',
          points: gapCurve },
        ...(driftCurve.length ? [{ name: 'slope 1', kind: 'guide' as const,
          points: driftCurve.map(([e]) =>
            [e, driftCurve[0]![1] * (e / driftCurve[0]![0])] as [number, number]) }] : []),
      ],
    }],
    checks: [
      checkBelow('C7 (T2 identity)',
        'max over steps, runs and η of ‖P_N(θ_t − W1(0)v_t)‖/(1 + ‖θ_t‖)',
        maxOf(col(rows.filter((r) => r.finite), 't2Residual')), 1e-12),
      checkBetween('drift ∝ η', 'log-log slope of the drift in η (converged η ≤ 0.05)',
        logLogSlope(inRange(driftCurve)), 0.8, 1.2),
      checkBetween('error gap ∝ η',
        'log-log slope of |e_η − e_ref| in η − η_ref (converged η ≤ 0.05)',
        logLogSlope(inRange(gapCurve, ref)), 0.8, 1.2),
    ],
    notes: [`P0, Gaussian(s) start, fixed η per run; the identity is measured after each of the ` +
      `first 50 steps and every 20 steps after. e_ref is the run at η = ${fmt(ref)}.`],
  };
}

export const stepSize: Scenario = {
  id: 'S12',
  name: 'step-size',
  title: 'Step size: the first-layer identity is exact, the rest moves at O(η)',
  description: 'η from 0.00125 to 0.1 at a fixed Gaussian start; T2 identity, drift and error gap.',
  grid: (opts) => makeGrid('S12', {
    full: { axes: { eta: [0.00125, 0.005, 0.02, 0.05, 0.1] }, seeds: 5,
      params: { h: 3, m: 10, s: 1, maxSteps: 200000 } },
    quick: { axes: { eta: [0.0025, 0.01, 0.04] }, seeds: 2,
      params: { h: 2, m: 10, s: 1, maxSteps: 100000 } },
  }, opts),
  run,
  summarize,
};
