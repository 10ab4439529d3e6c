// The fast path of svd: Householder bidiagonalization (assembly/bidiag.ts), the bidiagonal
// divide and conquer (bidiagDivide.ts), and the reflectors applied back by blocked products
// (householder.ts): LAPACK's dgesdd in outline. A tall matrix (m ≥ 5n/3, dgesdd's crossover
// for the thin SVD) is first reduced to its n×n triangular factor by QR.
//
// Its singular values have absolute accuracy c·n·eps·‖A‖, not the relative accuracy of the
// Jacobi path (svd.ts), so svd takes it only where no diagonal scaling could make A better
// conditioned (see isBalanced).
import { f64View, withScratch, type Scratch } from '../core/memory.js';
import { wasm } from '../core/wasm.js';
import { bidiagonalSvd } from './bidiagDivide.js';
import { applyQRowMajor } from './householder.js';
import { Matrix } from './matrix.js';
import { qrBlocked } from './qrBlocked.js';
import { unscaleChecked } from './scaling.js';
import type { SvdResult, SvdVectors } from './svd.js';

/**
 * Largest ratio of the 2-norms of two rows, or of two columns, for which the fast path is
 * taken. By van der Sluis (1969) scaling the columns to equal norms is within √n of the best
 * diagonal scaling, so on such A the Jacobi path's relative accuracy bound, eps·κ(A·D), is no
 * better than BALANCE·√n·eps·κ(A), which this path's absolute accuracy already gives.
 */
export const BALANCE = 4;

/**
 * At or below this min(m, n), 'auto' keeps Jacobi: it was as fast or faster there (CPU time,
 * random inputs: 0.3 against 0.6 ms at 16², 2.1 against 1.8 at 64², 2.3 against 2.8 at 64×128;
 * divide and conquer wins from 96² and 96×192 on).
 */
export const DIVIDE_MIN = 64;

/**
 * Whether the row norms and the column norms of the m×n row-major `data` each lie within
 * BALANCE of one another (the criterion is the same for A and Aᵀ), and the largest |a_ij|.
 */
export function balance(
  m: number, n: number, data: Float64Array,
): { balanced: boolean; amax: number } {
  const rows = new Float64Array(m);
  const cols = new Float64Array(n);
  let amax = 0;
  for (let i = 0; i < m; i++) {
    let r = 0;
    const row = i * n;
    for (let j = 0; j < n; j++) {
      const v = data[row + j]!;
      const sq = v * v;
      r += sq;
      cols[j] = cols[j]! + sq;
      const size = v < 0 ? -v : v;
      if (size > amax) amax = size;
    }
    rows[i] = r;
  }
  const within = (x: Float64Array) => {
    let lo = Infinity;
    let hi = 0;
    for (const v of x) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    return lo > 0 && Number.isFinite(hi) && hi <= BALANCE * BALANCE * lo;
  };
  return { balanced: within(rows) && within(cols), amax };
}

/**
 * SVD of the tall T (m ≥ n) held as `data` (m×n row-major, or its transpose n×m when
 * `transposed`), its largest entry amax > 0.
 */
export function svdBidiagonal(
  fn: string, m: number, n: number, data: Float64Array, transposed: boolean, amax: number,
  vectors: SvdVectors,
): SvdResult {
  // A square matrix given row-major is bidiagonalized as its transpose, whose column-contiguous
  // form is the data itself; U and V swap at the end.
  const swap = m === n && !transposed;
  const e = -Math.floor(Math.log2(amax));
  const f = 2 ** e;
  const want = vectors !== 'none';
  const viaQr = m * 3 >= n * 5;

  return withScratch((s): SvdResult => {
    const k = wasm();
    const pc = s.alloc(m * n);
    const ptau = s.alloc(n);
    const c = f64View(pc, m * n);
    if (transposed || swap) for (let i = 0; i < m * n; i++) c[i] = data[i]! * f;
    else for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) c[j * m + i] = data[i * n + j]! * f;

    // The matrix to bidiagonalize: R of T = Q·R when T is tall enough, else T itself.
    let pa = pc;
    let mb = m;
    if (viaQr) {
      qrBlocked(s, m, n, pc, m, ptau);
      pa = s.zeros(n * n);
      const r = f64View(pa, n * n);
      const qr = f64View(pc, m * n);
      for (let j = 0; j < n; j++) r.set(qr.subarray(j * m, j * m + j + 1), j * n);
      mb = n;
    }
    const pd = s.alloc(n);
    const pe = s.alloc(Math.max(1, n - 1));
    const ptauq = s.alloc(n);
    const pp = s.zeros(n * n);
    const ptaup = s.alloc(n);
    k.dgebrd(mb, n, pa, mb, pd, pe, ptauq, pp, ptaup, s.alloc((mb + n) * 32 + n + 64));

    const d = f64View(pd, n).slice();
    const eSuper = f64View(pe, Math.max(0, n - 1)).slice();
    const b = bidiagonalSvd(s, d, eSuper, want);
    const sigma = b.sigma.slice();
    unscaleChecked(fn, 'singular value s', sigma, -e);
    if (!want) return { U: null, s: sigma, V: null };

    // V = P·V_B: P acts on coordinates 1…n−1, its reflectors are the columns of pp from row 1.
    if (n > 1) applyQRowMajor(s, n - 1, n - 1, n, pp + 8, n, ptaup, b.pV + 8 * n, n);
    const V = new Matrix(n, n);
    V.data.set(f64View(b.pV, n * n));

    // U = Q_B·U_B (and the Q of the QR before it), completed by the identity for full U.
    const kq = vectors === 'full' ? m : n;
    if (viaQr) applyQRowMajor(s, n, n, n, pa, n, ptauq, b.pU, n);
    const pu = s.zeros(m * kq);
    const u = f64View(pu, m * kq);
    const ub = f64View(b.pU, n * n);
    for (let i = 0; i < n; i++) u.set(ub.subarray(i * n, i * n + n), i * kq);
    for (let i = n; i < kq; i++) u[i * kq + i] = 1;
    if (viaQr) applyQRowMajor(s, m, n, kq, pc, m, ptau, pu, kq);
    else applyQRowMajor(s, m, n, kq, pa, m, ptauq, pu, kq);
    const U = new Matrix(m, kq);
    U.data.set(f64View(pu, m * kq));
    return swap ? { U: V, s: sigma, V: U } : { U, s: sigma, V };
  });
}
