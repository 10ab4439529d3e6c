// Argument checks at the TypeScript boundary; kernels trust what passes here.
import {
  EmptyInput, InvalidArgument, NonFiniteInput, ShapeMismatch, shapeOf,
} from '../core/errors.js';
import { Matrix } from './matrix.js';

/** Anything a vector argument may be given as. */
export type VectorLike = Float64Array | readonly number[];

export function checkMatrix(fn: string, name: string, value: unknown): Matrix {
  if (!(value instanceof Matrix)) {
    const kind = value === null ? 'null' : typeof value;
    throw new InvalidArgument(`${fn}: argument '${name}' must be a Matrix; got ${kind}`);
  }
  return value;
}

export function checkVector(fn: string, name: string, value: unknown, length?: number) {
  let v: Float64Array;
  if (value instanceof Float64Array) v = value;
  else if (Array.isArray(value)) v = Float64Array.from(value as number[]);
  else {
    const kind = value === null ? 'null' : typeof value;
    throw new InvalidArgument(
      `${fn}: argument '${name}' must be a Float64Array or number[]; got ${kind}`,
    );
  }
  if (length !== undefined && v.length !== length) {
    throw new ShapeMismatch(
      `${fn}: argument '${name}' must have length ${length}; got length ${v.length}`,
    );
  }
  return v;
}

/** Empty operands are rejected everywhere (one policy for the whole library). */
export function checkNonEmpty(fn: string, name: string, rows: number, cols = 1): void {
  if (rows === 0 || cols === 0) {
    throw new EmptyInput(
      `${fn}: argument '${name}' is empty (${shapeOf(rows, cols)}); ` +
        'expected at least one entry',
    );
  }
}

/** Throw NonFiniteInput naming the first NaN or ±Infinity and its position. */
export function checkFinite(fn: string, name: string, data: Float64Array, cols?: number): void {
  for (let i = 0; i < data.length; i++) {
    const x = data[i]!;
    if (x - x !== 0) {
      const where = cols ? `(${Math.floor(i / cols)}, ${i % cols})` : `[${i}]`;
      throw new NonFiniteInput(
        `${fn}: argument '${name}' must be finite; found ${x} at ${where}`,
      );
    }
  }
}

/** Matrix checks used by most operations: a Matrix, non-empty, finite unless told otherwise. */
export function checkOperand(fn: string, name: string, value: unknown, finite = true): Matrix {
  const m = checkMatrix(fn, name, value);
  checkNonEmpty(fn, name, m.rows, m.cols);
  if (finite) checkFinite(fn, name, m.data, m.cols);
  return m;
}
