// S5 balanced-vs-random (THEORY.md (d) 5, T3, T4, checks C13 and the rank-one root): a balanced
// rank-one start W_i = s u_{i−1}u_iᵀ, x = s u_h against a Gaussian start with the same ‖θ0‖.
// (a) The balanced limit solves e = s‖P_N u0‖(‖θ*‖² + e²)^{h/(2(h+1))}, e = ‖θ∞ − θ*‖.
// (b) GD follows the end-to-end ODE θ' = −‖θ‖^{2h/(h+1)}(g + h θ̂θ̂ᵀg) of Arora et al. to O(η).
// (c) The imbalances D_i, conserved by the flow, drift by O(η) under GD.
import { InvalidArgument } from '../../core/errors.js';
import type { FactorInit } from '../../dln/types.js';
import { Matrix } from '../../linalg/matrix.js';
import { Random } from '../../linalg/random.js';
import type { Config, GridOptions, Row, Scenario } from '../types.js';
import { dotTs, frobeniusDistance, matTvecTs, matvecTs, norm, sub } from './dense.js';
import { endRow, lossTolFor, productOf } from './fitting.js';
import { makeGrid, num, str } from './grid.js';
import { openNetwork } from './network.js';
import { makeProblem, P0, seedsOf, type Problem } from './problem.js';
import { drawFactors } from './reference-gd.js';
import { imbalances } from './s12-step-size.js';
import { summarizeBalanced } from './s05-summary.js';

const unit = (v: Float64Array) => v.map((x) => x / norm(v));

/** W_i = s u_{i−1}u_iᵀ and x = s u_h with random unit vectors u_i (u0 ∈ R^d). */
export function balancedRankOne(d: number, widths: number[], s: number, seed: number): Matrix[] {
  const rng = new Random(seed);
  const us = [d, ...widths].map((k) => unit(rng.normal(k)));
  const out: Matrix[] = [];
  for (let i = 0; i < widths.length; i++) {
    const a = us[i]!;
    const b = us[i + 1]!;
    const w = new Matrix(a.length, b.length);
    for (let r = 0; r < a.length; r++) {
      for (let c = 0; c < b.length; c++) w.data[r * b.length + c] = s * a[r]! * b[c]!;
    }
    out.push(w);
  }
  out.push(new Matrix(widths[widths.length - 1]!, 1, us[us.length - 1]!.map((x) => s * x)));
  return out;
}

