// Argument checks shared by the theory helpers (closed forms, flows, diagonal models): the same
// boundary rules as linalg's validate.ts, for the lists of factors and the scalars they take.
import { EmptyInput, InvalidArgument, ShapeMismatch, shapeOf } from '../core/errors.js';
import { Matrix } from '../linalg/matrix.js';
import { checkFinite, checkVector } from '../linalg/validate.js';

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
    throw new RangeError(`${fn}: ${kind} 'depth' must be a non-negative integer; got ${h}`);
  }
  return h as number;
}

/** A finite number > 0 (a scale such as α). */
export function checkPositive(fn: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${fn}: argument '${name}' must be a finite number > 0; got ${value}`);
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
