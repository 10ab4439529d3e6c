// The Matrix container: constructors, element access, transpose and conversions, and the
// message of every error it throws.
import { describe, expect, it } from 'vitest';
import {
  InvalidArgument, Matrix, RaggedInput, frobenius, matmul, svd,
} from '../../src/index.js';

describe('Matrix constructors', () => {
  it('zeros and eye (square and rectangular)', () => {
    expect(Matrix.zeros(2, 3).toArray()).toEqual([[0, 0, 0], [0, 0, 0]]);
    expect(Matrix.eye(3).toArray()).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    expect(Matrix.eye(2, 3).toArray()).toEqual([[1, 0, 0], [0, 1, 0]]);
    expect(Matrix.eye(3, 2).toArray()).toEqual([[1, 0], [0, 1], [0, 0]]);
    expect(Matrix.zeros(0, 4).shape).toEqual([0, 4]);
  });

  it('fromRows copies nested rows and rejects ragged ones by name and row', () => {
    const rows = [[1, 2, 3], [4, 5, 6]];
    const m = Matrix.fromRows(rows);
    rows[0]![0] = 99;
    expect(m.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(Matrix.fromRows([]).shape).toEqual([0, 0]);
    expect(() => Matrix.fromRows([[1, 2], [3, 4], [5]], 'W1')).toThrow(RaggedInput);
    expect(() => Matrix.fromRows([[1, 2], [3, 4], [5]], 'W1')).toThrow(
      "Matrix.fromRows: argument 'W1' is ragged; expected every row to have 2 entries " +
        '(as row 0 has); row 2 has 1');
  });

  it('fromArray copies row-major data and checks its length', () => {
    const src = [1, 2, 3, 4, 5, 6];
    const m = Matrix.fromArray(3, 2, src);
    src[0] = 7;
    expect(m.toArray()).toEqual([[1, 2], [3, 4], [5, 6]]);
    expect(() => Matrix.fromArray(2, 2, [1, 2, 3])).toThrow(RangeError);
    expect(() => Matrix.fromArray(2, 2, [1, 2, 3])).toThrow(
      'Matrix.fromArray: data must hold rows·cols = 4 entries for a 2×2 matrix; got 3');
  });

  it('the constructor takes its data without copying and checks sizes', () => {
    const data = new Float64Array([1, 2, 3, 4]);
    const m = new Matrix(2, 2, data);
    data[3] = 9;
    expect(m.get(1, 1)).toBe(9);
    expect(() => new Matrix(2, 3, data)).toThrow(
      'Matrix: data must hold rows·cols = 6 entries for a 2×3 matrix; got 4');
    expect(() => new Matrix(-1, 2)).toThrow('Matrix: rows must be a non-negative integer; got -1');
    expect(() => new Matrix(2, 1.5)).toThrow(
      'Matrix: cols must be a non-negative integer; got 1.5');
  });

  it('randn(rows, cols, {seed, scale}) is seeded, scaled and checks its sizes', () => {
    const a = Matrix.randn(3, 4, { seed: 11 });
    expect(Matrix.randn(3, 4, { seed: 11 }).data).toEqual(a.data);
    expect(Matrix.randn(3, 4, { seed: 12 }).data).not.toEqual(a.data);
    expect(Matrix.randn(3, 4, { seed: 11, scale: 3 }).data).toEqual(a.data.map((x) => 3 * x));
    expect(() => Matrix.randn(-3, 4, { seed: 1 })).toThrow(
      'Matrix.randn: rows must be a non-negative integer; got -3');
    expect(() => Matrix.randn(3, NaN, { seed: 1 })).toThrow(
      'Matrix.randn: cols must be a non-negative integer; got NaN');
  });
});

describe('Matrix access and conversions', () => {
  const m = Matrix.fromRows([[1, 2, 3], [4, 5, 6]]);

  it('get, set (chainable), row, column, shape and size', () => {
    const c = m.clone();
    expect(c.set(0, 2, 30).set(1, 0, 40)).toBe(c);
    expect(c.get(0, 2)).toBe(30);
    expect(c.get(1, 0)).toBe(40);
    expect(m.get(0, 2)).toBe(3);
    expect(Array.from(m.row(1))).toEqual([4, 5, 6]);
    expect(Array.from(m.column(1))).toEqual([2, 5]);
    expect(m.shape).toEqual([2, 3]);
    expect(m.size).toBe(6);
    expect(String(m)).toBe('Matrix 2×3');
  });

  it('rejects indices outside the matrix, naming the method and the range', () => {
    expect(() => m.get(2, 0)).toThrow('Matrix.get: row index must be in [0, 2); got 2');
    expect(() => m.get(0, -1)).toThrow('Matrix.get: column index must be in [0, 3); got -1');
    expect(() => m.set(0.5, 0, 1)).toThrow('Matrix.set: row index must be in [0, 2); got 0.5');
    expect(() => m.row(5)).toThrow('Matrix.row: row index must be in [0, 2); got 5');
    expect(() => m.column(3)).toThrow('Matrix.column: column index must be in [0, 3); got 3');
  });

  it('transpose swaps indices and is an involution', () => {
    const t = m.transpose();
    expect(t.toArray()).toEqual([[1, 4], [2, 5], [3, 6]]);
    expect(t.transpose().toArray()).toEqual(m.toArray());
    const r = Matrix.randn(7, 5, { seed: 4 });
    for (let i = 0; i < 7; i++) for (let j = 0; j < 5; j++) {
      expect(r.transpose().get(j, i)).toBe(r.get(i, j));
    }
  });

  it('toArray gives plain nested arrays, and clone is independent', () => {
    const rows = m.toArray();
    expect(Array.isArray(rows[0])).toBe(true);
    rows[0]![0] = 100;
    expect(m.get(0, 0)).toBe(1);
    const c = m.clone();
    c.set(0, 0, -1);
    expect(m.get(0, 0)).toBe(1);
  });
});

// Regression (hostile-input review): rows and cols were writable at runtime, so `L.rows = 50`
// on a 3×2 matrix made matmul return a 50×2 matrix read from 6 entries and stale Wasm memory;
// a transferred (detached) data buffer gave undefined from get and bare TypeErrors elsewhere.
describe('Matrix integrity', () => {
  it('rows, cols and data cannot be reassigned, yet survive structuredClone', () => {
    const L = Matrix.fromRows([[1, 2], [3, 4], [5, 6]]);
    const writable = L as unknown as { rows: number; cols: number; data: Float64Array };
    expect(() => { writable.rows = 50; }).toThrow(TypeError);
    expect(() => { writable.cols = 1; }).toThrow(TypeError);
    expect(() => { writable.data = new Float64Array(100); }).toThrow(TypeError);
    expect(L.shape).toEqual([3, 2]);
    expect(matmul(L, Matrix.eye(2)).toArray()).toEqual([[1, 2], [3, 4], [5, 6]]);
    const copy = structuredClone(L);
    expect([copy.rows, copy.cols, Array.from(copy.data)]).toEqual([3, 2, [1, 2, 3, 4, 5, 6]]);
  });

  it('a detached buffer is refused by name at the boundary and in every method', () => {
    const m = Matrix.fromRows([[1, 2, 3], [4, 5, 6]]);
    structuredClone(m.data.buffer, { transfer: [m.data.buffer] });
    expect(m.data.length).toBe(0);
    expect(() => matmul(m, Matrix.eye(3))).toThrow(InvalidArgument);
    expect(() => matmul(Matrix.eye(2), m)).toThrow(
      "matmul: argument 'B' (2×3) cannot be used: its data was detached or resized: " +
        'expected 6 entries, found 0');
    expect(() => svd(m)).toThrow(/^svd: argument 'A' \(2×3\) cannot be used/);
    expect(() => m.get(0, 0)).toThrow(
      'Matrix.get: the matrix (2×3) cannot be used: its data was detached or resized: ' +
        'expected 6 entries, found 0');
    for (const call of [() => m.set(0, 0, 1), () => m.row(0), () => m.column(0),
      () => m.transpose(), () => m.clone(), () => m.toArray()]) {
      expect(call).toThrow(InvalidArgument);
    }
  });

  it('a length-tracking array over a shrunk resizable buffer is refused too', () => {
    const buffer = new ArrayBuffer(48, { maxByteLength: 96 });
    const m = new Matrix(2, 3, new Float64Array(buffer));
    buffer.resize(24);
    expect(() => frobenius(m)).toThrow(
      "frobenius: argument 'A' (2×3) cannot be used: its data was detached or resized: " +
        'expected 6 entries, found 3');
  });
});

// Regression (hostile-input review): bad kinds reached Matrix as bare TypeErrors (null rows,
// BigInt entries) or were silently coerced (strings became NaN or were iterated per character);
// new Matrix(1e10, 1e10) failed with V8's "Invalid typed array length" naming nothing.
describe('Matrix refuses entries and sizes of the wrong kind, by name', () => {
  const rows = (value: unknown) => () => Matrix.fromRows(value as number[][]);

  it('fromRows: the rows, each row and each entry', () => {
    expect(rows(null)).toThrow(InvalidArgument);
    expect(rows(null)).toThrow(
      "Matrix.fromRows: argument 'rows' must be an array of rows; got null");
    expect(rows('ab')).toThrow(/must be an array of rows; got string "ab"$/);
    expect(rows([null])).toThrow(
      "Matrix.fromRows: argument 'rows' row 0 must be an Array or typed array of numbers; " +
        'got null');
    expect(rows(['ab', 'cd'])).toThrow(/row 0 must be an Array .* got string "ab"$/);
    expect(rows([[1, 2], 'cd'])).toThrow(/row 1 must be .* got string "cd"$/);
    expect(rows([[1n]])).toThrow(
      "Matrix.fromRows: argument 'rows' entry (0, 0) must be a number; got bigint 1n");
    expect(rows([['a']])).toThrow(InvalidArgument);
    expect(rows([[1, 2], [3, '4']])).toThrow(
      "Matrix.fromRows: argument 'rows' entry (1, 1) must be a number; got string \"4\"");
    // eslint-disable-next-line no-sparse-arrays
    expect(rows([[1, , 3]])).toThrow(/entry \(0, 1\) must be a number; got undefined$/);
    expect(rows([new BigInt64Array(1)])).toThrow(/entry \(0, 0\) .* got bigint 0n$/);
  });

  it('fromRows still takes numbers (NaN included) and typed-array rows', () => {
    const m = Matrix.fromRows([Float64Array.of(1, 2), new Int8Array([3, -4])]);
    expect(m.toArray()).toEqual([[1, 2], [3, -4]]);
    expect(Number.isNaN(Matrix.fromRows([[NaN]]).get(0, 0))).toBe(true);
  });

  it('fromArray: the data and each entry, after the sizes', () => {
    const arr = (r: number, c: number, d: unknown) => () =>
      Matrix.fromArray(r, c, d as number[]);
    expect(arr(1, 1, null)).toThrow(InvalidArgument);
    expect(arr(1, 1, null)).toThrow(
      "Matrix.fromArray: argument 'data' must be an Array or typed array of numbers; got null");
    expect(arr(1, 2, 'ab')).toThrow(/got string "ab"$/);
    expect(arr(2, 2, [1, 2, 3, '4'])).toThrow(
      "Matrix.fromArray: argument 'data' entry (1, 1) must be a number; got string \"4\"");
    expect(arr(1, 1, new BigInt64Array(1))).toThrow(InvalidArgument);
    expect(arr(-1, 1, [])).toThrow('Matrix.fromArray: rows must be a non-negative integer; got -1');
    expect(Matrix.fromArray(1, 2, new Int16Array([5, 6])).toArray()).toEqual([[5, 6]]);
  });

  it('a size beyond what the engine allocates is a RangeError naming the size and limit', () => {
    expect(() => new Matrix(1e10, 1e10)).toThrow(RangeError);
    let message = '';
    try {
      new Matrix(1e10, 1e10);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.startsWith('Matrix: a 10000000000×10000000000 matrix needs ' +
      '100000000000000000000 entries (7.45e+11 GiB), more than this JavaScript engine can ' +
      'allocate (')).toBe(true);
    expect(message.endsWith(
      '); the Wasm kernels take at most 2^27 entries (1 GiB) per operand')).toBe(true);
    expect(() => Matrix.zeros(2 ** 26, 2 ** 26)).toThrow(/2\^27 entries/);
  });
});
