// Training options: heavy-ball momentum against a reference loop, the gradient stop, recording
// cadence, the 'auto' step on THEORY.md (e)'s hard cases, and metrics against direct formulas.
import { describe, expect, it } from 'vitest';
import { DeepLinearNetwork, Matrix } from '../../src/index.js';
import { mul, norm, problemP0, product, sub } from './helpers.js';

const { A, b } = problemP0();

describe('train', () => {
  it('heavy-ball momentum matches V ← βV − η∇, W ← W + V step by step', () => {
    const net = new DeepLinearNetwork({
      A, b, widths: [6, 5], init: { kind: 'gaussian' }, seed: 2,
    });
    const eta = 0.05;
    const beta = 0.7;
    let w = net.factors();
    let v = w.map((m) => Matrix.zeros(m.rows, m.cols));
    for (let t = 0; t < 30; t++) {
      const g = net.gradients();
      v = v.map((m, i) =>
        new Matrix(m.rows, m.cols, m.data.map((x, j) => beta * x - eta * g[i]!.data[j]!)));
      w = w.map((m, i) => new Matrix(m.rows, m.cols, m.data.map((x, j) => x + v[i]!.data[j]!)));
      net.train({ step: eta, maxSteps: 1, momentum: beta, lossTol: 0, record: false });
      const got = net.factors();
      for (let i = 0; i < 3; i++) expect(norm(sub(got[i]!.data, w[i]!.data))).toBeLessThan(1e-13);
    }
    net.dispose();
  });

  it('stops on the gradient tolerance, and records every `every` steps', () => {
    const net = new DeepLinearNetwork({ A, b, widths: [10], init: { kind: 'gaussian' }, seed: 3 });
    const res = net.train({ step: 0.05, maxSteps: 100000, lossTol: 0, gradTol: 1e-10, every: 100 });
    expect(res.reason).toBe('gradient');
    expect(res.converged).toBe(true);
    const steps = res.history.map((r) => r.step);
    expect(steps[0]).toBe(0);
    expect(steps.at(-1)).toBe(res.steps);
    for (let i = 1; i < steps.length - 1; i++) expect(steps[i]).toBe(100 * i);
    net.dispose();
  });

  it('records metrics that agree with direct formulas', () => {
    const net = new DeepLinearNetwork({
      A, b, widths: [4, 3], init: { kind: 'gaussian' }, seed: 4,
    });
    net.train({ step: 0.05, maxSteps: 7, lossTol: 0, record: false });
    const row = net.metrics();
    const f = net.factors();
    const theta = product(f).data;
    const r = sub(mul(A, product(f)).data, b);
    expect(row.step).toBe(7);
    expect(row.loss).toBeCloseTo(0.5 * norm(r) ** 2, 13);
    expect(row.residual).toBeCloseTo(norm(r), 13);
    expect(row.thetaNorm).toBeCloseTo(norm(theta), 13);
    const star = net.geometry().thetaStar;
    expect(row.distanceToMinNorm).toBeCloseTo(norm(sub(theta, star)), 13);
    // θ − θ* splits orthogonally into a null-space part and a row-space part A⁺r.
    const rowPart = mul(net.geometry().pinvA, new Matrix(5, 1, r)).data;
    expect(row.nullComponent ** 2 + norm(rowPart) ** 2).toBeCloseTo(row.distanceToMinNorm ** 2, 12);
    const fro = f.reduce((s, m) => s + norm(m.data) ** 2, 0);
    expect(row.paramNorm).toBeCloseTo(fro, 12);
    const d1 = sub(mul(f[0]!.transpose(), f[0]!).data, mul(f[1]!, f[1]!.transpose()).data);
    expect(row.imbalance[0]).toBeCloseTo(norm(d1), 12);
    net.dispose();
  });

  it("'auto' converges where a fixed η = 0.05 oscillates (h = 5, ‖θ*‖ ≈ 3; THEORY (e))", () => {
    const yTrue = Matrix.randn(20, 1, { seed: 40 });
    const planted = mul(Matrix.randn(5, 20, { seed: 41 }), yTrue).data;
    const A2 = Matrix.randn(5, 20, { seed: 41 });
    const config = {
      A: A2, b: planted, widths: [10, 10, 10, 10, 10], init: { kind: 'gaussian' as const },
      seed: 5,
    };
    const fixed = new DeepLinearNetwork(config);
    let fixedConverged = false;
    try {
      fixedConverged = fixed.train({ step: 0.05, maxSteps: 20000, record: false }).converged;
    } catch {
      fixedConverged = false;
    }
    fixed.dispose();
    const auto = new DeepLinearNetwork(config);
    const res = auto.train({ step: 'auto', maxSteps: 20000, record: false });
    expect(fixedConverged).toBe(false);
    expect(res.converged).toBe(true);
    auto.dispose();
  });

  it("'auto' with lazy α = 0.1 converges (the α < 1 cap)", () => {
    const net = new DeepLinearNetwork({
      A, b, widths: [10, 10], init: { kind: 'gaussian' }, seed: 6, lazyAlpha: 0.1,
    });
    const res = net.train({ step: 'auto', maxSteps: 20000, record: false });
    expect(res.converged).toBe(true);
    net.dispose();
  });
});
