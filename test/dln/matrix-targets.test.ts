// T0, T1, T2 and T5 for a matrix target B (k = 2): trained networks against the closed forms of
// src/dln/theory.ts, and those against references built here column by column by Gauss–Jordan
// (helpers.ts) or, for T5, against brute-force minima from scipy (fixtures/dln).
import { describe, expect, it } from 'vitest';
import {
  DeepLinearNetwork, Matrix, firstLayerPrediction, frozenLayersSolution, gaps, minNormSolution,
  minWeightNorm, parameterNorm, projectionOfInit, svd,
} from '../../src/index.js';
import fixture from '../fixtures/dln/weight-norm-k.json';
import { columns, fromColumns, mul, norm, problemP0, product, solveSmall, sub } from './helpers.js';

const { A } = problemP0();
const B = Matrix.randn(5, 2, { seed: 1002 });
const AT = A.transpose();
const gram = mul(A, AT);
const col = (v: Float64Array) => new Matrix(v.length, 1, v);
const add = (a: Float64Array, b: Float64Array) => a.map((v, i) => v + b[i]!);

/** Aᵀ(AAᵀ)⁻¹r: the solution of Aθ = r in range(Aᵀ) (A has full row rank). */
const rowSolve = (r: Float64Array) => mul(AT, col(solveSmall(gram, r))).data;
/** (I − A⁺A)u. */
const nullOf = (u: Float64Array) => sub(u, rowSolve(mul(A, col(u)).data));
const perColumn = (m: Matrix, f: (c: Float64Array, j: number) => Float64Array) =>
  fromColumns(columns(m).map(f));
const bCols = columns(B);
const thetaStar = perColumn(B, rowSolve);

describe('T0 and T1 with k = 2', () => {
  it('T0: depth 0 from θ0 ~ N(0, I) ends at A⁺B + P_N θ0, column by column (< 1e-10)', () => {
    const net = new DeepLinearNetwork({
      A, b: B, widths: [], init: { kind: 'gaussian', variance: 'unit' }, seed: 3,
    });
    const theta0 = new Matrix(20, 2, net.theta());
    const res = net.train({ step: 'auto', maxSteps: 20000 });
    expect(res.converged).toBe(true);
    const expected = perColumn(theta0, (t, j) =>
      add(t, rowSolve(sub(bCols[j]!, mul(A, col(t)).data))));
    const predicted = projectionOfInit(A, B, theta0);
    expect(predicted.shape).toEqual([20, 2]);
    expect(norm(sub(predicted.data, expected.data))).toBeLessThan(1e-12);
    expect(norm(sub(net.theta(), expected.data))).toBeLessThan(1e-10);
    const g = gaps(net);
    expect(Object.keys(g).sort()).toEqual(['minNorm', 'projectionOfInit']);
    expect(g.projectionOfInit).toBeLessThan(1e-10);
    expect(g.minNorm).toBeCloseTo(norm(sub(expected.data, thetaStar.data)), 9);
    expect(g.minNorm).toBeGreaterThan(1);
    net.dispose();
  });

  it('T1: frozen W1, W2 (20×30, 30×30), X from N(0, I) or 0 ends at W X∞ (< 1e-9)', () => {
    for (const x0 of ['gaussian', 'zero'] as const) {
      const net = new DeepLinearNetwork({
        A, b: B, widths: [30, 30], seed: 8, frozen: [true, true, false],
        init: [{ kind: 'gaussian' }, { kind: 'gaussian' }, { kind: x0, variance: 'unit' }],
      });
      const start = net.initialFactors();
      const res = net.train({ step: 'auto', maxSteps: 40000 });
      expect(res.converged).toBe(true);
      // X∞ = X0 + Kᵀ(KKᵀ)⁻¹(B − K X0), K = AW of full row rank, column by column.
      const W = product(start.slice(0, 2));
      const K = mul(A, W);
      const kkt = mul(K, K.transpose());
      const xInf = perColumn(start[2]!, (x, j) => add(x, mul(K.transpose(),
        col(solveSmall(kkt, sub(bCols[j]!, mul(K, col(x)).data)))).data));
      const expected = mul(W, xInf);
      const predicted = frozenLayersSolution(A, B, start.slice(0, 2), start[2]!);
      expect(norm(sub(predicted.data, expected.data))).toBeLessThan(1e-12);
      expect(norm(sub(net.theta(), expected.data))).toBeLessThan(1e-9);
      // Each column is the vector case's answer for that column of B and X0.
      columns(start[2]!).forEach((x, j) => {
        const one = frozenLayersSolution(A, bCols[j]!, start.slice(0, 2), x);
        expect(norm(sub(one, columns(predicted)[j]!))).toBeLessThan(1e-13);
      });
      const g = gaps(net);
      expect(Object.keys(g).sort()).toEqual(['firstLayer', 'firstLayerIdentity', 'frozenLayers',
        'minNorm', 'weightNormRatio']);
      expect(g.frozenLayers).toBeLessThan(1e-9);
      net.dispose();
    }
  });
});

