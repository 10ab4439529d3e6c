// Regressions for the hostile-input review of the decompositions at the edges of the f64 range:
// entries near 1e308 or 1e-310 gave ±Infinity, NaN or silently wrong answers. Inputs are now
// scaled by powers of two (exact) before any norm is formed, and a result that truly leaves the
// f64 range raises Overflow naming the public function.
import { describe, expect, it } from 'vitest';
import { Matrix, Overflow, lq, qr } from '../../src/index.js';

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
