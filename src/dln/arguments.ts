// Argument checks shared by the theory helpers (closed forms, flows, diagonal models): the same
// boundary rules as linalg's validate.ts, for the lists of factors and the scalars they take.
import {
  EmptyInput, InvalidArgument, kindOf, ShapeMismatch, shapeOf, shown,
} from '../core/errors.js';
import { Matrix } from '../linalg/matrix.js';
import { checkFinite, checkOperand, checkVector } from '../linalg/validate.js';

/** A non-empty list of finite matrices (W1 … Wh, x or a list of layers). */
export function checkFactors(fn: string, name: string, factors: unknown): Matrix[] {
  if (!Array.isArray(factors)) {
    throw new InvalidArgument(`${fn}: argument '${name}' must be an array of Matrix; got ` +
      `${factors === null ? 'null' : typeof factors}`);
  }
  if (factors.length === 0) {
    throw new EmptyInput(
      `${fn}: argument '${name}' is an empty list; expected at least one Matrix`,
    );
  }
  factors.forEach((f, i) => {
    if (!(f instanceof Matrix)) {
      throw new InvalidArgument(`${fn}: ${name}[${i}] must be a Matrix; got ${typeof f}`);
    }
    checkFinite(fn, `${name}[${i}]`, f.data, f.cols);
  });
  return factors as Matrix[];
}

/** A finite vector, of the given length when one is given. */
export function checkFiniteVector(
  fn: string, name: string, value: unknown, length?: number,
): Float64Array {
  const v = checkVector(fn, name, value, length);
  checkFinite(fn, name, v);
  return v;
}

/** Depth h: a non-negative integer (an argument of fn, or a field of its options). */
export function checkDepth(fn: string, h: unknown, kind: 'argument' | 'option' = 'argument') {
  if (!Number.isSafeInteger(h) || (h as number) < 0) {
    throw new RangeError(`${fn}: ${kind} 'depth' must be a non-negative integer; got ${shown(h)}`);
  }
  return h as number;
}

/** A finite number > 0 (a scale such as α). */
export function checkPositive(fn: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(
      `${fn}: argument '${name}' must be a finite number > 0; got ${shown(value)}`,
    );
  }
  return value;
}

/** Factors that multiply in order: factors[i].cols = factors[i + 1].rows. */
export function checkChain(fn: string, name: string, factors: Matrix[], from = 0): void {
  for (let i = from; i + 1 < factors.length; i++) {
    const [a, b] = [factors[i]!, factors[i + 1]!];
    if (a.cols !== b.rows) {
      throw new ShapeMismatch(
        `${fn}: ${name}[${i}] (${shapeOf(a.rows, a.cols)}) and ${name}[${i + 1}] ` +
          `(${shapeOf(b.rows, b.cols)}) do not chain; expected ${name}[${i + 1}] to have ` +
          `${a.cols} rows`,
      );
    }
  }
}

/** Optional per-factor flags: an array of `count` booleans. */
export function checkFlags(fn: string, name: string, flags: unknown, count: number): void {
  if (flags === undefined) return;
  if (!Array.isArray(flags) || flags.length !== count ||
    flags.some((f) => typeof f !== 'boolean')) {
    throw new ShapeMismatch(
      `${fn}: argument '${name}' must list ${count} booleans, one per factor; got ` +
        (Array.isArray(flags) ? `a list of ${flags.length}` : typeof flags),
    );
  }
}

/**
 * The targets of a closed form: a vector b (k = 1, the vector API) or an n×k Matrix B. Every
 * d×k operand (θ0, X0) comes in the same form, and so does every result.
 */
export interface Targets {
  /** B, n×k row-major (b itself for a vector). */
  data: Float64Array;
  k: number;
  /** True when B came as a Matrix: operands and results are then Matrix too. */
  matrix: boolean;
}

/** A finite, non-empty A and targets b (length n) or B (n×k) to go with it. */
export function checkTargets(fn: string, a: unknown, b: unknown): Targets {
  const A = checkOperand(fn, 'A', a);
  if (!(b instanceof Matrix)) {
    return { data: checkFiniteVector(fn, 'b', b, A.rows), k: 1, matrix: false };
  }
  checkOperand(fn, 'B', b);
  if (b.rows !== A.rows) {
    throw new ShapeMismatch(
      `${fn}: argument 'B' must have ${A.rows} rows, as A (${shapeOf(A.rows, A.cols)}); got ` +
        shapeOf(b.rows, b.cols),
    );
  }
  return { data: b.data, k: b.cols, matrix: true };
}

/**
 * An operand of `rows` rows and the targets' k columns, in their form (a vector of length rows
 * when b is a vector, a rows×k Matrix when B is a Matrix); `what` says where rows×k comes from
 * (e.g. 'd×k, A is 5×20').
 * @returns its entries, row-major
 */
export function checkLikeTargets(
  fn: string, name: string, value: unknown, rows: number, t: Targets, what: string,
): Float64Array {
  if (!t.matrix) {
    if (value instanceof Matrix) {
      throw new InvalidArgument(
        `${fn}: argument '${name}' must be a vector of length ${rows}, as b is a vector; got ` +
          `a ${shapeOf(value.rows, value.cols)} Matrix`,
      );
    }
    return checkFiniteVector(fn, name, value, rows);
  }
  if (!(value instanceof Matrix)) {
    throw new InvalidArgument(
      `${fn}: argument '${name}' must be a ${shapeOf(rows, t.k)} Matrix, as B is a Matrix; ` +
        `got ${kindOf(value)}`,
    );
  }
  checkOperand(fn, name, value);
  if (value.rows !== rows || value.cols !== t.k) {
    throw new ShapeMismatch(
      `${fn}: argument '${name}' must be ${shapeOf(rows, t.k)} (${what}; B is ` +
        `${shapeOf(t.data.length / t.k, t.k)}); got ${shapeOf(value.rows, value.cols)}`,
    );
  }
  return value.data;
}

/** A result of `rows` rows in the targets' form. */
export function asTargets(t: Targets, rows: number, data: Float64Array): Float64Array | Matrix {
  return t.matrix ? new Matrix(rows, t.k, data) : data;
}