describe('T1 and T6 at extreme scales', () => {
  const W1 = Matrix.randn(20, 6, { seed: 71 });
  const W2 = Matrix.randn(6, 6, { seed: 72 });
  const times = (m: Matrix, t: number) => new Matrix(m.rows, m.cols, m.data.map((v) => v * t));

  it('T1 with X0 = 0 does not depend on the layers\' scale, even where W1·W2 leaves f64', () => {
    // W(AW)⁺B is invariant under W → tW; at t = 1e-170 the product W1·W2 is ~1e-340 (used to
    // give θ = 0 silently) and at 1e-160 pinv(AW) overflowed.
    const reference = frozenLayersSolution(A, B, [W1, W2]);
    const scale = norm(reference.data);
    for (const t of [1e-200, 1e-170, 1e-160, 1e160, 1e200]) {
      const theta = frozenLayersSolution(A, B, [times(W1, t), times(W2, t)]);
      expect(norm(sub(theta.data, reference.data)) / scale).toBeLessThan(1e-12);
    }
  });

  it('the lazy gap at initialization is the same from a 1e-170 start as from a unit one', () => {
    const at = (scale: number) => {
      const net = new DeepLinearNetwork({ A, b: B, widths: [6], lazyAlpha: 1e8, seed: 5,
        init: { kind: 'gaussian', scale } });
      try {
        return gaps(net).lazy!;
      } finally {
        net.dispose();
      }
    };
    // The predictor α(θ − θ0) starts at 0 and θ_lazy only sees the kernel's directions, which a
    // common scale of every factor leaves alone (degree 2h).
    const unit = at(1);
    expect(unit).toBeGreaterThan(0.1);
    expect(Math.abs(at(1e-170) - unit) / unit).toBeLessThan(1e-12);
  });
});

describe('T2 with k = 2', () => {
  it('the first-layer identity holds at every recorded step, and the limit follows', () => {
    const net = new DeepLinearNetwork({
      A, b: B, widths: [10, 10], seed: 6, init: { kind: 'gaussian' },
    });
    const w10 = net.initialFactors()[0]!;
    let worst = 0;
    // 8 × 40 steps cover the transient (this run converges after ~900).
    for (let chunk = 0; chunk < 8; chunk++) {
      net.train({ step: 0.05, maxSteps: 40, lossTol: 0, record: false });
      const now = net.factors();
      // (I − A⁺A)θ_t against (I − A⁺A)W1(0)V_t, both by the reference projector.
      const v = product(now.slice(1));
      const reference = perColumn(mul(w10, v), nullOf);
      const pred = firstLayerPrediction(A, B, w10, now);
      expect(norm(sub(pred.nullPart.data, reference.data))).toBeLessThan(1e-13);
      const nullTheta = perColumn(new Matrix(20, 2, net.theta()), nullOf);
      expect(norm(sub(nullTheta.data, reference.data))).toBeLessThan(1e-12);
      worst = Math.max(worst, gaps(net).firstLayerIdentity!);
    }
    expect(worst).toBeLessThan(1e-13);

    const res = net.train({ step: 0.05, maxSteps: 40000 });
    expect(res.converged).toBe(true);
    const g = gaps(net);
    expect(g.firstLayerIdentity).toBeLessThan(1e-13);
    expect(g.firstLayer).toBeLessThan(1e-10);
    expect(g.minNorm).toBeGreaterThan(0.1);
    expect(g.weightNormRatio).toBeGreaterThan(1);
    net.dispose();
  });
});

