// Regression for faults found by hostile arguments to the theory helpers: NaN in b, θ0 or a
// factor came back as NaN results (or as errors naming an inner 'matmul' argument), a NaN depth
// gave minWeightNorm NaN, θ = 0 gave balancedFactorization NaN factors, tangentKernel([]) and
// layerProduct([]) failed with a TypeError or returned undefined, and the Woodworth helpers
// took α = 0 or NaN (a NaN potential, a misleading "Newton did not converge").
import { describe, expect, it } from 'vitest';
import {
  Matrix, balancedFactorization, imbalanceNorms, layerProduct, lazySolution, minWeightNorm,
  projectionOfInit, tangentKernel, trainWoodworth, woodworthPotential, woodworthSolution,
} from '../../src/index.js';

const A = Matrix.randn(3, 6, { seed: 1 });
const b = Matrix.randn(3, 1, { seed: 2 }).data;
const theta = Matrix.randn(6, 1, { seed: 3 }).data;
const withNaN = (v: Float64Array, at: number) => v.map((x, i) => (i === at ? NaN : x));

describe('theory helpers check their arguments at the boundary', () => {
  it('NaN in b or θ0 is NonFiniteInput naming the helper and the argument', () => {
    expect(() => projectionOfInit(A, b, withNaN(theta, 2))).toThrow(
      /^projectionOfInit: argument 'theta0' must be finite; found NaN at \[2\]/,
    );
    expect(() => projectionOfInit(A, withNaN(b, 1), theta)).toThrow(/^projectionOfInit: .*'b'/);
    expect(() => lazySolution(A, b, Matrix.eye(6), withNaN(theta, 0))).toThrow(/'theta0'/);
    expect(() => imbalanceNorms([new Matrix(2, 2, Float64Array.of(NaN, 1, 1, 1)),
      Matrix.eye(2)])).toThrow(/^imbalanceNorms: argument 'factors\[0\]' must be finite/);
  });

  it('depth, widths and α out of range are RangeErrors; empty lists are EmptyInput', () => {
    for (const depth of [NaN, -1, 0.5]) {
      expect(() => minWeightNorm(A, b, depth)).toThrow(/'depth' must be a non-negative integer/);
    }
    expect(minWeightNorm(A, b, 2)).toBeGreaterThan(0);
    expect(() => balancedFactorization(theta, [0])).toThrow(/'widths' must list positive/);
    expect(() => tangentKernel([])).toThrow(expect.objectContaining({ name: 'EmptyInput' }));
    expect(() => layerProduct([])).toThrow(/^layerProduct: argument 'layers' is an empty list/);
    const X = Matrix.randn(4, 8, { seed: 5 });
    const y = Matrix.randn(4, 1, { seed: 6 }).data;
    for (const alpha of [0, NaN, -1]) {
      expect(() => woodworthSolution(X, y, alpha)).toThrow(/'alpha' must be a finite number > 0/);
      expect(() => woodworthPotential(y, alpha)).toThrow(RangeError);
      expect(() => trainWoodworth(X, y, alpha, { step: 0.01, maxSteps: 5 })).toThrow(RangeError);
    }
    expect(Number.isFinite(woodworthPotential(y, 0.5))).toBe(true);
  });

  it('balancedFactorization of θ = 0 is all zeros, not NaN', () => {
    const f = balancedFactorization(new Float64Array(4), [3, 2]);
    expect(f.map((m) => m.shape)).toEqual([[4, 3], [3, 2], [2, 1]]);
    for (const m of f) expect(Array.from(m.data).every((v) => v === 0)).toBe(true);
  });
});
