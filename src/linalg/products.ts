// Products and norms: the TS face of the BLAS kernels. Each call validates, copies its operands
// into scratch Wasm memory, runs one kernel and copies the result out (O(n²) copies beside O(n³)
// work for matmul).
import { ShapeMismatch, shapeOf } from '../core/errors.js';
import { withScratch } from '../core/memory.js';
import { wasm } from '../core/wasm.js';
import { Matrix } from './matrix.js';
import {
  checkFinite, checkOperand, checkResult, checkScalar, checkVector, type VectorLike,
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
 * @throws {Overflow} when finite operands give an entry beyond the f64 range (unless
 *   checkFinite: false, which returns IEEE results: ±Infinity or NaN)
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
    const c = s.copyOut(pc, m * n);
    if (finite) checkResult('matmul', c, n);
    return new Matrix(m, n, c);
  });
}

/**
 * y = op(A) · x.
 * @param a the m×n matrix
 * @param x a vector of length n (or m when transposed)
 * @throws {ShapeMismatch} when x's length does not match
 * @throws {NonFiniteInput} | {Overflow} for a non-finite operand or an overflowing result
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
    const y = s.copyOut(py, outLen);
    checkResult('matvec', y);
    return y;
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
  checkFinite(fn, 'x', xv);
  checkFinite(fn, 'y', yv);
  return [xv, yv];
}

// The vector functions follow matmul: NaN or ±Infinity in is NonFiniteInput, a finite input
// whose result overflows is Overflow, so no call hands back a non-finite number silently.

/**
 * xᵀy.
 * @throws {ShapeMismatch} | {NonFiniteInput} | {Overflow}
 */
export function dot(x: VectorLike, y: VectorLike): number {
  const [xv, yv] = vectorPair('dot', x, y);
  const r = withScratch((s) => wasm().ddot(xv.length, s.copyIn(xv), s.copyIn(yv)));
  checkResult('dot', Float64Array.of(r));
  return r;
}

/**
 * alpha·x + y, as a new vector.
 * @throws {ShapeMismatch} | {NonFiniteInput} | {Overflow}; RangeError for a non-finite alpha
 */
export function axpy(alpha: number, x: VectorLike, y: VectorLike): Float64Array {
  checkScalar('axpy', 'alpha', alpha);
  const [xv, yv] = vectorPair('axpy', x, y);
  const r = withScratch((s) => {
    const py = s.copyIn(yv);
    wasm().daxpy(xv.length, alpha, s.copyIn(xv), py);
    return s.copyOut(py, yv.length);
  });
  checkResult('axpy', r);
  return r;
}

/**
 * alpha·x, as a new vector.
 * @throws {NonFiniteInput} | {Overflow}; RangeError for a non-finite alpha
 */
export function scale(alpha: number, x: VectorLike): Float64Array {
  checkScalar('scale', 'alpha', alpha);
  const xv = checkVector('scale', 'x', x);
  checkFinite('scale', 'x', xv);
  const r = withScratch((s) => {
    const px = s.copyIn(xv);
    wasm().dscal(xv.length, alpha, px);
    return s.copyOut(px, xv.length);
  });
  checkResult('scale', r);
  return r;
}

/**
 * ‖x‖₂, scaled so that entries near 1e300 do not overflow and entries near 1e-300 do not
 * underflow. The empty vector has norm 0.
 * @throws {NonFiniteInput} for NaN or ±Infinity in x; {Overflow} when ‖x‖ > 1.8e308
 */
export function norm2(x: VectorLike): number {
  const xv = checkVector('norm2', 'x', x);
  checkFinite('norm2', 'x', xv);
  const r = withScratch((s) => wasm().dnrm2(xv.length, s.copyIn(xv)));
  checkResult('norm2', Float64Array.of(r));
  return r;
}

/**
 * ‖A‖_F, with the same scaling as norm2.
 * @throws {EmptyInput} | {NonFiniteInput} | {Overflow}
 */
export function frobenius(a: Matrix): number {
  checkOperand('frobenius', 'A', a);
  return norm2(a.data);
}
