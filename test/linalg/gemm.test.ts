// The dgemm kernel against numpy over every transpose pair and sizes 1…67, 128, 257 and a
// panel-crossing wide case, with row strides wider than the rows (NaN padding must stay
// unread and unwritten). Inputs are exact formulas, so every result is compared bit for bit.
import { describe, expect, it } from 'vitest';
import { withScratch } from '../../src/core/memory.js';
import { wasm } from '../../src/core/wasm.js';
import fixture from '../fixtures/linalg/gemm.json';
import { formula, padded, referenceGemm, unpad } from '../helpers/kernels.js';

interface GemmCase {
  transA: number; transB: number; m: number; n: number; k: number;
  C?: number[]; sum?: number; weightedSum?: number; samples?: [number, number, number][];
}

const { alpha, beta, seeds } = fixture;

function runCase(c: GemmCase, betaHere: number, padding?: number) {
  const { m, n, k } = c;
  const tA = c.transA === 1, tB = c.transB === 1;
  const [ar, ac] = tA ? [k, m] : [m, k];
  const [br, bc] = tB ? [n, k] : [k, n];
  const a = formula(ar, ac, seeds.A), b = formula(br, bc, seeds.B);
  const c0 = formula(m, n, seeds.C);
  // Odd paddings make rows start off the 16-byte grid as well.
  const pad = padding ?? (m + n + k) % 3;
  const [lda, ldb, ldc] = [ac + pad, bc + pad, n + pad];
  return withScratch((s) => {
    const pa = padded(s, a, ar, ac, lda);
    const pb = padded(s, b, br, bc, ldb);
    const pc = padded(s, c0, m, n, ldc);
    wasm().dgemm(c.transA, c.transB, m, n, k, alpha, pa, lda, pb, ldb, betaHere, pc, ldc);
    const out = unpad(pc, m, n, ldc);
    return { ...out, a, b, c0 };
  });
}

function checksums(c: Float64Array, m: number, n: number) {
  let sum = 0, weighted = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      sum += c[i * n + j]!;
      weighted += c[i * n + j]! * (((i * 3 + j * 5) % 11) - 5);
    }
  }
  return { sum, weighted };
}

const combos = [[0, 0], [0, 1], [1, 0], [1, 1]] as const;

describe('dgemm against numpy', () => {
  for (const [ta, tb] of combos) {
    it(`matches numpy exactly for transA=${ta}, transB=${tb} over all sizes`, () => {
      const cases = (fixture.cases as GemmCase[]).filter((c) => c.transA === ta && c.transB === tb);
      expect(cases.length).toBe(70);
      for (const c of cases) {
        const { data, paddingIntact } = runCase(c, beta);
        const label = `${c.m}×${c.n}×${c.k}`;
        expect(paddingIntact, label).toBe(true);
        if (c.C) {
          expect(Array.from(data), label).toEqual(c.C);
          continue;
        }
        const { sum, weighted } = checksums(data, c.m, c.n);
        expect(sum, label).toBe(c.sum);
        expect(weighted, label).toBe(c.weightedSum);
        for (const [i, j, v] of c.samples!) expect(data[i * c.n + j], label).toBe(v);
      }
    });

    it(`matches the defining sums entry by entry for transA=${ta}, transB=${tb}`, () => {
      const cases = (fixture.cases as GemmCase[]).filter(
        (c) => c.transA === ta && c.transB === tb && c.m * c.n * c.k <= 300_000,
      );
      for (const c of cases) {
        const { data, a, b, c0 } = runCase(c, beta);
        const ref = referenceGemm(ta === 1, tb === 1, c.m, c.n, c.k, alpha, a, b, beta, c0);
        expect(data, `${c.m}×${c.n}×${c.k}`).toEqual(ref);
      }
    });
  }
});

