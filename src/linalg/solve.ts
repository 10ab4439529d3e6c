// Square linear systems by LU with partial pivoting (assembly/lu.ts).
import { ShapeMismatch, SingularMatrix, shapeOf } from '../core/errors.js';
import { f64View, withScratch } from '../core/memory.js';
import { wasm } from '../core/wasm.js';
import { Matrix } from './matrix.js';
import { checkFinite, checkOperand, checkVector } from './validate.js';

/**
 * x with A·x = b for square A, by Gaussian elimination with partial pivoting.
 *
 * A is declared singular when a pivot is at or below n·eps·max|a_ij|: exactly singular
 * systems (a zero pivot) and those singular to working precision fail loudly instead of
 * returning Infinity, NaN or a meaningless huge x. Use minNormSolution for those.
 * Accuracy: backward error ‖A·x − b‖ ≤ c·n·eps·g·‖A‖·‖x‖ with g the pivot growth (small in
 * practice); forward error grows with cond(A).
 * @param a the n×n matrix
 * @param b a vector of length n, or an n×k Matrix
 * @returns x of the same kind as b
 * @throws {ShapeMismatch} when A is not square or b does not have n rows
 * @throws {SingularMatrix} when A is singular to working precision (see above)
 * @throws {EmptyInput} | {NonFiniteInput} for an empty or non-finite A or b
 */
export function solve(a: Matrix, b: Float64Array | readonly number[]): Float64Array;
export function solve(a: Matrix, b: Matrix): Matrix;
export function solve(
  a: Matrix, b: Float64Array | readonly number[] | Matrix,
): Float64Array | Matrix {
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

  const x = withScratch((s) => {
    const kern = wasm();
    const pa = s.copyIn(a.data);
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
    const p = f64View(piv, n);
    const dst = f64View(pb, n * k);
    for (let i = 0; i < n; i++) dst.set(rhs.subarray(p[i]! * k, p[i]! * k + k), i * k);
    kern.dgetrs(n, k, pa, n, pb, k);
    return s.copyOut(pb, n * k);
  });
  return b instanceof Matrix ? new Matrix(n, k, x) : x;
}
