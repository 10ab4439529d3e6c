// Householder bidiagonalization A = Q·B·Pᵀ of Golub & Kahan (1965), unblocked as LAPACK's dgebd2,
// for the fast path of svd (src/linalg/bidiagSvd.ts). Column-contiguous storage as in qr.ts.
//
// dgebrd blocks it as LAPACK does: panels of NB steps (bidiagPanel.ts) whose trailing update is
// two GEMMs, which moves half the flops to the GEMM kernel; the last columns go unblocked.
import { daxpy } from './blas1';
import { dgemm } from './gemm';
import { bidiagPanel } from './bidiagPanel';
import { householder, reflect } from './householder';
import { stripe as col, getAt as get, putAt as put } from './pointers';

/**
 * Reduce the m×n matrix at pa (m ≥ n, leading dimension lda) to upper bidiagonal form in place:
 * d (n) at pd, e (n − 1) at pe. The left reflectors H_i stay below the diagonal as in dgeqp3,
 * taus at ptauq; the right reflector G_i of row i is written to column i of the column-contiguous
 * buffer at pp, leading dimension ldp (rows i + 1…, v[0] = 1 at row i + 1), taus at ptaup,
 * so that Q = H_0…H_{n−1} and P = G_0…G_{n−2} are both applied by the QR code. pwork: m doubles.
 */
export function dgebd2(
  m: i32, n: i32, pa: usize, lda: i32, pd: usize, pe: usize, ptauq: usize,
  pp: usize, ldp: i32, ptaup: usize, pwork: usize,
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
    const pw = col(pp, ldp, i) + off + 8;
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

/** Panel width of dgebrd, and the number of columns below which the rest goes unblocked. */
const NB = 32;
const CROSSOVER = 96;

/** Doubles of workspace dgebrd needs for an m×n matrix. */
export function dgebrdWorkspace(m: i32, n: i32): i32 {
  return (m + n) * NB + n + 2 * NB;
}

/**
 * dgebd2's result, blocked (LAPACK's dgebrd): same arguments with pp's leading dimension n, and
 * pwork for dgebrdWorkspace(m, n) doubles.
 */
export function dgebrd(
  m: i32, n: i32, pa: usize, lda: i32, pd: usize, pe: usize, ptauq: usize,
  pp: usize, ptaup: usize, pwork: usize,
): void {
  const px = pwork;
  const py = px + (<usize>(m * NB) << 3);
  const ptmp = py + (<usize>(n * NB) << 3);
  let p0 = 0;
  for (; n - p0 > CROSSOVER; p0 += NB) {
    const mm = m - p0;
    const nn = n - p0;
    const a0 = col(pa, lda, p0) + (<usize>p0 << 3);
    const off = <usize>p0 << 3;
    bidiagPanel(
      mm, nn, NB, a0, lda, pd + off, pe + off, ptauq + off, ptaup + off,
      col(pp, n, p0) + off, n, px, py, ptmp,
    );

    // A22 ← A22 − V·Yᵀ − X·U, written for the row-major GEMM as A22ᵀ −= Y·Vᵀ + Uᵀ·Xᵀ.
    const b = <usize>NB << 3;
    const a22 = col(a0, lda, NB) + b;
    dgemm(1, 0, nn - NB, mm - NB, NB, -1, py + b, nn, a0 + b, lda, 1, a22, lda);
    dgemm(0, 0, nn - NB, mm - NB, NB, -1, col(a0, lda, NB), lda, px + b, mm, 1, a22, lda);

    for (let i = 0; i < NB; i++) {
      put(col(a0, lda, i), i, get(pd + off, i));
      put(col(a0, lda, i + 1), i, get(pe + off, i));
    }
  }
  const off = <usize>p0 << 3;
  dgebd2(
    m - p0, n - p0, col(pa, lda, p0) + off, lda, pd + off, pe + off, ptauq + off,
    col(pp, n, p0) + off, n, ptaup + off, pwork,
  );
}
