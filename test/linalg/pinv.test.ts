// pinv, minNormSolution, lstsq, rank and cond against numpy and the Penrose conditions.
import { describe, expect, it } from 'vitest';
import {
  Matrix, pinv, minNormSolution, lstsq, rank, cond, ShapeMismatch, EmptyInput, NonFiniteInput,
  InvalidArgument,
} from '../../src/index.js';
import fx from '../fixtures/decomp/decomp.json';
import { fro, maxAbs, mul, penrose } from './measures.js';

describe('pinv and least squares against numpy', () => {
  for (const [i, d] of fx.dense.entries()) {
    it(`dense #${i}: pinv, Penrose, minNormSolution, lstsq, rank`, () => {
      const a = Matrix.fromRows(d.A);
      const X = pinv(a);
      const want = Matrix.fromRows(d.pinv);
      expect(X.shape).toEqual(want.shape);
      const scale = maxAbs(want.data);
      expect(maxAbs(X.data.map((x, k) => x - want.data[k]!)) / scale).toBeLessThan(1e-13);
      for (const r of penrose(a, X)) expect(r).toBeLessThan(1e-13);

      const b = Float64Array.from(d.b);
      const x = minNormSolution(a, b);
      d.lstsq_x.forEach((v, k) => expect(Math.abs(x[k]! - v)).toBeLessThan(1e-13));
      const ls = lstsq(a, b);
      ls.x.forEach((v, k) => expect(Math.abs(v - x[k]!)).toBeLessThan(1e-13));
      expect(ls.rank).toBe(d.rank);
      expect(rank(a)).toBe(d.rank);
      const r = mul(a, new Matrix(a.cols, 1, x)).data.map((v, k) => v - b[k]!);
      expect(Math.abs(ls.residual - fro(r))).toBeLessThan(1e-14);
    });
  }

  it('a Matrix right-hand side solves column by column and returns a Matrix', () => {
    const a = Matrix.randn(4, 9, { seed: 4 });
    const B = Matrix.randn(4, 3, { seed: 5 });
    const X = minNormSolution(a, B);
    expect(X).toBeInstanceOf(Matrix);
    expect(X.shape).toEqual([9, 3]);
    for (let j = 0; j < 3; j++) {
      const xj = minNormSolution(a, B.column(j));
      xj.forEach((v, i) => expect(Math.abs(X.get(i, j) - v)).toBeLessThan(1e-14));
    }
    expect(lstsq(a, B).residual).toBeLessThan(1e-13);
  });

  it('QR fast path and SVD path agree: full rank, ill-conditioned, rank-deficient', () => {
    const g = Matrix.randn(5, 9, { seed: 21 });
    for (let j = 0; j < 9; j++) for (let i = 0; i < 5; i++) g.data[i * 9 + j] *= 10 ** (-j);
    const low = mul(Matrix.randn(5, 2, { seed: 22 }), Matrix.randn(2, 9, { seed: 23 }));
    const tall = Matrix.randn(9, 4, { seed: 24 });
    for (const a of [Matrix.randn(5, 9, { seed: 20 }), g, low, tall, tall.transpose()]) {
      const B = Matrix.randn(a.rows, 2, { seed: 25 });
      const X = minNormSolution(a, B);
      // An explicit rcond (the default's value) takes the SVD path.
      const viaSvd = pinv(a, { rcond: Math.max(a.rows, a.cols) * Number.EPSILON });
      const ref = mul(viaSvd, B);
      const P = pinv(a);
      expect(maxAbs(P.data.map((v, k) => v - viaSvd.data[k]!)) / maxAbs(viaSvd.data)).toBeLessThan(
        1e-9,
      );
      const scale = maxAbs(ref.data);
      expect(maxAbs(X.data.map((v, k) => v - ref.data[k]!)) / scale).toBeLessThan(1e-9);
      const ls = lstsq(a, B);
      expect(maxAbs(ls.x.data.map((v, k) => v - X.data[k]!)) / scale).toBeLessThan(1e-9);
    }
  });

  it('the cutoff is relative: scaling A by t scales A⁺ by 1/t and keeps the rank', () => {
    const a = mul(Matrix.randn(6, 2, { seed: 1 }), Matrix.randn(2, 5, { seed: 2 }));
    const X = pinv(a);
    for (const t of [1e-200, 1e200]) {
      const at = new Matrix(6, 5, a.data.map((x) => x * t));
      expect(rank(at)).toBe(2);
      const Xt = pinv(at);
      expect(maxAbs(Xt.data.map((x, k) => x * t - X.data[k]!)) / maxAbs(X.data)).toBeLessThan(
        1e-13,
      );
    }
    expect(rank(a, { rcond: 0.9 })).toBe(1);
    expect(() => rank(a, { rcond: -1 })).toThrow(InvalidArgument);
  });

  it('cond is s₀/s_min, Infinity when singular, high relative accuracy on graded input', () => {
    expect(cond(Matrix.fromRows([[3, 0], [0, -0.5]]))).toBeCloseTo(6, 14);
    expect(cond(Matrix.fromRows([[1, 2], [2, 4]]))).toBeGreaterThan(1e15);
    expect(cond(Matrix.fromRows([[1, 0], [0, 0]]))).toBe(Infinity);
    const d = fx.companion26;
    const want = d.s_exact[0]! / d.s_exact[25]!;
    expect(Math.abs(cond(Matrix.fromRows(d.A)) / want - 1)).toBeLessThan(1e-14);
  });

  it('validates b: length, kind, finiteness; A: emptiness', () => {
    const a = Matrix.randn(3, 5, { seed: 1 });
    expect(() => minNormSolution(a, new Float64Array(4))).toThrow(ShapeMismatch);
    expect(() => minNormSolution(a, new Float64Array(4))).toThrow(/'b' must have length 3/);
    expect(() => minNormSolution(a, new Matrix(2, 2))).toThrow(ShapeMismatch);
    expect(() => minNormSolution(a, Float64Array.of(1, NaN, 0))).toThrow(NonFiniteInput);
    expect(() => lstsq(new Matrix(0, 3), new Float64Array(0))).toThrow(EmptyInput);
    expect(() => pinv(new Matrix(0, 3))).toThrow(EmptyInput);
    expect(() => pinv(new Matrix(0, 3))).toThrow('0×3');
  });
});
