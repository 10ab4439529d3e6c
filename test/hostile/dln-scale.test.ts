// Regression for a fault found by fuzzing: σ_max(A)² by power iteration on the Gram matrix
// underflowed to 0 for entries near 1e-100 (the scale is squared twice), so step: 'auto' chose
// an infinite step and reported stepSize: Infinity. Now the estimate is scale-free, and a step
// that still leaves the f64 range is a RangeError naming 'auto'.
import { describe, expect, it } from 'vitest';
import { DeepLinearNetwork, Matrix, svd } from '../../src/index.js';

function network(scale: number, widths: number[]): DeepLinearNetwork {
  const A = Matrix.randn(3, 6, { seed: 11, scale });
  const b = Matrix.randn(3, 1, { seed: 12, scale }).data;
  return new DeepLinearNetwork({ A, b, widths, init: { kind: 'gaussian', scale: 0.5 }, seed: 3 });
}

describe("step: 'auto' at extreme data scales", () => {
  it('σ_max(A)² and the depth-0 step scale exactly with A (1e-100 and 1e100)', () => {
    const ref = network(1, []);
    const sigma = svd(ref.A, { vectors: 'none' }).s[0]!;
    expect(ref.geometry().sigmaMaxSq / sigma ** 2).toBeCloseTo(1, 12);
    for (const scale of [2 ** -330, 2 ** 330]) {
      const net = network(scale, []);
      // A power-of-two scale is exact: σ² and the step scale by exactly scale².
      expect(net.geometry().sigmaMaxSq).toBe(ref.geometry().sigmaMaxSq * scale * scale);
      const res = net.train({ step: 'auto', maxSteps: 5, lossTol: 0 });
      expect(Number.isFinite(res.stepSize) && res.stepSize > 0).toBe(true);
      expect(res.stepSize).toBe(1 / net.geometry().sigmaMaxSq);
      net.dispose();
    }
    ref.dispose();
  });

  it('a deep network at scale 1e-100 trains with a finite step and finite weights', () => {
    const net = network(1e-100, [4, 3]);
    const res = net.train({ step: 'auto', maxSteps: 50, lossTol: 0 });
    expect(Number.isFinite(res.stepSize)).toBe(true);
    expect(res.stepSize).toBeGreaterThan(1e150);
    expect(res.history.at(-1)!.loss).toBeLessThanOrEqual(res.history[0]!.loss);
    for (const f of net.factors()) expect(f.data.every(Number.isFinite)).toBe(true);
    net.dispose();
  });
});

describe('a network whose initial θ or loss leaves the f64 range', () => {
  // Regression for a fault found by fuzzing: finite factors at initScale 1e300 gave θ = ±∞,
  // and A near 1e9 with θ near 1e300 gave loss() = NaN (∞ − ∞), all without an error.
  it('is refused with Overflow, and leaves no Wasm block behind', async () => {
    const { wasmLiveBlocks } = await import('../../src/core/memory.js');
    const live = wasmLiveBlocks();
    const A = Matrix.fromRows([[1, 2]]);
    const b = Float64Array.of(1);
    expect(() => new DeepLinearNetwork({
      A, b, widths: [1], init: { kind: 'gaussian', scale: 1e300 }, seed: 0,
    })).toThrow(/^DeepLinearNetwork: the initial θ = W1⋯WhX \(entry \[\d\] is -?Infinity\)/);
    expect(() => new DeepLinearNetwork({
      A: Matrix.fromRows([[1e9, -1e9]]), b, widths: [],
      init: { kind: 'custom', value: Matrix.fromRows([[1e300], [1e300]]) }, seed: 0,
    })).toThrow(expect.objectContaining({
      name: 'Overflow', message: expect.stringContaining('initial loss'),
    }));
    expect(wasmLiveBlocks()).toBe(live);
  });
});
