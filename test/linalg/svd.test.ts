// svd against numpy and mpmath references (test/fixtures/decomp/make_fixtures.py) and the
// identities of its accuracy contract.
import { describe, expect, it } from 'vitest';
import {
  Matrix, svd, ConvergenceFailure, EmptyInput, InvalidArgument, NonFiniteInput,
} from '../../src/index.js';
import fx from '../fixtures/decomp/decomp.json';
import { cols, maxAbs, mul, orthogonality, pairing, reconstruction } from './measures.js';

const eps = Number.EPSILON;
const c = 10; // the contract's "small constant"

function checkContract(a: Matrix, vectors: 'thin' | 'full' = 'thin') {
  const f = svd(a, { vectors });
  const [m, n] = a.shape;
  const U = f.U!;
  const V = f.V!;
  expect(f.s.length).toBe(Math.min(m, n));
  expect(reconstruction(a, U, f.s, V)).toBeLessThanOrEqual(c * Math.max(m, n) * eps);
  expect(orthogonality(U)).toBeLessThanOrEqual(c * U.cols * eps);
  expect(orthogonality(V)).toBeLessThanOrEqual(c * V.cols * eps);
  expect(pairing(a, U, f.s, V)).toBeLessThanOrEqual(c * Math.max(m, n) * eps * f.s[0]!);
  for (let i = 1; i < f.s.length; i++) expect(f.s[i]).toBeLessThanOrEqual(f.s[i - 1]!);
  return f;
}

describe('svd against numpy', () => {
  for (const [i, d] of fx.dense.entries()) {
    const a = Matrix.fromRows(d.A);
    it(`dense #${i} (${a.rows}×${a.cols}): s, contract, thin and full shapes`, () => {
      const f = checkContract(a);
      const tol = c * Math.max(a.rows, a.cols) * eps * d.s[0]!;
      d.s.forEach((v, k) => expect(Math.abs(f.s[k]! - v)).toBeLessThanOrEqual(tol));
      const full = checkContract(a, 'full');
      expect(full.U!.shape).toEqual([a.rows, a.rows]);
      expect(full.V!.shape).toEqual([a.cols, a.cols]);
      const k = Math.min(a.rows, a.cols);
      expect(f.U!.shape).toEqual([a.rows, k]);
      expect(f.V!.shape).toEqual([a.cols, k]);
    });
  }
});

describe('svd to high relative accuracy', () => {
  it('graded 26×26 companion matrix: all 26 values to a few eps, relative', () => {
    const d = fx.companion26;
    const a = Matrix.fromRows(d.A);
    const f = svd(a);
    d.s_exact.forEach((v, k) => expect(Math.abs(f.s[k]! - v) / v).toBeLessThanOrEqual(20 * eps));
    // numpy's divide and conquer (as of this fixture) returns ~6e10 where the truth is 1.
    expect(d.s_numpy_gesdd[1]).toBeGreaterThan(1e6);
    expect(reconstruction(a, f.U!, f.s, f.V!)).toBeLessThanOrEqual(c * 26 * eps);
    expect(orthogonality(f.U!)).toBeLessThanOrEqual(c * 26 * eps);
    expect(orthogonality(f.V!)).toBeLessThanOrEqual(c * 26 * eps);
  });

  it('rows graded down to 1e-170: relative values and orthonormal vectors', () => {
    const d = fx.extreme_graded;
    const a = Matrix.fromRows(d.A);
    const f = svd(a);
    d.s_exact.forEach((v, k) => expect(Math.abs(f.s[k]! - v) / v).toBeLessThanOrEqual(1e-13));
    expect(orthogonality(f.U!)).toBeLessThanOrEqual(c * 4 * eps);
    expect(orthogonality(f.V!)).toBeLessThanOrEqual(c * 4 * eps);
    // Beyond the documented range (≈1e-265 of the largest entry) values flush to exact zeros.
    const b = new Matrix(2, 2, Float64Array.of(1, 1, 1e-300, -1e-300));
    const g = svd(b);
    expect(g.s[1]).toBe(0);
    expect(orthogonality(g.U!)).toBeLessThanOrEqual(c * 2 * eps);
    expect(orthogonality(g.V!)).toBeLessThanOrEqual(c * 2 * eps);
  });

  for (const [i, d] of fx.graded.entries()) {
    it(`two-sided graded #${i}: singular values over 24 decades, each relative, also of Aᵀ`, () => {
      const a = Matrix.fromRows(d.A);
      for (const x of [a, a.transpose()]) {
        const s = svd(x, { vectors: 'none' }).s;
        d.s_exact.forEach((v, k) => expect(Math.abs(s[k]! - v) / v).toBeLessThanOrEqual(1e-13));
      }
    });
  }
});

