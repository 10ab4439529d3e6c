// Householder bidiagonalization A = Q·B·Pᵀ of Golub & Kahan (1965), unblocked as LAPACK's dgebd2,
// for the fast path of svd (src/linalg/bidiagSvd.ts). Column-contiguous storage as in qr.ts.
//
// Known shortcoming: each step still makes two level-2 passes over the trailing matrix (not
// dlabrd's blocked form, which moves half the flops into GEMM), so this runs at memory speed.
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
  // G_{i−1} is applied lazily, column by column in the same pass as H_i: y = A·w of the step
  // before waits in pwork, so each step reads the trailing matrix twice instead of three times.
  let pendingTau: f64 = 0;
  let pendingW: usize = 0;
  for (let i = 0; i < n; i++) {
    const off = <usize>i << 3;
    const rows = m - i;

    const pv = col(pa, lda, i) + off;
    if (pendingTau != 0) daxpy(rows, -pendingTau, pwork, pv);
    const tauq = householder(rows, pv);
    put(ptauq, i, tauq);
    put(pd, i, get(pv, 0));
    for (let j = i + 1; j < n; j++) {
      const pc = col(pa, lda, j) + off;
      if (pendingTau != 0) daxpy(rows, -pendingTau * get(pendingW, j - i), pwork, pc);
      reflect(rows, tauq, pv, pc);
    }
    if (i == n - 1) break;

    // G_i zeroes row i right of the superdiagonal; the row is copied out to be contiguous.
    const pw = col(pp, n, i) + off + 8;
    const len = n - i - 1;
    for (let j = 0; j < len; j++) {
      const pij = col(pa, lda, i + 1 + j) + off;
      put(pw, j, get(pij, 0));
      put(pij, 0, 0);
    }
    const taup = householder(len, pw);
    put(ptaup, i, taup);
    put(pe, i, get(pw, 0));
    put(col(pa, lda, i + 1) + off, 0, get(pw, 0));

    // y = A·w over rows i + 1…; w[0] = 1 is made explicit (beta is kept in e, and the QR code
    // that applies P takes v[0] = 1 without reading it).
    put(pw, 0, 1);
    pendingTau = rows > 1 ? taup : 0;
    pendingW = pw;
    if (pendingTau == 0) continue;
    memory.fill(pwork, 0, <usize>(rows - 1) << 3);
    for (let j = 0; j < len; j++) {
      daxpy(rows - 1, get(pw, j), col(pa, lda, i + 1 + j) + off + 8, pwork);
    }
  }
}
