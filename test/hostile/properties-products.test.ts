// Property tests for matmul, matvec and norm2 over hostile inputs: every call returns a result
// within the rounding bound of the defining sum, or throws a named error that applies (empty,
// non-finite, mismatched, or a result beyond the f64 range); none returns ±Infinity or NaN.
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { expect } from 'vitest';
import { Matrix, matmul, matvec, norm2 } from '../../src/index.js';
import {
  EPS, SEED, allFinite, build, dim, maxAbs, operandErrors, outcome, poisonArb, pow2Scale, spec,
  vector, within, worst,
} from './hostile.js';

const RUNS = 300;

/** 2^e without overflow to Infinity or underflow to 0 in the intermediate steps. */
function pow2(e: number): number {
  const h = Math.trunc(e / 2);
  return 2 ** h * 2 ** (e - h);
}

/**
 * Check C = A·B entry by entry in the scaled space C/(σa·σb): error ≤ 4·k·eps·(|A||B|)_ij plus
 * k half-units of the subnormal spacing (underflow of the products), both in that space.
 * Returns the largest |(A·B)_ij| bound, unscaled, as log2.
 */
function checkProduct(a: Matrix, b: Matrix, c: Matrix | Float64Array): number {
  const [m, k, n] = [a.rows, a.cols, b.cols];
  const ea = Math.log2(pow2Scale(a.data));
  const eb = Math.log2(pow2Scale(b.data));
  const cd = c instanceof Matrix ? c.data : c;
  const underflow = k * pow2(-1074 - ea - eb);
  let top = 0;
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let ref = 0;
    let abs = 0;
    for (let p = 0; p < k; p++) {
      const t = a.data[i * k + p]! * pow2(-ea) * (b.data[p * n + j]! * pow2(-eb));
      ref += t;
      abs += Math.abs(t);
    }
    top = Math.max(top, abs);
    const got = cd[i * n + j]! * pow2(-ea) * pow2(-eb);
    within('matmul entry', Math.abs(got - ref), 4 * k * EPS * abs + underflow);
  }
  return top === 0 ? -Infinity : Math.log2(top) + ea + eb;
}

describe('matmul over hostile inputs', () => {
  it(`returns the product within 4·k·eps·|A||B| or a named error (${RUNS} runs)`, () => {
    const arb = fc.tuple(spec(dim, dim), spec(dim, dim), fc.boolean(), fc.nat(9));
    fc.assert(fc.property(arb, ([sa, sb, trans, skew]) => {
      // Usually B fits A; sometimes its row count is off by one.
      const fit = { ...sb, rows: skew === 0 ? sb.rows : sa.cols };
      const a = build(sa);
      const b = build(fit);
      const bb = trans ? b.transpose() : b;
      // Any error that applies will do (the order of the checks is the library's choice).
      const required = [...operandErrors(a), ...operandErrors(b)];
      if (a.cols !== b.rows) required.push('ShapeMismatch');
      // The exact product may leave the f64 range: then Overflow is the only honest answer.
      const c = outcome('matmul', () => matmul(a, bb, { transposeB: trans }), ['Overflow'],
        required);
      if (c === undefined) {
        if (required.length === 0) {
          expect(checkProductBound(a, b)).toBeGreaterThan(1023);
        }
        return;
      }
      expect(c.shape).toEqual([a.rows, b.cols]);
      expect(allFinite(c), 'matmul returned a non-finite entry without an error').toBe(true);
      checkProduct(a, b, c);
    }), { seed: SEED, numRuns: RUNS });
  });
});

/** log2 of the largest Σ|a_ip b_pj|, i.e. how far the product may reach. */
function checkProductBound(a: Matrix, b: Matrix): number {
  const ea = Math.log2(pow2Scale(a.data));
  const eb = Math.log2(pow2Scale(b.data));
  let top = 0;
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < b.cols; j++) {
    let abs = 0;
    for (let p = 0; p < a.cols; p++) {
      abs += Math.abs(a.data[i * a.cols + p]! * pow2(-ea) * (b.data[p * b.cols + j]! * pow2(-eb)));
    }
    top = Math.max(top, abs);
  }
  return Math.log2(top) + ea + eb;
}

describe('matvec over hostile inputs', () => {
  it(`returns A·x within the rounding bound or a named error (${RUNS} runs)`, () => {
    const arb = fc.tuple(spec(dim, dim), fc.integer({ min: -300, max: 300 }), fc.nat(),
      fc.nat(9), poisonArb);
    fc.assert(fc.property(arb, ([sa, ex, seed, skew, poison]) => {
      const a = build(sa);
      const len = skew === 0 ? a.cols + 1 : a.cols;
      const x = vector(len, ex, seed, poison);
      const required = operandErrors(a);
      if (!x.every(Number.isFinite)) required.push('NonFiniteInput');
      if (len !== a.cols) required.push('ShapeMismatch');
      const y = outcome('matvec', () => matvec(a, x), ['Overflow'], required);
      if (y === undefined) {
        if (required.length === 0) {
          expect(checkProductBound(a, new Matrix(len, 1, x))).toBeGreaterThan(1023);
        }
        return;
      }
      expect(y.length).toBe(a.rows);
      expect(allFinite(y), 'matvec returned a non-finite entry without an error').toBe(true);
      checkProduct(a, new Matrix(len, 1, x), y);
    }), { seed: SEED + 1, numRuns: RUNS });
  });
});

describe('norm2 over hostile inputs', () => {
  it(`is the scaled 2-norm within 4·√n·eps, or a named error (${RUNS} runs)`, () => {
    const arb = fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: -320, max: 308 }),
      fc.nat(), poisonArb);
    fc.assert(fc.property(arb, ([n, ex, seed, poison]) => {
      const x = vector(n, ex, seed, poison).map((v) => Math.max(-1.7e308, Math.min(1.7e308, v)));
      if (poison && n > 0) x[poison.at % n] = poison.value;
      const required = x.every(Number.isFinite) ? [] : ['NonFiniteInput'];
      const r = outcome('norm2', () => norm2(x), ['EmptyInput', 'Overflow'], required);
      if (r === undefined) return;
      expect(Number.isFinite(r), `norm2 returned ${r} without an error`).toBe(true);
      const t = pow2Scale(x);
      let s = 0;
      for (const v of x) s += (v / t) ** 2;
      // Subnormal results carry an absolute rounding error of half the smallest spacing.
      const allowance = 4 * Math.sqrt(n + 1) * EPS * Math.sqrt(s) + pow2(-1074) / t;
      within('norm2', Math.abs(r / t - Math.sqrt(s)), allowance);
      expect(maxAbs(x) <= r).toBe(true);
    }), { seed: SEED + 2, numRuns: RUNS });
  });
});

afterAll(() => {
  console.log(`hostile products: worst error/allowance ${JSON.stringify(worst)}`);
});
