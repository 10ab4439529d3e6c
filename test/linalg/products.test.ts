import { describe, expect, it } from 'vitest';
import { Matrix, matmul, matvec, norm2, ShapeMismatch, RaggedInput } from '../../src/index.js';

function naiveProduct(a: Matrix, b: Matrix): Matrix {
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

describe('matmul', () => {
  it('agrees with the defining sum on a seeded 7×5 by 5×9 product', () => {
    const a = Matrix.randn(7, 5, { seed: 1 });
    const b = Matrix.randn(5, 9, { seed: 2 });
    const c = matmul(a, b);
    const ref = naiveProduct(a, b);
    for (let i = 0; i < c.size; i++) expect(c.data[i]).toBeCloseTo(ref.data[i]!, 12);
  });

  it('names both shapes and flags when the inner dimensions differ', () => {
    const a = Matrix.fromRows([[1, 2, 3], [4, 5, 6]]);
    const b = Matrix.fromRows([[7, 8], [9, 10]]);
    expect(() => matmul(a, b)).toThrow(ShapeMismatch);
    expect(() => matmul(a, b)).toThrow(/A is 2×3 \(transposeA: false\), B is 2×2/);
  });

  it('rejects ragged rows', () => {
    expect(() => Matrix.fromRows([[1, 2], [3]], 'A')).toThrow(RaggedInput);
  });
});

describe('matvec and norm2', () => {
  it('multiplies by the transpose when asked', () => {
    const a = Matrix.fromRows([[1, 2], [3, 4], [5, 6]]);
    expect(Array.from(matvec(a, [1, 1, 1], { transpose: true }))).toEqual([9, 12]);
    expect(() => matvec(a, [1, 1, 1])).toThrow(ShapeMismatch);
  });

  it('neither overflows at 1e300 nor underflows at 1e-300', () => {
    expect(norm2([3e300, 4e300])).toBeCloseTo(5e300, -285);
    expect(norm2([3e-300, 4e-300]) / 5e-300).toBeCloseTo(1, 14);
  });
});
