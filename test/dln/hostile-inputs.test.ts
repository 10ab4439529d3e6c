// Regression tests for faults found by a hostile-input review of dln: each input is refused with
// a named error (class and message), or the result says plainly what happened.
import { describe, expect, it } from 'vitest';
import {
  DeepLinearNetwork, Disposed, InvalidArgument, Matrix, NonFiniteInput, Overflow, ShapeMismatch,
  firstLayerPrediction, gaps, imbalance, imbalanceMatrices, imbalanceNorms, layerProduct,
  lazySolution, parameterNorm, tangentKernel,
} from '../../src/index.js';
import { problemP0 } from './helpers.js';

const { A, b } = problemP0();

describe('training a network with nothing to train', () => {
  it.each([
    [[4, 3], [true, true, true]],
    [[], [true]],
  ])('widths %o, frozen %o: refused at train, not a loop over the budget', (widths, frozen) => {
    const net = new DeepLinearNetwork({
      A, b, widths, init: { kind: 'gaussian' }, seed: 1, frozen,
    });
    const call = () => net.train({ step: 0.1, maxSteps: 1e12 });
    expect(call).toThrow(InvalidArgument);
    expect(call).toThrow(/DeepLinearNetwork\.train: every factor is frozen; nothing to train/);
    expect(net.stepsTaken).toBe(0);
    net.dispose();
  });

  it('one trainable factor is enough: frozen W1, W2 with X trained still trains', () => {
    const net = new DeepLinearNetwork({
      A, b, widths: [4, 3], init: { kind: 'gaussian' }, seed: 1, frozen: [true, true, false],
    });
    const before = net.loss();
    const res = net.train({ step: 0.1, maxSteps: 50 });
    expect(res.steps).toBe(50);
    expect(res.loss).toBeLessThan(before);
    net.dispose();
  });

  it('an inconsistent system (n > d) with step auto and no gradTol ends on the budget', () => {
    const over = Matrix.randn(8, 3, { seed: 4 });
    const target = Matrix.randn(8, 1, { seed: 5 }).data;
    const net = new DeepLinearNetwork({
      A: over, b: target, widths: [3], init: { kind: 'gaussian' }, seed: 2,
    });
    const res = net.train({ step: 'auto', maxSteps: 300 });
    expect(res.converged).toBe(false);
    expect(res.reason).toBe('budget');
    expect(res.steps).toBe(300);
    // The least-squares residual is far above lossTol: only gradTol could stop this run.
    expect(res.loss).toBeGreaterThan(1e-3);
    net.dispose();
  });
});

describe('balancedRankOne u0 at the edges of the f64 range', () => {
  const d = A.cols;
  const make = (u0: Float64Array) => new DeepLinearNetwork({
    A, b, widths: [3], seed: 3, init: { kind: 'balancedRankOne', u0 },
  });

  it.each([1e308, 1e-320, 1e200, -3e-300])('u0 = %d·1 gives the same θ as u0 = 1', (c) => {
    const ref = make(new Float64Array(d).fill(Math.sign(c)));
    const net = make(new Float64Array(d).fill(c));
    const theta = net.theta();
    expect(theta.some((v) => v !== 0)).toBe(true);
    // W1 = u0/‖u0‖ u1ᵀ has every row equal to ±u1/√d.
    const w1 = net.factors()[0]!;
    const w1Ref = ref.factors()[0]!;
    for (let i = 0; i < w1.data.length; i++) {
      expect(w1.data[i]).toBeCloseTo(w1Ref.data[i]!, 14);
    }
    for (let i = 0; i < d; i++) expect(theta[i]).toBeCloseTo(ref.theta()[i]!, 14);
    ref.dispose();
    net.dispose();
  });

  it('a zero u0 is refused with a RangeError naming config.init.u0', () => {
    const call = () => make(new Float64Array(d));
    expect(call).toThrow(RangeError);
    expect(call).toThrow(/DeepLinearNetwork: config\.init\.u0 must be a nonzero vector.*all zeros/);
  });

  it('a non-finite u0 is refused with NonFiniteInput naming config.init.u0', () => {
    const u0 = new Float64Array(d).fill(1);
    u0[2] = Infinity;
    expect(() => make(u0)).toThrow(NonFiniteInput);
    expect(() => make(u0)).toThrow(/config\.init\.u0/);
  });
});

