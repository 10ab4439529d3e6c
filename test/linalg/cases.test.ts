// Every svd, pinv, minnorm, qr and solve case of the shared acceptance set (see
// test/fixtures/cases/README.md), with its variants and time bounds.
import { describe, expect, it } from 'vitest';
import {
  Matrix, svd, pinv, minNormSolution, solve, qr, rank, nullSpaceProjector,
} from '../../src/index.js';
import { type Case, toMatrix, toVector } from '../fixtures/cases/load.js';
import { cols, maxAbs, mul, orthogonality, pairing, penrose, reconstruction } from './measures.js';
import c01 from '../fixtures/cases/01-svd-wide-nullspace.json';
import c02 from '../fixtures/cases/02-svd-sign-pairing.json';
import c03 from '../fixtures/cases/03-svd-nan-input.json';
import c05 from '../fixtures/cases/05-svd-wide-zero-column-loop.json';
import c07 from '../fixtures/cases/07-svd-unsorted.json';
import c09 from '../fixtures/cases/09-svd-clustered-orthogonality.json';
import c10 from '../fixtures/cases/10-svd-empty-shapes.json';
import c13 from '../fixtures/cases/13-pinv-rounding-level-singular-value.json';
import c14 from '../fixtures/cases/14-pinv-tiny-scale.json';
import c16 from '../fixtures/cases/16-minnorm-wide-basic-vs-minnorm.json';
import c17 from '../fixtures/cases/17-minnorm-1x2-zero-pivot.json';
import c19 from '../fixtures/cases/19-solve-singular-error.json';
import c20 from '../fixtures/cases/20-qr-zero-pivot.json';

const cases = [
  c01, c02, c03, c05, c07, c09, c10, c13, c14, c16, c17, c19, c20,
] as unknown as Case[];
type Expect = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function timed<T>(ms: number | undefined, body: () => T): T {
  const t0 = performance.now();
  try {
    return body();
  } finally {
    if (ms !== undefined) expect(performance.now() - t0).toBeLessThan(ms);
  }
}

function expectError(body: () => unknown, err: Expect, ms?: number, shape?: string): void {
  let caught: unknown;
  timed(ms, () => {
    try { body(); } catch (e) { caught = e; }
  });
  expect(caught).toBeInstanceOf(Error);
  const e = caught as Error;
  expect(e.name).toBe(err.kind);
  if (err.names_argument) expect(e.message).toContain(`'${err.names_argument}'`);
  if (err.names_position) expect(e.message).toContain(`(${err.names_position.join(', ')})`);
  if (err.names_shape) expect(e.message).toContain(shape);
}

function checkSvd(c: Case, a: Matrix, ex: Expect, full: boolean): void {
  const tol = c.tolerance;
  const ms = ex.must_return_within_ms as number | undefined;
  if (ex.error) return expectError(() => svd(a), ex.error, ms, `${a.rows}×${a.cols}`);
  const f = timed(ms, () => svd(a, { vectors: full ? 'full' : 'thin' }));
  const U = f.U!;
  const V = f.V!;
  const s0 = ex.singular_values[0] as number;
  const sTol = tol.singular_values_abs ?? 1e-13 * Math.max(1, s0);
  expect(f.s.length).toBe(ex.singular_values.length);
  for (let i = 0; i < f.s.length; i++) {
    expect(Math.abs(f.s[i]! - ex.singular_values[i])).toBeLessThanOrEqual(sTol);
    if (i > 0) expect(f.s[i]!).toBeLessThanOrEqual(f.s[i - 1]!);
    expect(f.s[i]!).toBeGreaterThanOrEqual(0);
  }
  if (ex.rank !== undefined) expect(rank(a)).toBe(ex.rank);
  const orth = tol.orthogonality ?? 1e-13;
  expect(orthogonality(U)).toBeLessThanOrEqual(orth);
  expect(orthogonality(V)).toBeLessThanOrEqual(orth);
  expect(reconstruction(a, U, f.s, V)).toBeLessThanOrEqual(tol.reconstruction ?? 1e-14);
  expect(pairing(a, U, f.s, V)).toBeLessThanOrEqual(tol.pairing ?? 1e-13 * Math.max(1, s0));
  if (ex.shapes) {
    const sh = ex.shapes[full ? 'full' : 'thin'];
    if (sh) {
      expect(U.shape).toEqual(sh.U);
      expect(V.shape).toEqual(sh.V);
    }
  }
  const nullity = ex.nullspace?.dim ?? ex.nullspace_dim;
  if (nullity !== undefined && full) {
    const r = a.cols - nullity;
    expect(rank(a)).toBe(r);
    const N = cols(V, a.cols, r);
    expect(maxAbs(mul(a, N).data)).toBeLessThanOrEqual(tol.nullspace_residual ?? 1e-13);
  }
  if (ex.rank_one_terms) {
    const ks = ex.rank_one_terms.k as number[];
    ks.forEach((k, t) => {
      const term = mul(cols(U, k + 1, k), cols(V, k + 1, k).transpose());
      const want = ex.rank_one_terms['s_k u_k v_k^T'][t] as number[][];
      for (let i = 0; i < term.rows; i++) {
        for (let j = 0; j < term.cols; j++) {
          const got = f.s[k]! * term.data[i * term.cols + j]!;
          expect(Math.abs(got - want[i]![j]!)).toBeLessThanOrEqual(tol.rank_one_terms_abs!);
        }
      }
    });
  }
}

