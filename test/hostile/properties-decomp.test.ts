// Property tests for svd, qr, pinv, minNormSolution, lstsq, solve and nullSpaceProjector over
// hostile inputs (shapes 0…7 wide and tall, rank-deficient, 1e-300…1e300, NaN/±Infinity):
// each call returns a result that satisfies its defining identities to a tolerance scaled to
// the problem, or a named error that applies; none hangs and none returns a non-finite number.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  Matrix, lstsq, minNormSolution, nullSpaceProjector, pinv, qr, rank, solve, svd,
} from '../../src/index.js';
import {
  EPS, SEED, allFinite, build, dim, fro, maxAbs, mul, operandErrors, orthogonality, outcome,
  poisonArb, pow2Scale, scaled, spec, sub, vector, within, worst,
} from './hostile.js';

const RUNS = 200;
/** The small constant c of the documented bounds c·max(m, n)·eps. */
const C = 10;

/** Singular values from the library's own svd, used only for cutoffs and condition numbers. */
function condOf(a: Matrix): { r: number; cond: number } {
  const s = svd(a, { vectors: 'none' }).s;
  const cut = Math.max(a.rows, a.cols) * EPS * s[0]!;
  let r = 0;
  while (r < s.length && s[r]! > cut) r++;
  return { r, cond: r === 0 ? 1 : s[0]! / s[r - 1]! };
}

describe('svd over hostile inputs', () => {
  it(`A = UΣVᵀ to c·max(m,n)·eps·‖A‖, orthonormal U and V, sorted s (${RUNS} runs)`, () => {
    const arb = fc.tuple(spec(dim, dim), fc.constantFrom('thin', 'full', 'none') as
      fc.Arbitrary<'thin' | 'full' | 'none'>);
    fc.assert(fc.property(arb, ([sa, vectors]) => {
      const a = build(sa);
      const f = outcome('svd', () => svd(a, { vectors }), [], operandErrors(a));
      if (!f) return;
      const [m, n] = a.shape;
      const k = Math.min(m, n);
      const p = Math.max(m, n);
      expect(f.s.length).toBe(k);
      expect(allFinite(f.s, f.U, f.V)).toBe(true);
      for (let i = 0; i < k; i++) {
        expect(f.s[i]).toBeGreaterThanOrEqual(0);
        if (i > 0) expect(f.s[i]).toBeLessThanOrEqual(f.s[i - 1]!);
      }
      const sigma = pow2Scale(a.data);
      const as = scaled(a, sigma);
      const sv = f.s.map((v) => scaled(new Matrix(1, 1, Float64Array.of(v)), sigma).data[0]!);
      // Σ s_i² = ‖A‖²_F, independent of the vectors.
      const sumSq = sv.reduce((t, v) => t + v * v, 0);
      within('svd Σs² = ‖A‖²', Math.abs(sumSq - fro(as) ** 2), C * p * EPS * fro(as) ** 2);
      if (vectors === 'none') return;
      const U = f.U!;
      const V = f.V!;
      expect(U.shape).toEqual(vectors === 'full' ? [m, m] : [m, k]);
      expect(V.shape).toEqual(vectors === 'full' ? [n, n] : [n, k]);
      within('svd UᵀU = I', orthogonality(U), C * p * EPS);
      within('svd VᵀV = I', orthogonality(V), C * p * EPS);
      const US = new Matrix(m, k);
      for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) {
        US.data[i * k + j] = U.data[i * U.cols + j]! * sv[j]!;
      }
      const Vk = new Matrix(n, k);
      for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) Vk.data[i * k + j] = V.get(i, j);
      within('svd A = UΣVᵀ', fro(sub(mul(US, Vk.transpose()), as)), C * p * EPS * fro(as));
    }), { seed: SEED + 10, numRuns: RUNS });
  });
});

