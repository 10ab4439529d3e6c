// Square linear systems by LU with partial pivoting (assembly/lu.ts). A and b are normalized
// by powers of two first (scaling.ts: A·2^e, b·2^f, exact), so that tiny or huge entries
// neither overflow nor underflow inside the elimination; x = x_s·2^(e−f) is scaled back and
// checked. Known shortcoming: in the scaled system x_s is bounded only by the pivot and
// condition tests, so a system passing them whose x_s overflows (growth beyond 1e308 in the
// triangular solves) is reported as Overflow even if x itself would fit. Also, entries of b
// below 2^−1022 of its largest lose bits in the scaling (the normwise accuracy below still
// holds).
import { ShapeMismatch, SingularMatrix, shapeOf } from '../core/errors.js';
import { f64View, withScratch } from '../core/memory.js';
import { wasm } from '../core/wasm.js';
import { Matrix } from './matrix.js';
import { normalizingExponent, scaledData, unscaleChecked } from './scaling.js';
import { checkArity, checkFinite, checkOperand, checkVector } from './validate.js';

/** ‖A‖₁, the largest column sum of |a_ij|, for the n×n row-major data. */
function norm1(data: Float64Array, n: number): number {
  const sums = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) sums[j] = sums[j]! + Math.abs(data[i * n + j]!);
  }
  return sums.reduce((m, v) => Math.max(m, v), 0);
}

/**
 * x with A·x = b for square A, by Gaussian elimination with partial pivoting.
 *
 * A is declared singular when a pivot is at or below n·eps·max|a_ij|, or when the reciprocal
 * of its 1-norm condition number, estimated from the LU factors (Hager, Higham; LAPACK's
 * dgecon), is at or below n·eps: exactly singular systems and those singular to working
 * precision fail loudly instead of returning Infinity, NaN or a meaningless huge x. Use
 * minNormSolution for those.
 * Accuracy: backward error ‖A·x − b‖ ≤ c·n·eps·g·‖A‖·‖x‖ with g the pivot growth (small in
 * practice); forward error grows with cond(A).
 * @param a the n×n matrix
 * @param b a vector of length n, or an n×k Matrix
 * @returns x of the same kind as b
 * @throws {ShapeMismatch} when A is not square or b does not have n rows
 * @throws {SingularMatrix} when A is singular to working precision (see above)
 * @throws {EmptyInput} | {NonFiniteInput} for an empty or non-finite A or b
 * @throws {Overflow} when an entry of x is beyond the f64 range (A = [[1e-300]], b = [1e300])
 */
export function solve(a: Matrix, b: Float64Array | readonly number[]): Float64Array;
export function solve(a: Matrix, b: Matrix): Matrix;
export function solve(
  a: Matrix, b: Float64Array | readonly number[] | Matrix,
): Float64Array | Matrix {
  checkArity('solve', arguments, 2);
  checkOperand('solve', 'A', a);
  const n = a.rows;
  if (a.cols !== n) {
    throw new ShapeMismatch(
      `solve: argument 'A' must be square; got ${shapeOf(a.rows, a.cols)} ` +
        '(use minNormSolution or lstsq for rectangular systems)',
    );
  }
  let rhs: Float64Array;
  let k = 1;
  if (b instanceof Matrix) {
    checkOperand('solve', 'B', b);
    if (b.rows !== n) {
      throw new ShapeMismatch(
        `solve: A is ${shapeOf(n, n)} so 'B' must have ${n} rows; got ${shapeOf(b.rows, b.cols)}`,
      );
    }
    rhs = b.data;
    k = b.cols;
  } else {
    rhs = checkVector('solve', 'b', b, n);
    checkFinite('solve', 'b', rhs);
  }

  const e = normalizingExponent(a.data);
  const f = normalizingExponent(rhs);
  const rhsScaled = scaledData(rhs, f);
  const x = withScratch((s) => {
    const kern = wasm();
    const scaledA = scaledData(a.data, e);
    const anorm = norm1(scaledA, n);
    const pa = s.copyIn(scaledA);
    const piv = s.alloc(n);
    const pb = s.alloc(n * k);
    const smallest = kern.dgetrf(n, pa, n, piv);
    if (smallest <= n * Number.EPSILON) {
      throw new SingularMatrix(
        `solve: argument 'A' (${shapeOf(n, n)}) is singular to working precision: ` +
          `smallest pivot / max|a_ij| = ${smallest.toExponential(2)} ≤ n·eps; ` +
          'use minNormSolution or lstsq for the least-squares solution',
      );
    }
    // The pivots can all be fine while A is singular to working precision (cond₁ ~ 1e17 from
    // rounded rank-deficient data): the 1-norm condition estimate catches those.
    const rcond = 1 / (anorm * kern.dgecon1(n, pa, n, piv, s.alloc(3 * n)));
    if (!(rcond > n * Number.EPSILON)) {
      throw new SingularMatrix(
        `solve: argument 'A' (${shapeOf(n, n)}) is singular to working precision: ` +
          `estimated 1/cond₁(A) = ${rcond.toExponential(2)} ≤ n·eps; ` +
          'use minNormSolution or lstsq for the least-squares solution',
      );
    }
    const p = f64View(piv, n);
    const dst = f64View(pb, n * k);
    for (let i = 0; i < n; i++) dst.set(rhsScaled.subarray(p[i]! * k, p[i]! * k + k), i * k);
    kern.dgetrs(n, k, pa, n, pb, k);
    return s.copyOut(pb, n * k);
  });
  // A = A_s·2^−e and b = b_s·2^−f, so x = A_s⁻¹·b_s·2^(e−f).
  const many = b instanceof Matrix;
  unscaleChecked('solve', many ? 'X entry' : 'x', x, e - f, many ? k : 0);
  return b instanceof Matrix ? new Matrix(n, k, x) : x;
}
