// The scenarios compute their predictions with their own helpers (Cholesky solves of AAᵀ-type
// Gram matrices); the library's dln theory functions compute the same quantities through the
// SVD-based pseudoinverse. The two independent routes must agree.
import { describe, expect, it } from 'vitest';
import { Matrix } from '../../src/linalg/matrix.js';
import { tangentKernel as libKernel, lazySolution } from '../../src/dln/lazy.js';
import { balancedRankOneError } from '../../src/dln/flow.js';
import {
  frozenLayersSolution, firstLayerPrediction as libPrediction, minWeightNorm,
} from '../../src/dln/theory.js';
import { makeProblem, P0 } from '../../src/experiments/scenarios/problem.js';
import { kernelLimit, tangentKernel } from '../../src/experiments/scenarios/fitting.js';
import { frozenLimit } from '../../src/experiments/scenarios/s02-frozen-random-layers.js';
import { rankOneRoot } from '../../src/experiments/scenarios/s05-balanced-vs-random.js';
import { norm, sub, chain, matvecTs } from '../../src/experiments/scenarios/dense.js';
import { balancedFactorization } from '../../src/experiments/scenarios/s07-weight-norm-at-convergence.js';

const problem = makeProblem({ ...P0, seed: 12 });
const factors = [[20, 7], [7, 7], [7, 1]]
  .map(([r, c], i) => Matrix.randn(r!, c!, { seed: 40 + i, scale: 0.5 }));
const rel = (x: Float64Array, y: Float64Array) => norm(sub(x, y)) / norm(y);

describe('scenario helpers against src/dln theory', () => {
  it('tangent kernel, with and without frozen factors', () => {
    for (const frozen of [undefined, [true, false, false], [true, true, false]]) {
      const mine = tangentKernel(factors, frozen);
      const lib = libKernel(factors, frozen);
      expect(rel(mine.data, lib.data)).toBeLessThan(1e-13);
    }
  });

  it('lazy solution (T6) and frozen-layer limit (T1)', () => {
    const m = tangentKernel(factors);
    const zero = new Float64Array(problem.d);
    expect(rel(kernelLimit(problem, m, zero), lazySolution(problem.A, problem.b, m)))
      .toBeLessThan(1e-10);
    const layers = factors.slice(0, 2);
    const x0 = factors[2]!.data;
    const theta0 = matvecTs(chain(layers), x0);
    expect(rel(frozenLimit(problem, chain(layers), theta0),
      frozenLayersSolution(problem.A, problem.b, layers, x0))).toBeLessThan(1e-10);
  });

  it('first-layer prediction (T2) and the rank-one root (T4)', () => {
    const w10 = Matrix.randn(20, 7, { seed: 50 });
    const lib = libPrediction(problem.A, problem.b, w10, factors);
    const v = chain(factors.slice(1)).data;
    const mine = problem.nullPart(matvecTs(w10, v));
    expect(rel(mine, lib.nullPart)).toBeLessThan(1e-11);
    const u0 = Matrix.randn(20, 1, { seed: 51 }).data;
    const unit = u0.map((x) => x / norm(u0));
    for (const h of [1, 2, 3]) {
      const e = rankOneRoot(0.4 * norm(problem.nullPart(unit)), problem.thetaStarNorm, h);
      const libE = balancedRankOneError(problem.A, problem.b, { depth: h, scale: 0.4, u0 });
      expect(Math.abs(e - libE) / libE).toBeLessThan(1e-10);
    }
  });

  it('minimum weight norm (T5) of the balanced rank-one factorization', () => {
    for (const h of [1, 3]) {
      const bf = balancedFactorization(problem, h, 6);
      const sq = bf.reduce((s, f) => s + norm(f.data) ** 2, 0);
      expect(Math.abs(sq / minWeightNorm(problem.A, problem.b, h) - 1)).toBeLessThan(1e-12);
    }
  });
});
