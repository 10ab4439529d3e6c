// S11 diagonal-shape (THEORY.md (d) 11, b3, b4, checks C19 and C20): the related-work panel.
// Woodworth's β = w₊² − w₋² from w₊ = w₋ = α·1 reaches argmin Q_α(β) over Aβ = b, which moves
// from minimum ℓ1 (α → 0) to minimum ℓ2 (α → ∞); Azulay's β = u ⊙ v keeps δ = u² − v² and its
// limit depends on the shape |δ|. GD limits are compared with the closed forms.
import {
  productSolution, trainProduct, trainWoodworth, woodworthSolution,
} from '../../dln/diagonal.js';
import { Random } from '../../linalg/random.js';
import { matvec } from '../../linalg/products.js';
import type { Config, Row, Scenario, Summary } from '../types.js';
import { logGrid, makeGrid, num, str } from './grid.js';
import { makeProblem, P0, seedsOf, type Problem } from './problem.js';
import { checkBelow, col, fmt, groupBy, maxOf, mean, meanStd, sortedUnique } from './stats.js';
import { distance, norm } from './vectors.js';

const l1 = (x: Float64Array) => x.reduce((s, v) => s + Math.abs(v), 0);

/** ‖P_N z‖/‖z‖: how far z is from range(Aᵀ) (zero exactly at the mirror-flow limit). */
function offRange(problem: Problem, z: Float64Array): number {
  return norm(problem.nullPart(z)) / norm(z);
}

function run(c: Config): Row[] {
  const part = str(c, 'part');
  const x = num(c, 'x');
  const seeds = seedsOf(c.seed);
  const problem = makeProblem({ ...P0, seed: seeds.problem });
  const d = problem.d;
  const maxSteps = num(c, 'maxSteps');
  let u0: Float64Array | undefined;
  let v0: Float64Array | undefined;
  let limit: Float64Array;
  let potential: (beta: Float64Array) => Float64Array;
  let scaleOfBeta: (bmax: number) => number;
  if (part === 'woodworth') {
    limit = woodworthSolution(problem.A, problem.b, x);
    potential = (beta) => beta.map((v) => Math.asinh(v / (2 * x * x)));
    scaleOfBeta = (bmax) => 4 * (bmax + 2 * x * x);
  } else {
    // u0² − v0² = δ = x in every coordinate: the shape |δ| of Azulay et al.
    const v = new Random(seeds.extra).uniform(d).map((z) => z - 0.5);
    const u = v.map((z) => Math.sqrt(x + z * z));
    [u0, v0] = [u, v];
    const o = u.map((z, i) => Math.asinh((2 * z * v[i]!) / x));
    limit = productSolution(problem.A, problem.b, u, v);
    potential = (beta) => beta.map((v, i) => 0.5 * Math.asinh((2 * v) / x) - 0.5 * o[i]!);
    scaleOfBeta = (bmax) => Math.sqrt(x * x + 4 * bmax * bmax);
  }
  const bmax = Math.max(...limit.map(Math.abs), ...problem.thetaStar.map(Math.abs));
  const factor = num(c, 'stepFactor') * (part === 'azulay' ? 0.5 : 1);
  const eta = factor / (problem.sigmaMax2 * scaleOfBeta(2 * bmax));
  // Rounding floor: updates below an ulp of the weights (of size max(1, x) squared) stall.
  const lossTol = Math.max(1e-25, (1e-13 * Math.max(1, part === 'woodworth' ? x * x : x)) ** 2);
  const opts = { step: eta, maxSteps, lossTol };
  const gd = part === 'woodworth'
    ? trainWoodworth(problem.A, problem.b, x, opts)
    : trainProduct(problem.A, problem.b, u0!, v0!, opts);
  return [{
    part, x, seed: c.seed, converged: gd.converged, steps: gd.steps, eta,
    l1: l1(gd.beta), l2: norm(gd.beta), limitL1: l1(limit), limitL2: norm(limit),
    minNormL1: l1(problem.thetaStar), minNormL2: problem.thetaStarNorm,
    gapToLimit: distance(gd.beta, limit) / norm(limit),
    limitResidual: distance(matvec(problem.A, limit), problem.b),
    offRange: offRange(problem, potential(gd.beta)),
  }];
}

