// Regression for a fault found by hostile arguments: new Matrix(rows, cols, data) took any
// array-like as its storage, so a number[] or a string passed some calls and broke others with
// a bare TypeError (solve(A, B): "rhs.subarray is not a function"; toArray likewise). Storage
// must now be a Float64Array; Matrix.fromArray copies anything else.
import { describe, expect, it } from 'vitest';
import { InvalidArgument, Matrix, solve } from '../../src/index.js';

describe('Matrix storage', () => {
  it('refuses storage that is not a Float64Array, naming what came', () => {
    const make = (data: unknown) => () => new Matrix(2, 1, data as Float64Array);
    expect(make([1, 2])).toThrow(InvalidArgument);
    expect(make([1, 2])).toThrow(/^Matrix: data must be a Float64Array .*; got Array$/);
    expect(make(new Float32Array(2))).toThrow(/got Float32Array$/);
    expect(make('12')).toThrow(/got String$/);
    expect(make(null)).toThrow(/got null$/);
  });

  it('Matrix.fromArray copies a plain array into storage every call accepts', () => {
    const B = Matrix.fromArray(2, 1, [1, 2]);
    expect(B.data).toBeInstanceOf(Float64Array);
    expect(Array.from(solve(Matrix.eye(2), B).data)).toEqual([1, 2]);
    expect(B.toArray()).toEqual([[1], [2]]);
  });
});
