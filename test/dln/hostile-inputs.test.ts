// Regression tests for faults found by a hostile-input review of dln: each input is refused with
// a named error (class and message), or the result says plainly what happened.
import { describe, expect, it } from 'vitest';
import {
  DeepLinearNetwork, InvalidArgument, Matrix, NonFiniteInput,
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
