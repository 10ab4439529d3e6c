// dgecon1 (assembly/lu.ts): Hager–Higham's estimate of ‖A⁻¹‖₁ from the LU factors, which solve
// uses to refuse matrices singular to working precision. It is a lower bound (each estimate is
// ‖A⁻¹x‖₁ for some ‖x‖₁ ≤ 1) and, on these inputs, equal to the norm of the inverse formed
// column by column; a wrong transposed solve would send the climb to the wrong column.
import { describe, expect, it } from 'vitest';
import { f64View, withScratch } from '../../src/core/memory.js';
import { wasm } from '../../src/core/wasm.js';
import { Matrix, solve } from '../../src/index.js';

/** ‖A⁻¹‖₁ from A⁻¹ = solve(A, I). */
function inverseNorm1(a: Matrix): number {
  const inv = solve(a, Matrix.eye(a.rows));
  let best = 0;
  for (let j = 0; j < a.cols; j++) {
    let sum = 0;
    for (let i = 0; i < a.rows; i++) sum += Math.abs(inv.get(i, j));
    best = Math.max(best, sum);
  }
  return best;
}

function estimate(a: Matrix): number {
  const n = a.rows;
  return withScratch((s) => {
    const k = wasm();
    const pa = s.copyIn(a.data);
    const piv = s.alloc(n);
    expect(k.dgetrf(n, pa, n, piv)).toBeGreaterThan(0);
    return k.dgecon1(n, pa, n, piv, s.alloc(3 * n));
  });
}

describe('dgecon1', () => {
  it('matches ‖A⁻¹‖₁ on random, graded and nonsymmetric ill-conditioned matrices', () => {
    const cases: Matrix[] = [];
    for (const n of [1, 2, 7, 30, 90]) cases.push(Matrix.randn(n, n, { seed: n }));
    const graded = Matrix.randn(25, 25, { seed: 5 });
    for (let i = 0; i < 25; i++) for (let j = 0; j < 25; j++) graded.data[i * 25 + j]! *= 2 ** -i;
    cases.push(graded);
    // Upper triangular with −1 above the diagonal: ‖A⁻¹‖₁ = 2^(n−1), in the last column.
    const kahanLike = Matrix.eye(20);
    for (let i = 0; i < 20; i++) for (let j = i + 1; j < 20; j++) kahanLike.data[i * 20 + j] = -1;
    cases.push(kahanLike);
    for (const a of cases) {
      const exact = inverseNorm1(a);
      const est = estimate(a);
      expect(est).toBeLessThanOrEqual(exact * (1 + 1e-12));
      expect(est).toBeGreaterThanOrEqual(exact * (1 - 1e-12));
    }
    expect(estimate(kahanLike)).toBe(2 ** 19);
  });
});
