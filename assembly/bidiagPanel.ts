// One panel of the blocked bidiagonalization (LAPACK's dlabrd, after Dongarra, Sorensen &
// Hammarling, "Block reduction of matrices to condensed forms", 1989): nb steps of dgebd2 in
// which the trailing matrix is not updated but represented as A − V·Yᵀ − X·Uᵀ, V and U being
// the panel's left and right reflectors. Each step still reads the trailing matrix twice (for
// Aᵀv and A·u); the update itself is left to two GEMMs after the panel (bidiag.ts).
//
// Column-contiguous storage as in qr.ts: A[r, c] is at pa + 8·(c·lda + r). X (mm×nb) and
// Y (nn×nb) are column-contiguous with leading dimensions mm and nn.
import { daxpy, ddot, dscal } from './blas1';
import { dgemv } from './gemv';
import { householder } from './householder';
import { stripe as col, getAt as get, putAt as put } from './pointers';

/**
 * Reduce the first nb rows and columns of the mm×nn matrix at pa (mm ≥ nn > nb) and return X
 * and Y. d, e, taus and the right reflectors (into column i of pp, leading dimension ldp, from
 * row i + 1) are written as dgebd2 writes them. On return A[i, i] and A[i, i + 1] hold the
 * reflectors' implied units (the trailing update needs them); the caller puts d and e back.
 * ptmp: nn + 2·nb doubles.
 */
export function bidiagPanel(
  mm: i32, nn: i32, nb: i32, pa: usize, lda: i32, pd: usize, pe: usize, ptauq: usize,
  ptaup: usize, pp: usize, ldp: i32, px: usize, py: usize, ptmp: usize,
): void {
  const pt = ptmp;
  const pxr = ptmp + (<usize>nb << 3);
  const prow = ptmp + (<usize>(2 * nb) << 3);
  for (let i = 0; i < nb; i++) {
    const off = <usize>i << 3;
    const ci = col(pa, lda, i);
    const rows = mm - i;
    const len = nn - i - 1;

    // Column i with the panel's earlier steps applied, then H_i.
    for (let j = 0; j < i; j++) {
      daxpy(rows, -get(col(py, nn, j), i), col(pa, lda, j) + off, ci + off);
      daxpy(rows, -get(ci, j), col(px, mm, j) + off, ci + off);
    }
    const tauq = householder(rows, ci + off);
    put(ptauq, i, tauq);
    put(pd, i, get(ci, i));
    put(ci, i, 1);

    // Y[i+1:, i] = tauq·(Aᵀv − Y·(Vᵀv) − Uᵀ·(Xᵀv)) over the trailing columns.
    const yi = col(py, nn, i);
    // The trailing columns are the rows of a row-major matrix, so Aᵀv is a plain dgemv.
    dgemv(0, len, rows, 1, col(pa, lda, i + 1) + off, lda, ci + off, 0, yi + off + 8);
    for (let l = 0; l < i; l++) put(pt, l, ddot(rows, col(pa, lda, l) + off, ci + off));
    for (let l = 0; l < i; l++) daxpy(len, -get(pt, l), col(py, nn, l) + off + 8, yi + off + 8);
    for (let l = 0; l < i; l++) put(pt, l, ddot(rows, col(px, mm, l) + off, ci + off));
    for (let j = i + 1; j < nn; j++) {
      put(yi, j, get(yi, j) - ddot(i, col(pa, lda, j), pt));
    }
    dscal(len, tauq, yi + off + 8);

    // Row i with the panel's steps applied (row copied out to be contiguous), then G_i.
    for (let j = 0; j < len; j++) put(prow, j, get(col(pa, lda, i + 1 + j), i));
    for (let l = 0; l <= i; l++) {
      daxpy(len, -get(col(pa, lda, l), i), col(py, nn, l) + off + 8, prow);
    }
    for (let l = 0; l < i; l++) put(pxr, l, get(col(px, mm, l), i));
    for (let j = 0; j < len; j++) {
      put(prow, j, get(prow, j) - ddot(i, col(pa, lda, i + 1 + j), pxr));
    }
    const taup = householder(len, prow);
    put(ptaup, i, taup);
    put(pe, i, get(prow, 0));
    put(prow, 0, 1);
    const pw = col(pp, ldp, i) + off + 8;
    for (let j = 0; j < len; j++) {
      put(col(pa, lda, i + 1 + j), i, get(prow, j));
      put(pw, j, get(prow, j));
    }

    // X[i+1:, i] = taup·(A·u − V·(Yᵀu) − X·(U·u)) over the rows below.
    const xi = col(px, mm, i) + off + 8;
    const below = rows - 1;
    dgemv(1, len, below, 1, col(pa, lda, i + 1) + off + 8, lda, prow, 0, xi);
    for (let l = 0; l <= i; l++) put(pt, l, ddot(len, col(py, nn, l) + off + 8, prow));
    for (let l = 0; l <= i; l++) daxpy(below, -get(pt, l), col(pa, lda, l) + off + 8, xi);
    memory.fill(pt, 0, <usize>i << 3);
    for (let j = 0; j < len; j++) daxpy(i, get(prow, j), col(pa, lda, i + 1 + j), pt);
    for (let l = 0; l < i; l++) daxpy(below, -get(pt, l), col(px, mm, l) + off + 8, xi);
    dscal(below, taup, xi);
  }
}
