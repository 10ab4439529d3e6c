// The pseudoinverse and what follows from it: minimum-norm least-squares solutions, numerical
// rank and the 2-norm condition number, all through the Jacobi SVD of svd.ts.
//
// Cutoff: singular values at or below max(m, n)·eps·s₀ count as zero (relative to the largest,
// never absolute, so scaling A scales A⁺ inversely and nothing else changes). `rcond` replaces
// max(m, n)·eps by a caller's factor.
//
// Range: every function here works on A·2^e normalized to a largest entry in [1, 2) (exact,
// scaling.ts), where the singular values cannot overflow, and scales the result back; rank and
// cond do not depend on the scale at all. An answer that is truly beyond the f64 range (pinv of
// [[1e-310]]) raises Overflow naming the function; one that is representable (pinv of a matrix
// near 1.7e308, whose singular values overflow) comes out right. Known shortcoming: b is
// normalized too, so its entries below 2^−1022 of its largest lose bits (normwise harmless).
// Known shortcoming: the SVD flushes singular values below about 1e-265 of the largest entry
// to exact zeros (svd.ts), so even rcond: 0 counts them as zero: rank([[1, 0], [0, 1e-280]])
// is 1, cond is Infinity, and pinv and lstsq drop that direction.
import { InvalidArgument, ShapeMismatch, shapeOf, shown } from '../core/errors.js';
import { Matrix } from './matrix.js';
import { frobenius, matmul, norm2 } from './products.js';
import { fullRankSolve } from './fullrank.js';
import { normalized, normalizingExponent, scaledData, unscaleChecked } from './scaling.js';
import { svdOf, type SvdResult } from './svd.js';
import {
  checkArity, checkFinite, checkMatrix, checkNonEmpty, checkOperand, checkOptions, checkVector,
} from './validate.js';

export interface RcondOptions {
  /**
   * Relative cutoff: singular values ≤ rcond·s₀ count as zero. Default max(m, n)·eps. Values
   * below about 1e-265·max|a_ij| are zero already, whatever rcond (svd's range).
   */
  rcond?: number;
}

/** The cutoff below which singular values count as zero. */
export function cutoffOf(fn: string, a: Matrix, s: Float64Array, opts: RcondOptions): number {
  const rcond = opts.rcond ?? Math.max(a.rows, a.cols) * Number.EPSILON;
  if (typeof rcond !== 'number' || !(rcond >= 0) || !Number.isFinite(rcond)) {
    throw new InvalidArgument(
      `${fn}: option 'rcond' must be a finite number ≥ 0; got ${shown(rcond)}`,
    );
  }
  return rcond * (s[0] ?? 0);
}

function rankOf(s: Float64Array, cutoff: number): number {
  let r = 0;
  while (r < s.length && s[r]! > cutoff) r++;
  return r;
}

/**
 * The Moore–Penrose pseudoinverse A⁺ = V_r·diag(1/s)·U_rᵀ over the singular values above the
 * cutoff (see the file header); for A of certified full rank it is computed from one QR with
 * column pivoting instead (same result, see fullrank.ts). Accuracy: the four Penrose conditions
 * hold to c·max(m, n)·eps·cond_r(A) relative, cond_r = s₀/s_{r−1} the condition of the kept part.
 * @param a the m×n matrix
 * @param opts.rcond relative cutoff factor (default max(m, n)·eps)
 * @returns the n×m pseudoinverse
 * @throws {EmptyInput} | {NonFiniteInput} for an empty or non-finite A
 * @throws {Overflow} when an entry of A⁺ is beyond the f64 range (e.g. A = [[1e-310]])
 */
export function pinv(a: Matrix, opts: RcondOptions = {}): Matrix {
  checkOptions('pinv', opts, ['rcond']);
  checkOperand('pinv', 'A', a);
  const { As, e } = normalized(a);
  const P = pinvNormalized(As, opts);
  // (A·2^e)⁺ = A⁺·2^−e.
  unscaleChecked('pinv', 'A⁺ entry', P.data, e, P.cols);
  return P;
}

