// The boundary checks other modules build on, message by message.
import { describe, expect, it } from 'vitest';
import {
  EmptyInput, InvalidArgument, Matrix, NonFiniteInput, ShapeMismatch, cond, lq, minNormSolution,
  nullSpaceBasis, nullSpaceProjector, rowSpaceProjector, solve,
} from '../../src/index.js';
import { withScratch } from '../../src/core/memory.js';
import {
  checkFinite, checkFlag, checkMatrix, checkNonEmpty, checkOperand, checkOptions, checkScalar,
  checkVector, copyInChecked, kindOf,
} from '../../src/linalg/validate.js';

describe('validate', () => {
  it('checkMatrix names the kind it got', () => {
    const m = Matrix.eye(2);
    expect(checkMatrix('f', 'A', m)).toBe(m);
    expect(() => checkMatrix('f', 'A', undefined)).toThrow(InvalidArgument);
    expect(() => checkMatrix('f', 'A', 3)).toThrow("f: argument 'A' must be a Matrix; got number");
    // instanceof holds for an object never built by the constructor; it is refused by name.
    expect(() => checkMatrix('f', 'A', Object.create(Matrix.prototype)))
      .toThrow("f: argument 'A' is not a constructed Matrix");
  });

  it('checkVector converts arrays, checks kinds and an expected length', () => {
    expect(checkVector('f', 'b', [1, 2])).toEqual(new Float64Array([1, 2]));
    const v = new Float64Array(3);
    expect(checkVector('f', 'b', v, 3)).toBe(v);
    expect(() => checkVector('f', 'b', v, 4)).toThrow(ShapeMismatch);
    expect(() => checkVector('f', 'b', v, 4)).toThrow(
      "f: argument 'b' must have length 4; got length 3");
    expect(() => checkVector('f', 'b', null)).toThrow(
      "f: argument 'b' must be a Float64Array or number[]; got null");
    expect(() => checkVector('f', 'b', new Float32Array(2))).toThrow(InvalidArgument);
    // Entries that Float64Array.from would quietly turn into numbers are refused.
    expect(() => checkVector('f', 'b', [1, null])).toThrow(
      "f: argument 'b' entry [1] must be a number; got null");
    expect(() => checkVector('f', 'b', ['2']))
      .toThrow('entry [0] must be a number; got string "2"');
    for (const bad of [true, [4], 1n, undefined]) {
      expect(() => checkVector('f', 'b', [0, 0, bad])).toThrow(InvalidArgument);
    }
  });

  it('checkNonEmpty prints shapes for matrices and lengths for vectors', () => {
    expect(() => checkNonEmpty('f', 'A', 0, 3)).toThrow(
      "f: argument 'A' is empty (0×3); expected at least one entry");
    expect(() => checkNonEmpty('f', 'x', 0)).toThrow(
      "f: argument 'x' is empty (length 0); expected at least one entry");
    expect(() => checkNonEmpty('f', 'x', 2)).not.toThrow();
    expect(() => checkOperand('f', 'A', Matrix.zeros(3, 0))).toThrow(EmptyInput);
  });

  it('checkFinite and copyInChecked name the first bad entry by (row, col) or [index]', () => {
    const data = new Float64Array([1, 2, 3, 4, Infinity, NaN]);
    expect(() => checkFinite('f', 'A', data, 3)).toThrow(
      "f: argument 'A' must be finite; found Infinity at (1, 1)");
    expect(() => checkFinite('f', 'x', data)).toThrow(
      "f: argument 'x' must be finite; found Infinity at [4]");
    expect(() => checkOperand('f', 'A', new Matrix(2, 3, data))).toThrow(NonFiniteInput);
    expect(() => withScratch((s) => copyInChecked(s, 'f', 'A', data, true, 2))).toThrow(
      "f: argument 'A' must be finite; found Infinity at (2, 0)");
    // Unchecked, the copy goes through untouched; checked, finite data passes.
    expect(withScratch((s) => s.copyOut(copyInChecked(s, 'f', 'A', data, false), 6)))
      .toEqual(data);
    const ok = new Float64Array([1, -0, 5e-324, 1.7976931348623157e308]);
    expect(withScratch((s) => s.copyOut(copyInChecked(s, 'f', 'A', ok, true), 4))).toEqual(ok);
  });

  it('checkScalar accepts finite numbers only', () => {
    expect(checkScalar('f', 'alpha', -2.5)).toBe(-2.5);
    expect(() => checkScalar('f', 'alpha', -Infinity)).toThrow(
      "f: argument 'alpha' must be finite; got -Infinity");
    expect(() => checkScalar('f', 'alpha', null)).toThrow(
      "f: argument 'alpha' must be a number; got object");
  });
});

describe('option checks', () => {
  it('checkOptions passes objects of known keys and undefined, refuses the rest', () => {
    const o = { a: 1 };
    expect(checkOptions('f', o, ['a'])).toBe(o);
    expect(checkOptions('f', undefined, ['a'])).toEqual({});
    expect(() => checkOptions('f', null as unknown as object, [])).toThrow(InvalidArgument);
    expect(() => checkOptions('f', 3 as unknown as object, [])).toThrow(
      "f: argument 'opts' must be an options object or undefined; got number 3");
    expect(() => checkOptions('f', { a: 1, b: 2 }, ['a'])).toThrow(
      "f: unknown option 'b'; expected one of a");
    expect(() => checkOptions('f', { b: 2 } as object, [])).toThrow(
      "f: unknown option 'b'; expected no options");
  });

  it('functions without options refuse a trailing argument (trailing undefined passes)', () => {
    const a = Matrix.fromRows([[1, 0, 0], [0, 2, 0]]);
    expect(() => minNormSolution(a, [1, 2], { rcond: 0.5 } as never)).toThrow(
      'minNormSolution: takes 2 arguments and no options; got Object as argument 3; ' +
        'for a cutoff use lstsq(A, b, { rcond })');
    expect(() => lq(a, { mode: 'complete' } as never)).toThrow(
      'lq: takes 1 argument and no options; got Object as argument 2');
    for (const call of [() => cond(a, 1 as never), () => nullSpaceBasis(a, {} as never),
      () => rowSpaceProjector(a, {} as never), () => nullSpaceProjector(a, {} as never),
      () => solve(Matrix.eye(2), [1, 2], {} as never)]) {
      expect(call).toThrow(InvalidArgument);
    }
    expect(cond(a, undefined as never)).toBe(2);
  });

  it('checkFlag takes true, false or absent only', () => {
    expect(checkFlag('f', 'x', undefined, true)).toBe(true);
    expect(checkFlag('f', 'x', false, true)).toBe(false);
    expect(() => checkFlag('f', 'x', 'true', false)).toThrow(
      "f: option 'x' must be true, false or absent; got string \"true\"");
    expect(() => checkFlag('f', 'x', {}, false)).toThrow(/got Object$/);
    expect(kindOf('a'.repeat(30))).toBe(`string "${'a'.repeat(20)}…"`);
  });
});
