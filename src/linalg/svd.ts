// Singular value decomposition by one-sided Jacobi preconditioned with QR and column pivoting,
// after Drmač & Veselić, "New fast and accurate Jacobi SVD algorithm I/II", SIAM J. Matrix Anal.
// Appl. 29 (2008): rows sorted by decreasing ∞-norm (Powell & Reid's row-wise backward
// stability of Householder QR), A·P = Q·R with column pivoting, then Jacobi on the columns of
// Rᵀ. On graded inputs (A = D₁·B·D₂ with B well conditioned) every singular value, also the
// smallest, comes out to high relative accuracy, where bidiagonalization based methods only
// promise absolute accuracy ‖A‖·eps (LAPACK's divide and conquer even loses that on the graded
// 26×26 companion matrix, returning 6e10 for its 24 unit singular values).
//
// Range: the input is scaled by one power of two so that its largest entry is 2^TOP; Jacobi's
// squared norms then stay normal for rows down to ~1e-265 of the largest. Known shortcoming:
// singular values below 2^FLUSH in those units (≈1e-265·max|a_ij|) come out as exact zeros,
// with orthonormal completing vectors, which keeps the absolute contract but not relative
// accuracy for such extreme dynamic ranges within one matrix.
//
// Balanced inputs with min(m, n) > 40 go to bidiagonalization and divide and conquer instead
// (svdBidiag.ts; 'auto'), which needs about 1.5 sweeps' worth of flops where cyclic Jacobi
// needs 9–12 sweeps on matrices with a flat spectrum: the thin SVD then takes 1.2–1.7× numpy's
// LAPACK time from 128×256 to 512×1024 and 512² (CPU time, bench/compare-numpy/svd.mjs
// --cpu, 2026-12-04, fourth session), where Jacobi took 1.7–3.4× on the wide shapes and
// 5.2–5.9× on the square ones.
// What was measured on the Jacobi path (CPU time on random R of 256², 512² and 1024×512,
// alternating): kept — fast scaled rotations after LAPACK's dgesvj, pairs skipped exactly when
// unchanged since found orthogonal, the next dot product fused into each rotation
// (assembly/jacobi.ts; together 0.7–0.8 of the former time), U by blocked reflectors
// (householder.ts), and Drmač & Veselić's second preconditioning (Jacobi on R₂ of
// Rᵀ = Q₂R₂, dgejsv's L2TRAN) where R is ill conditioned, so that J is solved for, not
// accumulated (0.68–0.85 of the former time). Dropped: a Rutishauser-style threshold (two more
// sweeps of dot products for every rotation saved), Jacobi block sizes 4 to 64 (no change),
// and block one-sided Jacobi on GEMM (bench/svd-block-probe.mjs: twice the flops a sweep,
// and as many sweeps).
import { ConvergenceFailure, InvalidArgument, shown } from '../core/errors.js';
import { f64View, withScratch, type Scratch } from '../core/memory.js';
import { wasm } from '../core/wasm.js';
import { applyQTransposed } from './householder.js';
import { DIVIDE_MIN, svdBidiagonal } from './svdBidiag.js';
import { completeRows, leftVectors, rightVectors } from './svdVectors.js';
import { jacobiOnR } from './jacobiOnR.js';
import { Matrix } from './matrix.js';
import { pow2Pair, unscaleChecked } from './scaling.js';
import { checkOperand, checkOptions } from './validate.js';

export type SvdVectors = 'thin' | 'full' | 'none';

/**
 * 'jacobi': one-sided Jacobi preconditioned by QR (relative accuracy on graded inputs);
 * 'divideAndConquer': bidiagonalization and divide and conquer (svdBidiag.ts; absolute
 * accuracy; 1.4× Jacobi's speed at 128², 4× at 512²); 'auto' (default): divide and conquer where
 * min(m, n) > 40 and the row and the column norms are balanced, so that no scaling could
 * improve on its accuracy, else Jacobi.
 */
export type SvdMethod = 'auto' | 'jacobi' | 'divideAndConquer';