function pinvNormalized(a: Matrix, opts: RcondOptions): Matrix {
  if (opts.rcond === undefined) {
    // Full rank with a margin (certified in fullrank.ts): A⁺ = A⁺·I from one pivoted QR.
    const fast = fullRankSolve(a, Matrix.eye(a.rows));
    if (fast) return fast;
  }
  const f = svdOf('pinv', a, 'thin');
  const r = rankOf(f.s, cutoffOf('pinv', a, f.s, opts));
  if (r === 0) return new Matrix(a.cols, a.rows);
  const W = scaledRightVectors(f, r);
  return matmul(W, leading(f.U!, r), { transposeB: true, checkFinite: false });
}

/** V_r·diag(1/s_r), n×r. */
function scaledRightVectors(f: SvdResult, r: number): Matrix {
  const V = f.V!;
  const W = new Matrix(V.rows, r);
  for (let i = 0; i < V.rows; i++) {
    for (let j = 0; j < r; j++) W.data[i * r + j] = V.data[i * V.cols + j]! / f.s[j]!;
  }
  return W;
}

/** The first r columns of M. */
function leading(M: Matrix, r: number): Matrix {
  if (r === M.cols) return M;
  const out = new Matrix(M.rows, r);
  for (let i = 0; i < M.rows; i++) {
    out.data.set(M.data.subarray(i * M.cols, i * M.cols + r), i * r);
  }
  return out;
}

function checkRhs(fn: string, a: Matrix, b: unknown): Float64Array | Matrix {
  if (b instanceof Matrix) {
    checkNonEmpty(fn, 'B', b.rows, b.cols);
    if (b.rows !== a.rows) {
      throw new ShapeMismatch(
        `${fn}: A is ${shapeOf(a.rows, a.cols)} so 'B' must have ${a.rows} rows; ` +
          `got ${shapeOf(b.rows, b.cols)}`,
      );
    }
    checkFinite(fn, 'B', b.data, b.cols);
    return b;
  }
  const v = checkVector(fn, 'b', b);
  if (v.length !== a.rows) {
    throw new ShapeMismatch(
      `${fn}: A is ${shapeOf(a.rows, a.cols)} so 'b' must have length ${a.rows}; ` +
        `got length ${v.length}`,
    );
  }
  checkFinite(fn, 'b', v);
  return v;
}

/**
 * The solution in scaled units: As = A·2^e and Bs = B·2^f normalized, Xs = As⁺·Bs, so that
 * A⁺·B = Xs·2^(e−f) and A·X − B = (As·Xs − Bs)·2^−f; s are the singular values of As.
 */
interface Solved {
  As: Matrix; Bs: Matrix; Xs: Matrix; e: number; f: number; rank: number;
  s: Float64Array | null;
}

/**
 * A⁺·b, by QR with column pivoting when A has full rank with a margin (fullrank.ts), else by
 * the SVD. Callers that need the singular values anyway skip the fast path.
 */
function minNorm(
  fn: string, a: Matrix, b: unknown, opts: RcondOptions, wantSingularValues: boolean,
): Solved {
  checkMatrix(fn, 'A', a);
  checkNonEmpty(fn, 'A', a.rows, a.cols);
  const rhs = checkRhs(fn, a, b);
  checkFinite(fn, 'A', a.data, a.cols);
  const { As, e } = normalized(a);
  const B = rhs instanceof Matrix ? rhs.data : rhs;
  const f = normalizingExponent(B);
  const Bs = new Matrix(a.rows, B.length / a.rows, scaledData(B, f));
  if (opts.rcond === undefined && !wantSingularValues) {
    const fast = fullRankSolve(As, Bs);
    const r = Math.min(a.rows, a.cols);
    if (fast) return { As, Bs, Xs: fast, e, f, rank: r, s: null };
  }
  const svd = svdOf(fn, As, 'thin');
  const r = rankOf(svd.s, cutoffOf(fn, a, svd.s, opts));
  let Xs: Matrix;
  if (r === 0) Xs = new Matrix(a.cols, Bs.cols);
  else {
    // X = V_r·diag(1/s)·(U_rᵀ·B): the small r×k middle factor first.
    const C = matmul(leading(svd.U!, r), Bs, { transposeA: true, checkFinite: false });
    Xs = matmul(scaledRightVectors(svd, r), C, { checkFinite: false });
  }
  return { As, Bs, Xs, e, f, rank: r, s: svd.s };
}

