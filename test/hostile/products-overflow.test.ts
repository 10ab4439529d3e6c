// Regression for a fault found by fuzzing: finite operands at 1e200 made matmul return Infinity,
// and NaN where two infinities cancelled, without an error (so did matvec, dot, axpy, scale and
// the norms at the range edge). Now such results throw Overflow naming the entry; checkFinite:
// false keeps the IEEE result for callers who want it.
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
    expect(() => matmul(big, cancel)).toThrow(/^matmul: .*entry \(0, 0\) is NaN/);
    expect(wasmLiveBlocks()).toBe(live);
    expect(Number.isNaN(matmul(big, cancel, { checkFinite: false }).data[0])).toBe(true);
    expect(() => matmul(big, big, { transposeB: true })).toThrow(/entry \(0, 0\) is Infinity/);
    const wide = Matrix.fromRows([[1, 1], [1, 1e300]]);
    expect(() => matmul(wide, wide)).toThrow(/entry \(1, 1\) is Infinity/);
    // Just inside the range stays a value.
    expect(matmul(Matrix.fromRows([[1e154]]), Matrix.fromRows([[1e154]])).data[0]).toBe(1e308);
  });

  it('matvec, dot, axpy, scale, norm2 and frobenius throw Overflow at the range edge', () => {
    expect(() => matvec(big, [1e300, 1e300])).toThrow(/^matvec: the result overflows/);
    expect(() => dot([1e200], [1e200])).toThrow(/^dot: the result overflows/);
    expect(() => axpy(1e300, [1e300], [0])).toThrow(Overflow);
    expect(() => scale(1e10, [1e300])).toThrow(Overflow);
    expect(() => norm2([1.5e308, 1.5e308])).toThrow(Overflow);
    expect(() => frobenius(Matrix.fromRows([[1.5e308, 1.5e308]]))).toThrow(Overflow);
    expect(norm2([1e308, 1e307]) / Math.hypot(1e308, 1e307)).toBeCloseTo(1, 14);
    expect(dot([1e200], [1e200], { checkFinite: false })).toBe(Infinity);
  });
});
