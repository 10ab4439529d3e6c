// S13 riemannian-constrained (THEORY.md (d) 13; speculative, it only illustrates the
// "Riemannian optimization" keyword): W1 … Wh kept with orthonormal rows by Riemannian GD on
// the Stiefel manifold (tangent projection of the embedded metric, QR retraction), x trained by
// plain GD from 0. Compared with the same start frozen (C5: exactly θ*) and trained by plain GD.
import { Matrix } from '../../linalg/matrix.js';
import type { Config, Row, Scenario, Summary } from '../types.js';
import { chain, gram, matTvecTs, matvecTs, norm, orthonormalRows, sub } from './dense.js';
import { fit, productOf } from './fitting.js';
import type { FactorInit } from '../../dln/types.js';
import { makeGrid, num, str } from './grid.js';
import { makeProblem, P0, seedsOf, type Problem } from './problem.js';
import { orthonormalLayers } from './s02-frozen-random-layers.js';
import { checkBelow, col, fmt, groupBy, maxOf, meanStd } from './stats.js';

/** ‖W Wᵀ − I‖_F for a product W with (ideally) orthonormal rows. */
function rowDefect(w: Matrix): number {
  const g = gram(w);
  for (let i = 0; i < g.rows; i++) g.data[i * g.cols + i] = g.data[i * g.cols + i]! - 1;
  return norm(g.data);
}

/**
 * Riemannian GD: for each layer, with Z = W_iᵀ (orthonormal columns) and G its Euclidean
 * gradient, step along −(G − Z sym(ZᵀG)) and retract by the Q factor of a thin QR.
 */
function riemannianRun(problem: Problem, layers: Matrix[], eta: number, maxSteps: number) {
  const h = layers.length;
  let ws = layers.map((w) => w.clone());
  let x = new Float64Array(ws[h - 1]!.cols);
  let steps = 0;
  let loss = Infinity;
  for (;;) {
    const suffix: Float64Array[] = Array.from({ length: h + 1 }, () => x);
    for (let i = h - 1; i >= 0; i--) suffix[i] = matvecTs(ws[i]!, suffix[i + 1]!);
    const r = sub(matvecTs(problem.A, suffix[0]!), problem.b);
    loss = 0.5 * norm(r) ** 2;
    if (loss < 1e-25 || steps >= maxSteps || !Number.isFinite(loss)) break;
    let p = matTvecTs(problem.A, r);
    const next: Matrix[] = [];
    for (let i = 0; i < h; i++) {
      // The Euclidean gradient of W_i is p sᵀ, so with Z = W_iᵀ it is G = s pᵀ (rank one) and
      // ZᵀG = u pᵀ with u = W_i s: the tangent step G − Z sym(ZᵀG) is a rank-two update. It is
      // applied to W_i = Zᵀ directly, and the QR retraction of Z orthonormalizes W_i's rows.
      const w = ws[i]!;
      const s = suffix[i + 1]!;
      const u = matvecTs(w, s);
      const zu = matTvecTs(w, u);
      const zp = matTvecTs(w, p);
      const { rows: wr, cols: wc } = w;
      const moved = new Float64Array(w.data);
      for (let b = 0; b < wr; b++) {
        const pb = p[b]!;
        const ub = u[b]!;
        for (let a = 0; a < wc; a++) {
          const xi = pb * s[a]! - 0.5 * (pb * zu[a]! + ub * zp[a]!);
          moved[b * wc + a] = moved[b * wc + a]! - eta * xi;
        }
      }
      next.push(orthonormalRows(new Matrix(wr, wc, moved)));
      p = matTvecTs(w, p);
    }
    x = x.map((v, k) => v - eta * p[k]!);
    ws = next;
    steps++;
  }
  const theta = productOf([...ws, new Matrix(x.length, 1, x)]);
  return { theta, ws, steps, converged: loss < 1e-25 };
}