/** Root e ≥ 0 of e = s·a·(T² + e²)^{h/(2(h+1))} by bisection (the right side grows sublinearly). */
export function rankOneRoot(sa: number, thetaStarNorm: number, h: number): number {
  const p = h / (2 * (h + 1));
  const f = (e: number) => e - sa * (thetaStarNorm ** 2 + e * e) ** p;
  let lo = 0;
  let hi = 1;
  while (f(hi) < 0) hi *= 2;
  for (let k = 0; k < 200; k++) {
    const mid = 0.5 * (lo + hi);
    if (f(mid) < 0) lo = mid; else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** One Euler step of the end-to-end ODE of T4 with step η. */
export function aroraEulerStep(
  problem: Problem, y: Float64Array, h: number, eta: number,
): Float64Array {
  const g = matTvecTs(problem.A, sub(matvecTs(problem.A, y), problem.b));
  const ny = norm(y);
  const yhat = y.map((v) => v / ny);
  const proj = dotTs(yhat, g);
  const k = ny ** ((2 * h) / (h + 1));
  return y.map((v, i) => v - eta * k * (g[i]! + h * yhat[i]! * proj));
}

function startFactors(problem: Problem, c: Config, widths: number[], s: number): Matrix[] {
  const seeds = seedsOf(c.seed);
  const balanced = balancedRankOne(problem.d, widths, s, seeds.extra);
  if (str(c, 'init') === 'balanced') return balanced;
  const g = drawFactors({ problem, widths, init: { kind: 'gaussian' }, seed: seeds.init });
  const k = ((s ** (widths.length + 1)) / norm(productOf(g))) ** (1 / (widths.length + 1));
  return g.map((f) => new Matrix(f.rows, f.cols, f.data.map((v) => k * v)));
}

function run(c: Config): Row[] {
  const part = str(c, 'part');
  const h = num(c, 'h');
  const eta = num(c, 'eta');
  const s = num(c, 's');
  const widths = Array(h).fill(num(c, 'm'));
  const problem = makeProblem({ ...P0, seed: seedsOf(c.seed).problem });
  const start = startFactors(problem, c, widths, s);
  const net = openNetwork({ problem, widths, seed: 0,
    init: start.map((f) => ({ kind: 'custom', value: f }) as FactorInit) });
  const base = { part, h, s, eta, init: str(c, 'init'), seed: c.seed };
  try {
    if (part === 'fixedpoint') {
      const res = net.train({ step: eta, maxSteps: num(c, 'maxSteps'), lossTol: 1e-25 });
      const theta0 = productOf(start);
      const row: Row = { ...base, ...endRow(problem, { theta: net.theta(), factors: net.factors(),
        initialFactors: start, result: res, theta0 }) };
      const sa = s * norm(problem.nullPart(theta0.map((v) => v / norm(theta0))));
      row.prediction = rankOneRoot(sa, problem.thetaStarNorm, h) / problem.thetaStarNorm;
      return [row];
    }
    const horizon = num(c, 'horizon');
    const total = Math.round(horizon / eta);
    const perUnit = Math.round(1 / eta);
    const d0 = imbalances(start);
    let y = productOf(start);
    const rows: Row[] = [];
    let done = 0;
    const tol = part === 'trajectory' ? 0 : lossTolFor(1);
    while (done < total) {
      const k = Math.min(perUnit, total - done);
      net.train({ step: eta, maxSteps: k, lossTol: tol, record: false });
      for (let i = 0; i < k; i++) y = aroraEulerStep(problem, y, h, eta);
      done += k;
      const f = net.factors();
      const row: Row = { ...base, kind: 'trace', time: done * eta };
      if (part === 'trajectory') row.gap = norm(sub(productOf(f), y)) / problem.thetaStarNorm;
      else row.drift = Math.max(...imbalances(f).map((dm, i) => frobeniusDistance(dm, d0[i]!)));
      rows.push(row);
    }
    rows[rows.length - 1]!.kind = 'final';
    return rows;
  } finally {
    net.dispose();
  }
}

const PARTS = {
  fixedpoint: { axes: ['h', 's', 'init'], full: { h: [1, 2, 3], s: [0.2, 0.4, 0.6, 0.8],
    init: ['balanced', 'gaussian'] },
  quick: { h: [1, 2], s: [0.3, 0.6], init: ['balanced', 'gaussian'] },
  params: { eta: 0.005, m: 10, maxSteps: 400000, part: 'fixedpoint' } },
  trajectory: { axes: ['eta'], full: { eta: [0.02, 0.01, 0.005] }, quick: { eta: [0.02, 0.01] },
    params: { h: 3, m: 8, s: 0.5, horizon: 60, init: 'balanced', part: 'trajectory' } },
  drift: { axes: ['eta'], full: { eta: [0.005, 0.02, 0.05] }, quick: { eta: [0.01, 0.04] },
    params: { h: 3, m: 10, s: 1, horizon: 20, init: 'gaussian', part: 'drift' } },
} as const;

function grid(opts: GridOptions): Config[] {
  const known = new Set(['seeds', 'h', 's', 'init', 'eta']);
  for (const k of Object.keys(opts.overrides ?? {})) {
    if (!known.has(k)) {
      throw new InvalidArgument(
        `S5.grid: unknown override '${k}'; expected one of ${[...known].join(', ')}`,
      );
    }
  }
  return Object.values(PARTS).flatMap((p) => {
    const overrides = Object.fromEntries(Object.entries(opts.overrides ?? {})
      .filter(([k]) => k === 'seeds' || (p.axes as readonly string[]).includes(k)));
    const spec = (axes: object, seeds: number) => ({
      axes: axes as Record<string, (number | string)[]>,
      seeds, params: { ...p.params } as Record<string, number | string> });
    return makeGrid('S5', { full: spec(p.full, p === PARTS.fixedpoint ? 5 : 3),
      quick: spec(p.quick, 2) }, { quick: opts.quick, overrides });
  });
}

export const balancedVsRandom: Scenario = {
  id: 'S5',
  name: 'balanced-vs-random',
  title: 'Balanced versus random starts: a closed-form error and the end-to-end flow',
  description:
    'Rank-one balanced start against Gaussian with the same ‖θ0‖; T4 root, Arora ODE, drift.',
  grid,
  run,
  summarize: summarizeBalanced,
};
