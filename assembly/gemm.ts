// Level-2 and level-3 BLAS, row-major. Matrices are given by a pointer and a leading dimension
// (the distance in elements between the starts of two rows). op(X) is X or its transpose.
import { ddot, daxpy, dscal } from './blas1';

@inline function at(p: usize, ld: i32, row: i32, col: i32): f64 {
  return load<f64>(p + ((<usize>row * <usize>ld + <usize>col) << 3));
}

@inline function rowPtr(p: usize, ld: i32, row: i32): usize {
  return p + ((<usize>row * <usize>ld) << 3);
}

/** Scale the m×n block at pc by beta; beta = 0 overwrites with zeros, as in reference BLAS. */
export function scaleBlock(m: i32, n: i32, beta: f64, pc: usize, ldc: i32): void {
  if (beta == 1) return;
  for (let i = 0; i < m; i++) {
    const row = rowPtr(pc, ldc, i);
    if (beta == 0) memory.fill(row, 0, <usize>n << 3);
    else dscal(n, beta, row);
  }
}

/**
 * C := alpha op(A) op(B) + beta C, with op(A) m×k and op(B) k×n.
 * Reference loop order (row of C, then k, then a contiguous row of B) with SIMD axpy.
 */
export function dgemm(
  transA: i32, transB: i32, m: i32, n: i32, k: i32,
  alpha: f64, pa: usize, lda: i32, pb: usize, ldb: i32,
  beta: f64, pc: usize, ldc: i32,
): void {
  scaleBlock(m, n, beta, pc, ldc);
  if (alpha == 0 || k == 0) return;

  for (let i = 0; i < m; i++) {
    const crow = rowPtr(pc, ldc, i);
    if (!transB) {
      for (let p = 0; p < k; p++) {
        const a = alpha * (transA ? at(pa, lda, p, i) : at(pa, lda, i, p));
        daxpy(n, a, rowPtr(pb, ldb, p), crow);
      }
    } else {
      for (let j = 0; j < n; j++) {
        let s: f64 = 0;
        if (!transA) s = ddot(k, rowPtr(pa, lda, i), rowPtr(pb, ldb, j));
        else for (let p = 0; p < k; p++) s += at(pa, lda, p, i) * at(pb, ldb, j, p);
        store<f64>(crow + (<usize>j << 3), load<f64>(crow + (<usize>j << 3)) + alpha * s);
      }
    }
  }
}

/** y := alpha op(A) x + beta y, with A m×n. */
export function dgemv(
  trans: i32, m: i32, n: i32, alpha: f64, pa: usize, lda: i32,
  px: usize, beta: f64, py: usize,
): void {
  const ylen = trans ? n : m;
  if (beta == 0) memory.fill(py, 0, <usize>ylen << 3);
  else if (beta != 1) dscal(ylen, beta, py);
  if (alpha == 0) return;

  if (!trans) {
    for (let i = 0; i < m; i++) {
      const yi = py + (<usize>i << 3);
      store<f64>(yi, load<f64>(yi) + alpha * ddot(n, rowPtr(pa, lda, i), px));
    }
  } else {
    for (let i = 0; i < m; i++) {
      daxpy(n, alpha * load<f64>(px + (<usize>i << 3)), rowPtr(pa, lda, i), py);
    }
  }
}