function summarize(rows: Row[]): Summary {
  const parts = [...new Set(rows.map((r) => r.part as string))];
  const ok = rows.filter((r) => r.converged === true);
  const label = (p: string) => (p === 'woodworth' ? 'α' : '|δ|');
  const curve = (p: string, key: string) => groupBy(rows.filter((r) => r.part === p), ['x'])
    .map(({ key: k, rows: g }) => [k.x as number, mean(col(g, key))] as [number, number]);
  const wood = ok.filter((r) => r.part === 'woodworth');
  const xs = sortedUnique(wood.map((r) => r.x));
  const big = wood.filter((r) => r.x === xs[xs.length - 1]);
  return {
    tables: parts.map((p, i) => ({
      title: `${i === 0 ? 'Headline: ' : ''}${p === 'woodworth' ? 'Woodworth β = w₊² − w₋²' :
        'Azulay β = u ⊙ v'}: norms of the GD limit and of the closed form (mean ± std)`,
      columns: [label(p), '‖β‖₁ GD', '‖β‖₁ closed form', '‖β‖₂ GD', '‖β‖₂ closed form',
        '‖β_GD − β_cf‖/‖β_cf‖', 'off-range of ∇ψ', 'converged'],
      rows: groupBy(rows.filter((r) => r.part === p), ['x']).map(({ key, rows: g }) => [
        fmt(key.x as number), meanStd(col(g, 'l1')), meanStd(col(g, 'limitL1')),
        meanStd(col(g, 'l2')), meanStd(col(g, 'limitL2')), fmt(maxOf(col(g, 'gapToLimit'))),
        fmt(maxOf(col(g, 'offRange'))), `${g.filter((r) => r.converged).length}/${g.length}`]),
    })),
    plots: parts.map((p) => ({
      id: p,
      title: `${p === 'woodworth' ? 'Woodworth' : 'Azulay'} model: ℓ1 and ℓ2 norms of the limit`,
      x: { label: label(p), log: true }, y: { label: 'norm', log: true },
      series: [
        { name: '‖β∞‖₁ (GD)', kind: 'dots' as const, points: curve(p, 'l1') },
        { name: '‖β∞‖₂ (GD)', kind: 'dots' as const, points: curve(p, 'l2') },
        { name: '‖β‖₁ closed form', kind: 'guide' as const, points: curve(p, 'limitL1') },
        { name: '‖β‖₂ closed form', kind: 'guide' as const, points: curve(p, 'limitL2') },
        { name: '‖θ*‖₁ (min ℓ2 solution)', kind: 'guide' as const, points: curve(p, 'minNormL1') },
      ],
    })),
    checks: [
      checkBelow('C19/C20',
        'max ‖P_N ∇ψ(β∞)‖/‖∇ψ(β∞)‖ over converged runs (mirror-flow optimality)',
        maxOf(col(ok, 'offRange')), 1e-3),
      checkBelow('closed form', 'max ‖β_GD − β_cf‖/‖β_cf‖ over converged runs (GD vs flow: O(η))',
        maxOf(col(ok, 'gapToLimit')), 2e-2),
      checkBelow('kernel end', `max |‖β∞‖₂/‖θ*‖ − 1| at α = ${fmt(xs[xs.length - 1])} (Woodworth)`,
        maxOf(big.map((r) => Math.abs((r.l2 as number) / (r.minNormL2 as number) - 1))), 1e-2),
      checkBelow('converged', 'fraction of runs not converged', 1 - ok.length / rows.length, 1e-12),
    ],
    notes: ['P0 (b ~ N(0, I)). GD by dln\'s trainWoodworth and trainProduct with ' +
      'η = stepFactor/(σ_max² · the preconditioner bound at the limit), halved for the Azulay ' +
      'model. Closed forms by dln\'s woodworthSolution and productSolution (Newton on the dual).'],
  };
}

export const diagonalShape: Scenario = {
  id: 'S11',
  name: 'diagonal-shape',
  title: 'Diagonal networks: scale and shape move the bias between ℓ1 and ℓ2',
  description:
    'Woodworth model over α and Azulay u ⊙ v model over |δ|, against closed-form limits.',
  grid: (opts) => makeGrid('S11', {
    full: { axes: { part: ['woodworth', 'azulay'], x: logGrid(-2, 1, 7) }, seeds: 5,
      params: { maxSteps: 200000, stepFactor: 0.1 } },
    quick: { axes: { part: ['woodworth', 'azulay'], x: [0.1, 1, 10] }, seeds: 2,
      params: { maxSteps: 100000, stepFactor: 0.1 } },
  }, opts),
  run,
  summarize,
};
