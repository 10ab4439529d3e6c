// Products and norms: the TS face of the BLAS kernels. Each call validates, copies its operands
// into scratch Wasm memory, runs one kernel and copies the result out (O(n²) copies beside O(n³)
// work for matmul).
import { ShapeMismatch, shapeOf } from '../core/errors.js';
import { withScratch } from '../core/memory.js';
import { wasm } from '../core/wasm.js';
import { Matrix } from './matrix.js';
import {
  checkFinite, checkMatrix, checkNonEmpty, checkOperand, checkVector, type VectorLike,
} from './validate.js';

export interface MatmulOptions {
  /** Use Aᵀ in place of A. */
  transposeA?: boolean;
  /** Use Bᵀ in place of B. */
  transposeB?: boolean;
  /** Multiply the product by this scalar (default 1). */
  alpha?: number;
  /** Reject NaN and ±Infinity in the operands (default true). */
  checkFinite?: boolean;
}

/**
 * C = alpha · op(A) · op(B).
 * @param a left factor; op(A) is m×k
 * @param b right factor; op(B) is k×n
 * @returns the m×n product, a new Matrix
 * @throws {ShapeMismatch} when the inner dimensions differ (both shapes and flags are named)
 * @throws {EmptyInput} when an operand has no entries
 * @throws {NonFiniteInput} when an operand holds NaN or ±Infinity (unless checkFinite: false)
 * @example matmul(Matrix.fromRows([[1, 2], [3, 4]]), Matrix.eye(2)).toArray() // [[1, 2], [3, 4]]
 */
export function matmul(a: Matrix, b: Matrix, opts: MatmulOptions = {}): Matrix {
  const { transposeA = false, transposeB = false, alpha = 1 } = opts;
  const finite = opts.checkFinite ?? true;
  checkOperand('matmul', 'A', a, finite);
  checkOperand('matmul', 'B', b, finite);
  const [m, k] = transposeA ? [a.cols, a.rows] : [a.rows, a.cols];
  const [kb, n] = transposeB ? [b.cols, b.rows] : [b.rows, b.cols];
  if (k !== kb) {
    throw new ShapeMismatch(
      `matmul: inner dimensions of 'A' and 'B' differ; A is ${shapeOf(a.rows, a.cols)}` +
        ` (transposeA: ${transposeA}), B is ${shapeOf(b.rows, b.cols)}` +
        ` (transposeB: ${transposeB}), so op(A) is ${shapeOf(m, k)} and op(B) is` +
        ` ${shapeOf(kb, n)}; expected op(A).cols = op(B).rows`,
    );
  }
  if (!Number.isFinite(alpha)) {
    throw new RangeError(`matmul: option 'alpha' must be finite; got ${alpha}`);
  }
  return withScratch((s) => {
    const pa = s.copyIn(a.data);
    const pb = s.copyIn(b.data);
    const pc = s.alloc(m * n);
    wasm().dgemm(+transposeA, +transposeB, m, n, k, alpha, pa, a.cols, pb, b.cols, 0, pc, n);
    return new Matrix(m, n, s.copyOut(pc, m * n));
  });
}

/**
 * y = op(A) · x.
 * @param a the m×n matrix
 * @param x a vector of length n (or m when transposed)
 * @throws {ShapeMismatch} when x's length does not match
 */
export function matvec(a: Matrix, x: VectorLike, opts: { transpose?: boolean } = {}) {
  const transpose = opts.transpose ?? false;
  checkOperand('matvec', 'A', a);
  const xv = checkVector('matvec', 'x', x);
  const [outLen, inLen] = transpose ? [a.cols, a.rows] : [a.rows, a.cols];
  if (xv.length !== inLen) {
    throw new ShapeMismatch(
      `matvec: A is ${shapeOf(a.rows, a.cols)} (transpose: ${transpose}) so 'x' must have ` +
        `length ${inLen}; got length ${xv.length}`,
    );
  }
  checkFinite('matvec', 'x', xv);
  return withScratch((s) => {
    const pa = s.copyIn(a.data);
    const px = s.copyIn(xv);
    const py = s.alloc(outLen);
    wasm().dgemv(+transpose, a.rows, a.cols, 1, pa, a.cols, px, 0, py);
    return s.copyOut(py, outLen);
  });
}

function vectorPair(fn: string, x: VectorLike, y: VectorLike): [Float64Array, Float64Array] {
  const xv = checkVector(fn, 'x', x);
  const yv = checkVector(fn, 'y', y);
  if (xv.length !== yv.length) {
    throw new ShapeMismatch(
      `${fn}: 'x' and 'y' must have the same length; got ${xv.length} and ${yv.length}`,
    );
  }
  return [xv, yv];
}

/** xᵀy. */
export function dot(x: VectorLike, y: VectorLike): number {
  const [xv, yv] = vectorPair('dot', x, y);
  return withScratch((s) => wasm().ddot(xv.length, s.copyIn(xv), s.copyIn(yv)));
}

/** alpha·x + y, as a new vector. */
export function axpy(alpha: number, x: VectorLike, y: VectorLike): Float64Array {
  const [xv, yv] = vectorPair('axpy', x, y);
  return withScratch((s) => {
    const py = s.copyIn(yv);
    wasm().daxpy(xv.length, alpha, s.copyIn(xv), py);
    return s.copyOut(py, yv.length);
  });
}

/** alpha·x, as a new vector. */
export function scale(alpha: number, x: VectorLike): Float64Array {
  const xv = checkVector('scale', 'x', x);
  return withScratch((s) => {
    const px = s.copyIn(xv);
    wasm().dscal(xv.length, alpha, px);
    return s.copyOut(px, xv.length);
  });
}

/**
 * ‖x‖₂, scaled so that entries near 1e300 do not overflow and entries near 1e-300 do not
 * underflow. NaN in, NaN out; an infinite entry gives Infinity. The empty vector has norm 0.
 */
export function norm2(x: VectorLike): number {
  const xv = checkVector('norm2', 'x', x);
  return withScratch((s) => wasm().dnrm2(xv.length, s.copyIn(xv)));
}

/** ‖A‖_F, with the same scaling as norm2. */
export function frobenius(a: Matrix): number {
  checkMatrix('frobenius', 'A', a);
  checkNonEmpty('frobenius', 'A', a.rows, a.cols);
  return norm2(a.data);
}
