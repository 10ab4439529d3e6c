// The algebraic identities that hold at every GD step whatever the step size (THEORY.md C2, C7,
// C11): the best unit tests of the fused update, checked at every recorded step to ~1e-14.
import { describe, expect, it } from 'vitest';
import { DeepLinearNetwork, Matrix } from '../../src/index.js';
import { mul, norm, problemP0, product, sub } from './helpers.js';

/** P_N = I − A⁺A for full-row-rank A, by an independent Gauss–Jordan inverse of AAᵀ. */
function nullProjector(A: Matrix): Matrix {
  const n = A.rows;
  const d = A.cols;
  const g = mul(A, A.transpose());
  const inv = Matrix.eye(n);
  for (let c = 0; c < n; c++) {
    const p = g.data[c * n + c]!;
    for (let j = 0; j < n; j++) {
      g.data[c * n + j]! /= p;
      inv.data[c * n + j]! /= p;
    }
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = g.data[r * n + c]!;
      for (let j = 0; j < n; j++) {
        g.data[r * n + j]! -= f * g.data[c * n + j]!;
        inv.data[r * n + j]! -= f * inv.data[c * n + j]!;
      }
    }
  }
  const proj = mul(mul(A.transpose(), inv), A);
  const out = Matrix.eye(d);
  for (let i = 0; i < d * d; i++) out.data[i]! -= proj.data[i]!;
  return out;
}

describe('exact per-step identities', () => {
  const { A, b } = problemP0();

  it('C2: shallow GD residual follows r_T = (I − ηAAᵀ)^T r_0 to < 1e-12', () => {
    const net = new DeepLinearNetwork({ A, b, widths: [], init: { kind: 'gaussian' }, seed: 4 });
    const eta = 1 / net.geometry().sigmaMaxSq;
    const aat = mul(A, A.transpose());
    let r = net.residual();
    let worst = 0;
    for (let t = 1; t <= 50; t++) {
      net.train({ step: eta, maxSteps: 1, lossTol: 0, record: false });
      const next = new Float64Array(5);
      for (let i = 0; i < 5; i++) {
        let s = r[i]!;
        for (let j = 0; j < 5; j++) s -= eta * aat.data[i * 5 + j]! * r[j]!;
        next[i] = s;
      }
      r = next;
      worst = Math.max(worst, norm(sub(net.residual(), r)));
    }
    expect(worst).toBeLessThan(1e-12);
    net.dispose();
  });

  it('C7: P_N(θ_t − W1(0) v_t) stays below 1e-12 at every step (h = 3, m = 10, η = 0.05)', () => {
    const net = new DeepLinearNetwork({
      A, b, widths: [10, 10, 10], init: { kind: 'gaussian' }, seed: 11,
    });
    const pn = nullProjector(A);
    const w10 = net.initialFactors()[0]!;
    let worst = 0;
    for (let t = 0; t < 300; t++) {
      const f = net.factors();
      const v = product(f.slice(1));
      const gap = sub(net.theta(), mul(w10, v).data);
      worst = Math.max(worst, norm(mul(pn, new Matrix(20, 1, gap)).data));
      net.train({ step: 0.05, maxSteps: 1, lossTol: 0, record: false });
    }
    expect(worst).toBeLessThan(1e-12);
    net.dispose();
  });

  it('C11: D_i(t+1) − D_i(t) = η²(G_iᵀG_i − G_{i+1}G_{i+1}ᵀ) to < 1e-12 over 200 steps', () => {
    const net = new DeepLinearNetwork({
      A, b, widths: [10, 10, 10], init: { kind: 'gaussian' }, seed: 12,
    });
    const eta = 0.05;
    const imbalance = (f: Matrix[]) => f.slice(0, -1).map((w, i) =>
      sub(mul(w.transpose(), w).data, mul(f[i + 1]!, f[i + 1]!.transpose()).data));
    let worst = 0;
    for (let t = 0; t < 200; t++) {
      const before = imbalance(net.factors());
      const g = net.gradients();
      net.train({ step: eta, maxSteps: 1, lossTol: 0, record: false });
      const after = imbalance(net.factors());
      for (let i = 0; i < 3; i++) {
        const predicted = sub(mul(g[i]!.transpose(), g[i]!).data,
          mul(g[i + 1]!, g[i + 1]!.transpose()).data);
        const change = sub(after[i]!, before[i]!);
        worst = Math.max(worst, norm(sub(change, predicted.map((x) => eta * eta * x))));
      }
    }
    expect(worst).toBeLessThan(1e-12);
    net.dispose();
  });

  it('C11 holds with a matrix target too (k = 2): the k > 1 path uses the same update', () => {
    const B = Matrix.randn(5, 2, { seed: 21 });
    const net = new DeepLinearNetwork({
      A, b: B, widths: [6, 6], init: { kind: 'gaussian' }, seed: 3,
    });
    const eta = 0.05;
    const imbalance = (f: Matrix[]) => f.slice(0, -1).map((w, i) =>
      sub(mul(w.transpose(), w).data, mul(f[i + 1]!, f[i + 1]!.transpose()).data));
    let worst = 0;
    for (let t = 0; t < 50; t++) {
      const before = imbalance(net.factors());
      const g = net.gradients();
      net.train({ step: eta, maxSteps: 1, lossTol: 0, record: false });
      const after = imbalance(net.factors());
      for (let i = 0; i < 2; i++) {
        const predicted = sub(mul(g[i]!.transpose(), g[i]!).data,
          mul(g[i + 1]!, g[i + 1]!.transpose()).data);
        const drift = sub(after[i]!, before[i]!);
        worst = Math.max(worst, norm(sub(drift, predicted.map((x) => eta * eta * x))));
      }
    }
    expect(worst).toBeLessThan(1e-12);
    net.dispose();
  });
});
