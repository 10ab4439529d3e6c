// Triangular solves with the upper-triangular R of dgeqp3, stored column-contiguous (entry
// (i, j) at pr + (j·ldr + i)·8): R·y = c by column-oriented back substitution (an axpy per
// column), Rᵀ·z = c by forward substitution (a dot product per column). Both are f64x2 SIMD.
import { ddot, daxpy } from './blas1';
import { stripe as col, getAt as get, putAt as put } from './pointers';

/** Solve R·y = c (trans = 0) or Rᵀ·y = c (trans ≠ 0) for the n×n R at pr, in place at px. */
export function dtrsvUpper(trans: i32, n: i32, pr: usize, ldr: i32, px: usize): void {
  if (!trans) {
    for (let j = n - 1; j >= 0; j--) {
      const pj = col(pr, ldr, j);
      const y = get(px, j) / get(pj, j);
      put(px, j, y);
      if (j > 0) daxpy(j, -y, pj, px);
    }
  } else {
    for (let j = 0; j < n; j++) {
      const pj = col(pr, ldr, j);
      const s = j > 0 ? ddot(j, pj, px) : 0;
      put(px, j, (get(px, j) - s) / get(pj, j));
    }
  }
}

/**
 * ‖R‖₁·‖R⁻¹‖₁ for the n×n upper-triangular R at pr, with R⁻¹ formed column by column
 * (column j solves R·y = e_j on its leading j+1 entries: n³/6 flops in all). pw is workspace
 * for n doubles. Infinity when a diagonal entry is zero.
 */
export function dtrcond1(n: i32, pr: usize, ldr: i32, pw: usize): f64 {
  let normR: f64 = 0;
  let normInv: f64 = 0;
  for (let j = 0; j < n; j++) {
    const pj = col(pr, ldr, j);
    if (get(pj, j) == 0) return Infinity;
    let s: f64 = 0;
    for (let i = 0; i <= j; i++) s += abs(get(pj, i));
    normR = max(normR, s);

    memory.fill(pw, 0, <usize>(j + 1) << 3);
    put(pw, j, 1);
    dtrsvUpper(0, j + 1, pr, ldr, pw);
    let t: f64 = 0;
    for (let i = 0; i <= j; i++) t += abs(get(pw, i));
    normInv = max(normInv, t);
  }
  return normR * normInv;
}