describe('svd identities', () => {
  it('holds the contract on seeded tall, wide and square matrices, thin and full', () => {
    for (const [m, n] of [[60, 40], [40, 60], [33, 33], [50, 1], [1, 50]] as const) {
      const a = Matrix.randn(m, n, { seed: 7 * m + n });
      checkContract(a, 'thin');
      const f = checkContract(a, 'full');
      // The completing columns are orthogonal to the range (tall) or span the null space (wide).
      const k = Math.min(m, n);
      if (m > n) expect(maxAbs(mul(a.transpose(), cols(f.U!, m, k)).data)).toBeLessThan(1e-13);
      if (n > m) expect(maxAbs(mul(a, cols(f.V!, n, k)).data)).toBeLessThan(1e-13);
    }
  });

  it("vectors: 'none' gives the same values bit for bit", () => {
    const a = Matrix.randn(20, 13, { seed: 3 });
    expect(Array.from(svd(a, { vectors: 'none' }).s)).toEqual(Array.from(svd(a).s));
    expect(svd(a, { vectors: 'none' }).U).toBeNull();
  });

  it('exactly rank-deficient input still gets orthonormal U and V (completed basis)', () => {
    const b = Matrix.randn(9, 3, { seed: 11 });
    const a = mul(b, Matrix.randn(3, 7, { seed: 12 }));
    for (let j = 0; j < 7; j++) a.data[4 * 7 + j] = 0; // and a zero row
    const f = checkContract(a, 'full');
    expect(f.s[3]! / f.s[0]!).toBeLessThan(1e-15);
    const dup = Matrix.fromRows([[1, 1, 2], [3, 3, 6], [0, 0, 0]]);
    const g = checkContract(dup, 'full');
    expect(g.s[1]!).toBeLessThan(1e-15 * g.s[0]!);
  });

  it('one column 1e266…1e306 times the rest: converges, the rest flushed (documented)', () => {
    // The other columns' values sit below 2^-480 of the largest after scaling, so they are the
    // documented flushed zeros; Jacobi used to spin on their subnormal squared norms until its
    // cap (ConvergenceFailure) for about 1 input in 8 of this family.
    for (const n of [2, 3, 4, 6, 10]) {
      for (let seed = 0; seed < 8; seed++) {
        for (const e of [266, 280, 306]) {
          const a = Matrix.randn(n, n, { seed });
          let column = 0;
          for (let i = 0; i < n; i++) column += a.data[i * n + (seed % n)]! ** 2;
          for (let i = 0; i < n; i++) a.data[i * n + (seed % n)]! *= 10 ** e;
          const f = checkContract(a, 'full');
          // σ₁ is that column's norm, up to the rest's relative size (< 1e-265).
          expect(Math.abs(f.s[0]! / 10 ** e / Math.sqrt(column) - 1)).toBeLessThan(1e-14);
          // Below 2^-880 ≈ 1e-265 of the largest entry: flushed (at 1e266 some stay, rightly).
          if (e >= 280) expect(Array.from(f.s.slice(1))).toEqual(new Array(n - 1).fill(0));
        }
      }
    }
  });

  it('two-sided grading over 1e±150: U and V orthonormal, also where values are flushed', () => {
    // Both Householder QRs of svd meet subnormal columns here (after the scaling to 2^400);
    // their reflectors must still be orthogonal, or V (= P·Q₂·Jᵀ) and U lose orthogonality.
    const graded = (n: number, seed: number, flip: boolean) => {
      const b = Matrix.randn(n, n, { seed });
      const d = (i: number) => 10 ** (150 - (300 * i) / (n - 1));
      const a = new Matrix(n, n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          a.data[i * n + j] = b.data[i * n + j]! * d(i) * d(flip ? n - 1 - j : j);
        }
      }
      return a;
    };
    for (const a of [graded(60, 150, true), graded(40, 2, false)]) {
      const f = svd(a);
      expect(orthogonality(f.U!)).toBeLessThanOrEqual(c * a.rows * eps);
      expect(orthogonality(f.V!)).toBeLessThanOrEqual(c * a.cols * eps);
    }
    const tiny = svd(Matrix.fromRows([[1e300, 0, 0], [0, 7e-140, 2e-140], [0, 1.1e-139, 5e-140]]));
    expect(Array.from(tiny.s)).toEqual([1e300, 0, 0]);
    expect(orthogonality(tiny.U!)).toBeLessThanOrEqual(c * 3 * eps);
    expect(orthogonality(tiny.V!)).toBeLessThanOrEqual(c * 3 * eps);
  });

  it('zero matrix: s = 0 and identity vectors', () => {
    const f = svd(new Matrix(4, 3), { vectors: 'full' });
    expect(Array.from(f.s)).toEqual([0, 0, 0]);
    expect(f.U!.data).toEqual(Matrix.eye(4).data);
    expect(f.V!.data).toEqual(Matrix.eye(3).data);
  });

  it('scales with the input from 1e-300 to 1e300, neither overflowing nor underflowing', () => {
    const a = Matrix.randn(6, 5, { seed: 5 });
    const s = svd(a).s;
    for (const t of [1e300, 1e-300, 1e-160]) {
      const st = svd(new Matrix(6, 5, a.data.map((x) => x * t))).s;
      s.forEach((v, k) => expect(Math.abs(st[k]! / t - v) / v).toBeLessThanOrEqual(1e-14));
    }
    // Subnormal entries and values (few significant bits): the values are the exactly rescaled
    // input's, rounded once to the subnormal grid (spacing 2^-1074).
    const tiny = new Matrix(6, 5, a.data.map((x) => x * 2 ** -1068));
    const st = svd(tiny).s;
    const sr = svd(new Matrix(6, 5, tiny.data.map((x) => x * 2 ** 534 * 2 ** 534))).s;
    sr.forEach((v, k) => {
      expect(Math.abs(st[k]! - v * 2 ** -534 * 2 ** -534)).toBeLessThanOrEqual(2 ** -1074);
    });
  });
});

