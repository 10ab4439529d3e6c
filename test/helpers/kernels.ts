// Helpers for tests that call the raw Wasm kernels: operands laid out with a leading dimension
// wider than the row, the padding filled with NaN so that a kernel reading past a row shows up.
import { f64View } from '../../src/core/memory.js';
import type { Scratch } from '../../src/core/memory.js';

/** X[i, j] = (((i·u + j·v + w) mod 17) − 8) / 8: exact in f64, as in make_gemm.py. */
export function formula(rows: number, cols: number, seed: readonly number[]): Float64Array {
  const [u, v, w] = seed as [number, number, number];
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[i * cols + j] = (((i * u + j * v + w) % 17) - 8) / 8;
  }
  return out;
}

/** A rows×cols block with row stride ld in Wasm memory; entries past cols are NaN. */
export function padded(s: Scratch, data: Float64Array, rows: number, cols: number, ld: number) {
  const ptr = s.alloc(Math.max(1, rows * ld));
  const view = f64View(ptr, rows * ld);
  view.fill(NaN);
  for (let i = 0; i < rows; i++) view.set(data.subarray(i * cols, (i + 1) * cols), i * ld);
  return ptr;
}

/** Read back a rows×cols block with row stride ld, and whether its padding is still all NaN. */
export function unpad(ptr: number, rows: number, cols: number, ld: number) {
  const view = f64View(ptr, rows * ld);
  const out = new Float64Array(rows * cols);
  let paddingIntact = true;
  for (let i = 0; i < rows; i++) {
    out.set(view.subarray(i * ld, i * ld + cols), i * cols);
    for (let j = cols; j < ld; j++) if (!Number.isNaN(view[i * ld + j])) paddingIntact = false;
  }
  return { data: out, paddingIntact };
}

/** alpha·op(A)·op(B) + beta·C0 by the defining sums, in plain JS. */
export function referenceGemm(
  transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number,
  a: Float64Array, b: Float64Array, beta: number, c0: Float64Array,
): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) {
        s += (transA ? a[p * m + i]! : a[i * k + p]!) * (transB ? b[j * k + p]! : b[p * n + j]!);
      }
      out[i * n + j] = alpha * s + beta * c0[i * n + j]!;
    }
  }
  return out;
}

/** FNV-1a (32 bit) over the bytes of a Float64Array: a small, runtime-independent digest. */
export function fnv1a(data: Float64Array): string {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  let h = 0x811c9dc5;
  for (const byte of bytes) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}
