// T6 for a matrix target B: the dk×dk tangent kernel against J·Jᵀ with J from central finite
// differences of θ(W) (exact up to rounding, θ being affine in each single entry), the lazy
// solution against a reference built with an explicit A ⊗ I_k, one GD step and a lazily scaled
// run; and the shape errors of the matrix-target API.
import { describe, expect, it } from 'vitest';
import {
  DeepLinearNetwork, InvalidArgument, Matrix, ShapeMismatch, firstLayerPrediction,
  frozenLayersSolution, gaps, lazySolution, minWeightNorm, projectionOfInit, tangentKernel,
} from '../../src/index.js';
import { mul, norm, problemP0, product, solveSmall, sub } from './helpers.js';

const { A } = problemP0();
const B = Matrix.randn(5, 2, { seed: 1002 });

/** J (dk × #trainable entries) by central differences of the plain-loop product. */
function jacobian(factors: Matrix[], frozen: boolean[], eps = 1e-2): Matrix {
  const cols: Float64Array[] = [];
  factors.forEach((f, i) => {
    if (frozen[i]) return;
    for (let e = 0; e < f.data.length; e++) {
      const at = (delta: number) => {
        const moved = factors.map((g) => g.clone());
        moved[i]!.data[e]! += delta;
        return product(moved).data;
      };
      cols.push(sub(at(eps), at(-eps)).map((v) => v / (2 * eps)));
    }
  });
  const rows = cols[0]!.length;
  return new Matrix(rows, cols.length, Float64Array.from({ length: rows * cols.length },
    (_, t) => cols[t % cols.length]![Math.floor(t / cols.length)]!));
}

/** A ⊗ I_k by loops: vec(Aθ) = (A ⊗ I_k) vec(θ) for row-major vec. */
function kronIdentity(a: Matrix, k: number): Matrix {
  const out = Matrix.zeros(a.rows * k, a.cols * k);
  for (let i = 0; i < a.rows; i++) {
    for (let q = 0; q < a.cols; q++) {
      for (let c = 0; c < k; c++) out.data[(i * k + c) * a.cols * k + q * k + c] = a.get(i, q);
    }
  }
  return out;
}

describe('tangentKernel for k columns', () => {
  const seeds = (shapes: [number, number][]) =>
    shapes.map(([r, c], i) => Matrix.randn(r, c, { seed: 40 + i }));

  it('equals J·Jᵀ from finite differences for k = 2 and k = 1 (1e-11 rel.)', () => {
    const cases: [Matrix[], boolean[]][] = [
      [seeds([[4, 3], [3, 3], [3, 2]]), [false, false, false]],
      [seeds([[4, 3], [3, 3], [3, 2]]), [false, true, false]],
      [seeds([[4, 3], [3, 2], [2, 3]]), [true, false, false]],
      [seeds([[4, 3], [3, 3], [3, 1]]), [false, false, false]],
      [seeds([[4, 2]]), [false]],
    ];
    for (const [factors, frozen] of cases) {
      const J = jacobian(factors, frozen);
      const jjt = mul(J, J.transpose());
      const M = tangentKernel(factors, frozen);
      const k = factors.at(-1)!.cols;
      expect(M.shape).toEqual([4 * k, 4 * k]);
      expect(norm(sub(M.data, jjt.data)) / norm(jjt.data)).toBeLessThan(1e-11);
    }
  });

  it('one GD step with k = 2 moves vec θ by −η M vec(AᵀR0) up to O(η)', () => {
    const errs = [1e-3, 1e-4].map((eta) => {
      const net = new DeepLinearNetwork({
        A, b: B, widths: [6, 6], seed: 9, init: { kind: 'gaussian' },
      });
      const y0 = net.theta();
      const r0 = new Matrix(5, 2, net.residual());
      const M = tangentKernel(net.factors());
      net.train({ step: eta, maxSteps: 1, lossTol: 0, record: false });
      const move = sub(net.theta(), y0).map((v) => v / eta);
      const pred = mul(M, new Matrix(40, 1, mul(A.transpose(), r0).data)).data;
      net.dispose();
      return norm(move.map((v, i) => v + pred[i]!)) / norm(pred);
    });
    // Measured 3.7e-3 and 3.7e-4: the error is C·η.
    expect(errs[0]).toBeLessThan(5e-3);
    expect(errs[1]! / errs[0]!).toBeGreaterThan(0.08);
    expect(errs[1]! / errs[0]!).toBeLessThan(0.12);
  });
});

