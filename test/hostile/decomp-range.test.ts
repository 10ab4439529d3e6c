// Regressions for the hostile-input review of the decompositions at the edges of the f64 range:
// entries near 1e308 or 1e-310 gave ±Infinity, NaN or silently wrong answers. Inputs are now
// scaled by powers of two (exact) before any norm is formed, and a result that truly leaves the
// f64 range raises Overflow naming the public function.
import { describe, expect, it } from 'vitest';
import {
  Matrix, Overflow, cond, lq, lstsq, minNormSolution, nullSpaceBasis, nullSpaceProjector, pinv, qr,
  rank, rowSpaceProjector, solve, svd,
} from '../../src/index.js';

const rel = (x: number, y: number) => Math.abs(x - y) / Math.abs(y);

describe('qr and lq at the top of the f64 range', () => {
  const a = Matrix.fromRows([[1e308, 1e308], [1e308, -1e308]]);

  it('qr: the true R (|R_ii| = √2·1e308, R_01 = 0) comes out finite and exact', () => {
    const { Q, R } = qr(a);
    expect(rel(Math.abs(R.get(0, 0)), Math.SQRT2 * 1e308)).toBeLessThan(4e-16);
    expect(rel(Math.abs(R.get(1, 1)), Math.SQRT2 * 1e308)).toBeLessThan(4e-16);
    expect(Math.abs(R.get(0, 1))).toBeLessThan(1e-15 * 1e308);
    expect(R.get(1, 0)).toBe(0);
    // Q·R reproduces A entry by entry (computed column-wise to stay in range).
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) {
      const qr0 = Q.get(i, 0) * (R.get(0, j) / 2) + Q.get(i, 1) * (R.get(1, j) / 2);
      expect(rel(2 * qr0, a.get(i, j))).toBeLessThan(1e-15);
    }
  });

  it('lq: the transpose case is finite and exact', () => {
    const { L } = lq(a);
    expect(rel(Math.abs(L.get(0, 0)), Math.SQRT2 * 1e308)).toBeLessThan(4e-16);
    expect(rel(Math.abs(L.get(1, 1)), Math.SQRT2 * 1e308)).toBeLessThan(4e-16);
    expect(Math.abs(L.get(1, 0))).toBeLessThan(1e-15 * 1e308);
    expect(L.get(0, 1)).toBe(0);
  });

  it('an R entry beyond the range (|R_00| = √2·1.5e308) is Overflow naming qr or lq', () => {
    const col = Matrix.fromRows([[1.5e308], [1.5e308]]);
    expect(() => qr(col)).toThrow(Overflow);
    expect(() => qr(col)).toThrow(/^qr: R entry \(0, 0\) is about 2\.12e\+308/);
    expect(() => lq(col.transpose())).toThrow(/^lq: L entry \(0, 0\)/);
  });

  it('subnormal input: R of a 1e-310 matrix scales back to its true subnormal values', () => {
    const { R } = qr(Matrix.fromRows([[1e-310, 0], [1e-310, 1e-310]]));
    expect(rel(Math.abs(R.get(0, 0)), Math.SQRT2 * 1e-310)).toBeLessThan(1e-9);
    expect(rel(Math.abs(R.get(1, 1)), 1e-310 / Math.SQRT2)).toBeLessThan(1e-9);
  });
});

describe('svd, pinv, rank, cond and the subspaces when the singular values overflow', () => {
  const H = Matrix.fromRows([[1.7e308, 1.7e308], [1.7e308, -1.7e308]]);

  it('svd: s_max = √2·1.7e308 is Overflow naming svd (not [Infinity, Infinity])', () => {
    expect(() => svd(H)).toThrow(Overflow);
    expect(() => svd(H, { vectors: 'none' }))
      .toThrow(/^svd: singular value s\[0\] is about 2\.40e\+308/);
    // Just inside the range: s = √2·1e308 each, exactly as the closed form.
    const s = svd(Matrix.fromRows([[1e308, 1e308], [1e308, -1e308]])).s;
    expect(rel(s[0]!, Math.SQRT2 * 1e308)).toBeLessThan(4e-16);
    expect(rel(s[1]!, Math.SQRT2 * 1e308)).toBeLessThan(4e-16);
  });

  it('rank, cond, nullSpaceBasis and the projectors are those of H/1.7e308', () => {
    expect(rank(H)).toBe(2);
    expect(cond(H)).toBeCloseTo(1, 14);
    expect(nullSpaceBasis(H).shape).toEqual([2, 0]);
    const P = rowSpaceProjector(H);
    const N = nullSpaceProjector(H);
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) {
      expect(Math.abs(P.get(i, j) - (i === j ? 1 : 0))).toBeLessThan(1e-15);
      expect(Math.abs(N.get(i, j))).toBeLessThan(1e-15);
    }
    // A rank-one matrix at the top of the range: null space spanned by (1, −1)/√2.
    const one = Matrix.fromRows([[1.7e308, 1.7e308], [1.7e308, 1.7e308]]);
    expect(rank(one)).toBe(1);
    const nb = nullSpaceBasis(one);
    expect(nb.shape).toEqual([2, 1]);
    expect(Math.abs(nb.get(0, 0) + nb.get(1, 0))).toBeLessThan(1e-15);
    expect(Math.abs(Math.abs(nb.get(0, 0)) - Math.SQRT1_2)).toBeLessThan(1e-15);
  });

  it('pinv(H) = H⁻¹ = H/(2·1.7e308²), entries ±2.94e-309 (subnormal)', () => {
    const want = 0.5 / 1.7e308; // H⁻¹ = Hᵀ/(2·c²) = [[1, 1], [1, −1]]/(2c)
    const P = pinv(H);
    const sign = [[1, 1], [1, -1]];
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) {
      // Subnormal: about 2^−1074 absolute resolution, so compare to a few ulps of that.
      expect(Math.abs(P.get(i, j) - sign[i]![j]! * want)).toBeLessThan(1e-15 * want + 2e-323);
    }
    expect(rel(pinv(H, { rcond: 1e-10 }).get(0, 0), want)).toBeLessThan(1e-12);
  });

  it('pinv of [[1e308, 1e308, 1e308]] is the column 1/(3·1e308), subnormal', () => {
    const P = pinv(Matrix.fromRows([[1e308, 1e308, 1e308]]));
    expect(P.shape).toEqual([3, 1]);
    for (let i = 0; i < 3; i++) expect(rel(P.get(i, 0), 1 / 3 / 1e308)).toBeLessThan(1e-12);
  });

  it('minNormSolution(H, [c, c]) = [1, 0]; lstsq gives it with a zero residual', () => {
    const x = minNormSolution(H, [1.7e308, 1.7e308]);
    expect(Math.abs(x[0]! - 1)).toBeLessThan(1e-15);
    expect(Math.abs(x[1]!)).toBeLessThan(1e-15);
    // Rank one with s₀ = 2·8e307 = 1.6e308 (in range), Ax − b = 0 at x = b/(2c)·[1, 1].
    const one = Matrix.fromRows([[8e307, 8e307], [8e307, 8e307]]);
    const r = lstsq(one, [1.7e308, 1.7e308]);
    expect(r.rank).toBe(1);
    const half = 1.7e308 / 1.6e308; // b/(2c) each
    expect(Math.abs(r.x[0]! - half) + Math.abs(r.x[1]! - half)).toBeLessThan(1e-15);
    expect(rel(r.s[0]!, 1.6e308)).toBeLessThan(1e-15);
    expect(r.residual).toBeLessThan(1e-15 * 1.7e308);
    expect(() => lstsq(H, [1, 1])).toThrow(/^lstsq: singular value s\[0\]/);
  });
});

