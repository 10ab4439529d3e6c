// The relaxed-SIMD row of the page's gemm suite, as in bench/gemm.bench.mjs: the dgemm of the
// relaxed-SIMD module (what init({ relaxedSimd: true }) loads), a raw instance of its embedded
// bytes on its own memory, so that the page's init() keeps the portable module for the rest.
import { instantiate } from '../../dist/core/generated/kernels.js';
import { wasmBase64 } from '../../dist/core/generated/kernels-relaxed-base64.js';

const bytesOf = (b64) => Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));

/** The relaxed module's exports, or null where this browser does not validate its bytes. */
export async function relaxedKernels() {
  const bytes = bytesOf(wasmBase64);
  if (!WebAssembly.validate(bytes)) return null;
  return instantiate(await WebAssembly.compile(bytes));
}

/**
 * A task of measureBatched: the relaxed dgemm on copies of the n×n operands in its memory.
 * @returns the task; call free() on it after timing
 */
export function relaxedGemmTask(k, a, b, n, check) {
  const [pa, pb, pc] = [0, 1, 2].map(() => k.allocBytes(8 * n * n));
  new Float64Array(k.memory.buffer, pa, n * n).set(a.data);
  new Float64Array(k.memory.buffer, pb, n * n).set(b.data);
  return {
    impl: 'deeplin dgemm relaxed', check,
    fn: () => {
      k.dgemm(0, 0, n, n, n, 1, pa, n, pb, n, 0, pc, n);
      return new Float64Array(k.memory.buffer, pc, n * n);
    },
    free: () => [pa, pb, pc].forEach((p) => k.freeBytes(p)),
  };
}
