// The fast path of svd: Householder bidiagonalization (assembly/bidiag.ts), the bidiagonal
// divide and conquer (bidiagDivide.ts), and the reflectors applied back by blocked products
// (householder.ts): LAPACK's dgesdd in outline. A tall matrix (m ≥ 3n) is first reduced to its
// n×n triangular factor by QR. dgesdd switches at 11n/6; here 2:1 shapes were 5–10 % faster
// bidiagonalized directly (128×256 to 512×1024), 3:1 equal, 4:1 15 % faster through QR.
//
// Its singular values have absolute accuracy c·n·eps·‖A‖, not the relative accuracy of the
// Jacobi path (svd.ts), so svd takes it only where no diagonal scaling could make A better
// conditioned (see BALANCE).
import { f64View, withScratch, type Scratch } from '../core/memory.js';
import { wasm } from '../core/wasm.js';
import { bidiagonalSvd } from './bidiagDivide.js';
import { applyQRowMajor } from './householder.js';
import { Matrix } from './matrix.js';
import { qrBlocked } from './qrBlocked.js';
import { exponentFor, pow2Pair, unscaleChecked } from './scaling.js';
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
 * random inputs, thin vectors: 0.17 against 0.30 ms at 16², 0.38 against 0.38 at 32², 0.43
 * against 0.50 at 32×64; divide and conquer won from 48² on: 0.76 against 0.91 ms, and
 * 1.32 against 1.81 at 64²), and it keeps exact zeros and relative accuracy on small inputs.
 */
export const DIVIDE_MIN = 40;

/**
 * svd of A by this path, or null where 'auto' keeps Jacobi: A is all zeros, or (unless
 * `force`) its row or column 2-norms spread by more than BALANCE.
 */
export function svdBidiagonal(
  fn: string, a: Matrix, vectors: SvdVectors, force: boolean,
): SvdResult | null {
  const k = wasm();
  return withScratch((s): SvdResult | null => {
    const pin = s.copyIn(a.data);
    const pamax = s.alloc(1);
    const spread = k.dnormSpread(a.rows, a.cols, pin, s.alloc(a.cols), pamax);
    const amax = f64View(pamax, 1)[0]!;
    if (amax === 0 || (!force && !(spread <= BALANCE * BALANCE))) return null;

    // The tall T = A or Aᵀ, column-contiguous at pc and scaled by a power of two to entries
    // below 2. A row-major buffer of Aᵀ is column-contiguous A, so wide and square A are
    // worked on as T = Aᵀ without moving an entry, and U and V swap at the end.
    const swap = a.rows <= a.cols;
    const m = Math.max(a.rows, a.cols);
    const n = Math.min(a.rows, a.cols);
    // Two factors: 2^e alone overflows for a largest entry below 2^-1023 (subnormal).
    const e = exponentFor(amax);
    const [f1, f2] = pow2Pair(e);
    let pc = pin;
    if (!swap) k.dtransposeScaled(m, n, pin, f1, (pc = s.alloc(m * n)));
    else k.dscal(m * n, f1, pin);
    k.dscal(m * n, f2, pc);
    const t = factorTall(s, fn, m, n, pc, e, vectors);
    return swap ? { U: t.V, s: t.s, V: t.U } : t;
  });
}

/** SVD of the tall T (m ≥ n) at pc, column-contiguous and scaled by 2^e. */
function factorTall(
  s: Scratch, fn: string, m: number, n: number, pc: number, e: number, vectors: SvdVectors,
): SvdResult {
  const k = wasm();
  const want = vectors !== 'none';
  const viaQr = m >= n * 3;
  const ptau = s.alloc(n);

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
  k.dgebrd(mb, n, pa, mb, pd, pe, ptauq, pp, ptaup, s.alloc(k.dgebrdWorkspace(mb, n)));

  const d = f64View(pd, n).slice();
  const eSuper = f64View(pe, Math.max(0, n - 1)).slice();
  const b = bidiagonalSvd(s, d, eSuper, want);
  const sigma = b.sigma;
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
  k.dlacpy(n, n, b.pU, n, pu, kq);
  const u = f64View(pu, m * kq);
  for (let i = n; i < kq; i++) u[i * kq + i] = 1;
  if (viaQr) applyQRowMajor(s, m, n, kq, pc, m, ptau, pu, kq);
  else applyQRowMajor(s, m, n, kq, pa, m, ptauq, pu, kq);
  const U = new Matrix(m, kq);
  U.data.set(f64View(pu, m * kq));
  return { U, s: sigma, V };
}
