// Acceptance cases 22–24 (matmul) of the shared set, copied into test/fixtures/cases/ from
// /work/shared/cases/: f64 all the way at large magnitudes, shape errors that name both
// operands, and results that survive Wasm memory growth between calls.
import { describe, expect, it } from 'vitest';
import { Matrix, matmul, RaggedInput, ShapeMismatch, wasmMemoryBytes } from '../../src/index.js';
import { toMatrix, type MatrixSpec } from '../fixtures/cases/load.js';
import c22 from '../fixtures/cases/22-matmul-large-magnitude-f64.json';
import c23 from '../fixtures/cases/23-matmul-shape-mismatch.json';
import c24 from '../fixtures/cases/24-wasm-memory-grow-stale-view.json';

describe('case 22: large-magnitude products stay f64', () => {
  it('meets the per-entry bound 4·eps·Σ|a||b| and is far from the float32 answer', () => {
    const a = toMatrix(c22.input.A), b = toMatrix(c22.input.B);
    const c = matmul(a, b).toArray();
    const bound = c22.tolerance.per_entry_abs_values;
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 2; j++) {
        const err = Math.abs(c[i]![j]! - c22.expect.C[i]![j]!);
        expect(err).toBeLessThanOrEqual(bound[i]![j]!);
        const f32 = c22.expect.float32_result_for_contrast[i]![j]!;
        expect(Math.abs(c[i]![j]! - f32)).toBeGreaterThan(100 * bound[i]![j]!);
      }
    }
  });

  it('holds for the 1×2 variant too', () => {
    const v = c22.variants[0]!;
    const c = matmul(toMatrix(v.A), toMatrix(v.B)).toArray()[0]!;
    // Both expected entries are the exact products rounded once; allow 4 eps relative.
    c.forEach((x, j) => {
      const e = v.expect.C[0]![j]!;
      expect(Math.abs(x - e)).toBeLessThanOrEqual(4 * Number.EPSILON * 4e18);
    });
  });
});

describe('case 23: mismatched inner dimensions are an error, never a truncated sum', () => {
  it('throws ShapeMismatch naming A, B and both shapes', () => {
    const a = toMatrix(c23.input.A), b = toMatrix(c23.input.B);
    let err: unknown;
    try {
      matmul(a, b);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ShapeMismatch);
    const msg = (err as Error).message;
    for (const name of c23.expect.error.names_arguments) expect(msg).toContain(`'${name}'`);
    for (const [r, c] of c23.expect.error.names_shapes) expect(msg).toContain(`${r}×${c}`);
  });

  it('rejects ragged rows by name', () => {
    const rows = c23.variants[0]!.A as number[][];
    expect(() => Matrix.fromRows(rows, 'A')).toThrow(RaggedInput);
    expect(() => Matrix.fromRows(rows, 'A')).toThrow(/'A' is ragged.*row 1 has 1/);
  });

  it('does not turn 3×1 times 3×1 into a dot product', () => {
    const v = c23.variants[1]!;
    expect(() => matmul(toMatrix(v.A), toMatrix(v.B))).toThrow(ShapeMismatch);
  });
});

describe('case 24: results survive Wasm memory growth', () => {
  it('keeps earlier results and arrays valid across a call that grows memory', () => {
    const [s1, s2, s3] = c24.input.steps as { A: MatrixSpec | { shape: number[] }; B: unknown }[];
    const c1 = matmul(toMatrix(s1!.A as MatrixSpec), toMatrix(s1!.B as MatrixSpec));
    const identity = new Float64Array([1, 0, 0, 1]);
    const before = wasmMemoryBytes();

    const [m, k] = (s2!.A as { shape: [number, number] }).shape;
    const ones = new Matrix(m, k, new Float64Array(m * k).fill(1));
    const c2 = matmul(ones, new Matrix(k, 1, new Float64Array(k).fill(1)));
    // 8 MiB for A alone cannot fit in the initial memory: the call must have grown it.
    expect(wasmMemoryBytes()).toBeGreaterThan(before);
    expect(c2.shape).toEqual([2048, 1]);
    expect(c2.data.every((x) => x === 512)).toBe(true);

    const c3 = matmul(new Matrix(2, 2, identity), toMatrix(s3!.B as MatrixSpec));
    expect(c3.toArray()).toEqual(c24.expect.C3);
    expect(c1.toArray()).toEqual(c24.expect.C1);
  });
});
