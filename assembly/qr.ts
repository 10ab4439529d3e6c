// Householder QR, with optional column pivoting (Businger & Golub 1965; norm downdating as in
// LAPACK dgeqp3, Drmač & Bujanović 2008), and the explicit formation of Q.
//
// Layout: these kernels work on column-contiguous storage, so column j of the m×n matrix starts
// at pa + j·lda·8 and its m entries are adjacent. (A row-major buffer of Aᵀ is exactly this.)
// Every reflector update is then a dot product and an axpy over adjacent doubles: f64x2 SIMD.
//
// Reflectors (assembly/householder.ts) are stored below the diagonal, v[0] = 1 implied.
import { dnrm2 } from './blas1';
import { householder, reflect } from './householder';
import { stripe as col, getAt as get, putAt as put } from './pointers';

function swapColumns(m: i32, pa: usize, lda: i32, i: i32, j: i32): void {
  const pi = col(pa, lda, i);
  const pj = col(pa, lda, j);
  for (let r = 0; r < m; r++) {
    const t = get(pi, r);
    put(pi, r, get(pj, r));
    put(pj, r, t);
  }
}

/**
 * A·P = Q·R in place for the m×n column-contiguous matrix at pa (leading dimension lda ≥ m).
 * R is left on and above the diagonal; reflectors below it, their taus at ptau (min(m, n)).
 * With pivot ≠ 0, at each step the remaining column of largest norm is moved forward, and the
 * permutation is written to pjpvt as doubles (column j of A·P is column pjpvt[j] of A).
 * pnorms is workspace for 2n doubles.
 */
export function dgeqp3(
  m: i32, n: i32, pa: usize, lda: i32, ptau: usize, pjpvt: usize, pnorms: usize, pivot: i32,
): void {
  const k = min(m, n);
  const vn1 = pnorms;
  const vn2 = pnorms + (<usize>n << 3);
  const tol3z = Math.sqrt(f64.EPSILON);
  for (let j = 0; j < n; j++) {
    put(pjpvt, j, <f64>j);
    if (pivot) {
      const nj = dnrm2(m, col(pa, lda, j));
      put(vn1, j, nj);
      put(vn2, j, nj);
    }
  }

  for (let i = 0; i < k; i++) {
    if (pivot) {
      let p = i;
      let best = get(vn1, i);
      for (let j = i + 1; j < n; j++) {
        if (get(vn1, j) > best) { best = get(vn1, j); p = j; }
      }
      if (p != i) {
        swapColumns(m, pa, lda, i, p);
        const t = get(pjpvt, i); put(pjpvt, i, get(pjpvt, p)); put(pjpvt, p, t);
        put(vn1, p, get(vn1, i));
        put(vn2, p, get(vn2, i));
      }
    }

    const pv = col(pa, lda, i) + (<usize>i << 3);
    const tau = householder(m - i, pv);
    put(ptau, i, tau);
    for (let j = i + 1; j < n; j++) {
      const pc = col(pa, lda, j) + (<usize>i << 3);
      reflect(m - i, tau, pv, pc);
      if (!pivot) continue;

      // Downdate the norm of the rest of column j; recompute it when cancellation looms.
      const nj = get(vn1, j);
      if (nj == 0) continue;
      const ratio = abs(get(pc, 0)) / nj;
      let t = 1 - ratio * ratio;
      t = t < 0 ? 0 : t;
      const q = nj / get(vn2, j);
      if (t * q * q <= tol3z) {
        const fresh = i + 1 < m ? dnrm2(m - i - 1, pc + 8) : 0;
        put(vn1, j, fresh);
        put(vn2, j, fresh);
      } else {
        put(vn1, j, nj * Math.sqrt(t));
      }
    }
  }
}

/**
 * Form the first kq columns of Q = H_0 H_1 … H_{k−1} (m×kq, column-contiguous at pq, leading
 * dimension ldq) from the k reflectors of dgeqp3 at pa/ptau. kq may exceed k (up to m) to
 * complete Q to a square orthogonal matrix. Backward accumulation: H_i touches only rows ≥ i,
 * and columns < i of the partial product are still unit vectors there.
 */
export function dorgqr(
  m: i32, kq: i32, k: i32, pa: usize, lda: i32, ptau: usize, pq: usize, ldq: i32,
): void {
  for (let j = 0; j < kq; j++) {
    const pc = col(pq, ldq, j);
    memory.fill(pc, 0, <usize>m << 3);
    put(pc, j, 1);
  }
  for (let i = k - 1; i >= 0; i--) {
    const pv = col(pa, lda, i) + (<usize>i << 3);
    const tau = get(ptau, i);
    for (let j = i; j < kq; j++) {
      reflect(m - i, tau, pv, col(pq, ldq, j) + (<usize>i << 3));
    }
  }
}

/**
 * Apply Q (trans = 0) or Qᵀ (trans ≠ 0) of dgeqp3's k reflectors to the nrhs columns of the
 * m×nrhs column-contiguous matrix at pb (leading dimension ldb), in place.
 */
export function dormqr(
  trans: i32, m: i32, nrhs: i32, k: i32, pa: usize, lda: i32, ptau: usize, pb: usize, ldb: i32,
): void {
  for (let c = 0; c < nrhs; c++) {
    const pc = col(pb, ldb, c);
    for (let s = 0; s < k; s++) {
      const i = trans ? s : k - 1 - s;
      const off = <usize>i << 3;
      reflect(m - i, get(ptau, i), col(pa, lda, i) + off, pc + off);
    }
  }
}
