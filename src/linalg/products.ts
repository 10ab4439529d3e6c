// Products and norms: the TS face of the BLAS kernels. Each call validates, copies its operands
// into scratch Wasm memory, runs one kernel and copies the result out (O(n²) copies beside O(n³)
// work for matmul). Operands must be non-empty and, unless `checkFinite: false`, finite; then
// the result must be finite too, or the call throws Overflow: no product or norm hands back
// ±Infinity or NaN from finite input without an error. Options follow checkOptions/checkFlag:
// an object or undefined, flags true, false or absent, else InvalidArgument.
import { ShapeMismatch, shapeOf } from '../core/errors.js';
import { withScratch } from '../core/memory.js';
import { wasm } from '../core/wasm.js';
import { Matrix } from './matrix.js';
import {
  checkFlag, checkMatrix, checkNonEmpty, checkOptions, checkResult, checkResultAt, checkScalar,
  checkVector, copyInChecked, type VectorLike,
} from './validate.js';

/** Options shared by every product and norm. */
export interface FiniteOptions {
  /** Reject NaN and ±Infinity in the operands (default true). */
  checkFinite?: boolean;
}

export interface MatmulOptions extends FiniteOptions {
  /** Use Aᵀ in place of A. */
  transposeA?: boolean;
  /** Use Bᵀ in place of B. */
  transposeB?: boolean;
  /**
   * Multiply the product by this finite scalar (default 1). As in reference BLAS, alpha = 0
   * gives the zero matrix without forming the product, so even with checkFinite: false no
   * NaN of the operands reaches it.
   */
  alpha?: number;
}

export interface MatvecOptions extends FiniteOptions {
  /** Use Aᵀ in place of A. */
  transpose?: boolean;
}

function finiteFlag(fn: string, opts: FiniteOptions): boolean {
  return checkFlag(fn, 'checkFinite', opts.checkFinite, true);
}

function checkedMatrix(fn: string, name: string, value: unknown): Matrix {
  const m = checkMatrix(fn, name, value);
  checkNonEmpty(fn, name, m.rows, m.cols);
  return m;
}

function checkedVector(fn: string, name: string, value: unknown): Float64Array {
  const v = checkVector(fn, name, value);
  checkNonEmpty(fn, name, v.length);
  return v;
}

/**
 * C = alpha · op(A) · op(B), computed by the packed SIMD dgemm kernel.
 * @param a left factor; op(A) is m×k
 * @param b right factor; op(B) is k×n
 * @param opts transposeA, transposeB, alpha (finite, default 1), checkFinite (default true)
 * @returns the m×n product, a new Matrix
 * @throws {InvalidArgument} when an operand is not a Matrix, alpha is not a number, opts is
 *   not an object or undefined, or a flag is not true, false or absent
 * @throws {EmptyInput} when an operand has no entries
 * @throws {ShapeMismatch} when the inner dimensions differ (both shapes and flags are named)
 * @throws {NonFiniteInput} when alpha, or an operand entry unless checkFinite is false, is
 *   NaN or ±Infinity
 * @throws {Overflow} when finite operands give an entry beyond the f64 range (with
 *   checkFinite: false the IEEE result, ±Infinity or NaN, is returned instead)
 * @example matmul(Matrix.fromRows([[1, 2], [3, 4]]), Matrix.eye(2)).toArray() // [[1, 2], [3, 4]]
 */
export function matmul(a: Matrix, b: Matrix, opts?: MatmulOptions): Matrix {
  const o = checkOptions('matmul', opts,
    ['transposeA', 'transposeB', 'alpha', 'checkFinite']);
  const transposeA = checkFlag('matmul', 'transposeA', o.transposeA, false);
  const transposeB = checkFlag('matmul', 'transposeB', o.transposeB, false);
  const finite = finiteFlag('matmul', o);
  checkedMatrix('matmul', 'A', a);
  checkedMatrix('matmul', 'B', b);
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
  const alpha = o.alpha === undefined ? 1 : checkScalar('matmul', 'alpha', o.alpha);
  return withScratch((s) => {
    const pa = copyInChecked(s, 'matmul', 'A', a.data, finite, a.cols);
    const pb = copyInChecked(s, 'matmul', 'B', b.data, finite, b.cols);
    const pc = s.alloc(m * n);
    wasm().dgemm(+transposeA, +transposeB, m, n, k, alpha, pa, a.cols, pb, b.cols, 0, pc, n);
    if (finite) checkResultAt('matmul', pc, m * n, n);
    return new Matrix(m, n, s.copyOut(pc, m * n));
  });
}

/**
 * y = op(A) · x, computed by the dgemv kernel.
 * @param a the m×n matrix
 * @param x a vector of length n (m when transposed)
 * @param opts transpose (default false), checkFinite (default true)
 * @returns op(A)·x, a new vector of length m (n when transposed)
 * @throws {InvalidArgument} when A is not a Matrix, x not a vector, or an option not true,
 *   false or absent
 * @throws {EmptyInput} when A has no entries
 * @throws {ShapeMismatch} when x's length does not match
 * @throws {NonFiniteInput} when A or x holds NaN or ±Infinity (unless checkFinite: false)
 * @throws {Overflow} when the result leaves the f64 range (unless checkFinite: false)
 */