describe('qr over hostile inputs', () => {
  it(`QR = A, QᵀQ = I, R exactly upper triangular (${RUNS} runs)`, () => {
    const arb = fc.tuple(spec(dim, dim), fc.constantFrom('reduced', 'complete') as
      fc.Arbitrary<'reduced' | 'complete'>);
    fc.assert(fc.property(arb, ([sa, mode]) => {
      const a = build(sa);
      const f = outcome('qr', () => qr(a, { mode }), [], operandErrors(a));
      if (!f) return;
      const [m, n] = a.shape;
      const kq = mode === 'complete' ? m : Math.min(m, n);
      expect(f.Q.shape).toEqual([m, kq]);
      expect(f.R.shape).toEqual([kq, n]);
      expect(allFinite(f.Q, f.R)).toBe(true);
      for (let i = 0; i < kq; i++) for (let j = 0; j < Math.min(i, n); j++) {
        expect(f.R.get(i, j)).toBe(0);
      }
      const sigma = pow2Scale(a.data);
      const as = scaled(a, sigma);
      within('qr QᵀQ = I', orthogonality(f.Q), C * m * EPS);
      within('qr QR = A', fro(sub(mul(f.Q, scaled(f.R, sigma)), as)), C * m * EPS * fro(as));
    }), { seed: SEED + 11, numRuns: RUNS });
  });
});

describe('pinv over hostile inputs', () => {
  it(`the four Moore–Penrose conditions to c·max(m,n)·eps·cond_r (${RUNS} runs)`, () => {
    fc.assert(fc.property(spec(dim, dim), (sa) => {
      const a = build(sa);
      const X = outcome('pinv', () => pinv(a), [], operandErrors(a));
      if (!X) return;
      expect(X.shape).toEqual([a.cols, a.rows]);
      expect(allFinite(X)).toBe(true);
      const { r, cond } = condOf(a);
      if (r === 0) {
        expect(maxAbs(X.data)).toBe(0);
        return;
      }
      const sigma = pow2Scale(a.data);
      const as = scaled(a, sigma);
      const xs = scaled(X, sigma, true);
      const tol = C * Math.max(a.rows, a.cols) * EPS * cond;
      const ax = mul(as, xs);
      const xa = mul(xs, as);
      within('pinv AXA = A', fro(sub(mul(ax, as), as)), tol * fro(as));
      within('pinv XAX = X', fro(sub(mul(xa, xs), xs)), tol * cond * fro(xs));
      within('pinv (AX)ᵀ = AX', fro(sub(ax.transpose(), ax)), tol * cond);
      within('pinv (XA)ᵀ = XA', fro(sub(xa.transpose(), xa)), tol * cond);
      expect(rank(a)).toBe(r);
    }), { seed: SEED + 12, numRuns: RUNS });
  });
});

describe('minNormSolution and lstsq over hostile inputs', () => {
  it(`x solves the normal equations, lies in row(A), lstsq agrees (${RUNS} runs)`, () => {
    const arb = fc.tuple(spec(dim, dim), fc.integer({ min: -20, max: 20 }), fc.nat(),
      fc.nat(9), poisonArb);
    fc.assert(fc.property(arb, ([sa, shift, seed, skew, poison]) => {
      const a = build(sa);
      const len = skew === 0 ? a.rows + 1 : a.rows;
      const b = vector(len, sa.exp + shift, seed, poison);
      const required = operandErrors(a);
      if (len !== a.rows) required.push('ShapeMismatch');
      if (!b.every(Number.isFinite)) required.push('NonFiniteInput');
      const x = outcome('minNormSolution', () => minNormSolution(a, b), [], required);
      const ls = outcome('lstsq', () => lstsq(a, b), [], required);
      if (!x || !ls) return;
      expect(x.length).toBe(a.cols);
      expect(allFinite(x, ls.x, ls.residual)).toBe(true);

      // Scaled: A = σA', b = τb', x = (τ/σ)x'.
      const sigma = pow2Scale(a.data);
      const tau = pow2Scale(b);
      const as = scaled(a, sigma);
      const bs = new Matrix(len, 1, scaled(new Matrix(len, 1, b), tau).data);
      const xs = scaled(scaled(new Matrix(a.cols, 1, x), sigma, true), tau);
      const { r, cond } = condOf(a);
      expect(ls.rank).toBe(r);
      const res = sub(mul(as, xs), bs);
      const scale = fro(as) * (fro(as) * fro(xs) + fro(bs));
      const tol = C * Math.max(a.rows, a.cols) * EPS * cond;
      within('minNorm Aᵀ(Ax − b) = 0', fro(mul(as.transpose(), res)), tol * cond * scale);
      // minNormSolution may take a faster full-rank path; lstsq always the SVD.
      const lx = scaled(scaled(new Matrix(a.cols, 1, ls.x), sigma, true), tau);
      within('lstsq x = minNorm x', fro(sub(lx, xs)), tol * cond * Math.max(fro(xs), 1e-300));
      within('lstsq residual', Math.abs(ls.residual / tau - fro(res)),
        tol * (fro(as) * fro(xs) + fro(bs)));
      if (r === Math.min(a.rows, a.cols) && a.rows <= a.cols) {
        // Full row rank: consistent, so A·x = b.
        within('minNorm Ax = b', fro(res), tol * (fro(as) * fro(xs) + fro(bs)));
      }
      // Row space: x ⟂ null(A), i.e. (I − A⁺A)x = 0.
      const P0 = nullSpaceProjector(a);
      within('minNorm x ∈ row(A)', fro(mul(P0, xs)), tol * cond * Math.max(fro(xs), 1e-300));
    }), { seed: SEED + 13, numRuns: RUNS });
  });
});

