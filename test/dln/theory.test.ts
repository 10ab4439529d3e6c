// THEORY.md checks C1, C3–C5, C8, C15(i) and C16: trained networks against the closed forms of
// T0, T1, T2, T5 and T6, with the tolerances of the table in THEORY.md (c).
import { describe, expect, it } from 'vitest';
import {
  DeepLinearNetwork, Matrix, balancedFactorization, frozenLayersSolution, minWeightNorm,
  parameterNorm, projectionOfInit, tangentKernel, gaps,
} from '../../src/index.js';
import { mul, norm, problemP0, product, solveSmall, sub } from './helpers.js';

/** M Aᵀ (A M Aᵀ)⁻¹ b for a d×d weight M (M = I gives θ*). */
function weightedMinNorm(A: Matrix, b: Float64Array, M: Matrix): Float64Array {
  const mat = mul(M, A.transpose());
  return mul(mat, new Matrix(A.rows, 1, solveSmall(mul(A, mat), b))).data;
}

const { A, b } = problemP0();
const thetaStar = weightedMinNorm(A, b, Matrix.eye(20));

describe('T0 and T1: shallow and frozen-layer limits', () => {
  it('C1: depth 0 from θ0 ~ N(0, I) ends at A⁺b + P_N θ0 (< 1e-10)', () => {
    const net = new DeepLinearNetwork({
      A, b, widths: [], init: { kind: 'gaussian', variance: 'unit' }, seed: 3,
    });
    const theta0 = net.theta();
    const res = net.train({ step: 'auto', maxSteps: 20000 });
    expect(res.converged).toBe(true);
    expect(res.stepSize).toBeCloseTo(1 / net.geometry().sigmaMaxSq, 12);
    // A⁺b + (I − A⁺A)θ0 computed independently: θ* + θ0 − Aᵀ(AAᵀ)⁻¹Aθ0.
    const back = weightedMinNorm(A, mul(A, new Matrix(20, 1, theta0)).data, Matrix.eye(20));
    const expected = thetaStar.map((v, i) => v + theta0[i]! - back[i]!);
    expect(norm(sub(net.theta(), expected))).toBeLessThan(1e-10);
    expect(norm(sub(projectionOfInit(A, b, theta0), expected))).toBeLessThan(1e-12);
    expect(gaps(net).projectionOfInit).toBeLessThan(1e-10);
    net.dispose();
  });

  it('C3/C4: frozen Gaussian layers (h = 3, m = 50): x0 random and x0 = 0 (< 1e-9)', () => {
    for (const x0 of ['gaussian', 'zero'] as const) {
      const net = new DeepLinearNetwork({
        A, b, widths: [50, 50, 50], seed: 8, frozen: [true, true, true, false],
        init: [{ kind: 'gaussian' }, { kind: 'gaussian' }, { kind: 'gaussian' },
          { kind: x0, variance: 'unit' }],
      });
      const start = net.initialFactors();
      const res = net.train({ step: 'auto', maxSteps: 20000 });
      expect(res.converged).toBe(true);
      const predicted = frozenLayersSolution(A, b, start.slice(0, 3), start[3]!.data);
      expect(norm(sub(net.theta(), predicted))).toBeLessThan(1e-9);
      if (x0 === 'zero') {
        // C4: the weighted minimum-norm solution WWᵀAᵀ(AWWᵀAᵀ)⁻¹b, computed independently.
        const W = product(start.slice(0, 3));
        const wwt = mul(W, W.transpose());
        expect(norm(sub(net.theta(), weightedMinNorm(A, b, wwt)))).toBeLessThan(1e-9);
      }
      net.dispose();
    }
  });

  it('C5: an orthonormal-row frozen layer (20×50) with x0 = 0 gives θ* (< 1e-10)', () => {
    const net = new DeepLinearNetwork({
      A, b, widths: [50], seed: 2, frozen: [true, false],
      init: [{ kind: 'orthogonal' }, { kind: 'zero' }],
    });
    const w = net.initialFactors()[0]!;
    expect(norm(sub(mul(w, w.transpose()).data, Matrix.eye(20).data))).toBeLessThan(1e-13);
    net.train({ step: 'auto', maxSteps: 20000 });
    expect(norm(sub(net.theta(), thetaStar))).toBeLessThan(1e-10);
    net.dispose();
  });
});

describe('T2 and T5: all factors trained', () => {
  it('C8: a zero first layer (others Gaussian(1)) gives θ* exactly (< 1e-9)', () => {
    const net = new DeepLinearNetwork({
      A, b, widths: [10, 10, 10], seed: 5,
      init: [{ kind: 'zero' }, { kind: 'gaussian' }, { kind: 'gaussian' }, { kind: 'gaussian' }],
    });
    const res = net.train({ step: 0.05, maxSteps: 40000 });
    expect(res.converged).toBe(true);
    expect(norm(sub(net.theta(), thetaStar))).toBeLessThan(1e-9);
    net.dispose();
  });

  it('T2: a converged Gaussian(1) run lands on A⁺b + P_N W1(0) v∞ (< 1e-10)', () => {
    const net = new DeepLinearNetwork({
      A, b, widths: [10, 10, 10], seed: 6, init: { kind: 'gaussian' },
    });
    net.train({ step: 0.05, maxSteps: 40000 });
    const g = gaps(net);
    expect(g.firstLayerIdentity).toBeLessThan(1e-12);
    expect(g.firstLayer).toBeLessThan(1e-10);
    expect(g.minNorm).toBeGreaterThan(0.1);
    net.dispose();
  });

  it('C15 (i): the balanced rank-one factorization of θ* attains (h+1)‖θ*‖^{2/(h+1)}', () => {
    const f = balancedFactorization(thetaStar, [10, 10, 10]);
    const fit = sub(mul(A, product(f)).data, b);
    expect(norm(fit)).toBeLessThan(1e-12);
    const minimum = minWeightNorm(A, b, 3);
    expect(minimum).toBeCloseTo(4 * norm(thetaStar) ** 0.5, 13);
    expect(Math.abs(parameterNorm(f) - minimum)).toBeLessThan(1e-12);
    expect(() => balancedFactorization(new Float64Array(0), [2]))
      .toThrow("balancedFactorization: argument 'theta' is empty (length 0)");
  });
});

describe('T6: tangent kernel', () => {
  it('C16: one GD step moves θ by −η M Aᵀ r0 up to O(η)', () => {
    const errs = [1e-3, 1e-4].map((eta) => {
      const net = new DeepLinearNetwork({
        A, b, widths: [6, 6, 6], seed: 9, init: { kind: 'gaussian' },
      });
      const y0 = net.theta();
      const r0 = net.residual();
      const M = tangentKernel(net.factors());
      net.train({ step: eta, maxSteps: 1, lossTol: 0, record: false });
      const move = sub(net.theta(), y0).map((v) => v / eta);
      const pred = mul(M, mul(A.transpose(), new Matrix(5, 1, r0))).data;
      net.dispose();
      return norm(move.map((v, i) => v + pred[i]!)) / norm(pred);
    });
    expect(errs[0]).toBeLessThan(2e-3);
    expect(errs[1]).toBeLessThan(2e-4);
  });
});