function run(c: Config): Row[] {
  const h = num(c, 'h');
  const m = num(c, 'm');
  const variant = str(c, 'variant');
  const seeds = seedsOf(c.seed);
  const problem = makeProblem({ ...P0, seed: seeds.problem });
  const layers = orthonormalLayers(problem.d, m, h, seeds.extra);
  const eta = 0.5 / (problem.sigmaMax2 * (1 + h * problem.thetaStarNorm ** 2));
  const maxSteps = num(c, 'maxSteps');
  const ts = problem.thetaStarNorm;
  if (variant === 'riemannian') {
    const r = riemannianRun(problem, layers, eta, maxSteps);
    return [{ variant, h, seed: c.seed, converged: r.converged, steps: r.steps,
      relErr: norm(sub(r.theta, problem.thetaStar)) / ts, rowDefect: rowDefect(chain(r.ws)) }];
  }
  const init: FactorInit[] = [
    ...layers.map((w) => ({ kind: 'custom', value: w }) as FactorInit), { kind: 'zero' },
  ];
  const fr = fit({ problem, widths: Array(h).fill(m), init, seed: 0,
    ...(variant === 'frozen' ? { frozen: [...Array(h).fill(true), false] } : {}) }, { maxSteps });
  return [{ variant, h, seed: c.seed, converged: fr.result.converged, steps: fr.result.steps,
    relErr: norm(sub(fr.theta, problem.thetaStar)) / ts,
    rowDefect: rowDefect(chain(fr.factors.slice(0, h))) }];
}

function summarize(rows: Row[]): Summary {
  const ok = rows.filter((r) => r.converged === true);
  const of = (v: string) => ok.filter((r) => r.variant === v);
  return {
    tables: [{
      title: 'Headline: relative error from orthonormal layers and x0 = 0 (mean ± std)',
      columns: ['variant', 'h', 'rel. error', '‖WWᵀ − I‖_F at the end', 'converged', 'steps'],
      rows: groupBy(rows, ['variant', 'h']).map(({ key, rows: g }) => [
        key.variant as string, key.h as number,
        meanStd(col(g.filter((r) => r.converged), 'relErr')), fmt(maxOf(col(g, 'rowDefect'))),
        `${g.filter((r) => r.converged).length}/${g.length}`, meanStd(col(g, 'steps'))]),
    }],
    plots: [],
    checks: [
      checkBelow('Stiefel', 'max ‖WWᵀ − I‖_F of the Riemannian runs (the constraint holds)',
        maxOf(col(rows.filter((r) => r.variant === 'riemannian'), 'rowDefect')), 1e-12),
      checkBelow('C5', 'max relative error of the frozen orthonormal runs',
        maxOf(col(of('frozen'), 'relErr')), 1e-10),
      checkBelow('near θ*', 'max relative error of the Riemannian runs (observed small, not exact)',
        maxOf(col(of('riemannian'), 'relErr')), 1e-3),
      checkBelow('converged', 'fraction of runs not converged', 1 - ok.length / rows.length, 1e-12),
    ],
    notes: ['Speculative scenario (THEORY.md (d) 13). Moving orthonormal layers change W between ' +
      'steps, so θ∞ = W∞x∞ is not forced to be θ*: the Riemannian error is measured, ' +
      'not predicted.'],
  };
}

export const riemannianConstrained: Scenario = {
  id: 'S13',
  name: 'riemannian-constrained',
  title: 'Riemannian constraint: layers kept orthonormal by Stiefel GD with QR retraction',
  description:
    'Orthonormal-row layers trained on the Stiefel manifold, x by GD from 0; vs frozen and plain.',
  grid: (opts) => makeGrid('S13', {
    full: { axes: { variant: ['riemannian', 'frozen', 'plain'], h: [1, 2] }, seeds: 5,
      params: { m: 24, maxSteps: 20000 } },
    quick: { axes: { variant: ['riemannian', 'frozen', 'plain'], h: [1] }, seeds: 2,
      params: { m: 24, maxSteps: 20000 } },
  }, opts),
  run,
  summarize,
};
