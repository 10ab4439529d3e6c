// C18: every factor's gradient against central differences of the loss, for vector and matrix
// targets, frozen factors and lazy scaling.
import { describe, expect, it } from 'vitest';
import { DeepLinearNetwork, Matrix, Random, type NetworkConfig } from '../../src/index.js';
import { lossOf, problemP0 } from './helpers.js';

function withFactors(base: NetworkConfig, factors: Matrix[]): DeepLinearNetwork {
  return new DeepLinearNetwork({
    ...base, init: factors.map((value) => ({ kind: 'custom' as const, value })),
  });
}

function directionalErrors(base: NetworkConfig, eps = 1e-6): number[] {
  const net = new DeepLinearNetwork(base);
  const f = net.factors();
  const grads = net.gradients();
  net.dispose();
  const rng = new Random(77);
  return f.map((w, i) => {
    const e = rng.normal(w.size);
    const shifted = (sign: number) => {
      const g = f.map((m) => m.clone());
      g[i] = new Matrix(w.rows, w.cols, w.data.map((v, j) => v + sign * eps * e[j]!));
      const other = withFactors(base, g);
      const loss = other.loss();
      other.dispose();
      return loss;
    };
    const fd = (shifted(1) - shifted(-1)) / (2 * eps);
    let exact = 0;
    for (let j = 0; j < w.size; j++) exact += grads[i]!.data[j]! * e[j]!;
    return Math.abs(fd - exact) / Math.abs(exact);
  });
}

describe('gradients (C18)', () => {
  const { A, b } = problemP0();

  it('match central differences for h = 3, m = 6, Gaussian(1), to < 1e-6', () => {
    const errs = directionalErrors({
      A, b, widths: [6, 6, 6], init: { kind: 'gaussian' }, seed: 5,
    });
    expect(errs).toHaveLength(4);
    for (const e of errs) expect(e).toBeLessThan(1e-6);
  });

  it('match for a matrix target (k = 3), uneven widths and a frozen layer', () => {
    const B = Matrix.randn(5, 3, { seed: 8 });
    const errs = directionalErrors({
      A, b: B, widths: [7, 4], init: { kind: 'gaussian' }, seed: 6, frozen: [false, true, false],
    });
    for (const e of errs) expect(e).toBeLessThan(1e-6);
  });

  it('match under lazy scaling, where the loss is ½‖α A(θ − θ0) − b‖²/α²', () => {
    const base = { A, b, widths: [5, 5], init: { kind: 'gaussian' as const }, seed: 9 };
    const net = new DeepLinearNetwork({ ...base, lazyAlpha: 4 });
    const f = net.factors();
    // Move away from W0 so that θ ≠ θ0 and every term of the gradient is exercised.
    net.train({ step: 0.01, maxSteps: 5 });
    const g = net.gradients();
    const moved = net.factors();
    const loss = net.loss();
    net.dispose();
    const theta0 = productVector(f);
    const thetaOf = (fs: Matrix[]) => productVector(fs);
    const lazyLoss = (fs: Matrix[]) => {
      const t = thetaOf(fs);
      let s = 0;
      for (let r = 0; r < 5; r++) {
        let v = 0;
        for (let c = 0; c < 20; c++) v += A.data[r * 20 + c]! * 4 * (t[c]! - theta0[c]!);
        s += (v - b[r]!) ** 2;
      }
      return (0.5 * s) / 16;
    };
    expect(loss).toBeCloseTo(lazyLoss(moved), 12);
    const rng = new Random(3);
    moved.forEach((w, i) => {
      const e = rng.normal(w.size);
      const shift = (sign: number) => moved.map((m, j) => j !== i ? m
        : new Matrix(m.rows, m.cols, m.data.map((v, q) => v + sign * 1e-6 * e[q]!)));
      const fd = (lazyLoss(shift(1)) - lazyLoss(shift(-1))) / 2e-6;
      let exact = 0;
      for (let q = 0; q < w.size; q++) exact += g[i]!.data[q]! * e[q]!;
      expect(Math.abs(fd - exact) / Math.abs(exact)).toBeLessThan(1e-6);
    });
  });

  it('equal the plain-loop loss on depth 0 (θ = x): ∇ = Aᵀ(Ax − b)', () => {
    const net = new DeepLinearNetwork({ A, b, widths: [], init: { kind: 'gaussian' }, seed: 2 });
    const [x] = net.factors();
    const [g] = net.gradients();
    expect(net.loss()).toBeCloseTo(lossOf(A, b, [x!]), 13);
    const r = new Float64Array(5);
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 20; j++) r[i]! += A.data[i * 20 + j]! * x!.data[j]!;
      r[i]! -= b[i]!;
    }
    for (let j = 0; j < 20; j++) {
      let s = 0;
      for (let i = 0; i < 5; i++) s += A.data[i * 20 + j]! * r[i]!;
      expect(g!.data[j]).toBeCloseTo(s, 14);
    }
    net.dispose();
  });
});

/** θ = W1 ⋯ Wh x for a vector target, by plain loops. */
function productVector(fs: Matrix[]): Float64Array {
  let v = Float64Array.from(fs[fs.length - 1]!.data);
  for (let i = fs.length - 2; i >= 0; i--) {
    const w = fs[i]!;
    const out = new Float64Array(w.rows);
    for (let r = 0; r < w.rows; r++) {
      for (let c = 0; c < w.cols; c++) out[r]! += w.data[r * w.cols + c]! * v[c]!;
    }
    v = out;
  }
  return v;
}
