// matmul, matvec and the BLAS-1 wrappers through the public API: values against the defining
// sums, the error policy (empty → EmptyInput, NaN/Inf → NonFiniteInput unless checkFinite is
// false) with every message, scaled norms, and a pinned digest that must agree in Node and
// Chromium.
import { describe, expect, it } from 'vitest';
import {
  EmptyInput, InvalidArgument, Matrix, NonFiniteInput, ShapeMismatch, axpy, dot, frobenius,
  matmul, matvec, norm2, scale,
} from '../../src/index.js';
import { fnv1a } from '../helpers/kernels.js';

function naive(a: Matrix, b: Matrix): Matrix {
  const c = Matrix.zeros(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < b.cols; j++) {
      let s = 0;
      for (let p = 0; p < a.cols; p++) s += a.get(i, p) * b.get(p, j);
      c.set(i, j, s);
    }
  }
  return c;
}

/** |c − ref| ≤ 2k·eps·(|A||B|)_ij entrywise: the standard bound for a computed product. */
function expectProductClose(c: Matrix, a: Matrix, b: Matrix) {
  const abs = (m: Matrix) => new Matrix(m.rows, m.cols, m.data.map(Math.abs));
  const ref = naive(a, b), bound = naive(abs(a), abs(b));
  for (let i = 0; i < c.size; i++) {
    expect(Math.abs(c.data[i]! - ref.data[i]!)).toBeLessThanOrEqual(
      2 * a.cols * Number.EPSILON * bound.data[i]!);
  }
}

describe('matmul', () => {
  const a = Matrix.randn(37, 29, { seed: 1 });
  const b = Matrix.randn(29, 41, { seed: 2 });

  it('agrees with the defining sums within the rounding bound, in all four transposes', () => {
    expectProductClose(matmul(a, b), a, b);
    expectProductClose(matmul(a.transpose(), b, { transposeA: true }), a, b);
    expectProductClose(matmul(a, b.transpose(), { transposeB: true }), a, b);
    const c = matmul(a.transpose(), b.transpose(), { transposeA: true, transposeB: true });
    expectProductClose(c, a, b);
  });

  it('satisfies (AB)ᵀ = BᵀAᵀ and AI = A exactly, and scales by alpha', () => {
    const ab = matmul(a, b);
    expect(matmul(b, a, { transposeA: true, transposeB: true }).data).toEqual(
      ab.transpose().data);
    expect(matmul(a, Matrix.eye(29)).data).toEqual(a.data);
    expect(matmul(a, b, { alpha: 0.5 }).data).toEqual(ab.data.map((x) => 0.5 * x));
  });

  it('gives the pinned digest for a seeded product (same bits in Node and Chromium)', () => {
    const x = Matrix.randn(67, 130, { seed: 5 });
    const y = Matrix.randn(130, 45, { seed: 6 });
    expect(fnv1a(matmul(x, y).data)).toBe(PINNED_PRODUCT);
  });

  it('rejects non-matrices, empty operands and non-finite alpha', () => {
    expect(() => matmul([[1]] as unknown as Matrix, a)).toThrow(InvalidArgument);
    expect(() => matmul([[1]] as unknown as Matrix, a)).toThrow(
      "matmul: argument 'A' must be a Matrix; got object");
    expect(() => matmul(a, null as unknown as Matrix)).toThrow(
      "matmul: argument 'B' must be a Matrix; got null");
    expect(() => matmul(Matrix.zeros(0, 3), Matrix.zeros(3, 2))).toThrow(EmptyInput);
    expect(() => matmul(Matrix.zeros(2, 3), Matrix.zeros(3, 0))).toThrow(
      "matmul: argument 'B' is empty (3×0); expected at least one entry");
    expect(() => matmul(a, b, { alpha: NaN })).toThrow(NonFiniteInput);
    expect(() => matmul(a, b, { alpha: Infinity })).toThrow(
      "matmul: argument 'alpha' must be finite; got Infinity");
    expect(() => matmul(a, b, { alpha: '2' as unknown as number })).toThrow(
      "matmul: argument 'alpha' must be a number; got string");
  });

  it('names both shapes and flags when the inner dimensions differ', () => {
    expect(() => matmul(a, b, { transposeB: true })).toThrow(ShapeMismatch);
    expect(() => matmul(a, b, { transposeB: true })).toThrow(
      "matmul: inner dimensions of 'A' and 'B' differ; A is 37×29 (transposeA: false), " +
        'B is 29×41 (transposeB: true), so op(A) is 37×29 and op(B) is 41×29; ' +
        'expected op(A).cols = op(B).rows');
  });

  it('names the first non-finite entry, or lets it through with checkFinite: false', () => {
    const bad = Matrix.fromRows([[1, 2], [3, NaN]]);
    expect(() => matmul(bad, Matrix.eye(2))).toThrow(
      "matmul: argument 'A' must be finite; found NaN at (1, 1)");
    expect(() => matmul(Matrix.eye(2), Matrix.fromRows([[1, -Infinity], [0, 0]]))).toThrow(
      "matmul: argument 'B' must be finite; found -Infinity at (0, 1)");
    const c = matmul(bad, Matrix.eye(2), { checkFinite: false });
    expect(c.get(0, 0)).toBe(1);
    expect(c.get(1, 0)).toBeNaN();
    expect(c.get(1, 1)).toBeNaN();
  });
});