export interface SvdOptions {
  /** 'thin' (default): U m×k, V n×k, k = min(m, n); 'full': U m×m, V n×n; 'none': s only. */
  vectors?: SvdVectors;
  /** Cap on Jacobi sweeps (default MAX_JACOBI_SWEEPS); past it, ConvergenceFailure. */
  maxSweeps?: number;
  /** 'auto' (default), 'jacobi' or 'divideAndConquer'; maxSweeps with 'auto' means Jacobi. */
  method?: SvdMethod;
}

export interface SvdResult {
  /** Left singular vectors as columns, or null when vectors: 'none'. */
  U: Matrix | null;
  /** The min(m, n) singular values, non-negative and non-increasing. */
  s: Float64Array;
  /** Right singular vectors as columns, or null when vectors: 'none'. */
  V: Matrix | null;
}

/**
 * log2 of the largest entry after scaling, and of the smallest singular value kept. FLUSH stays
 * above the Jacobi kernel's negligible row norm (2^-484, assembly/jacobi.ts), so every row that
 * Jacobi leaves unrotated comes out as a flushed zero and is completed orthonormally.
 */
const TOP = 400;
const FLUSH = -480;

/** Jacobi sweeps allowed before ConvergenceFailure (typical runs need 5 to 12). */
export const MAX_JACOBI_SWEEPS = 60;

/**
 * A = U·diag(s)·Vᵀ.
 *
 * Accuracy (held by the tests): ‖A − U·diag(s)·Vᵀ‖_F ≤ c·max(m, n)·eps·‖A‖_F,
 * ‖UᵀU − I‖ and ‖VᵀV − I‖ ≤ c·n·eps with c a small constant; each singular value has absolute
 * error ≤ c·max(m, n)·eps·s₀, and high relative accuracy when A is a row and/or column scaling
 * of a well-conditioned matrix: 'auto' sends such A to Jacobi unless its row and column norms
 * lie within BALANCE (4) of each other, where no diagonal scaling could gain more than 4·√n.
 * Singular vectors of a cluster are accurate as a subspace only. Full U (tall A) and full V
 * (wide A) complete the column and null spaces orthonormally.
 *
 * @param a the m×n matrix
 * @param opts.vectors 'thin' (default), 'full' or 'none'
 * @param opts.maxSweeps cap on Jacobi sweeps (default MAX_JACOBI_SWEEPS)
 * @param opts.method 'auto' (default), 'jacobi' or 'divideAndConquer' (see SvdMethod)
 * @returns { U, s, V } with s non-negative and non-increasing
 * @throws {EmptyInput} when A has no entries (the message gives its shape)
 * @throws {NonFiniteInput} when A holds NaN or ±Infinity (the message gives the position)
 * @throws {InvalidArgument} for an unknown option or a value outside its set
 * @throws {ConvergenceFailure} when Jacobi exceeds maxSweeps sweeps, or a secular equation of
 *   divide and conquer its iteration cap (never a hang)
 * @throws {Overflow} when the largest singular value is beyond the f64 range (it can be up to
 *   √(mn)·max|a_ij|); rank, cond, pinv and the subspaces still work on such A
 * @example svd(Matrix.fromRows([[3, 0], [0, -4]])).s // Float64Array [4, 3]
 */
export function svd(a: Matrix, opts: SvdOptions = {}): SvdResult {
  checkOptions('svd', opts, ['vectors', 'maxSweeps', 'method']);
  const vectors = opts.vectors ?? 'thin';
  if (vectors !== 'thin' && vectors !== 'full' && vectors !== 'none') {
    throw new InvalidArgument(
      `svd: option 'vectors' must be 'thin', 'full' or 'none'; got ${shown(vectors)}`,
    );
  }
  const maxSweeps = opts.maxSweeps ?? MAX_JACOBI_SWEEPS;
  if (!Number.isInteger(maxSweeps) || maxSweeps < 1) {
    throw new InvalidArgument(
      `svd: option 'maxSweeps' must be an integer ≥ 1; got ${shown(maxSweeps)}`,
    );
  }
  let method = opts.method ?? 'auto';
  if (method !== 'auto' && method !== 'jacobi' && method !== 'divideAndConquer') {
    throw new InvalidArgument(
      `svd: option 'method' must be 'auto', 'jacobi' or 'divideAndConquer'; got ${shown(method)}`,
    );
  }
  if (opts.maxSweeps !== undefined) {
    if (method === 'divideAndConquer') {
      throw new InvalidArgument(
        "svd: option 'maxSweeps' caps Jacobi sweeps; it does not apply with method " +
          "'divideAndConquer'",
      );
    }
    method = 'jacobi';
  }
  return svdOf('svd', a, vectors, maxSweeps, method);
}

