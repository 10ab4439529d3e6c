// LU factorization with partial pivoting (Gaussian elimination, row-major right-looking form)
// and the triangular solves that use it. Rows are adjacent doubles, so each elimination step is
// one SIMD axpy per row below the pivot.
import { daxpy } from './blas1';
import { stripe as row, getAt as get, putAt as put } from './pointers';

function swapRows(len: i32, px: usize, py: usize): void {
  for (let k = 0; k < len; k++) {
    const t = get(px, k);
    put(px, k, get(py, k));
    put(py, k, t);
  }
}

/**
 * P·A = L·U in place for the n×n row-major matrix at pa; unit L below the diagonal, U on and
 * above it; row i of P·A is row pipiv[i] (doubles) of A. Returns the smallest |u_kk| / max|A|,
 * 0 when a pivot is exactly zero (elimination then stops).
 */
export function dgetrf(n: i32, pa: usize, lda: i32, pipiv: usize): f64 {
  let amax: f64 = 0;
  for (let i = 0; i < n; i++) {
    put(pipiv, i, <f64>i);
    const r = row(pa, lda, i);
    for (let j = 0; j < n; j++) amax = max(amax, abs(get(r, j)));
  }
  if (amax == 0) return 0;
  let smallest = f64.MAX_VALUE;

  for (let k = 0; k < n; k++) {
    let p = k;
    let best = abs(get(row(pa, lda, k), k));
    for (let i = k + 1; i < n; i++) {
      const v = abs(get(row(pa, lda, i), k));
      if (v > best) { best = v; p = i; }
    }
    if (best == 0) return 0;
    smallest = min(smallest, best / amax);
    if (p != k) {
      swapRows(n, row(pa, lda, k), row(pa, lda, p));
      const t = get(pipiv, k); put(pipiv, k, get(pipiv, p)); put(pipiv, p, t);
    }
    const rk = row(pa, lda, k);
    const pivot = get(rk, k);
    for (let i = k + 1; i < n; i++) {
      const ri = row(pa, lda, i);
      const l = get(ri, k) / pivot;
      put(ri, k, l);
      if (l != 0) daxpy(n - k - 1, -l, rk + (<usize>(k + 1) << 3), ri + (<usize>(k + 1) << 3));
    }
  }
  return smallest;
}

/**
 * Solve A·X = B with the factors of dgetrf; B is n×nrhs row-major at pb (overwritten by X),
 * already permuted by the caller (row i of the input is row pipiv[i] of B).
 */
export function dgetrs(n: i32, nrhs: i32, pa: usize, lda: i32, pb: usize, ldb: i32): void {
  for (let i = 1; i < n; i++) {
    const ri = row(pa, lda, i);
    const bi = row(pb, ldb, i);
    for (let k = 0; k < i; k++) {
      const l = get(ri, k);
      if (l != 0) daxpy(nrhs, -l, row(pb, ldb, k), bi);
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    const ri = row(pa, lda, i);
    const bi = row(pb, ldb, i);
    for (let k = i + 1; k < n; k++) {
      const u = get(ri, k);
      if (u != 0) daxpy(nrhs, -u, row(pb, ldb, k), bi);
    }
    const d = get(ri, i);
    for (let j = 0; j < nrhs; j++) put(bi, j, get(bi, j) / d);
  }
}
