// Regression for a fault found by fuzzing: finite operands at 1e200 made matmul return Infinity
// and NaN (∞ − ∞) without an error, and dot, axpy, scale and norm2 took NaN and ±Infinity in
// silently. Now: NonFiniteInput in, Overflow out, and matmul's checkFinite: false keeps IEEE.
import { describe, expect, it } from 'vitest';
import {
  Matrix, Overflow, axpy, dot, frobenius, matmul, matvec, norm2, scale,
} from '../../src/index.js';
import { wasmLiveBlocks } from '../../src/core/memory.js';

const big = Matrix.fromRows([[1e300, 1e300]]);
const cancel = Matrix.fromRows([[1e300], [-1e300]]);

describe('products never return a non-finite number from finite input', () => {
  it('matmul: ∞ − ∞ is Overflow naming the entry; checkFinite: false gives the IEEE NaN', () => {
    const live = wasmLiveBlocks();
    expect(() => matmul(big, cancel)).toThrow(Overflow);
    expect(() => matmul(big, cancel)).toThrow(/matmul: .*entry \(0, 0\) is NaN/);
    expect(wasmLiveBlocks()).toBe(live);
    expect(Number.isNaN(matmul(big, cancel, { checkFinite: false }).data[0])).toBe(true);
    expect(() => matmul(big, big, { transposeB: true })).toThrow(/entry \(0, 0\) is Infinity/);
    // Just inside the range stays a value: 2·(1e154)² = 2e308 overflows, 1e154·1e154 does not.
    expect(matmul(Matrix.fromRows([[1e154]]), Matrix.fromRows([[1e154]])).data[0]).toBe(1e308);
  });

  it('matvec, dot, axpy, scale, norm2 and frobenius throw Overflow at the range edge', () => {
    expect(() => matvec(big, [1e300, 1e300])).toThrow(Overflow);
    expect(() => dot([1e200], [1e200])).toThrow(/dot: the result overflows/);
    expect(() => axpy(1e300, [1e300], [0])).toThrow(Overflow);
    expect(() => scale(1e10, [1e300])).toThrow(Overflow);
    expect(() => norm2([1.5e308, 1.5e308])).toThrow(Overflow);
    expect(() => frobenius(Matrix.fromRows([[1.5e308, 1.5e308]]))).toThrow(Overflow);
    expect(norm2([1e308, 1e307])).toBeCloseTo(Math.hypot(1e308, 1e307), -294);
  });

  it('NaN and ±Infinity in are NonFiniteInput naming the argument and position', () => {
    expect(() => dot([1, NaN], [1, 1])).toThrow(/dot: argument 'x' must be finite; found NaN/);
    expect(() => dot([1, 1], [1, -Infinity])).toThrow(/'y'.*-Infinity at \[1\]/);
    expect(() => axpy(2, [1], [Infinity])).toThrow(expect.objectContaining({
      name: 'NonFiniteInput',
    }));
    expect(() => scale(2, [NaN])).toThrow(expect.objectContaining({ name: 'NonFiniteInput' }));
    expect(() => norm2([0, 0, NaN])).toThrow(/norm2: argument 'x' .* at \[2\]/);
    expect(() => frobenius(Matrix.fromRows([[0, 1], [Infinity, 0]]))).toThrow(
      /frobenius: argument 'A' .* at \(1, 0\)/,
    );
  });

  it('a non-finite alpha is a RangeError naming alpha', () => {
    expect(() => axpy(NaN, [1], [1])).toThrow(RangeError);
    expect(() => scale(Infinity, [1])).toThrow(/scale: 'alpha' must be a finite number/);
  });
});
