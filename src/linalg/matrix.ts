// The dense matrix users hold: row-major doubles in the JS heap (safe to keep, post to a worker
// or serialize). Kernels copy it into Wasm memory for the length of one call.
import { InvalidArgument, kindOf, RaggedInput, shapeOf, shown } from '../core/errors.js';
import { Random, checkSeededOptions } from './random.js';

function checkDimension(fn: string, name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${fn}: ${name} must be a non-negative integer; got ${shown(value)}`);
  }
}

/**
 * A matrix whose data no longer holds rows·cols entries (its buffer was transferred away or
 * resized) is refused here, before any kernel could read past the end or stale Wasm memory.
 * @throws {InvalidArgument} naming the shape and the entries expected and found
 */
/**
 * Fresh zeroed storage for a rows×cols matrix. The engine's own failure ("Invalid typed array
 * length", "Array buffer allocation failed") names neither the matrix nor a limit.
 * @throws {RangeError} naming the shape, the entries and bytes needed, and the limits
 */
function allocate(rows: number, cols: number): Float64Array {
  const n = rows * cols;
  try {
    return new Float64Array(n);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    const gib = (n * 8) / 2 ** 30;
    throw new RangeError(
      `Matrix: a ${shapeOf(rows, cols)} matrix needs ${n} entries (${gib.toPrecision(3)} GiB), ` +
        `more than this JavaScript engine can allocate (${err.message}); the Wasm kernels ` +
        'take at most 2^27 entries (1 GiB) per operand',
    );
  }
}

/** A row or a data argument: an Array or a numeric typed array (not a string, not a DataView). */
function isArrayOfEntries(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/**
 * Entries must be numbers (NaN and ±Infinity included; the operations check finiteness): a
 * string such as '1' would be coerced, a BigInt would throw a bare TypeError on the way in.
 * @throws {InvalidArgument} naming the row and column of the first entry that is not a number
 */
function checkEntries(fn: string, name: string, entries: ArrayLike<unknown>, i0: number,
  cols: number): void {
  if (entries instanceof Float64Array) return;
  for (let k = 0; k < entries.length; k++) {
    const x = entries[k];
    if (typeof x !== 'number') {
      const i = i0 + Math.floor(k / cols), j = k % cols;
      throw new InvalidArgument(
        `${fn}: argument '${name}' entry (${i}, ${j}) must be a number; got ${kindOf(x)}`,
      );
    }
  }
}

function rowOf(fn: string, name: string, rows: readonly unknown[], i: number) {
  const row = rows[i];
  if (!isArrayOfEntries(row)) {
    throw new InvalidArgument(
      `${fn}: argument '${name}' row ${i} must be an Array or typed array of numbers; ` +
        `got ${kindOf(row)}`,
    );
  }
  return row;
}

export function checkStorage(fn: string, what: string, m: Matrix): void {
  // An object made by Object.create(Matrix.prototype) passes instanceof but was never built.
  if (!(m.data instanceof Float64Array) || !Number.isSafeInteger(m.rows) ||
    !Number.isSafeInteger(m.cols)) {
    throw new InvalidArgument(
      `${fn}: ${what} is not a constructed Matrix (no rows, cols and Float64Array data); ` +
        'build it with new Matrix, Matrix.fromRows or Matrix.fromArray',
    );
  }
  const expected = m.rows * m.cols;
  if (m.data.length !== expected) {
    throw new InvalidArgument(
      `${fn}: ${what} (${shapeOf(m.rows, m.cols)}) cannot be used: its data was detached or ` +
        `resized: expected ${expected} entries, found ${m.data.length}`,
    );
  }
}

export class Matrix {
  /** Number of rows; read-only at runtime too (a non-writable own property). */
  declare readonly rows: number;
  /** Number of columns; read-only at runtime too. */
  declare readonly cols: number;
  /** Entry (i, j) is `data[i * cols + j]`. The entries may change; the array may not. */
  declare readonly data: Float64Array;

  /**
   * @param rows number of rows (≥ 0)
   * @param cols number of columns (≥ 0)
   * @param data row-major entries, length rows·cols; zeros when omitted. Taken, not copied.
   * @throws {RangeError} when a size is not a non-negative integer or data has the wrong length
   * @throws {InvalidArgument} when data is not a Float64Array
   */
  constructor(rows: number, cols: number, data?: Float64Array) {
    checkDimension('Matrix', 'rows', rows);
    checkDimension('Matrix', 'cols', cols);
    // Taken as is, so it must already be the storage every method relies on (subarray, set):
    // a plain array or a Float32Array would pass some calls and break others.
    if (data !== undefined && !(data instanceof Float64Array)) {
      const kind = data === null ? 'null' : (data as object).constructor?.name ?? typeof data;
      throw new InvalidArgument(
        `Matrix: data must be a Float64Array (Matrix.fromArray copies other arrays); got ${kind}`,
      );
    }
    if (data !== undefined && data.length !== rows * cols) {
      throw new RangeError(
        `Matrix: data must hold rows·cols = ${rows * cols} entries for a ` +
          `${shapeOf(rows, cols)} matrix; got ${data.length}`,
      );
    }
    // Non-writable own properties, not only a TypeScript `readonly`: `L.rows = 50` on a 3×2
    // matrix would otherwise make every kernel read 50·2 entries from a 6-entry array. Own
    // enumerable data properties, so structuredClone and JSON still see rows, cols and data.
    const fixed = (value: unknown) => ({ value, enumerable: true, writable: false });
    Object.defineProperties(this, {
      rows: fixed(rows), cols: fixed(cols), data: fixed(data ?? allocate(rows, cols)),
    });
  }

  static zeros(rows: number, cols: number): Matrix {
    return new Matrix(rows, cols);
  }

  /** The rows×cols matrix with ones on the main diagonal (rectangular allowed). */
  static eye(rows: number, cols: number = rows): Matrix {
    const m = new Matrix(rows, cols);
    for (let i = 0; i < Math.min(rows, cols); i++) m.data[i * cols + i] = 1;
    return m;
  }

  /**
   * A matrix from nested rows (copied); every row must have the same length.
   * @param rows an array of rows, each an Array or typed array of numbers
   * @param name how messages name the argument (default 'rows')
   * @throws {InvalidArgument} when rows, a row or an entry is of the wrong kind (strings are
   *   refused, not coerced), naming the row and column
   * @throws {RaggedInput} naming the first row whose length differs from row 0
   */
  static fromRows(rows: ArrayLike<ArrayLike<number>>, name = 'rows'): Matrix {
    const fn = 'Matrix.fromRows';
    if (!Array.isArray(rows)) {
      throw new InvalidArgument(
        `${fn}: argument '${name}' must be an array of rows; got ${kindOf(rows)}`,
      );
    }
    const m = rows.length;
    const n = m > 0 ? rowOf(fn, name, rows, 0).length : 0;
    const out = new Matrix(m, n);
    for (let i = 0; i < m; i++) {
      const row = rowOf(fn, name, rows, i);
      if (row.length !== n) {
        throw new RaggedInput(
          `${fn}: argument '${name}' is ragged; expected every row to have ${n} ` +
            `entries (as row 0 has); row ${i} has ${row.length}`,
        );
      }
      checkEntries(fn, name, row, i, n);
      out.data.set(row as ArrayLike<number>, i * n);
    }
    return out;
  }

  /**
   * A rows×cols matrix from row-major entries (copied).
   * @param data an Array or typed array of rows·cols numbers
   * @throws {InvalidArgument} when data or an entry is of the wrong kind
   * @throws {RangeError} when a size is not a non-negative integer or data has the wrong length
   */
  static fromArray(rows: number, cols: number, data: ArrayLike<number>): Matrix {
    const fn = 'Matrix.fromArray';
    checkDimension(fn, 'rows', rows);
    checkDimension(fn, 'cols', cols);
    if (!isArrayOfEntries(data)) {
      throw new InvalidArgument(
        `${fn}: argument 'data' must be an Array or typed array of numbers; got ${kindOf(data)}`,
      );
    }
    if (data.length !== rows * cols) {
      throw new RangeError(
        `${fn}: data must hold rows·cols = ${rows * cols} entries for a ` +
          `${shapeOf(rows, cols)} matrix; got ${data.length}`,
      );
    }
    checkEntries(fn, 'data', data, 0, cols);
    return new Matrix(rows, cols, Float64Array.from(data as ArrayLike<number>));
  }

  /**
   * Entries drawn i.i.d. from N(0, scale²) by the seeded Wasm generator: the same seed gives
   * the same bits in every runtime.
   * @param opts seed (required, a non-negative safe integer) and scale (finite, default 1; a
   *   negative scale gives the same distribution, the draws of |scale| with signs flipped)
   * @throws {InvalidArgument} when opts is not an object, or seed or scale not a number
   * @throws {RangeError} when a size or the seed is out of range
   * @throws {NonFiniteInput} when scale is NaN or ±Infinity
   * @throws {Overflow} when a draw times scale leaves the f64 range (scale near 1e308)
   */
  static randn(rows: number, cols: number, opts: { seed: number; scale?: number }): Matrix {
    checkDimension('Matrix.randn', 'rows', rows);
    checkDimension('Matrix.randn', 'cols', cols);
    const o = checkSeededOptions('Matrix.randn', opts);
    const data = new Random(o.seed)
      .normalFor('Matrix.randn', "option 'scale'", rows * cols, o.scale ?? 1, cols);
    return new Matrix(rows, cols, data);
  }

  get shape(): [number, number] {
    return [this.rows, this.cols];
  }

  get size(): number {
    return this.rows * this.cols;
  }

  /**
   * The entries, after checking they are all still there: a buffer transferred away
   * (structuredClone with transfer, postMessage) reads as length 0, a shrunk resizable one as
   * shorter, and either would give `undefined` entries.
   */
  private storage(fn: string): Float64Array {
    checkStorage(`Matrix.${fn}`, 'the matrix', this);
    return this.data;
  }

  private index(fn: string, i: number, j: number): number {
    this.storage(fn);
    if (!Number.isInteger(i) || i < 0 || i >= this.rows) {
      throw new RangeError(`Matrix.${fn}: row index must be in [0, ${this.rows}); got ${shown(i)}`);
    }
    if (!Number.isInteger(j) || j < 0 || j >= this.cols) {
      throw new RangeError(
        `Matrix.${fn}: column index must be in [0, ${this.cols}); got ${shown(j)}`,
      );
    }
    return i * this.cols + j;
  }

  get(i: number, j: number): number {
    return this.data[this.index('get', i, j)]!;
  }

  set(i: number, j: number, value: number): this {
    this.data[this.index('set', i, j)] = value;
    return this;
  }

  /** Row i as a new vector. */
  row(i: number): Float64Array {
    this.index('row', i, 0);
    return this.data.slice(i * this.cols, (i + 1) * this.cols);
  }

  /** Column j as a new vector. */
  column(j: number): Float64Array {
    this.index('column', 0, j);
    const out = new Float64Array(this.rows);
    for (let i = 0; i < this.rows; i++) out[i] = this.data[i * this.cols + j]!;
    return out;
  }

  transpose(): Matrix {
    const { rows, cols } = this;
    const data = this.storage('transpose');
    const out = new Matrix(cols, rows);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) out.data[j * rows + i] = data[i * cols + j]!;
    }
    return out;
  }

  clone(): Matrix {
    return new Matrix(this.rows, this.cols, this.storage('clone').slice());
  }

  toArray(): number[][] {
    this.storage('toArray');
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) {
      out.push(Array.from(this.data.subarray(i * this.cols, (i + 1) * this.cols)));
    }
    return out;
  }

  toString(): string {
    return `Matrix ${shapeOf(this.rows, this.cols)}`;
  }
}