function checkPinv(c: Case, a: Matrix, ex: Expect): void {
  const X = pinv(a);
  const want = toMatrix(ex.value);
  expect(X.shape).toEqual(want.shape);
  const err = maxAbs(X.data.map((x, i) => x - want.data[i]!)) / maxAbs(want.data);
  expect(err).toBeLessThanOrEqual(c.tolerance.value_rel!);
  if (ex.rank !== undefined) expect(rank(a)).toBe(ex.rank);
  if (ex.penrose) {
    for (const r of penrose(a, X)) expect(r).toBeLessThanOrEqual(c.tolerance.penrose!);
  }
}

function checkMinNorm(c: Case, a: Matrix, b: Float64Array, ex: Expect): void {
  const x = minNormSolution(a, b);
  const want = toVector(ex.x);
  expect(x.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    expect(Math.abs(x[i]! - want[i]!)).toBeLessThanOrEqual(c.tolerance.x_abs ?? 1e-15);
  }
  expect(x.every(Number.isFinite)).toBe(true);
  if (ex.residual !== undefined && c.tolerance.residual !== undefined) {
    const r = mul(a, new Matrix(a.cols, 1, x)).data.map((v, i) => v - b[i]!);
    expect(maxAbs(r)).toBeLessThanOrEqual(c.tolerance.residual!);
  }
  if (ex.x_in_row_space) {
    const P0 = nullSpaceProjector(a);
    expect(maxAbs(mul(P0, new Matrix(a.cols, 1, x)).data)).toBeLessThanOrEqual(1e-15);
  }
}

function checkSolve(c: Case, a: Matrix, b: Float64Array, ex: Expect): void {
  expectError(() => solve(a, b), ex.error);
  const P = pinv(a);
  const want = toMatrix(ex.for_reference_pinv);
  expect(maxAbs(P.data.map((x, i) => x - want.data[i]!))).toBeLessThanOrEqual(
    c.tolerance.pinv_abs!,
  );
  const x = minNormSolution(a, b);
  const wx = toVector(ex.for_reference_minnorm_x);
  expect(maxAbs(x.map((v, i) => v - wx[i]!))).toBeLessThanOrEqual(c.tolerance.pinv_abs!);
}

function checkQr(c: Case, a: Matrix, ex: Expect): void {
  const { Q, R } = qr(a);
  const tol = c.tolerance;
  const d = ex.abs_diag_R as number[];
  d.forEach((v, i) => {
    expect(Math.abs(Math.abs(R.get(i, i)) - v)).toBeLessThanOrEqual(tol.abs_diag_R!);
  });
  for (let i = 0; i < R.rows; i++) for (let j = 0; j < Math.min(i, R.cols); j++) {
    expect(R.get(i, j)).toBe(0);
  }
  expect(Q.data.every(Number.isFinite) && R.data.every(Number.isFinite)).toBe(true);
  expect(orthogonality(Q)).toBeLessThanOrEqual(tol.orthogonality!);
  expect(maxAbs(mul(Q, R).data.map((x, i) => x - a.data[i]!))).toBeLessThanOrEqual(
    tol.reconstruction!,
  );
}

function run(c: Case, A: Case['input']['A'], b: Case['input']['b'], ex: Expect): void {
  const a = toMatrix(A);
  const full = c.input.options?.full === true;
  if (c.op === 'svd') {
    checkSvd(c, a, ex, full);
    if (full && !ex.error) checkSvd(c, a, ex, false);
  } else if (c.op === 'pinv') checkPinv(c, a, ex);
  else if (c.op === 'minnorm') checkMinNorm(c, a, toVector(b!), ex);
  else if (c.op === 'solve') checkSolve(c, a, toVector(b!), ex);
  else if (c.op === 'qr') checkQr(c, a, ex);
  else throw new Error(`no handler for op ${c.op}`);
}

describe('acceptance cases', () => {
  for (const c of cases) {
    it(`${c.name}: ${c.kind}`, () => {
      run(c, c.input.A, c.input.b, c.expect);
      for (const v of c.variants ?? []) run(c, v.A, v.b ?? c.input.b, v.expect);
      for (const A of c.input.also ?? []) run(c, A, c.input.b, c.expect);
    });
  }
});