describe('matvec', () => {
  const a = Matrix.fromRows([[1, 2], [3, 4], [5, 6]]);

  it('multiplies by A or by Aᵀ', () => {
    expect(Array.from(matvec(a, [1, -1]))).toEqual([-1, -1, -1]);
    expect(Array.from(matvec(a, new Float64Array([1, 1, 1]), { transpose: true }))).toEqual(
      [9, 12]);
  });

  it('checks the length of x, finiteness and kinds, with messages', () => {
    expect(() => matvec(a, [1, 1, 1])).toThrow(
      "matvec: A is 3×2 (transpose: false) so 'x' must have length 2; got length 3");
    expect(() => matvec(a, [1, NaN])).toThrow(
      "matvec: argument 'x' must be finite; found NaN at [1]");
    expect(Number.isNaN(matvec(a, [1, NaN], { checkFinite: false })[0])).toBe(true);
    expect(() => matvec(a, 'x' as unknown as number[])).toThrow(
      "matvec: argument 'x' must be a Float64Array or number[]; got string");
    expect(() => matvec(Matrix.zeros(0, 0), [])).toThrow(EmptyInput);
  });
});

describe('BLAS-1 wrappers', () => {
  it('dot, axpy and scale compute their definitions', () => {
    expect(dot([1, 2, 3, 4, 5], [5, 4, 3, 2, 1])).toBe(35);
    expect(Array.from(axpy(2, [1, 2, 3], [10, 20, 30]))).toEqual([12, 24, 36]);
    expect(Array.from(scale(-0.5, [2, 4, 6, 8, 10]))).toEqual([-1, -2, -3, -4, -5]);
  });

  it('reject empty, mismatched and non-finite input with messages', () => {
    expect(() => dot([], [])).toThrow(
      "dot: argument 'x' is empty (length 0); expected at least one entry");
    expect(() => dot([1, 2], [1])).toThrow(
      "dot: 'x' and 'y' must have the same length; got 2 and 1");
    expect(() => dot([1, Infinity], [1, 1])).toThrow(NonFiniteInput);
    expect(dot([1, Infinity], [0, 1], { checkFinite: false })).toBe(Infinity);
    expect(() => axpy(NaN, [1], [1])).toThrow("axpy: argument 'alpha' must be finite; got NaN");
    expect(() => axpy(1, [1], [NaN])).toThrow(
      "axpy: argument 'y' must be finite; found NaN at [0]");
    expect(() => scale(1, [])).toThrow(EmptyInput);
    expect(() => scale(Infinity, [1])).toThrow(
      "scale: argument 'alpha' must be finite; got Infinity");
  });
});

describe('norm2 and frobenius', () => {
  it('neither overflow near 1e300 nor underflow near 1e-300', () => {
    expect(norm2([3e300, 4e300]) / 5e300).toBeCloseTo(1, 15);
    expect(norm2([3e-300, 4e-300]) / 5e-300).toBeCloseTo(1, 15);
    expect(norm2(new Float64Array(1000).fill(1e300))).toBeCloseTo(Math.sqrt(1000) * 1e300, -286);
  });

  it('are exact on subnormal inputs that a squared sum would flush to zero', () => {
    const tiny = 2 ** -1070; // 16 ulps of the smallest subnormal
    expect(norm2([3 * tiny, 4 * tiny])).toBe(5 * tiny);
    expect(norm2([Number.MIN_VALUE])).toBe(Number.MIN_VALUE);
    expect(norm2([0, -0, 0])).toBe(0);
  });

  it('match the definition on ordinary input, with frobenius over all entries', () => {
    const x = Array.from({ length: 37 }, (_, i) => Math.sin(i + 1));
    const ref = Math.sqrt(x.reduce((s, v) => s + v * v, 0));
    expect(Math.abs(norm2(x) - ref)).toBeLessThanOrEqual(8 * Number.EPSILON * ref);
    const m = Matrix.fromArray(37, 1, x);
    expect(frobenius(m)).toBe(norm2(x));
    expect(frobenius(Matrix.fromRows([[3, 0], [0, 4]]))).toBe(5);
  });

  it('reject empty and non-finite input unless told, then propagate it', () => {
    expect(() => norm2([])).toThrow(EmptyInput);
    expect(() => frobenius(Matrix.zeros(2, 0))).toThrow(
      "frobenius: argument 'A' is empty (2×0); expected at least one entry");
    expect(() => norm2([1, NaN])).toThrow("norm2: argument 'x' must be finite; found NaN at [1]");
    expect(norm2([1, NaN], { checkFinite: false })).toBeNaN();
    expect(norm2([1, -Infinity], { checkFinite: false })).toBe(Infinity);
    expect(() => frobenius(Matrix.fromRows([[1, Infinity]]))).toThrow(
      "frobenius: argument 'A' must be finite; found Infinity at (0, 1)");
  });
});

