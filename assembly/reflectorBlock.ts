// The compact WY form I − Y·T·Yᵀ of b Householder reflectors (Schreiber & Van Loan 1989;
// LAPACK's dlarft, forward and columnwise). The TypeScript side (src/linalg/householder.ts)
// applies the block with three GEMMs.
import { dgemm } from './gemm';
import { stripe as col, getAt as get, putAt as put } from './pointers';

/**
 * From b reflectors stored as dgeqp3 stores them (reflector r in column r of the block at pa,
 * leading dimension lda, from row r, with v[0] = 1 implied) of length len − r, write Yᵀ
 * (b × len, row-major, units and zeros explicit) to pyt and the upper triangular T (b × b,
 * row-major) to pt; pg is b × b workspace for the Gram matrix Yᵀ·Y. T follows dlarft's
 * recurrence T(0:r, r) = −tau_r · T(0:r, 0:r) · G(0:r, r), T(r, r) = tau_r.
 */
export function dlarft(
  b: i32, len: i32, pa: usize, lda: i32, ptau: usize, pyt: usize, pg: usize, pt: usize,
): void {
  for (let r = 0; r < b; r++) {
    const dst = col(pyt, len, r);
    memory.fill(dst, 0, <usize>r << 3);
    put(dst, r, 1);
    const from = <usize>(r + 1) << 3;
    memory.copy(dst + from, col(pa, lda, r) + from, <usize>(len - r - 1) << 3);
  }
  dgemm(0, 1, b, b, len, 1, pyt, len, pyt, len, 0, pg, b);

  memory.fill(pt, 0, <usize>(b * b) << 3);
  for (let r = 0; r < b; r++) {
    const tr = get(ptau, r);
    // G is symmetric: its column r is read as row r, adjacent in memory like T's row i.
    const gr = pg + (<usize>(r * b) << 3);
    for (let i = 0; i < r; i++) {
      let sum: f64 = 0;
      for (let l = i; l < r; l++) sum += get(pt, i * b + l) * get(gr, l);
      put(pt, i * b + r, -tr * sum);
    }
    put(pt, r * b + r, tr);
  }
}
