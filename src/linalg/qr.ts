// QR by Householder reflections (LAPACK's dgeqrf convention, unblocked), and LQ as the
// transpose of the QR of Aᵀ. The kernels work on column-contiguous storage, which for a
// row-major Matrix is its transpose: one O(mn) copy each way beside O(mn·min(m, n)) work.
import { InvalidArgument, shown } from '../core/errors.js';
import { f64View, withScratch } from '../core/memory.js';
import { wasm } from '../core/wasm.js';
import { Matrix } from './matrix.js';
import { normalizingExponent, timesPow2, unscaleChecked } from './scaling.js';
import { checkArity, checkOperand, checkOptions } from './validate.js';

export type QrMode = 'reduced' | 'complete';

export interface QrOptions {
  /** 'reduced' (default): Q m×k, R k×n with k = min(m, n); 'complete': Q m×m, R m×n. */
  mode?: QrMode;
}

/**
 * A = Q·R with Q orthonormal columns and R upper triangular (entries below the diagonal are
 * exactly 0). Diagonal signs follow LAPACK (R_ii may be negative); a zero pivot over a non-zero
 * column still gives a finite reflector. A is scaled by a power of two (exact) to a largest
 * entry in [1, 2) and R scaled back, so entries near 1e308 or 1e-300 neither overflow nor
 * underflow on the way; Q does not depend on the scale.
 *
 * Accuracy (held by the tests): ‖A − Q·R‖_F ≤ c·m·eps·‖A‖_F and ‖QᵀQ − I‖ ≤ c·m·eps.
 *
 * @param a the m×n matrix
 * @param opts.mode 'reduced' (default) or 'complete'
 * @throws {EmptyInput} when A has no entries
 * @throws {NonFiniteInput} when A holds NaN or ±Infinity
 * @throws {Overflow} when an entry of R is beyond the f64 range (|R_ij| ≤ √m·max|a_ij|)
 */
export function qr(a: Matrix, opts: QrOptions = {}): { Q: Matrix; R: Matrix } {
  checkOptions('qr', opts, ['mode']);
  const mode = opts.mode ?? 'reduced';
  if (mode !== 'reduced' && mode !== 'complete') {
    throw new InvalidArgument(
      `qr: option 'mode' must be 'reduced' or 'complete'; got ${shown(mode)}`,
    );
  }
  checkOperand('qr', 'A', a);
  const { Q, R, e } = householderQr(a.rows, a.cols, a.data, false, mode === 'complete');
  unscaleChecked('qr', 'R entry', R.data, -e, R.cols);
  return { Q, R };
}

/**
 * A = L·Q with L lower triangular (m×k) and Q orthonormal rows (k×n), k = min(m, n): the
 * factorization of choice for wide A (the rows of Q span A's row space when A has full rank).
 * It is the transpose of qr(Aᵀ), with the same accuracy.
 *
 * @param a the m×n matrix
 * @throws {EmptyInput} when A has no entries
 * @throws {NonFiniteInput} when A holds NaN or ±Infinity
 * @throws {Overflow} when an entry of L is beyond the f64 range
 */
export function lq(a: Matrix): { L: Matrix; Q: Matrix } {
  checkArity('lq', arguments, 1);
  checkOperand('lq', 'A', a);
  const { Q, R, e } = householderQr(a.cols, a.rows, a.data, true, false);
  const L = R.transpose();
  unscaleChecked('lq', 'L entry', L.data, -e, L.cols);
  return { L, Q: Q.transpose() };
}

/**
 * QR of T (m×n): T is `data` as an m×n row-major matrix, or its transpose when `transposed`
 * (then `data` is n×m row-major and already column-contiguous for T). The R returned is that
 * of T·2^e: the caller scales it back by 2^−e.
 */
function householderQr(
  m: number, n: number, data: Float64Array, transposed: boolean, complete: boolean,
): { Q: Matrix; R: Matrix; e: number } {
  const k = Math.min(m, n);
  const kq = complete ? m : k;
  return withScratch((s) => {
    const kern = wasm();
    const pa = s.alloc(m * n);
    const ptau = s.alloc(k);
    const pj = s.alloc(n);
    const pn = s.alloc(2 * n);
    const pq = s.alloc(kq * m);

    const e = normalizingExponent(data);
    const c = f64View(pa, m * n);
    if (transposed) for (let i = 0; i < m * n; i++) c[i] = timesPow2(data[i]!, e);
    else {
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) c[j * m + i] = timesPow2(data[i * n + j]!, e);
      }
    }
    kern.dgeqp3(m, n, pa, m, ptau, pj, pn, 0);
    kern.dorgqr(m, kq, k, pa, m, ptau, pq, m);

    const r = f64View(pa, m * n);
    const R = new Matrix(kq, n);
    for (let i = 0; i < Math.min(kq, n); i++) {
      for (let j = i; j < n; j++) R.data[i * n + j] = r[j * m + i]!;
    }
    const q = f64View(pq, kq * m);
    const Q = new Matrix(m, kq);
    for (let j = 0; j < kq; j++) for (let i = 0; i < m; i++) Q.data[i * kq + j] = q[j * m + i]!;
    return { Q, R, e };
  });
}
