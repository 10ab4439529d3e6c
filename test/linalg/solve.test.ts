// solve: numpy's solutions, the residual, and SingularMatrix for (numerically) singular A.
import { describe, expect, it } from 'vitest';
import { Matrix, solve, SingularMatrix, ShapeMismatch, NonFiniteInput } from '../../src/index.js';
import fx from '../fixtures/decomp/decomp.json';
import { maxAbs, mul } from './measures.js';

describe('solve', () => {
  for (const d of fx.square) {
    it(`${d.A.length}×${d.A.length}: matches numpy, vector and Matrix right-hand sides`, () => {
      const a = Matrix.fromRows(d.A);
      const B = Matrix.fromRows(d.B);
      const X = solve(a, B);
      const want = Matrix.fromRows(d.X);
      expect(maxAbs(X.data.map((x, k) => x - want.data[k]!))).toBeLessThan(1e-13);
      const x0 = solve(a, B.column(0));
      expect(x0).toBeInstanceOf(Float64Array);
      x0.forEach((v, i) => expect(v).toBe(X.get(i, 0)));
    });
  }

  it('small backward error on a seeded 40×40 system needing pivoting', () => {
    const a = Matrix.randn(40, 40, { seed: 3 });
    for (let i = 0; i < 40; i++) a.data[i * 41] = 0;
    const b = Matrix.randn(40, 1, { seed: 4 });
    const x = solve(a, b);
    const r = mul(a, x).data.map((v, i) => v - b.data[i]!);
    expect(maxAbs(r)).toBeLessThan(1e-12);
  });

  it('singular to working precision throws SingularMatrix naming A', () => {
    expect(() => solve(Matrix.fromRows([[1, 2], [2, 4]]), [1, 1])).toThrow(SingularMatrix);
    expect(() => solve(new Matrix(3, 3), [1, 1, 1])).toThrow(/'A' \(3×3\)/);
    const near = Matrix.fromRows([[1, 1], [1, 1 + 1e-17 + 2 ** -52]]);
    expect(() => solve(near, [1, 2])).toThrow(SingularMatrix);
  });

  it('rejects non-square A, wrong b and non-finite input', () => {
    expect(() => solve(new Matrix(2, 3, new Float64Array(6).fill(1)), [1, 2])).toThrow(
      ShapeMismatch,
    );
    expect(() => solve(Matrix.eye(2), [1, 2, 3])).toThrow(ShapeMismatch);
    expect(() => solve(Matrix.eye(2), [1, Infinity])).toThrow(NonFiniteInput);
  });
});
