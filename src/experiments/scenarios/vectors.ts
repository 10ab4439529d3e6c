// Vector arithmetic on the library's Wasm BLAS-1 kernels, with the finiteness check off: a run
// that diverged is a result the scenarios record (NaN or Infinity in a row), not a bad input.
import { axpy, dot as libDot, norm2 } from '../../linalg/products.js';

const loose = { checkFinite: false } as const;

/** ‖x‖₂ (NaN or Infinity pass through). */
export const norm = (x: Float64Array): number => norm2(x, loose);

/** x − y. */
export const sub = (x: Float64Array, y: Float64Array): Float64Array => axpy(-1, y, x, loose);

/** x + y. */
export const add = (x: Float64Array, y: Float64Array): Float64Array => axpy(1, y, x, loose);

/** xᵀy. */
export const dot = (x: Float64Array, y: Float64Array): number => libDot(x, y, loose);

/** ‖x − y‖₂. */
export const distance = (x: Float64Array, y: Float64Array): number => norm(sub(x, y));