/** A⁺·B in the caller's units, as a vector when b was one. */
function unscaledSolution(fn: string, sol: Solved, matrixRhs: boolean): Float64Array | Matrix {
  const X = new Matrix(sol.Xs.rows, sol.Xs.cols, sol.Xs.data.slice());
  unscaleChecked(fn, matrixRhs ? 'X entry' : 'x', X.data, sol.e - sol.f, matrixRhs ? X.cols : 0);
  return matrixRhs ? X : X.data;
}

/**
 * The minimum-norm least-squares solution A⁺·b: of all x minimizing ‖A·x − b‖ the one of least
 * ‖x‖ (for wide A of full row rank, the solution of A·x = b nearest the origin, in A's row
 * space). Same cutoff and accuracy as pinv.
 * @param a the n×d matrix
 * @param b a vector of length n, or an n×k Matrix (then each column is solved)
 * @returns x of length d, or a d×k Matrix: the same kind as b
 * @throws {ShapeMismatch} when b does not have A's number of rows
 * @throws {EmptyInput} | {NonFiniteInput} for an empty or non-finite A or b
 * @throws {Overflow} when an entry of the solution is beyond the f64 range
 */
export function minNormSolution(a: Matrix, b: Float64Array | readonly number[]): Float64Array;
export function minNormSolution(a: Matrix, b: Matrix): Matrix;
export function minNormSolution(
  a: Matrix, b: Float64Array | readonly number[] | Matrix,
): Float64Array | Matrix {
  checkArity('minNormSolution', arguments, 2, '; for a cutoff use lstsq(A, b, { rcond })');
  const sol = minNorm('minNormSolution', a, b, {}, false);
  return unscaledSolution('minNormSolution', sol, b instanceof Matrix);
}

/**
 * Least squares with diagnostics: x = A⁺·b (as minNormSolution), the residual ‖A·x − b‖
 * (Frobenius norm for a Matrix b), the numerical rank and the singular values of A.
 * @throws {ShapeMismatch} | {EmptyInput} | {NonFiniteInput} | {Overflow} as minNormSolution;
 *   Overflow also when the residual or a singular value is beyond the f64 range
 */
export function lstsq(a: Matrix, b: Float64Array | readonly number[], opts?: RcondOptions): {
  x: Float64Array; residual: number; rank: number; s: Float64Array;
};
export function lstsq(a: Matrix, b: Matrix, opts?: RcondOptions): {
  x: Matrix; residual: number; rank: number; s: Float64Array;
};
export function lstsq(
  a: Matrix, b: Float64Array | readonly number[] | Matrix, opts: RcondOptions = {},
): { x: Float64Array | Matrix; residual: number; rank: number; s: Float64Array } {
  checkOptions('lstsq', opts, ['rcond']);
  const sol = minNorm('lstsq', a, b, opts, true);
  const x = unscaledSolution('lstsq', sol, b instanceof Matrix);
  const R = matmul(sol.As, sol.Xs, { checkFinite: false });
  for (let i = 0; i < R.data.length; i++) R.data[i] = R.data[i]! - sol.Bs.data[i]!;
  const res = Float64Array.of(b instanceof Matrix ? frobenius(R) : norm2(R.data));
  unscaleChecked('lstsq', 'residual', res, -sol.f);
  const s = sol.s!.slice();
  unscaleChecked('lstsq', 'singular value s', s, -sol.e);
  return { x, residual: res[0]!, rank: sol.rank, s };
}

/**
 * Numerical rank: the number of singular values above the cutoff (see the file header).
 * @throws {EmptyInput} | {NonFiniteInput} for an empty or non-finite A
 */
export function rank(a: Matrix, opts: RcondOptions = {}): number {
  checkOptions('rank', opts, ['rcond']);
  checkOperand('rank', 'A', a);
  const { s } = svdOf('rank', normalized(a).As, 'none');
  return rankOf(s, cutoffOf('rank', a, s, opts));
}

/**
 * 2-norm condition number s₀/s_{k−1}, k = min(m, n); Infinity when s_{k−1} = 0. The smallest
 * singular value is found to high relative accuracy when A allows it (see svd).
 * @throws {EmptyInput} | {NonFiniteInput} for an empty or non-finite A
 */
export function cond(a: Matrix): number {
  checkArity('cond', arguments, 1);
  checkOperand('cond', 'A', a);
  const { s } = svdOf('cond', normalized(a).As, 'none');
  const last = s[s.length - 1]!;
  return last === 0 ? Infinity : s[0]! / last;
}