describe('lazy scaling α outside the range where its scaled loss means anything', () => {
  const make = (lazyAlpha: number) => new DeepLinearNetwork({
    A, b, widths: [4, 3], init: { kind: 'gaussian' }, seed: 1, lazyAlpha,
  });

  it.each([1e300, 1e9, 1e-9, 1e-300])('lazyAlpha = %d is refused naming config.lazyAlpha', (a) => {
    expect(() => make(a)).toThrow(RangeError);
    expect(() => make(a)).toThrow(
      /DeepLinearNetwork: config\.lazyAlpha must be in \[1e-8, 1e8\].*got/,
    );
  });

  it('at the bound α = 1e8 the start loss is ½‖b‖²/α², not 0, and θ starts at 0', () => {
    const net = make(1e8);
    const bNorm = Math.hypot(...b);
    expect(net.loss() / (0.5 * bNorm * bNorm / 1e16)).toBeCloseTo(1, 12);
    expect(net.theta().every((v) => v === 0)).toBe(true);
    net.dispose();
  });
});

describe('theory helpers: no NaN or ∞ handed back, errors named after the helper', () => {
  const m = (rows: number[][]) => Matrix.fromRows(rows);

  it('layerProduct: an overflowing product is Overflow; layers that do not chain, ShapeMismatch',
    () => {
      const big = () => layerProduct([m([[1e200]]), m([[1e200]])]);
      expect(big).toThrow(Overflow);
      expect(big).toThrow(/layerProduct: the product layers\[0\] ⋯ layers\[1\] leaves the f64/);
      const skew = () => layerProduct([Matrix.zeros(2, 3), Matrix.zeros(2, 1)]);
      expect(skew).toThrow(ShapeMismatch);
      expect(skew).toThrow(
        /layerProduct: layers\[0\] \(2×3\) and layers\[1\] \(2×1\) do not chain/,
      );
      // 1e150 · 1e150 = 1e300 stays in range (to rounding).
      expect(layerProduct([m([[1e150]]), m([[1e150]])]).data[0]! / 1e300).toBeCloseTo(1, 14);
    });

  it('imbalanceNorms / imbalance / imbalanceMatrices: shape mismatch and scaled grams', () => {
    const skew = [Matrix.zeros(2, 3), Matrix.zeros(2, 1)];
    for (const [fn, call] of [
      ['imbalanceNorms', () => imbalanceNorms(skew)],
      ['imbalance', () => imbalance(skew)],
      ['imbalanceMatrices', () => imbalanceMatrices(skew)],
    ] as const) {
      expect(call).toThrow(ShapeMismatch);
      expect(call).toThrow(new RegExp(`^${fn}: factors\\[0\\] \\(2×3\\) and factors\\[1\\]`));
    }
    // D_1 = w² − x² is 0 for equal entries, whatever their size: no ∞ − ∞.
    expect(imbalanceNorms([m([[1e200]]), m([[1e200]])])).toEqual([0]);
    // w = 2e200, x = 1e200: ‖D_1‖ = 3e400 overflows truly.
    const over = () => imbalanceNorms([m([[2e200]]), m([[1e200]])]);
    expect(over).toThrow(Overflow);
    expect(over).toThrow(/imbalanceNorms: ‖D_1‖_F leaves the f64 range/);
    // w = 2e150, x = 1e150 (w² = 4e300 in range): 3e300, scaled and exact to rounding.
    expect(imbalanceNorms([m([[2e150]]), m([[1e150]])])[0]! / 3e300).toBeCloseTo(1, 14);
    expect(imbalance([m([[3e-160]]), m([[1e-160]])])[0]!.data[0]! / 8e-320).toBeCloseTo(1, 2);
  });

  it('parameterNorm: a true value beyond the f64 range is Overflow; large entries fit', () => {
    const call = () => parameterNorm([m([[1e200]])]);
    expect(call).toThrow(Overflow);
    expect(call).toThrow(/parameterNorm: Σ‖W_i‖²_F \+ ‖X‖²_F leaves the f64 range/);
    // 2·(1e150)² + (1e150)² = 3e300.
    expect(parameterNorm([m([[1e150, 1e150]]), m([[1e150]])]) / 3e300).toBeCloseTo(1, 14);
    // (3e-160)² + (4e-160)² = 2.5e-319: the plain squares underflow, the scaled sum does not.
    expect(parameterNorm([m([[3e-160, 4e-160]])]) / 2.5e-319).toBeCloseTo(1, 2);
  });

  it('tangentKernel: a frozen list of the wrong length or kind is ShapeMismatch', () => {
    const factors = [Matrix.eye(2), m([[1], [2]])];
    for (const frozen of [[true], [false, false, false], ['yes', false]]) {
      const call = () => tangentKernel(factors, frozen as boolean[]);
      expect(call).toThrow(ShapeMismatch);
      expect(call).toThrow(/tangentKernel: argument 'frozen' must list 2 booleans, one per factor/);
    }
    // Frozen W1: M = W1 W1ᵀ = I (only x's term).
    expect(Array.from(tangentKernel(factors, [true, false]).data)).toEqual([1, 0, 0, 1]);
  });

  it('lazySolution names itself for a kernel that is not d×d', () => {
    const a = Matrix.randn(2, 3, { seed: 1 });
    const call = () => lazySolution(a, new Float64Array([1, 2]), Matrix.eye(2));
    expect(call).toThrow(ShapeMismatch);
    expect(call).toThrow(
      /^lazySolution: argument 'kernel' must be d×d = 3×3 \(A is 2×3\); got 2×2/,
    );
  });

  it('firstLayerPrediction names itself, not matmul, for factors that do not fit', () => {
    const a = Matrix.randn(2, 3, { seed: 1 });
    const bb = new Float64Array([1, 2]);
    const w1 = Matrix.zeros(3, 2);
    const cases: [Matrix, Matrix[], RegExp][] = [
      [w1, [w1, Matrix.zeros(3, 1)], /factors\[0\] \(3×2\) and factors\[1\] \(3×1\) do not chain/],
      [Matrix.zeros(4, 2), [w1, Matrix.zeros(2, 1)], /argument 'w1Initial' must be 3×2/],
      [w1, [w1, Matrix.zeros(2, 2)], /x \(the last factor\) must have one column; got 2×2/],
      [w1, [w1], /argument 'factors' must list W1 … Wh, x with h ≥ 1/],
    ];
    for (const [w, f, msg] of cases) {
      const call = () => firstLayerPrediction(a, bb, w, f);
      expect(call).toThrow(ShapeMismatch);
      expect(call).toThrow(/^firstLayerPrediction: /);
      expect(call).toThrow(msg);
    }
  });

  it('gaps names itself for a disposed network or a value that is not one', () => {
    const net = new DeepLinearNetwork({ A, b, widths: [4], init: { kind: 'gaussian' }, seed: 1 });
    net.dispose();
    expect(() => gaps(net)).toThrow(Disposed);
    expect(() => gaps(net)).toThrow(/^gaps: argument 'net' was disposed/);
    expect(() => gaps({} as DeepLinearNetwork)).toThrow(InvalidArgument);
    expect(() => gaps({} as DeepLinearNetwork)).toThrow(/^gaps: argument 'net' must be a Deep/);
  });
});
