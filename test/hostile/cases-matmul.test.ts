// Acceptance cases 22–24 (matmul): f64 all the way through on large cancelling magnitudes,
// shape mismatches and ragged rows rejected by name with nothing left behind in Wasm memory,
// and results that survive a memory.grow (no cached view over Wasm memory goes stale).
import { describe, expect, it } from 'vitest';
import { Matrix, matmul, wasmMemoryBytes } from '../../src/index.js';
import { wasmLiveBlocks } from '../../src/core/memory.js';
import { type Case, type Cell, toMatrix } from '../fixtures/cases/load.js';
import c22 from '../fixtures/cases/22-matmul-large-magnitude-f64.json';
import c23 from '../fixtures/cases/23-matmul-shape-mismatch.json';
import c24 from '../fixtures/cases/24-wasm-memory-grow-stale-view.json';

const EPS = Number.EPSILON;

/** Nested rows go through Matrix.fromRows so that ragged input meets its own check. */
function operand(spec: unknown, name: string): Matrix {
  if (Array.isArray(spec)) {
    const rows = spec as Cell[][];
    return Matrix.fromRows(rows.map((r) => r.map(Number)), name);
  }
  return toMatrix(spec as Case['input']['A']);
}

describe('case 22: products of ~1e9 entries that cancel stay f64', () => {
  const inputs = [
    { A: c22.input.A, B: c22.input.B, C: c22.expect.C },
    ...c22.variants.map((v) => ({ A: v.A, B: v.B, C: v.expect.C })),
  ];
  it('every entry is within 4·eps·Σ|a_ik b_kj| of the exactly rounded product', () => {
    for (const { A, B, C } of inputs) {
      const a = Matrix.fromRows(A);
      const b = Matrix.fromRows(B);
      const got = matmul(a, b);
      expect(got.shape).toEqual([C.length, C[0]!.length]);
      for (let i = 0; i < a.rows; i++) {
        for (let j = 0; j < b.cols; j++) {
          let bound = 0;
          for (let k = 0; k < a.cols; k++) bound += Math.abs(a.get(i, k) * b.get(k, j));
          bound *= 4 * EPS;
          expect(Math.abs(got.get(i, j) - C[i]![j]!)).toBeLessThanOrEqual(bound);
        }
      }
    }
    // The published bound values agree with the one computed here.
    const t = c22.tolerance.per_entry_abs_values;
    const a = Matrix.fromRows(c22.input.A);
    const got = matmul(a, Matrix.fromRows(c22.input.B));
    t.forEach((row, i) => row.forEach((tol, j) => {
      expect(Math.abs(got.get(i, j) - c22.expect.C[i]![j]!)).toBeLessThanOrEqual(tol);
    }));
  });

  it('differs from the float32 answer by far more than the tolerance', () => {
    const got = matmul(Matrix.fromRows(c22.input.A), Matrix.fromRows(c22.input.B));
    const f32 = c22.expect.float32_result_for_contrast;
    const gap = Math.max(...f32.flat().map((v, i) => Math.abs(v - got.data[i]!)));
    expect(gap).toBeGreaterThan(1e6);
  });
});

describe('case 23: mismatched and ragged operands are named errors', () => {
  it('2×3 · 2×2 throws ShapeMismatch naming A, B and both shapes; no block left behind', () => {
    const live = wasmLiveBlocks();
    const a = operand(c23.input.A, 'A');
    const b = operand(c23.input.B, 'B');
    let caught: unknown;
    try {
      matmul(a, b);
    } catch (e) {
      caught = e;
    }
    expect((caught as Error).name).toBe(c23.expect.error.kind);
    const msg = (caught as Error).message;
    for (const name of c23.expect.error.names_arguments) expect(msg).toContain(`'${name}'`);
    for (const [r, c] of c23.expect.error.names_shapes) expect(msg).toContain(`${r}×${c}`);
    expect(wasmLiveBlocks()).toBe(live);
  });

  it('ragged A is RaggedInput naming A; 3×1 · 3×1 is ShapeMismatch, not a dot product', () => {
    const [ragged, column] = c23.variants;
    expect(() => matmul(operand(ragged!.A, 'A'), operand(ragged!.B, 'B'))).toThrow(
      expect.objectContaining({ name: 'RaggedInput', message: expect.stringContaining("'A'") }),
    );
    expect(() => matmul(operand(column!.A, 'A'), operand(column!.B, 'B'))).toThrow(
      expect.objectContaining({ name: 'ShapeMismatch' }),
    );
  });
});

describe('case 24: results survive memory.grow', () => {
  it('C1, C2, C3 are right and C1 still reads after the memory grew', () => {
    const [s1, s2, s3] = c24.input.steps;
    const C1 = matmul(operand(s1!.A, 'A'), operand(s1!.B, 'B'));
    const eyeData = Float64Array.from((s3!.A as { data: number[] }).data);
    const before = wasmMemoryBytes();

    // At least the case's 2048×512 ones, and more than all memory now held, so it must grow.
    const rows = Math.max(2048, Math.ceil(before / (512 * 8)) + 1);
    const ones = new Matrix(rows, 512, new Float64Array(rows * 512).fill(1));
    const C2 = matmul(ones, new Matrix(512, 1, new Float64Array(512).fill(1)));
    expect(wasmMemoryBytes()).toBeGreaterThan(before);
    expect(C2.shape).toEqual([rows, 1]);
    expect(C2.data.every((v) => v === 512)).toBe(true);

    const C3 = matmul(new Matrix(2, 2, eyeData), operand(s3!.B, 'B'));
    expect(C3.toArray()).toEqual(c24.expect.C3);
    expect(C1.toArray()).toEqual(c24.expect.C1);
    expect(C1.data.buffer).not.toBe(C2.data.buffer);
  });
});