describe('solve over hostile inputs', () => {
  it(`A·x = b with a small backward error, or SingularMatrix when A is (${RUNS} runs)`, () => {
    const arb = fc.tuple(spec(dim, dim), fc.integer({ min: -20, max: 20 }), fc.nat(),
      fc.nat(5), poisonArb);
    fc.assert(fc.property(arb, ([s0, shift, seed, skew, poison]) => {
      // Mostly square, sometimes not.
      const sa = { ...s0, cols: skew === 0 ? s0.cols : s0.rows };
      const a = build(sa);
      const n = a.rows;
      const b = vector(skew === 1 ? n + 1 : n, sa.exp + shift, seed, poison);
      const required = operandErrors(a);
      if (a.cols !== n || b.length !== n) required.push('ShapeMismatch');
      if (!b.every(Number.isFinite)) required.push('NonFiniteInput');
      if (required.length === 0 && sa.rank === -1) required.push('SingularMatrix');
      const allowed = required.length === 0 ? ['SingularMatrix'] : [];
      let caught = '';
      const x = outcome('solve', () => {
        try {
          return solve(a, b);
        } catch (e) {
          caught = (e as Error).name;
          throw e;
        }
      }, allowed, required);
      if (caught === 'SingularMatrix' && required.length === 0) {
        // Only for matrices singular to working precision.
        const sv = svd(a, { vectors: 'none' }).s;
        expect(sv[0]! / sv[n - 1]! * n * EPS).toBeGreaterThan(1e-6);
        return;
      }
      if (!x) return;
      expect(allFinite(x)).toBe(true);
      const sigma = pow2Scale(a.data);
      const tau = pow2Scale(b);
      const as = scaled(a, sigma);
      const bs = scaled(new Matrix(n, 1, b), tau);
      const xs = scaled(scaled(new Matrix(n, 1, x), sigma, true), tau);
      // Partial pivoting's growth is at most 2^(n−1); in practice far less.
      const growth = 2 ** (n - 1);
      within('solve backward error', fro(sub(mul(as, xs), bs)),
        C * n * EPS * growth * (fro(as) * fro(xs) + fro(bs)));
    }), { seed: SEED + 14, numRuns: RUNS });
  });
});

describe('nullSpaceProjector over hostile inputs', () => {
  it(`P symmetric, idempotent, A·P = 0, trace P = d − rank (${RUNS} runs)`, () => {
    fc.assert(fc.property(spec(dim, dim), (sa) => {
      const a = build(sa);
      const P = outcome('nullSpaceProjector', () => nullSpaceProjector(a), [], operandErrors(a));
      if (!P) return;
      const d = a.cols;
      expect(P.shape).toEqual([d, d]);
      expect(allFinite(P)).toBe(true);
      const tol = C * Math.max(a.rows, d) * EPS;
      within('P = Pᵀ', fro(sub(P, P.transpose())), tol);
      within('P² = P', fro(sub(mul(P, P), P)), tol);
      const as = scaled(a, pow2Scale(a.data));
      within('A·P = 0', fro(mul(as, P)), tol * Math.sqrt(d) * fro(as));
      let trace = 0;
      for (let i = 0; i < d; i++) trace += P.get(i, i);
      within('trace P = d − rank', Math.abs(trace - (d - condOf(a).r)), tol * d);
    }), { seed: SEED + 15, numRuns: RUNS });
  });
});

afterAll(() => {
  console.log(`hostile decompositions: worst error/allowance ${JSON.stringify(worst)}`);
});
