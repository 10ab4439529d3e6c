// S5 balanced-vs-random (THEORY.md (d) 5, T3, T4, checks C13 and the rank-one root): a balanced
// rank-one start W_i = s u_{i−1}u_iᵀ, x = s u_h against a Gaussian start with the same ‖θ0‖.
// (a) The balanced limit solves e = s‖P_N u0‖(‖θ*‖² + e²)^{h/(2(h+1))}, e = ‖θ∞ − θ*‖.
// (b) GD follows the end-to-end ODE θ' = −‖θ‖^{2h/(h+1)}(g + h θ̂θ̂ᵀg) of Arora et al. to O(η).
// (c) The imbalances D_i, conserved by the flow, drift by O(η) under GD.
import { InvalidArgument } from '../../core/errors.js';
import { balancedRankOneError, endToEndFlow } from '../../dln/flow.js';
import { imbalance } from '../../dln/theory.js';
import type { FactorInit } from '../../dln/types.js';
import { Matrix } from '../../linalg/matrix.js';
import type { Config, GridOptions, Row, Scenario } from '../types.js';
import { drawFactors, endRow, lossTolFor, openNetwork, productOf } from './fitting.js';
import { makeGrid, num, str } from './grid.js';
import { makeProblem, P0, seedsOf, type Problem } from './problem.js';
import { summarizeBalanced } from './s05-summary.js';
import { drift } from './s12-step-size.js';
import { distance, norm } from './vectors.js';

/**
 * The start of a run: the library's balanced rank-one init W_i = s u_{i−1}u_iᵀ, x = s u_h, or
 * a Gaussian start rescaled so that ‖θ0‖ = s^{h+1}, as for the balanced one.
 */
function startFactors(problem: Problem, c: Config, widths: number[], s: number): Matrix[] {
  const seeds = seedsOf(c.seed);
  if (str(c, 'init') === 'balanced') {
    return drawFactors({ problem, widths, init: { kind: 'balancedRankOne', scale: s },
      seed: seeds.extra });
  }
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
      // θ0 = s^{h+1}u0 for the balanced start, so θ0 gives T4's direction u0.
      row.prediction = balancedRankOneError(problem.A, problem.b,
        { depth: h, scale: s, u0: theta0 }) / problem.thetaStarNorm;
      return [row];
    }
    const horizon = num(c, 'horizon');
    const total = Math.round(horizon / eta);
    const perUnit = Math.round(1 / eta);
    const d0 = imbalance(start);
    let y = productOf(start);
    const rows: Row[] = [];
    let done = 0;
    const tol = part === 'trajectory' ? 0 : lossTolFor(1);
    while (done < total) {
      const k = Math.min(perUnit, total - done);
      net.train({ step: eta, maxSteps: k, lossTol: tol, record: false });
      y = endToEndFlow(problem.A, problem.b, y, { depth: h, step: eta, horizon: k * eta });
      done += k;
      const f = net.factors();
      const row: Row = { ...base, kind: 'trace', time: done * eta };
      if (part === 'trajectory') row.gap = distance(productOf(f), y) / problem.thetaStarNorm;
      else row.drift = drift(f, d0);
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