describe('dgemm on vector-shaped products', () => {
  // One row or one column goes to dgemv when its vectors are contiguous (padding 0) and
  // through the packed path otherwise (padding 2); both must give the defining sums.
  const shapes = [[9, 1, 13], [1, 9, 13], [1, 1, 7], [7, 1, 1], [1, 5, 1], [33, 1, 64]];
  for (const [ta, tb] of combos) {
    it(`agrees with the defining sums for transA=${ta}, transB=${tb}`, () => {
      for (const [m, n, k] of shapes) {
        for (const pad of [0, 2]) {
          const c = { transA: ta, transB: tb, m: m!, n: n!, k: k! };
          const { data, a, b, c0, paddingIntact } = runCase(c, beta, pad);
          const ref = referenceGemm(ta === 1, tb === 1, m!, n!, k!, alpha, a, b, beta, c0);
          expect(data, `${m}×${n}×${k} pad ${pad}`).toEqual(ref);
          expect(paddingIntact).toBe(true);
        }
      }
    });
  }
});

describe('dgemm edge semantics (reference BLAS)', () => {
  it('does not read C when beta = 0, even where C holds NaN', () => {
    withScratch((s) => {
      const a = s.copyIn([1, 2, 3, 4]), b = s.copyIn([1, 0, 0, 1]);
      const c = s.copyIn([NaN, NaN, Infinity, NaN]);
      wasm().dgemm(0, 0, 2, 2, 2, 1, a, 2, b, 2, 0, c, 2);
      expect(Array.from(s.copyOut(c, 4))).toEqual([1, 2, 3, 4]);
    });
  });

  it('propagates Inf·0 = NaN: a zero entry never skips a product', () => {
    withScratch((s) => {
      // Row 1 of A holds an Infinity and B is all zeros: reference BLAS gives NaN in row 1.
      const a = s.copyIn([1, 2, 3, Infinity, 5, 6]), b = s.zeros(3 * 5);
      const c = s.zeros(2 * 5);
      wasm().dgemm(0, 0, 2, 5, 3, 1, a, 3, b, 5, 0, c, 5);
      const out = s.copyOut(c, 10);
      expect(Array.from(out.subarray(0, 5))).toEqual([0, 0, 0, 0, 0]);
      expect(out.subarray(5).every(Number.isNaN)).toBe(true);
    });
  });

  it('propagates NaN from B into every row of its column', () => {
    withScratch((s) => {
      const a = s.zeros(6 * 4);
      const bv = new Float64Array(28);
      bv[2 * 7 + 3] = NaN;
      const pb = s.copyIn(bv);
      const c = s.zeros(6 * 7);
      wasm().dgemm(0, 0, 6, 7, 4, 1, a, 4, pb, 7, 0, c, 7);
      const out = s.copyOut(c, 42);
      for (let i = 0; i < 6; i++) {
        for (let j = 0; j < 7; j++) expect(Number.isNaN(out[i * 7 + j]!)).toBe(j === 3);
      }
    });
  });

  it('with alpha = 0 or k = 0 only scales C by beta, and beta = 1 leaves it alone', () => {
    withScratch((s) => {
      const a = s.copyIn([NaN, NaN, NaN, NaN]), b = s.copyIn([1, 2, 3, 4]);
      const c = s.copyIn([1, -2, 3, -4]);
      wasm().dgemm(0, 0, 2, 2, 2, 0, a, 2, b, 2, 2, c, 2);
      expect(Array.from(s.copyOut(c, 4))).toEqual([2, -4, 6, -8]);
      wasm().dgemm(0, 0, 2, 2, 0, 1, a, 2, b, 2, 1, c, 2);
      expect(Array.from(s.copyOut(c, 4))).toEqual([2, -4, 6, -8]);
      wasm().dgemm(0, 0, 2, 2, 0, 1, a, 2, b, 2, 0, c, 2);
      expect(Array.from(s.copyOut(c, 4))).toEqual([0, 0, 0, 0]);
    });
  });

  it('leaves memory untouched when m or n is 0', () => {
    withScratch((s) => {
      const a = s.copyIn([1, 2]), b = s.copyIn([3, 4]), c = s.copyIn([7, 7]);
      wasm().dgemm(0, 0, 0, 2, 1, 1, a, 1, b, 2, 0, c, 2);
      wasm().dgemm(0, 0, 2, 0, 1, 1, a, 1, b, 1, 0, c, 1);
      expect(Array.from(s.copyOut(c, 2))).toEqual([7, 7]);
    });
  });
});