/**
 * svd for other functions of the library: validation messages name `fn`. Callers that must not
 * fail on singular values beyond the range pass A normalized (scaling.ts) and scale back. They
 * get the Jacobi path unless they ask otherwise: rank, cond, pinv and the subspaces rely on its
 * exact zeros for exactly rank-deficient inputs and its relative accuracy near their cutoffs.
 */
export function svdOf(
  fn: string, a: Matrix, vectors: SvdVectors, maxSweeps = MAX_JACOBI_SWEEPS,
  method: SvdMethod = 'jacobi',
): SvdResult {
  checkOperand(fn, 'A', a);
  const tall = a.rows >= a.cols;
  const large = Math.min(a.rows, a.cols) > DIVIDE_MIN;
  if (method === 'divideAndConquer' || (method === 'auto' && large)) {
    const f = svdBidiagonal(fn, a, vectors, method === 'divideAndConquer');
    if (f) return f;
  }
  const t = tall
    ? svdTall(fn, a.rows, a.cols, a.data, false, vectors, maxSweeps)
    : svdTall(fn, a.cols, a.rows, a.data, true, vectors, maxSweeps);
  if (tall) return t;
  return { U: t.V, s: t.s, V: t.U };
}

/**
 * SVD of the tall matrix T (m ≥ n). T is `data` (m×n row-major) or, when `transposed`, the
 * transpose of `data` (n×m row-major), so wide inputs need no separate copy.
 */
function svdTall(
  fn: string, m: number, n: number, data: Float64Array, transposed: boolean,
  vectors: SvdVectors, maxSweeps: number,
): SvdResult {
  const entry = transposed
    ? (i: number, j: number) => data[j * m + i]!
    : (i: number, j: number) => data[i * n + j]!;

  // Rows in order of decreasing ∞-norm; the largest entry sets the power-of-two scale.
  const rowNorm = new Float64Array(m);
  let amax = 0;
  for (let i = 0; i < m; i++) {
    let r = 0;
    for (let j = 0; j < n; j++) r = Math.max(r, Math.abs(entry(i, j)));
    rowNorm[i] = r;
    amax = Math.max(amax, r);
  }
  if (amax === 0) return zeroMatrixSvd(m, n, vectors);
  const perm = Array.from({ length: m }, (_, i) => i).sort((x, y) => rowNorm[y]! - rowNorm[x]!);
  const e = TOP - Math.floor(Math.log2(amax));

  return withScratch((s) => {
    const k = wasm();
    const pc = s.alloc(m * n);
    const ptau = s.alloc(n);
    const pjpvt = s.alloc(n);
    const pnorms = s.alloc(2 * n);
    const px = s.alloc(n * n);
    const pd = s.alloc(3 * n);
    const want = vectors !== 'none';
    const pv = want ? s.zeros(n * n) : 0;

    const c = f64View(pc, m * n);
    const [f1, f2] = pow2Pair(e);
    if (transposed) {
      for (let i = 0; i < m; i++) {
        const src = perm[i]!;
        for (let j = 0; j < n; j++) c[j * m + i] = data[j * m + src]! * f1 * f2;
      }
    } else {
      for (let i = 0; i < m; i++) {
        const src = perm[i]! * n;
        for (let j = 0; j < n; j++) c[j * m + i] = data[src + j]! * f1 * f2;
      }
    }
    k.dgeqp3(m, n, pc, m, ptau, pjpvt, pnorms, 1);

    const failed = (sweeps: number) => new ConvergenceFailure(
      `${fn}: one-sided Jacobi on the ${transposed ? `${n}×${m}` : `${m}×${n}`} ` +
        `argument 'A' did not converge within ${-sweeps} sweep${sweeps === -1 ? '' : 's'}`,
    );
    // The solved J loses orthogonality like cond₁(R)·eps (measured ≈ 1.3·cond₁·eps on random
    // matrices), so R itself is used only where that stays within the check of jacobiOnR.
    const direct = !want || k.dtrcond1(n, pc, m, pd) <= 2 * n;
    if (!direct) {
      return secondPreconditioning(s, m, n, pc, ptau, pjpvt, px, pv, pd, maxSweeps, failed, {
        fn, e, vectors, perm,
      });
    }
    const { sweeps } = jacobiOnR(s, n, pc, m, px, pv, pd, maxSweeps);
    if (sweeps < 0) throw failed(sweeps);
    k.djacobiFinish(n, n, px, n, pv, n, n, pd);
    const sigma = singularValues(fn, n, pd, e);
    if (!want) return { U: null, s: sigma, V: null };

    // R = Jᵀ·Σ·Wᵀ with X's rows w_i: U = Q·Jᵀ, V = P·W.
    const rank = sigma.findIndex((v) => v === 0);
    if (rank >= 0) completeRows(s, n, rank, px);
    const V = rightVectors(n, pjpvt, px);
    const U = leftVectors(s, m, n, vectors === 'full', pc, ptau, pv, perm);
    return { U, s: sigma, V };
  });
}

