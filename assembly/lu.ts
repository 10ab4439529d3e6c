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

/** x ← A⁻¹·x for the n-vector at px, with the factors of dgetrf; pw holds n doubles. */
function solveInPlace(n: i32, pa: usize, lda: i32, pipiv: usize, px: usize, pw: usize): void {
  for (let i = 0; i < n; i++) put(pw, i, get(px, <i32>get(pipiv, i)));
  dgetrs(n, 1, pa, lda, pw, 1);
  memory.copy(px, pw, <usize>n << 3);
}

/** x ← A⁻ᵀ·x: Aᵀ = Uᵀ·Lᵀ·P, so Uᵀ·w = x, then Lᵀ·v = w, then x = Pᵀ·v. pw: n doubles. */
function solveTransposedInPlace(
  n: i32, pa: usize, lda: i32, pipiv: usize, px: usize, pw: usize,
): void {
  for (let i = 0; i < n; i++) {
    let s = get(px, i);
    for (let k = 0; k < i; k++) s -= get(row(pa, lda, k), i) * get(pw, k);
    put(pw, i, s / get(row(pa, lda, i), i));
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = get(pw, i);
    for (let k = i + 1; k < n; k++) s -= get(row(pa, lda, k), i) * get(pw, k);
    put(pw, i, s);
  }
  for (let i = 0; i < n; i++) put(px, <i32>get(pipiv, i), get(pw, i));
}

function norm1(n: i32, px: usize): f64 {
  let s: f64 = 0;
  for (let i = 0; i < n; i++) s += abs(get(px, i));
  return s;
}

/**
 * An estimate of ‖A⁻¹‖₁ from the factors of dgetrf, by Hager's method (1984) with Higham's
 * safeguards (1988, LAPACK's dlacn2): at most five pairs of solves with A and Aᵀ climb to a
 * column of A⁻¹ of large 1-norm, and a solve with an alternating vector guards against the
 * climb stopping early. O(n²) work; never above the true norm by more than rounding. pw holds
 * 3n doubles. Infinity or NaN (an overflowing solve) means A is singular to working precision.
 */
export function dgecon1(n: i32, pa: usize, lda: i32, pipiv: usize, pw: usize): f64 {
  const px = pw;
  const pz = pw + (<usize>n << 3);
  const pt = pw + (<usize>n << 4);
  for (let i = 0; i < n; i++) put(px, i, 1 / <f64>n);
  let estimate: f64 = 0;
  let previous = -1;
  for (let iter = 0; iter < 5; iter++) {
    solveInPlace(n, pa, lda, pipiv, px, pt);
    const norm = norm1(n, px);
    if (!(norm > estimate) && iter > 0) break;
    estimate = norm;
    if (!isFinite(norm)) return norm;

    for (let i = 0; i < n; i++) put(pz, i, get(px, i) >= 0 ? 1 : -1);
    solveTransposedInPlace(n, pa, lda, pipiv, pz, pt);
    let j = 0;
    for (let i = 1; i < n; i++) if (abs(get(pz, i)) > abs(get(pz, j))) j = i;
    if (j == previous) break;
    previous = j;
    memory.fill(px, 0, <usize>n << 3);
    put(px, j, 1);
  }

  for (let i = 0; i < n; i++) {
    const size = n > 1 ? 1 + <f64>i / <f64>(n - 1) : 1;
    put(px, i, i & 1 ? -size : size);
  }
  solveInPlace(n, pa, lda, pipiv, px, pt);
  const alternating = (2 * norm1(n, px)) / (3 * <f64>n);
  return alternating > estimate || !isFinite(alternating) ? alternating : estimate;
}