export function matvec(a: Matrix, x: VectorLike, opts?: MatvecOptions): Float64Array {
  const o = checkOptions('matvec', opts, ['transpose', 'checkFinite']);
  const transpose = checkFlag('matvec', 'transpose', o.transpose, false);
  const finite = finiteFlag('matvec', o);
  checkedMatrix('matvec', 'A', a);
  const xv = checkVector('matvec', 'x', x);
  const [outLen, inLen] = transpose ? [a.cols, a.rows] : [a.rows, a.cols];
  if (xv.length !== inLen) {
    throw new ShapeMismatch(
      `matvec: A is ${shapeOf(a.rows, a.cols)} (transpose: ${transpose}) so 'x' must have ` +
        `length ${inLen}; got length ${xv.length}`,
    );
  }
  return withScratch((s) => {
    const pa = copyInChecked(s, 'matvec', 'A', a.data, finite, a.cols);
    const px = copyInChecked(s, 'matvec', 'x', xv, finite);
    const py = s.alloc(outLen);
    wasm().dgemv(+transpose, a.rows, a.cols, 1, pa, a.cols, px, 0, py);
    if (finite) checkResultAt('matvec', py, outLen);
    return s.copyOut(py, outLen);
  });
}

function vectorPair(fn: string, x: VectorLike, y: VectorLike): [Float64Array, Float64Array] {
  const xv = checkedVector(fn, 'x', x);
  const yv = checkedVector(fn, 'y', y);
  if (xv.length !== yv.length) {
    throw new ShapeMismatch(
      `${fn}: 'x' and 'y' must have the same length; got ${xv.length} and ${yv.length}`,
    );
  }
  return [xv, yv];
}

/**
 * The inner product xᵀy.
 * @throws {EmptyInput} when x or y is empty
 * @throws {ShapeMismatch} when the lengths differ
 * @throws {NonFiniteInput} when an entry is NaN or ±Infinity (unless checkFinite: false)
 * @throws {Overflow} when the result leaves the f64 range (unless checkFinite: false)
 */
export function dot(x: VectorLike, y: VectorLike, opts?: FiniteOptions): number {
  const finite = finiteFlag('dot', checkOptions('dot', opts, ['checkFinite']));
  const [xv, yv] = vectorPair('dot', x, y);
  const r = withScratch((s) => wasm().ddot(
    xv.length, copyInChecked(s, 'dot', 'x', xv, finite), copyInChecked(s, 'dot', 'y', yv, finite),
  ));
  if (finite) checkResult('dot', Float64Array.of(r));
  return r;
}

/**
 * alpha·x + y, as a new vector.
 * @param alpha a finite scalar
 * @throws {EmptyInput} when x or y is empty
 * @throws {ShapeMismatch} when the lengths differ
 * @throws {NonFiniteInput} when alpha, or an entry unless checkFinite is false, is not finite
 * @throws {Overflow} when the result leaves the f64 range (unless checkFinite: false)
 */
export function axpy(
  alpha: number, x: VectorLike, y: VectorLike, opts?: FiniteOptions,
): Float64Array {
  const finite = finiteFlag('axpy', checkOptions('axpy', opts, ['checkFinite']));
  checkScalar('axpy', 'alpha', alpha);
  const [xv, yv] = vectorPair('axpy', x, y);
  return withScratch((s) => {
    const px = copyInChecked(s, 'axpy', 'x', xv, finite);
    const py = copyInChecked(s, 'axpy', 'y', yv, finite);
    wasm().daxpy(xv.length, alpha, px, py);
    if (finite) checkResultAt('axpy', py, yv.length);
    return s.copyOut(py, yv.length);
  });
}

/**
 * alpha·x, as a new vector.
 * @throws {EmptyInput} when x is empty
 * @throws {NonFiniteInput} when alpha, or an entry unless checkFinite is false, is not finite
 * @throws {Overflow} when the result leaves the f64 range (unless checkFinite: false)
 */
export function scale(alpha: number, x: VectorLike, opts?: FiniteOptions): Float64Array {
  const finite = finiteFlag('scale', checkOptions('scale', opts, ['checkFinite']));
  checkScalar('scale', 'alpha', alpha);
  const xv = checkedVector('scale', 'x', x);
  return withScratch((s) => {
    const px = copyInChecked(s, 'scale', 'x', xv, finite);
    wasm().dscal(xv.length, alpha, px);
    if (finite) checkResultAt('scale', px, xv.length);
    return s.copyOut(px, xv.length);
  });
}

/**
 * ‖x‖₂, scaled by the largest magnitude first so that entries near 1e300 do not overflow and
 * entries near 1e-300 (subnormals included) do not underflow; relative error a few ulps·√n.
 * With checkFinite: false, a NaN entry gives NaN and an infinite one Infinity.
 * @throws {EmptyInput} when x is empty
 * @throws {NonFiniteInput} when an entry is NaN or ±Infinity (unless checkFinite: false)
 * @throws {Overflow} when the result leaves the f64 range (unless checkFinite: false)
 */
export function norm2(x: VectorLike, opts?: FiniteOptions): number {
  const finite = finiteFlag('norm2', checkOptions('norm2', opts, ['checkFinite']));
  const xv = checkedVector('norm2', 'x', x);
  const r = withScratch((s) => wasm().dnrm2(xv.length, copyInChecked(s, 'norm2', 'x', xv, finite)));
  if (finite) checkResult('norm2', Float64Array.of(r));
  return r;
}

/**
 * ‖A‖_F, with the same scaling as norm2.
 * @throws {EmptyInput} when A has no entries
 * @throws {NonFiniteInput} when an entry is NaN or ±Infinity (unless checkFinite: false)
 * @throws {Overflow} when the result leaves the f64 range (unless checkFinite: false)
 */
export function frobenius(a: Matrix, opts?: FiniteOptions): number {
  const finite = finiteFlag('frobenius', checkOptions('frobenius', opts, ['checkFinite']));
  checkedMatrix('frobenius', 'A', a);
  const r = withScratch((s) => wasm().dnrm2(
    a.size, copyInChecked(s, 'frobenius', 'A', a.data, finite, a.cols),
  ));
  if (finite) checkResult('frobenius', Float64Array.of(r));
  return r;
}
