// dgemv in both directions: the defining sums on exact inputs, row strides wider than the
// rows, beta = 0 not reading y, and NaN/Inf propagation without skipped products.
import { describe, expect, it } from 'vitest';
import { f64View, withScratch } from '../../src/core/memory.js';
import { wasm } from '../../src/core/wasm.js';
import { formula, padded } from '../helpers/kernels.js';

/** y = alpha·op(A)·x + beta·y0 by the defining sums. */
function reference(trans: boolean, m: number, n: number, alpha: number, a: Float64Array,
  x: Float64Array, beta: number, y0: Float64Array): Float64Array {
  const len = trans ? n : m;
  const out = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    let s = 0;
    if (trans) for (let p = 0; p < m; p++) s += a[p * n + i]! * x[p]!;
    else for (let p = 0; p < n; p++) s += a[i * n + p]! * x[p]!;
    out[i] = alpha * s + beta * y0[i]!;
  }
  return out;
}

function run(trans: number, m: number, n: number, alpha: number, beta: number, lda: number) {
  const a = formula(m, n, [3, 7, 1]);
  const x = formula(1, trans ? m : n, [0, 5, 2]);
  const y0 = formula(1, trans ? n : m, [0, 3, 4]);
  return withScratch((s) => {
    const pa = padded(s, a, m, n, lda);
    const px = s.copyIn(x), py = s.copyIn(y0);
    wasm().dgemv(trans, m, n, alpha, pa, lda, px, beta, py);
    const ref = reference(trans === 1, m, n, alpha, a, x, beta, y0);
    return { y: s.copyOut(py, y0.length), ref };
  });
}

describe('dgemv', () => {
  for (const trans of [0, 1]) {
    it(`matches the defining sums exactly (trans=${trans}) for sizes 1…19 and 130`, () => {
      const sizes = [...Array.from({ length: 19 }, (_, i) => i + 1), 130];
      for (const m of sizes) {
        for (const n of [1, 2, 3, 4, 5, 8, 17, 130]) {
          for (const [alpha, beta] of [[1, 0], [0.75, -1.5], [-2, 1]] as const) {
            const { y, ref } = run(trans, m, n, alpha, beta, n + (m % 3));
            expect(y, `${m}×${n} alpha ${alpha} beta ${beta}`).toEqual(ref);
          }
        }
      }
    });
  }

  it('does not read y when beta = 0, and only scales y when alpha = 0', () => {
    withScratch((s) => {
      const a = s.copyIn([1, 2, 3, 4, 5, 6]), x = s.copyIn([1, 1, 1]);
      const y = s.copyIn([NaN, Infinity]);
      wasm().dgemv(0, 2, 3, 1, a, 3, x, 0, y);
      expect(Array.from(s.copyOut(y, 2))).toEqual([6, 15]);
      const yt = s.copyIn([NaN, NaN, NaN]);
      wasm().dgemv(1, 2, 3, 1, a, 3, s.copyIn([1, 1]), 0, yt);
      expect(Array.from(s.copyOut(yt, 3))).toEqual([5, 7, 9]);
      const nanA = s.copyIn([NaN, NaN, NaN, NaN, NaN, NaN]);
      wasm().dgemv(0, 2, 3, 0, nanA, 3, x, 3, y);
      expect(Array.from(s.copyOut(y, 2))).toEqual([18, 45]);
    });
  });

  it('propagates Inf·0 = NaN in both directions', () => {
    withScratch((s) => {
      const a = s.zeros(5 * 6);
      f64View(a, 30)[2 * 6 + 4] = Infinity;
      const zeros = s.zeros(6);
      const y = s.alloc(5);
      // A x with x = 0: row 2 holds Inf·0.
      wasm().dgemv(0, 5, 6, 1, a, 6, zeros, 0, y);
      expect(Array.from(s.copyOut(y, 5), Number.isNaN)).toEqual([false, false, true, false, false]);
      // Aᵀ x with x = 0: column 4 holds Inf·0.
      const yt = s.alloc(6);
      wasm().dgemv(1, 5, 6, 1, a, 6, zeros, 0, yt);
      expect(Array.from(s.copyOut(yt, 6), Number.isNaN)).toEqual(
        [false, false, false, false, true, false]);
      // An infinite x times a zero column of A.
      const xinf = s.copyIn([0, 0, 0, Infinity, 0, 0]);
      const zeroA = s.zeros(5 * 6);
      wasm().dgemv(0, 5, 6, 1, zeroA, 6, xinf, 0, y);
      expect(s.copyOut(y, 5).every(Number.isNaN)).toBe(true);
    });
  });
});