const PINNED_PRODUCT = 'da20d6a4';

// Regression (hostile-input review): option kinds were not checked. matmul(A, A,
// { transposeA: 'yes' }) shaped the result as transposed but ran the kernel untransposed
// (+'yes' is NaN, read as 0), returning a wrong product; 'false' counted as true and
// checkFinite: 0 skipped the finite check.
describe('boolean options', () => {
  const A = Matrix.fromRows([[1, 2, 3], [4, 5, 6]]);
  const bad = <T>(v: unknown) => v as T;

  it('refuse a misspelt option instead of using its default silently', () => {
    expect(() => matmul(A, A, bad({ tranposeB: true }))).toThrow(
      "matmul: unknown option 'tranposeB'; expected one of transposeA, transposeB, alpha, " +
        'checkFinite');
    expect(() => matvec(A, [1, 2], bad({ transposed: true }))).toThrow(
      "matvec: unknown option 'transposed'; expected one of transpose, checkFinite");
    expect(() => dot([1], [2], bad({ finite: false }))).toThrow(
      "dot: unknown option 'finite'; expected one of checkFinite");
  });

  it('refuse anything but true, false or absent, naming the option and the type', () => {
    expect(() => matmul(A, A, { transposeA: bad('yes') })).toThrow(InvalidArgument);
    expect(() => matmul(A, A, { transposeA: bad('yes') })).toThrow(
      "matmul: option 'transposeA' must be true, false or absent; got string \"yes\"");
    expect(() => matmul(A, A, { transposeB: bad('false') })).toThrow(
      "matmul: option 'transposeB' must be true, false or absent; got string \"false\"");
    expect(() => matvec(A, [1, 2], { transpose: bad('yes') })).toThrow(
      "matvec: option 'transpose' must be true, false or absent; got string \"yes\"");
    expect(() => matvec(A, [1, 2, 3], { transpose: bad(null) })).toThrow(
      "matvec: option 'transpose' must be true, false or absent; got null");
    const x = [1, NaN];
    const calls: [string, (o: object) => unknown][] = [
      ['matmul', (o) => matmul(A, A, { transposeB: true, ...o })],
      ['matvec', (o) => matvec(A, [1, 2, 3], o)],
      ['dot', (o) => dot(x, x, o)],
      ['axpy', (o) => axpy(1, x, x, o)],
      ['scale', (o) => scale(1, x, o)],
      ['norm2', (o) => norm2(x, o)],
      ['frobenius', (o) => frobenius(A, o)],
    ];
    for (const [fn, call] of calls) {
      expect(() => call({ checkFinite: 0 }), fn).toThrow(
        `${fn}: option 'checkFinite' must be true, false or absent; got number 0`);
      expect(() => call({ checkFinite: 1n }), fn).toThrow(InvalidArgument);
    }
  });

  it('refuse a null or non-object options argument (null is never read as absent)', () => {
    expect(() => matmul(A, A, bad(null))).toThrow(InvalidArgument);
    expect(() => matmul(A, A, bad(null))).toThrow(
      "matmul: argument 'opts' must be an options object or undefined; got null");
    expect(() => matvec(A, [1, 2, 3], bad(true))).toThrow(
      "matvec: argument 'opts' must be an options object or undefined; got boolean true");
    expect(() => dot([1], [1], bad([]))).toThrow(
      "dot: argument 'opts' must be an options object or undefined; got Array");
    expect(() => norm2([1], bad('x'))).toThrow(/^norm2: argument 'opts' .* got string "x"$/);
  });

  it('still honour true, false and absent, with the right product', () => {
    const ata = matmul(A, A, { transposeA: true });
    expect(ata.toArray()).toEqual([[17, 22, 27], [22, 29, 36], [27, 36, 45]]);
    expect(matmul(A, A, { transposeB: true, transposeA: false }).toArray())
      .toEqual([[14, 32], [32, 77]]);
    expect(matmul(A, Matrix.eye(3), undefined).toArray()).toEqual(A.toArray());
    expect(Array.from(matvec(A, [1, 1], { transpose: true }))).toEqual([5, 7, 9]);
    expect(dot([1, NaN], [1, 1], { checkFinite: false })).toBeNaN();
    expect(() => dot([1, NaN], [1, 1], { checkFinite: true })).toThrow(NonFiniteInput);
  });
});
