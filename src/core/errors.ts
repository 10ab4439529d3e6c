// Named errors. Each message follows one template: the function, the argument, what was
// expected, and what came, so a user can fix the call without reading the source.

/** Describe a matrix or vector shape the way messages print it. */
export function shapeOf(rows: number, cols?: number): string {
  return cols === undefined ? `(${rows})` : `${rows}×${cols}`;
}

/** How a message names a value of the wrong kind: its type, and the value when short. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return `string ${JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value)}`;
    case 'number': return `number ${value}`;
    case 'bigint': return `bigint ${value}n`;
    case 'boolean': return `boolean ${value}`;
    case 'object': return (value as object).constructor?.name ?? 'object';
    default: return typeof value;
  }
}

/**
 * A value given for a scalar argument, as an error message shows it: a number as it prints,
 * anything else with its kind, so that the string '2' does not read as the number 2.
 */
export function shown(value: unknown): string {
  return typeof value === 'number' ? String(value) : kindOf(value);
}

/** Operand shapes do not fit together (the message names both shapes and transpose flags). */
export class ShapeMismatch extends RangeError {
  override name = 'ShapeMismatch';
}

/** Nested rows of different lengths were given where a rectangular matrix was expected. */
export class RaggedInput extends RangeError {
  override name = 'RaggedInput';
}

/** A matrix or vector with no entries where the operation needs at least one. */
export class EmptyInput extends RangeError {
  override name = 'EmptyInput';
}

/** NaN or ±Infinity found in an input; the message gives the first position and value. */
export class NonFiniteInput extends RangeError {
  override name = 'NonFiniteInput';
}

/**
 * Finite operands whose result leaves the f64 range (|x| > 1.8e308): the message names the
 * first entry that overflowed. Returning it would hand back ±Infinity or NaN (∞ − ∞).
 */
export class Overflow extends RangeError {
  override name = 'Overflow';
}

/** A value of the wrong kind (not a Matrix, not a number, not an integer). */
export class InvalidArgument extends TypeError {
  override name = 'InvalidArgument';
}

/** A square system has no unique solution (exactly or numerically singular). */
export class SingularMatrix extends RangeError {
  override name = 'SingularMatrix';
}

/** An iterative routine reached its iteration cap without meeting its tolerance. */
export class ConvergenceFailure extends Error {
  override name = 'ConvergenceFailure';
}

/** Training produced a non-finite or exploding loss. */
export class Diverged extends Error {
  override name = 'Diverged';
}

/** A kernel was called before `await init()` finished. */
export class NotInitialized extends Error {
  override name = 'NotInitialized';
}

/** A disposed object (a training run, a network) was used again. */
export class Disposed extends Error {
  override name = 'Disposed';
}
