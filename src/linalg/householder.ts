// Blocked application of the Q of a Householder QR (assembly/qr.ts dgeqp3) to a matrix, after
// the compact WY representation of Schreiber & Van Loan (1989) as LAPACK's dlarft and dlarfb
// use it: b reflectors H_i0 … H_{i0+b−1} = I − Y·T·Yᵀ with Y unit lower trapezoidal and T
// upper triangular, so that applying them is three GEMM products instead of b passes of
// level-2 reflector updates. svd uses it for U = Q·U_R, where the unblocked dorgqr (forming Q)
// plus a GEMM ran at about a third of the GEMM kernel's rate.
import type { Scratch } from '../core/memory.js';
import { wasm } from '../core/wasm.js';

/** Reflectors per block: wide enough for the GEMM kernel, small next to svd's n. */
const BLOCK = 64;

/**
 * Cᵀ ← (Q·C)ᵀ in place, for Q = H_0 H_1 … H_{k−1} from dgeqp3's reflectors (column-contiguous
 * at pa, leading dimension lda ≥ m, taus at ptau) and C m×p held transposed: row-major p×m at
 * pct with row stride ldc ≥ m (row c is column c of C, adjacent doubles).
 */
export function applyQTransposed(
  s: Scratch, m: number, k: number, p: number, pa: number, lda: number, ptau: number,
  pct: number, ldc = m,
): void {
  applyQ(s, m, k, p, pa, lda, ptau, pct, ldc, false, false);
}

/** As applyQTransposed, with Qᵀ in place of Q: Cᵀ ← (Qᵀ·C)ᵀ. */
export function applyQtTransposed(
  s: Scratch, m: number, k: number, p: number, pa: number, lda: number, ptau: number,
  pct: number, ldc: number,
): void {
  applyQ(s, m, k, p, pa, lda, ptau, pct, ldc, false, true);
}

/** C ← Q·C in place, C m×p row-major at pc with row stride ldc ≥ p; Q as for applyQTransposed. */
export function applyQRowMajor(
  s: Scratch, m: number, k: number, p: number, pa: number, lda: number, ptau: number,
  pc: number, ldc: number,
): void {
  applyQ(s, m, k, p, pa, lda, ptau, pc, ldc, true, false);
}

function applyQ(
  s: Scratch, m: number, k: number, p: number, pa: number, lda: number, ptau: number,
  pct: number, ldc: number, rowMajor: boolean, transposeQ: boolean,
): void {
  const kern = wasm();
  const pyt = s.alloc(BLOCK * m);
  const pt = s.alloc(BLOCK * BLOCK);
  const pg = s.alloc(BLOCK * BLOCK);
  const pw = s.alloc(p * BLOCK);
  const pw2 = s.alloc(p * BLOCK);
  const last = Math.floor((k - 1) / BLOCK) * BLOCK;

  // Q·C = Q_0 (Q_1 (… (Q_last·C))): blocks from the last to the first (Qᵀ·C: first to last,
  // each block with Tᵀ for T).
  for (let step = 0; step <= last; step += BLOCK) {
    const i0 = transposeQ ? step : last - step;
    const b = Math.min(BLOCK, k - i0);
    const len = m - i0;

    // Yᵀ (b × len, row-major, units and zeros explicit) and T of this block (assembly/).
    kern.dlarft(b, len, pa + 8 * (i0 * lda + i0), lda, ptau + 8 * i0, pyt, pg, pt);

    if (rowMajor) {
      // C ← C − Y·(T·(Yᵀ·C)) on rows i0… of C.
      const pc = pct + 8 * i0 * ldc;
      kern.dgemm(0, 0, b, p, len, 1, pyt, len, pc, ldc, 0, pw, p);
      kern.dgemm(transposeQ ? 1 : 0, 0, b, p, b, 1, pt, b, pw, p, 0, pw2, p);
      kern.dgemm(1, 0, len, p, b, -1, pyt, len, pw2, p, 1, pc, ldc);
      continue;
    }

    // Cᵀ ← Cᵀ − (Cᵀ·Y)·Tᵀ·Yᵀ on columns i0… of Cᵀ.
    const pc = pct + 8 * i0;
    kern.dgemm(0, 1, p, b, len, 1, pc, ldc, pyt, len, 0, pw, b);
    kern.dgemm(0, transposeQ ? 0 : 1, p, b, b, 1, pw, b, pt, b, 0, pw2, b);
    kern.dgemm(0, 0, p, len, b, -1, pw2, b, pyt, len, 1, pc, ldc);
  }
}