describe('T5 with k > 1: (h+1)·Σσ_j(θ*)^{2/(h+1)}', () => {
  it('equals scipy brute-force minima over factorizations of the given widths (1e-10 rel.)', () => {
    for (const c of fixture.cases) {
      const a = Matrix.fromRows(c.A);
      const b = Matrix.fromRows(c.B);
      const h = c.widths.length;
      const value = minWeightNorm(a, b, h);
      expect(Math.abs(value - c.bruteForce) / c.bruteForce).toBeLessThan(1e-10);

      // The balanced factorization of the SVD θ* = UΣVᵀ attains it: F1 = UΣ^{q/2}, middle
      // factors Σ^{q/2}, X = Σ^{q/2}Vᵀ (q = 2/(h+1)), padded with zeros to the widths.
      const star = minNormSolution(a, b);
      const { U, s, V } = svd(star);
      const r = s.filter((x) => x > 1e-12 * s[0]!).length;
      const dims = [star.rows, ...c.widths, star.cols];
      const f = h === 0 ? [star]
        : dims.slice(0, -1).map((rows, i) => Matrix.zeros(rows, dims[i + 1]!));
      for (let j = 0; j < r && h > 0; j++) {
        const root = s[j]! ** (1 / (h + 1));
        for (let p = 0; p < star.rows; p++) f[0]!.data[p * dims[1]! + j] = root * U!.get(p, j);
        for (let i = 1; i < h; i++) f[i]!.data[j * dims[i + 1]! + j] = root;
        for (let p = 0; p < star.cols; p++) f[h]!.data[j * star.cols + p] = root * V!.get(p, j);
      }
      const fitted = mul(a, product(f)).data;
      expect(norm(sub(fitted, b.data))).toBeLessThan(1e-12);
      expect(Math.abs(parameterNorm(f) - value) / value).toBeLessThan(1e-12);
    }
  });

  it('reduces to (h+1)‖θ*‖^{2/(h+1)} for k = 1, as a vector or an n×1 Matrix', () => {
    for (const h of [0, 1, 3]) {
      const expected = (h + 1) * norm(columns(thetaStar)[0]!) ** (2 / (h + 1));
      expect(minWeightNorm(A, bCols[0]!, h) / expected).toBeCloseTo(1, 13);
      expect(minWeightNorm(A, col(bCols[0]!), h) / expected).toBeCloseTo(1, 13);
    }
  });

  it('B = 0: gaps has no weight-norm ratio (0/0) and no NaN field', () => {
    const net = new DeepLinearNetwork({
      A, b: Matrix.zeros(5, 2), widths: [4], seed: 1, init: { kind: 'gaussian' },
    });
    const g = gaps(net);
    expect(Object.keys(g).sort()).toEqual(['firstLayer', 'firstLayerIdentity', 'minNorm']);
    for (const v of Object.values(g)) expect(Number.isFinite(v)).toBe(true);
    expect(minWeightNorm(A, Matrix.zeros(5, 2), 1)).toBe(0);
    net.dispose();
  });

  it('GD from small Gaussian init ends near the minimum; every interpolant is above it', () => {
    const ratio = [0.01, 1].map((scale) => {
      const net = new DeepLinearNetwork({
        A, b: B, widths: [10, 10], seed: 4, init: { kind: 'gaussian', scale },
      });
      const res = net.train({ step: 0.05, maxSteps: 100000 });
      expect(res.converged).toBe(true);
      const g = gaps(net);
      const direct = parameterNorm(net.factors()) / minWeightNorm(A, B, 2);
      expect(g.weightNormRatio! / direct).toBeCloseTo(1, 12);
      net.dispose();
      return g.weightNormRatio!;
    });
    expect(ratio[0]!).toBeGreaterThanOrEqual(1 - 1e-9);
    expect(ratio[0]! - 1).toBeLessThan(1e-2);
    expect(ratio[1]!).toBeGreaterThan(ratio[0]!);
  });
});
