// Blocked Householder QR without pivoting (LAPACK's dgeqrf): panels of PANEL columns factored by
// the unblocked kernel (assembly/qr.ts), each applied to the columns right of it as one block
// reflector (householder.ts), so that half the flops run in the GEMM kernel. The fast path of
// svd (svdBidiag.ts) uses it to reduce tall matrices to their triangular factor.
import type { Scratch } from '../core/memory.js';
import { wasm } from '../core/wasm.js';
import { applyQtTransposed } from './householder.js';

const PANEL = 32;

/**
 * A = Q·R in place for the m×n column-contiguous matrix at pa (leading dimension lda, m ≥ n),
 * stored as dgeqp3 stores it without pivoting: R on and above the diagonal, the reflectors
 * below it, their taus at ptau.
 */
export function qrBlocked(
  s: Scratch, m: number, n: number, pa: number, lda: number, ptau: number,
): void {
  const kern = wasm();
  const pjpvt = s.alloc(PANEL);
  const pnorms = s.alloc(2 * PANEL);
  for (let j0 = 0; j0 < n; j0 += PANEL) {
    const b = Math.min(PANEL, n - j0);
    const panel = pa + 8 * (j0 * lda + j0);
    kern.dgeqp3(m - j0, b, panel, lda, ptau + 8 * j0, pjpvt, pnorms, 0);
    if (j0 + b < n) {
      applyQtTransposed(s, m - j0, b, n - j0 - b, panel, lda, ptau + 8 * j0, panel + 8 * b * lda,
        lda);
    }
  }
}
