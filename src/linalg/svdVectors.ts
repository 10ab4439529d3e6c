// The singular vectors of svd (svd.ts) assembled from its Jacobi run on the triangular factor R
// of A·P = Q·R: right vectors V = P·(unit rows of X or of Q₂·Jᵀ), left vectors U = Q·(the other
// factor) by blocked reflectors, and an orthonormal completion where singular values are zero.
import { f64View, type Scratch } from '../core/memory.js';
import { wasm } from '../core/wasm.js';
import { applyQTransposed } from './householder.js';
import { Matrix } from './matrix.js';

/** V = P·U_x: row jpvt[i] of V is entry i of each unit row of X (X row k = column k of U_x). */
export function rightVectors(n: number, pjpvt: number, px: number): Matrix {
  const jpvt = f64View(pjpvt, n);
  const x = f64View(px, n * n);
  const V = new Matrix(n, n);
  for (let i = 0; i < n; i++) {
    const dst = jpvt[i]! * n;
    for (let kk = 0; kk < n; kk++) V.data[dst + kk] = x[kk * n + i]!;
  }
  return V;
}

/**
 * U = Q·V_x (thin) or Q·diag(V_x, I) (full), rows put back in the input's order. The buffer
 * at pv holds V_xᵀ row-major, which is [V_x; 0]ᵀ's first n columns: the thin U is Q applied to
 * it by blocked reflectors (householder.ts); the full U forms Q for its last m − n columns.
 */
export function leftVectors(
  s: Scratch, m: number, n: number, full: boolean, pc: number, ptau: number, pv: number,
  perm: number[],
): Matrix {
  const k = wasm();
  const kq = full ? m : n;
  const pw = s.zeros(n * m);
  const w0 = f64View(pw, n * m);
  const vx = f64View(pv, n * n);
  for (let j = 0; j < n; j++) w0.set(vx.subarray(j * n, j * n + n), j * m);
  applyQTransposed(s, m, n, n, pc, m, ptau, pw);
  let q: Float64Array | null = null;
  if (full) {
    const pq = s.alloc(kq * m);
    k.dorgqr(m, kq, n, pc, m, ptau, pq, m);
    q = f64View(pq, kq * m);
  }
  const w = f64View(pw, n * m);
  const U = new Matrix(m, kq);
  for (let i = 0; i < m; i++) {
    const dst = perm[i]! * kq;
    for (let j = 0; j < n; j++) U.data[dst + j] = w[j * m + i]!;
    for (let j = n; j < kq; j++) U.data[dst + j] = q![j * m + i]!;
  }
  return U;
}

/**
 * Rows r…n−1 of X (zero, for σ = 0) become an orthonormal basis of the complement of rows
 * 0…r−1 (orthonormal already): the last n − r columns of the complete Q of their QR.
 */
export function completeRows(s: Scratch, n: number, r: number, px: number): void {
  const k = wasm();
  const pw = s.alloc(Math.max(1, n * r));
  const ptau = s.alloc(Math.max(1, r));
  const pj = s.alloc(Math.max(1, r));
  const pn = s.alloc(Math.max(1, 2 * r));
  const pq = s.alloc(n * n);
  f64View(pw, n * r).set(f64View(px, n * r));
  k.dgeqp3(n, r, pw, n, ptau, pj, pn, 0);
  k.dorgqr(n, n, r, pw, n, ptau, pq, n);
  f64View(px, n * n).set(f64View(pq + 8 * n * r, n * (n - r)), n * r);
}
