// The named error classes: their names, the built-in class each extends (so callers may catch
// RangeError or TypeError), and the shape format messages use.
import { describe, expect, it } from 'vitest';
import {
  ConvergenceFailure, Diverged, Disposed, EmptyInput, InvalidArgument, NonFiniteInput,
  NotInitialized, RaggedInput, ShapeMismatch, SingularMatrix,
} from '../../src/index.js';
import { shapeOf } from '../../src/core/errors.js';

const classes = [
  [ShapeMismatch, 'ShapeMismatch', RangeError],
  [RaggedInput, 'RaggedInput', RangeError],
  [EmptyInput, 'EmptyInput', RangeError],
  [NonFiniteInput, 'NonFiniteInput', RangeError],
  [SingularMatrix, 'SingularMatrix', RangeError],
  [InvalidArgument, 'InvalidArgument', TypeError],
  [ConvergenceFailure, 'ConvergenceFailure', Error],
  [Diverged, 'Diverged', Error],
  [NotInitialized, 'NotInitialized', Error],
  [Disposed, 'Disposed', Error],
] as const;

describe('error classes', () => {
  for (const [Class, name, Base] of classes) {
    it(`${name} carries its name and message and extends ${Base.name}`, () => {
      const err = new Class('f: argument x is wrong');
      expect(err).toBeInstanceOf(Class);
      expect(err).toBeInstanceOf(Base);
      expect(err).toBeInstanceOf(Error);
      expect(err.name).toBe(name);
      expect(err.message).toBe('f: argument x is wrong');
      expect(String(err)).toBe(`${name}: f: argument x is wrong`);
    });
  }

  it('shapeOf prints matrices as rows×cols and vectors as (length)', () => {
    expect(shapeOf(2, 3)).toBe('2×3');
    expect(shapeOf(0, 5)).toBe('0×5');
    expect(shapeOf(7)).toBe('(7)');
  });
});