/** σ from the finished Jacobi norms at pd: tiny ones flushed to zero, the scaling 2^e undone. */
function singularValues(fn: string, n: number, pd: number, e: number): Float64Array {
  const sigma = f64View(pd, n).map((v) => (v < 2 ** FLUSH ? 0 : v));
  unscaleChecked(fn, 'singular value s', sigma, -e);
  return sigma;
}

/**
 * Vectors wanted and R ill conditioned: Drmač & Veselić's second preconditioning (LAPACK's
 * dgejsv). Rᵀ = Q₂·R₂ without pivoting, then Jacobi on the rows of R₂. Random square inputs give
 * cond₁(R) of 1e4 to 1e6, too large to solve for J from R, but R₂ row-scaled is far better
 * conditioned (41 to 160 at n = 128 to 512, against 480 to 3 500 for R row-scaled), and the J
 * solved from R₂ stays orthogonal to ~2·n·eps, so the rotations are not accumulated.
 * From J·R₂ = Σ·Wᵀ: R = R₂ᵀ·Q₂ᵀ = W·Σ·(Q₂·Jᵀ)ᵀ, so U = Q·W and V = P·Q₂·Jᵀ.
 */
function secondPreconditioning(
  s: Scratch, m: number, n: number, pc: number, ptau: number, pjpvt: number, px: number,
  pv: number, pd: number, maxSweeps: number, failed: (sweeps: number) => Error,
  ctx: { fn: string; e: number; vectors: SvdVectors; perm: number[] },
): SvdResult {
  const k = wasm();
  const pr2 = s.zeros(n * n);
  const ptau2 = s.alloc(n);
  const r = f64View(pc, m * n);
  const rt = f64View(pr2, n * n);
  for (let j = 0; j < n; j++) for (let i = j; i < n; i++) rt[j * n + i] = r[i * m + j]!;
  k.dgeqp3(n, n, pr2, n, ptau2, s.alloc(n), s.alloc(2 * n), 0);

  const { sweeps } = jacobiOnR(s, n, pr2, n, px, pv, pd, maxSweeps);
  if (sweeps < 0) throw failed(sweeps);
  k.djacobiFinish(n, n, px, n, pv, n, n, pd);
  const sigma = singularValues(ctx.fn, n, pd, ctx.e);

  const rank = sigma.findIndex((v) => v === 0);
  if (rank >= 0) completeRows(s, n, rank, px);
  applyQTransposed(s, n, n, n, pr2, n, ptau2, pv);
  const V = rightVectors(n, pjpvt, pv);
  const U = leftVectors(s, m, n, ctx.vectors === 'full', pc, ptau, px, ctx.perm);
  return { U, s: sigma, V };
}

/** The SVD of an all-zero tall matrix: s = 0, identity singular vectors. */
function zeroMatrixSvd(m: number, n: number, vectors: SvdVectors): SvdResult {
  const s = new Float64Array(n);
  if (vectors === 'none') return { U: null, s, V: null };
  return { U: Matrix.eye(m, vectors === 'full' ? m : n), s, V: Matrix.eye(n) };
}
