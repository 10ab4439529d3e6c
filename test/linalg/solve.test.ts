// solve: numpy's solutions, the residual, and SingularMatrix for (numerically) singular A.
import { describe, expect, it } from 'vitest';
import {
  Matrix, matmul, solve, SingularMatrix, ShapeMismatch, NonFiniteInput,
} from '../../src/index.js';
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

  it('rounded rank-deficient A with unremarkable pivots: the condition estimate refuses it', () => {
    // Rank 2 in exact arithmetic; its smallest pivot is 0.04·max|a_ij|, so only the estimate
    // of cond₁(A) (≈ 1e17) tells; without it x came out as [-3.9e16, -4.9e16, 1.0e15].
    const a = Matrix.fromRows(
      [[-0.4, 0.3, -1], [0.6, -0.5, -0.9], [-0.42000000000000004, 0.32, -0.81]],
    );
    expect(() => solve(a, [1, 0, 0])).toThrow(/estimated 1\/cond₁\(A\) = .* ≤ n·eps/);
    // Products X·Y of rank r < n, n = 10…160: every one refused.
    for (const [n, r, seed] of [[10, 9, 1], [40, 37, 2], [80, 79, 3], [160, 150, 4]] as const) {
      const p = matmul(Matrix.randn(n, r, { seed }), Matrix.randn(r, n, { seed: seed + 50 }));
      expect(() => solve(p, new Float64Array(n).fill(1))).toThrow(SingularMatrix);
    }
    // Well-posed systems pass: random ones and Hilbert's 10×10 (cond₁ ≈ 3.5e13).
    for (const n of [2, 50, 200]) {
      const x = solve(Matrix.randn(n, n, { seed: n }), new Float64Array(n).fill(1));
      expect(x.every(Number.isFinite)).toBe(true);
    }
    const hilbert = Matrix.fromRows(
      Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 }, (_, j) => 1 / (i + j + 1))),
    );
    const x = solve(hilbert, hilbert.column(0));
    expect(Math.abs(x[0]! - 1)).toBeLessThan(1e-3);
  });

  it('rejects non-square A, wrong b and non-finite input', () => {
    expect(() => solve(new Matrix(2, 3, new Float64Array(6).fill(1)), [1, 2])).toThrow(
      ShapeMismatch,
    );
    expect(() => solve(Matrix.eye(2), [1, 2, 3])).toThrow(ShapeMismatch);
    expect(() => solve(Matrix.eye(2), [1, Infinity])).toThrow(NonFiniteInput);
  });
});
