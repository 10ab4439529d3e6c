// Argument checks at the TypeScript boundary; kernels trust what passes here.
import {
  EmptyInput, InvalidArgument, NonFiniteInput, Overflow, ShapeMismatch, kindOf, shapeOf,
} from '../core/errors.js';
import { f64View, type Scratch } from '../core/memory.js';
import { wasm } from '../core/wasm.js';
import { Matrix, checkStorage } from './matrix.js';

export { kindOf };

/** Anything a vector argument may be given as. */
export type VectorLike = Float64Array | readonly number[];

export function checkMatrix(fn: string, name: string, value: unknown): Matrix {
  if (!(value instanceof Matrix)) {
    const kind = value === null ? 'null' : typeof value;
    throw new InvalidArgument(`${fn}: argument '${name}' must be a Matrix; got ${kind}`);
  }
  checkStorage(fn, `argument '${name}'`, value);
  return value;
}

export function checkVector(fn: string, name: string, value: unknown, length?: number) {
  let v: Float64Array;
  if (value instanceof Float64Array) v = value;
  else if (Array.isArray(value)) {
    // Float64Array.from would turn null, '2', true or [4] into numbers without a word.
    const i = value.findIndex((x) => typeof x !== 'number');
    if (i >= 0) {
      throw new InvalidArgument(
        `${fn}: argument '${name}' entry [${i}] must be a number; got ${kindOf(value[i])}`,
      );
    }
    v = Float64Array.from(value as number[]);
  } else {
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
export function checkNonEmpty(fn: string, name: string, rows: number, cols?: number): void {
  if (rows === 0 || cols === 0) {
    const what = cols === undefined ? `length ${rows}` : shapeOf(rows, cols);
    throw new EmptyInput(
      `${fn}: argument '${name}' is empty (${what}); expected at least one entry`,
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

/**
 * Copy a matrix or vector into scratch Wasm memory and, when `finite` is set, check it there
 * with the SIMD kernel (a pass over the copy, far cheaper than a JS loop over the original);
 * only when that finds a NaN or ±Infinity does the JS scan run to name its position.
 * @throws {NonFiniteInput} naming the first non-finite entry
 */
export function copyInChecked(
  s: Scratch, fn: string, name: string, data: Float64Array, finite: boolean, cols?: number,
): number {
  const ptr = s.copyIn(data);
  if (finite && !wasm().allFinite(data.length, ptr)) checkFinite(fn, name, data, cols);
  return ptr;
}

/**
 * A result computed from finite operands must be finite: entries beyond the f64 range came
 * out as ±Infinity, or NaN where two of them cancelled. The SIMD pass finds it; the JS scan
 * only runs then, to name the entry.
 * @throws {Overflow} naming the first non-finite entry of the result
 */
export function checkResultAt(fn: string, ptr: number, length: number, cols?: number): void {
  if (wasm().allFinite(length, ptr)) return;
  checkResult(fn, f64View(ptr, length), cols);
}

/** As checkResultAt, for a result already in the JS heap (a scalar: pass Float64Array.of). */
export function checkResult(fn: string, data: Float64Array, cols?: number): void {
  for (let i = 0; i < data.length; i++) {
    const x = data[i]!;
    if (x - x !== 0) {
      const where = cols ? `(${Math.floor(i / cols)}, ${i % cols})` : `[${i}]`;
      throw new Overflow(
        `${fn}: the result overflows the f64 range: entry ${where} is ${x} although the ` +
          'operands are finite; scale the operands down',
      );
    }
  }
}

/**
 * An options argument. `undefined` means no options; `null`, a number, a string, an array or a
 * function is refused (one rule for the whole library: null is never read as "absent", so
 * `f(A, null)` fails loudly instead of meaning something by accident).
 * @throws {InvalidArgument} naming the function and what came
 */
export function checkOptions<T extends object>(
  fn: string, value: T | undefined, known: readonly (keyof T & string)[],
): Partial<T> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidArgument(
      `${fn}: argument 'opts' must be an options object or undefined; got ${kindOf(value)}`,
    );
  }
  checkKnownKeys(fn, value, known);
  return value;
}

/**
 * A misspelt option (`tranposeA`, `stepp`) would otherwise be ignored and its default used
 * without a word, as keyword arguments never are in numpy or PyTorch.
 * @throws {InvalidArgument} naming the first unknown key and the accepted ones
 */
export function checkKnownKeys(
  fn: string, value: object, known: readonly string[], what = 'option',
): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      const accepted = known.length ? `one of ${known.join(', ')}` : 'no options';
      throw new InvalidArgument(`${fn}: unknown ${what} '${key}'; expected ${accepted}`);
    }
  }
}

/**
 * A function without options refuses a trailing argument instead of ignoring it:
 * minNormSolution(A, b, { rcond }) would otherwise run without the cutoff it seems to set.
 * Trailing undefined is accepted.
 * @throws {InvalidArgument} naming the function, how many arguments it takes and what came
 */
export function checkArity(fn: string, args: IArguments, takes: number, hint = ''): void {
  for (let i = takes; i < args.length; i++) {
    if (args[i] === undefined) continue;
    throw new InvalidArgument(
      `${fn}: takes ${takes} argument${takes === 1 ? '' : 's'} and no options; got ` +
        `${kindOf(args[i])} as argument ${i + 1}${hint}`,
    );
  }
}

/**
 * A boolean option must be `true`, `false` or absent (undefined). A truthy string such as
 * 'yes' or 'false', or 0 and 1, would otherwise be read one way by a shape check and another
 * way by a kernel (`+'yes'` is NaN, which a kernel takes as false).
 * @throws {InvalidArgument} naming the option and the type of what came
 */
export function checkFlag(fn: string, name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') {
    throw new InvalidArgument(
      `${fn}: option '${name}' must be true, false or absent; got ${kindOf(value)}`,
    );
  }
  return value;
}

/** A scalar argument (alpha, a scale) must be a finite number. */
export function checkScalar(fn: string, name: string, value: unknown): number {
  if (typeof value !== 'number') {
    throw new InvalidArgument(`${fn}: argument '${name}' must be a number; got ${typeof value}`);
  }
  if (!Number.isFinite(value)) {
    throw new NonFiniteInput(`${fn}: argument '${name}' must be finite; got ${value}`);
  }
  return value;
}