/** θ0 and the tangent kernel at the start of the runs below (P0, k = 2, widths [6, 6]). */
function kernelAtStart(): { theta0: Matrix; M: Matrix } {
  const net = new DeepLinearNetwork({
    A, b: B, widths: [6, 6], seed: 9, init: { kind: 'gaussian' },
  });
  const out = { theta0: new Matrix(20, 2, net.theta()), M: tangentKernel(net.initialFactors()) };
  net.dispose();
  return out;
}

describe('lazySolution for k columns', () => {
  it('is θ0 + M𝒜ᵀ(𝒜M𝒜ᵀ)⁻¹ vec(B − Aθ0) with 𝒜 = A ⊗ I_2 built by loops (1e-11 rel.)', () => {
    const { theta0, M } = kernelAtStart();
    const op = kronIdentity(A, 2);
    const mat = mul(M, op.transpose());
    for (const t0 of [theta0, Matrix.zeros(20, 2)]) {
      const r = sub(B.data, mul(A, t0).data);
      const expected = t0.data.map((v, i) => v + mul(mat, new Matrix(10, 1,
        solveSmall(mul(op, mat), r))).data[i]!);
      const got = lazySolution(A, B, M, t0);
      expect(got.shape).toEqual([20, 2]);
      expect(norm(sub(got.data, expected)) / norm(expected)).toBeLessThan(1e-11);
      expect(norm(sub(mul(A, got).data, B.data))).toBeLessThan(1e-12);
    }
    const omitted = lazySolution(A, B, M);
    expect(norm(sub(omitted.data, lazySolution(A, B, M, Matrix.zeros(20, 2)).data))).toBe(0);
  });

  it('a lazily scaled run with k = 2 tends to it at rate O(1/α)', () => {
    const lazyNorm = norm(lazySolution(A, B, kernelAtStart().M).data);
    const gap = [10, 100].map((alpha) => {
      const run = new DeepLinearNetwork({
        A, b: B, widths: [6, 6], seed: 9, init: { kind: 'gaussian' }, lazyAlpha: alpha,
      });
      const res = run.train({ step: 'auto', maxSteps: 20000 });
      expect(res.converged).toBe(true);
      const g = gaps(run);
      expect(Object.keys(g).sort()).toEqual(['lazy', 'minNorm']);
      run.dispose();
      return g.lazy!;
    });
    expect(gap[1]!).toBeLessThan(gap[0]! / 5);
    expect(gap[1]! / lazyNorm).toBeLessThan(0.03);
  });
});

describe('matrix targets: bad shapes name the argument and both shapes', () => {
  const layers = [Matrix.randn(20, 8, { seed: 1 })];
  const cases: [string, () => unknown, ErrorConstructor, RegExp][] = [
    ['B rows', () => projectionOfInit(A, Matrix.zeros(4, 2), Matrix.zeros(20, 2)), ShapeMismatch,
      /^projectionOfInit: argument 'B' must have 5 rows, as A \(5×20\); got 4×2$/],
    ['θ0 columns', () => projectionOfInit(A, B, Matrix.zeros(20, 3)), ShapeMismatch,
      /^projectionOfInit: argument 'theta0' must be 20×2 \(d×k, A is 5×20; B is 5×2\); got 20×3/],
    ['θ0 as a vector', () => projectionOfInit(A, B, new Float64Array(40) as never),
      InvalidArgument, /'theta0' must be a 20×2 Matrix, as B is a Matrix; got Float64Array/],
    ['θ0 as a Matrix with b', () => projectionOfInit(A, new Float64Array(5), Matrix.zeros(20, 1) as
      never), InvalidArgument, /'theta0' must be a vector of length 20, as b is a vector; got a/],
    ['X0', () => frozenLayersSolution(A, B, layers, Matrix.zeros(8, 1)), ShapeMismatch,
      /^frozenLayersSolution: argument 'x0' must be 8×2 \(m_h×k, W_h is 20×8; B is 5×2\); got 8×1/],
    ['X columns', () => firstLayerPrediction(A, B, layers[0]!, [layers[0]!, Matrix.zeros(8, 3)]),
      ShapeMismatch,
      new RegExp('^firstLayerPrediction: X \\(the last factor\\) must have k = 2 columns, ' +
        'as B \\(5×2\\); got 8×3')],
    ['kernel', () => lazySolution(A, B, Matrix.eye(20)), ShapeMismatch,
      /^lazySolution: argument 'kernel' must be dk×dk = 40×40 \(A is 5×20, B is 5×2\); got 20×20/],
    ['minWeightNorm B', () => minWeightNorm(A, Matrix.zeros(6, 2), 1), ShapeMismatch,
      /^minWeightNorm: argument 'B' must have 5 rows, as A \(5×20\); got 6×2/],
  ];
  it.each(cases)('%s', (_, call, kind, message) => {
    expect(call).toThrow(kind);
    expect(call).toThrow(message);
  });
});
