// Householder bidiagonalization A = Q·B·Pᵀ of Golub & Kahan (1965), unblocked as LAPACK's dgebd2,
// for the fast path of svd (src/linalg/bidiagSvd.ts). Column-contiguous storage as in qr.ts.
//
// Known shortcoming: the two trailing-matrix updates of each step are level-2 passes (dgebd2,
// not dlabrd's blocked form), so this runs at memory speed: about a third of the svd fast path's
// time at n = 512.
import { daxpy } from './blas1';
import { householder, reflect } from './householder';
import { stripe as col, getAt as get, putAt as put } from './pointers';

/**
 * Reduce the m×n matrix at pa (m ≥ n, leading dimension lda) to upper bidiagonal form in place:
 * d (n) at pd, e (n − 1) at pe. The left reflectors H_i stay below the diagonal as in dgeqp3,
 * taus at ptauq; the right reflector G_i of row i is written to column i of the n×n
 * column-contiguous buffer at pp (rows i + 1…, v[0] = 1 implied at row i + 1), taus at ptaup,
 * so that Q = H_0…H_{n−1} and P = G_0…G_{n−2} are both applied by the QR code. pwork: m doubles.
 */
export function dgebd2(
  m: i32, n: i32, pa: usize, lda: i32, pd: usize, pe: usize, ptauq: usize,
  pp: usize, ptaup: usize, pwork: usize,
): void {
  for (let i = 0; i < n; i++) {
    const off = <usize>i << 3;

    // H_i zeroes column i below the diagonal.
    const pv = col(pa, lda, i) + off;
    const tauq = householder(m - i, pv);
    put(ptauq, i, tauq);
    put(pd, i, get(pv, 0));
    for (let j = i + 1; j < n; j++) reflect(m - i, tauq, pv, col(pa, lda, j) + off);
    if (i == n - 1) break;

    // G_i zeroes row i right of the superdiagonal; the row is copied out to be contiguous.
    const pw = col(pp, n, i) + off + 8;
    const len = n - i - 1;
    for (let j = 0; j < len; j++) {
      const pa_ij = col(pa, lda, i + 1 + j) + off;
      put(pw, j, get(pa_ij, 0));
      put(pa_ij, 0, 0);
    }
    const taup = householder(len, pw);
    put(ptaup, i, taup);
    put(pe, i, get(pw, 0));
    put(col(pa, lda, i + 1) + off, 0, get(pw, 0));
    if (taup == 0 || i + 1 >= m) continue;

    // Rows below: A ← A·G_i = A − tau·(A·w)·wᵀ, with y = A·w gathered column by column.
    const rows = m - i - 1;
    memory.fill(pwork, 0, <usize>rows << 3);
    for (let j = 0; j < len; j++) {
      const wj = j == 0 ? 1.0 : get(pw, j);
      daxpy(rows, wj, col(pa, lda, i + 1 + j) + off + 8, pwork);
    }
    for (let j = 0; j < len; j++) {
      const wj = j == 0 ? 1.0 : get(pw, j);
      daxpy(rows, -taup * wj, pwork, col(pa, lda, i + 1 + j) + off + 8);
    }
  }
}