describe('svd errors', () => {
  it('rejects NaN and Infinity at once, naming the position', () => {
    const a = Matrix.fromRows([[1, 2], [3, Infinity]]);
    expect(() => svd(a)).toThrow(NonFiniteInput);
    expect(() => svd(a)).toThrow(/'A'.*\(1, 1\)/);
  });

  it('rejects empty shapes naming the shape', () => {
    for (const [m, n] of [[0, 0], [0, 3], [3, 0]]) {
      expect(() => svd(new Matrix(m!, n!))).toThrow(EmptyInput);
      expect(() => svd(new Matrix(m!, n!))).toThrow(`${m}×${n}`);
    }
  });

  it('reports ConvergenceFailure with the sweep count past the cap', () => {
    const a = Matrix.randn(30, 30, { seed: 1 });
    expect(() => svd(a, { maxSweeps: 1 })).toThrow(ConvergenceFailure);
    expect(() => svd(a, { maxSweeps: 2 })).toThrow(/within 2 sweeps/);
    // A wide input is factored through its transpose; the message gives the caller's shape.
    expect(() => svd(Matrix.randn(20, 30, { seed: 2 }), { maxSweeps: 1 }))
      .toThrow(/one-sided Jacobi on the 20×30 argument 'A' did not converge within 1 sweep\b(?!s)/);
  });

  it('rejects unknown options', () => {
    const a = Matrix.eye(2);
    expect(() => svd(a, { vectors: 'some' as 'thin' })).toThrow(InvalidArgument);
    expect(() => svd(a, { maxSweeps: 0 })).toThrow(InvalidArgument);
    expect(() => svd(a, { vector: 'none' } as never)).toThrow(
      "svd: unknown option 'vector'; expected one of vectors, maxSweeps");
  });
});