describe('unrepresentable answers are Overflow naming the public function', () => {
  it('pinv of [[1e-310]] (1e310) is Overflow from pinv, not NonFiniteInput from matmul', () => {
    expect(() => pinv(Matrix.fromRows([[1e-310]]))).toThrow(Overflow);
    expect(() => pinv(Matrix.fromRows([[1e-310]])))
      .toThrow(/^pinv: A⁺ entry \(0, 0\) is about 1\.00e\+310/);
    // 9.999…e615 rounds to 1.00e+616 in the message, not to a mantissa of 10.00.
    expect(() => minNormSolution(Matrix.fromRows([[1e-308, 0], [0, 1e-308]]), [1e308, 1]))
      .toThrow(/^minNormSolution: x\[0\] is about 1\.00e\+616,/);
    // A representable inverse of a tiny entry stays a value.
    expect(rel(pinv(Matrix.fromRows([[1e-300]])).get(0, 0), 1e300)).toBeLessThan(1e-15);
  });

  it('minNormSolution: [[1e-300]]·x = [1e300] and [[1e-10]]·x = [1.7e308] are Overflow', () => {
    expect(() => minNormSolution(Matrix.fromRows([[1e-300]]), [1e300]))
      .toThrow(/^minNormSolution: x\[0\] is about 1\.00e\+600/);
    expect(() => minNormSolution(Matrix.fromRows([[1e-10]]), [1.7e308])).toThrow(Overflow);
    const B = Matrix.fromRows([[1e-300, 1e10]]);
    expect(() => minNormSolution(Matrix.fromRows([[1e-300]]), B)).toThrow(/X entry \(0, 1\)/);
    expect(rel(minNormSolution(Matrix.fromRows([[1e-300]]), [1e7])[0]!, 1e307)).toBeLessThan(1e-15);
  });
});

describe('solve at the edges of the range', () => {
  it('x = 1/5e-324 and 1e300/1e-300 are Overflow naming solve, not [Infinity]', () => {
    expect(() => solve(Matrix.fromRows([[5e-324]]), [1])).toThrow(Overflow);
    expect(() => solve(Matrix.fromRows([[5e-324]]), [1])).toThrow(/^solve: x\[0\] is about/);
    expect(() => solve(Matrix.fromRows([[1e-300]]), [1e300]))
      .toThrow(/^solve: x\[0\] is about 1\.00e\+600/);
    const B = Matrix.fromRows([[1e-300, 1e10]]);
    expect(() => solve(Matrix.fromRows([[1e-300]]), B)).toThrow(/^solve: X entry \(0, 1\)/);
  });

  it('representable answers from extreme entries come out exact', () => {
    // Subnormal A: 2^-1074·x = 2^-1000 gives x = 2^74 (exact in binary).
    expect(solve(Matrix.fromRows([[5e-324]]), [2 ** -1000])[0]).toBe(2 ** 74);
    // Entries near the top: H·x = [c, c] has x = [1, 0]; LU without scaling overflowed here.
    const c = 1.7e308;
    const x = solve(Matrix.fromRows([[c, c], [c, -c]]), [c, c]);
    expect(Math.abs(x[0]! - 1) + Math.abs(x[1]!)).toBeLessThan(1e-15);
    // A tiny system with a huge right-hand side: x = 1e300/1e-7 = 1e307.
    const y = solve(Matrix.fromRows([[1e-7, 0], [0, 2e-7]]), [1e300, 1e200]);
    expect(rel(y[0]!, 1e307)).toBeLessThan(1e-15);
    expect(rel(y[1]!, 5e206)).toBeLessThan(1e-15);
  });
});
