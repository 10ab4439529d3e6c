// S13 riemannian-constrained (THEORY.md (d) 13; speculative, it only illustrates the
// "Riemannian optimization" keyword): W1 … Wh kept with orthonormal rows by Riemannian GD on
// the Stiefel manifold (tangent projection of the embedded metric, QR retraction), x trained by
// plain GD from 0. Compared with the same start frozen (C5: exactly θ*) and trained by plain GD.
import { layerProduct } from '../../dln/theory.js';
import type { FactorInit } from '../../dln/types.js';
import { Matrix } from '../../linalg/matrix.js';
import { axpy, matmul, matvec, scale } from '../../linalg/products.js';
import { lq } from '../../linalg/qr.js';
import type { Config, Row, Scenario, Summary } from '../types.js';
import { drawFactors, fit, productOf } from './fitting.js';
import { makeGrid, num, str } from './grid.js';
import { makeProblem, P0, seedsOf, type Problem } from './problem.js';
import { checkBelow, col, fmt, groupBy, maxOf, meanStd } from './stats.js';
import { distance, norm, sub } from './vectors.js';

const loose = { checkFinite: false } as const;

/** ‖W Wᵀ − I‖_F for a product W with (ideally) orthonormal rows. */
function rowDefect(w: Matrix): number {
  const g = matmul(w, w, { transposeB: true, checkFinite: false });
  return distance(g.data, Matrix.eye(g.rows).data);
}

/**
 * The QR retraction for a layer with orthonormal rows: W = L Q (the library's LQ, i.e. the QR
 * of Wᵀ) and the rows of Q, with signs turned so that L has a positive diagonal (which makes
 * the retraction a smooth map, whatever sign convention the factorization uses).
 */
function retract(w: Matrix): Matrix {
  const { L, Q } = lq(w);
  const sign = Array.from({ length: Q.rows }, (_, i) => (L.get(i, i) < 0 ? -1 : 1));
  return new Matrix(Q.rows, Q.cols, Q.data.map((v, k) => v * sign[Math.floor(k / Q.cols)]!));
}

/**
 * Riemannian GD: for each layer, with Z = W_iᵀ (orthonormal columns) and G its Euclidean
 * gradient, step along −(G − Z sym(ZᵀG)) and retract by the Q factor of a thin QR. dln has no
 * constrained trainer, so this loop lives here, on the library's products and LQ.
 */
function riemannianRun(problem: Problem, layers: Matrix[], eta: number, maxSteps: number) {
  const h = layers.length;
  let ws = layers.map((w) => w.clone());
  let x: Float64Array = new Float64Array(ws[h - 1]!.cols);
  let steps = 0;
  let loss = Infinity;
  for (;;) {
    const suffix: Float64Array[] = Array.from({ length: h + 1 }, () => x);
    for (let i = h - 1; i >= 0; i--) suffix[i] = matvec(ws[i]!, suffix[i + 1]!, loose);
    const r = sub(matvec(problem.A, suffix[0]!, loose), problem.b);
    loss = 0.5 * norm(r) ** 2;
    if (loss < 1e-25 || steps >= maxSteps || !Number.isFinite(loss)) break;
    let p = matvec(problem.A, r, { transpose: true, checkFinite: false });
    const next: Matrix[] = [];
    for (let i = 0; i < h; i++) {
      // The Euclidean gradient of W_i is p sᵀ, so with Z = W_iᵀ it is G = s pᵀ (rank one) and
      // ZᵀG = u pᵀ with u = W_i s: the tangent step G − Z sym(ZᵀG), written on W_i = Zᵀ, is
      // p (s − ½Zᵀu)ᵀ + u (−½Zᵀp)ᵀ, the rank-two product [p u]·[s − ½Zᵀu; −½Zᵀp].
      const w = ws[i]!;
      const s = suffix[i + 1]!;
      const u = matvec(w, s, loose);
      const zu = matvec(w, u, { transpose: true, checkFinite: false });
      const zp = matvec(w, p, { transpose: true, checkFinite: false });
      const left = new Matrix(2, w.rows, Float64Array.of(...p, ...u));
      const right = new Matrix(2, w.cols,
        Float64Array.of(...axpy(-0.5, zu, s, loose), ...scale(-0.5, zp, loose)));
      const xi = matmul(left, right, { transposeA: true, checkFinite: false });
      next.push(retract(new Matrix(w.rows, w.cols, axpy(-eta, xi.data, w.data, loose))));
      p = zp;
    }
    x = axpy(-eta, p, x, loose);
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
  // Orthonormal rows from the library's 'orthogonal' init (m ≥ d), x0 = 0.
  const init: FactorInit[] = [...Array(h).fill({ kind: 'orthogonal' }), { kind: 'zero' }];
  const start = drawFactors({ problem, widths: Array(h).fill(m), init, seed: seeds.extra });
  const layers = start.slice(0, h);
  const eta = 0.5 / (problem.sigmaMax2 * (1 + h * problem.thetaStarNorm ** 2));
  const maxSteps = num(c, 'maxSteps');
  const ts = problem.thetaStarNorm;
  if (variant === 'riemannian') {
    const r = riemannianRun(problem, layers, eta, maxSteps);
    return [{ variant, h, seed: c.seed, converged: r.converged, steps: r.steps,
      relErr: distance(r.theta, problem.thetaStar) / ts,
      rowDefect: rowDefect(layerProduct(r.ws)) }];
  }
  const fr = fit({ problem, widths: Array(h).fill(m), init, seed: seeds.extra,
    ...(variant === 'frozen' ? { frozen: [...Array(h).fill(true), false] } : {}) }, { maxSteps });
  return [{ variant, h, seed: c.seed, converged: fr.result.converged, steps: fr.result.steps,
    relErr: distance(fr.theta, problem.thetaStar) / ts,
    rowDefect: rowDefect(layerProduct(fr.factors.slice(0, h))) }];
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
