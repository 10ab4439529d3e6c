// Regression for a fault found by hostile sizes: a call needing a block of 4 GiB or more (an
// outer product of two 23171-vectors: 4 295 161 928 bytes) had its size wrapped to 32 bits, got
// a 190 KB block and wrote past it over the heap until Wasm trapped with a bare RuntimeError;
// a block the allocator cannot give (over 1 GiB, or memory full) also trapped unnamed. Now
// both are RangeErrors that name the size, and the heap and resident state stay intact.
import { describe, expect, it } from 'vitest';
import { DeepLinearNetwork, Matrix, matmul, svd, wasmMemoryBytes } from '../../src/index.js';
import { wasmLiveBlocks } from '../../src/core/memory.js';

const ones = (rows: number, cols: number) =>
  new Matrix(rows, cols, new Float64Array(rows * cols).fill(1));

describe('blocks larger than Wasm memory can give', () => {
  it('fail with a RangeError naming the size, leaving the heap and a network intact', () => {
    const net = new DeepLinearNetwork({
      A: Matrix.randn(2, 3, { seed: 1 }), b: Float64Array.of(1, 2), widths: [2],
      init: { kind: 'gaussian' }, seed: 1,
    });
    const theta = net.theta();
    const live = wasmLiveBlocks();
    const bytes = wasmMemoryBytes();

    const m = 23171; // m²·8 bytes = 2^32 + 194 632: wrapped to 32 bits it was a tiny block
    expect(() => matmul(ones(m, 1), ones(1, m))).toThrow(
      /^deeplin: a block of 4295161928 bytes \(4\.00 GiB\) is needed, but Wasm memory holds/,
    );
    expect(() => matmul(ones(14_200, 1), ones(1, 14_200))).toThrow(
      /^deeplin: out of Wasm memory: a block of 1613120000 bytes \(1\.50 GiB\)/,
    );
    expect(() => matmul(ones(14_200, 1), ones(1, 14_200))).toThrow(RangeError);

    expect(wasmLiveBlocks()).toBe(live);
    expect(wasmMemoryBytes()).toBe(bytes);
    expect(net.theta()).toEqual(theta);
    expect(net.train({ step: 'auto', maxSteps: 10 }).steps).toBe(10);
    expect(svd(Matrix.fromRows([[3, 0], [0, -4]])).s).toEqual(Float64Array.of(4, 3));
    net.dispose();
  });
});
