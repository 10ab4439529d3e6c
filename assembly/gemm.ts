// Level-3 BLAS, row-major: C := alpha op(A) op(B) + beta C.
//
// Blocking follows Goto and van de Geijn (ACM TOMS 34(3), 2008): op(B) is packed KC×NC at a
// time into column micro-panels of NR, op(A) MC×KC at a time into row micro-panels of MR, and a
// register-blocked micro-kernel multiplies one A micro-panel by one B micro-panel. Rows of C are
// contiguous, so an f64x2 lane pair runs along a row of C and of the B micro-panel, and each entry
// of A is broadcast. Tile shape and register budget are discussed in gemmTile.ts (the portable
// 5×4 mul+add tile) and gemmTileFma.ts (the 6×4 fused tile of the relaxed-SIMD build); which
// one this build uses is fixed in gemmKernel.ts.
//
// KC fixes the association of every entry of C: each KC slice of k is summed in k order from
// zero in registers, then added to C. MC and NC only choose which entries are computed together,
// so they may change without changing a bit; KC may not.
//
// Packing buffers are static (memory.data), so no call allocates. Panels are padded with zeros
// to whole tiles; the padded rows and columns only feed entries of C that are never stored, so
// no product of a real entry is ever skipped and NaN/Inf propagate as in reference BLAS.
import { MR, NR, microKernel, tileBuffer } from './gemmKernel';
import { scaleBlock, storeTile } from './gemmStore';
import { dgemv } from './gemv';

export { dgemv, scaleBlock };
// The tile must stay a function of its own: inlined into dgemm, its loop was rotated into the
// loop header, where V8 hoists all seven loads and spills (see gemmTile.ts). dgemm calls it
// from two sites, which keeps binaryen from inlining it. Exported, a benchmark can time it alone.
export { microKernel as gemmMicroKernel };

// L2 holds the packed A block (MC·KC·16 = 240 KiB, A is stored twice); L1 holds one B
// micro-panel (KC·NR·8 = 8 KiB) and one A micro-panel (KC·MR·16 = 20 KiB). MC from 20 to 120
// and NC = 256 measured the same as these, within the noise of this shared machine.
const MC: i32 = 60;
const KC: i32 = 256;
const NC: i32 = 512;

// Buffers hold whole padded panels, so they are rounded up to a multiple of the tile.
const packedA: usize = memory.data(((MC + MR - 1) / MR) * MR * KC * 16, 16);
const packedB: usize = memory.data(((NC + NR - 1) / NR) * NR * KC * 8, 16);

@inline function rowPtr(p: usize, ld: i32, row: i32): usize {
  return p + ((<usize>row * <usize>ld) << 3);
}

/**
 * Pack rows i0 … i0+mb−1, columns p0 … p0+kb−1 of op(A) into MR-row micro-panels, each
 * entry stored twice so the micro-kernel gets its broadcast with one plain v128 load (V8 folds the
 * offset of a v128.load into the instruction but not that of a load64_splat). Entry (r, p) of
 * panel q lands at packedA[2·((q·kb + p)·MR + r)] and the next double. Rows past mb are zeros.
 */
function packA(transA: i32, pa: usize, lda: i32, i0: i32, mb: i32, p0: i32, kb: i32): void {
  const step = <usize>MR << 4;
  for (let q = 0; q < mb; q += MR) {
    const rows = min(MR, mb - q);
    const dst = packedA + ((<usize>q * <usize>kb) << 4);
    for (let r = 0; r < MR; r++) {
      let d = dst + (<usize>r << 4);
      if (r >= rows) {
        for (let p = 0; p < kb; p++, d += step) v128.store(d, f64x2.splat(0));
      } else if (!transA) {
        // op(A)(i, p) = A[i·lda + p]: a contiguous run of A's row i0+q+r.
        const src = rowPtr(pa, lda, i0 + q + r) + (<usize>p0 << 3);
        for (let p = 0; p < kb; p++, d += step) {
          v128.store(d, v128.load64_splat(src + (<usize>p << 3)));
        }
      } else {
        // op(A)(i, p) = A[p·lda + i]: one entry from each of kb rows.
        const src = rowPtr(pa, lda, p0) + (<usize>(i0 + q + r) << 3);
        const ld = <usize>lda << 3;
        for (let p = 0; p < kb; p++, d += step) {
          v128.store(d, v128.load64_splat(src + <usize>p * ld));
        }
      }
    }
  }
}

/**
 * Pack rows p0 … p0+kb−1, columns j0 … j0+nb−1 of op(B) into NR-column micro-panels:
 * entry (p, c) of panel q lands at packedB[(q·kb + p)·NR + c]. Columns past nb are zeros.
 */
function packB(transB: i32, pb: usize, ldb: i32, p0: i32, kb: i32, j0: i32, nb: i32): void {
  for (let q = 0; q < nb; q += NR) {
    const cols = min(NR, nb - q);
    const dst = packedB + ((<usize>q * <usize>kb) << 3);
    if (!transB && cols == NR) {
      // op(B)(p, j) = B[p·ldb + j]: NR contiguous entries per row, copied two at a time.
      let src = rowPtr(pb, ldb, p0) + (<usize>(j0 + q) << 3);
      const step = <usize>ldb << 3;
      for (let p = 0; p < kb; p++) {
        const d = dst + ((<usize>p * NR) << 3);
        for (let c = 0; c < NR; c += 2) {
          v128.store(d + (<usize>c << 3), v128.load(src + (<usize>c << 3)));
        }
        src += step;
      }
      continue;
    }
    for (let c = 0; c < NR; c++) {
      const d = dst + (<usize>c << 3);
      if (c >= cols) {
        for (let p = 0; p < kb; p++) store<f64>(d + ((<usize>p * NR) << 3), 0);
      } else if (!transB) {
        const src = rowPtr(pb, ldb, p0) + (<usize>(j0 + q + c) << 3);
        const step = <usize>ldb << 3;
        for (let p = 0; p < kb; p++) {
          store<f64>(d + ((<usize>p * NR) << 3), load<f64>(src + <usize>p * step));
        }
      } else {
        // op(B)(p, j) = B[j·ldb + p]: a contiguous run of B's row j0+q+c.
        const src = rowPtr(pb, ldb, j0 + q + c) + (<usize>p0 << 3);
        for (let p = 0; p < kb; p++) {
          store<f64>(d + ((<usize>p * NR) << 3), load<f64>(src + (<usize>p << 3)));
        }
      }
    }
  }
}

/**
 * A product with one row or one column is a matrix-vector product: packing would pad it to a
 * whole tile (NR or MR times the work), so it goes to dgemv when its vectors are contiguous.
 */
function gemvShaped(
  transA: i32, transB: i32, m: i32, n: i32, k: i32,
  alpha: f64, pa: usize, lda: i32, pb: usize, ldb: i32,
  beta: f64, pc: usize, ldc: i32,
): bool {
  if (n == 1 && (ldc == 1 || m == 1) && (transB || ldb == 1 || k == 1)) {
    // c = alpha op(A) b + beta c, with b the single column of op(B).
    if (transA) dgemv(1, k, m, alpha, pa, lda, pb, beta, pc);
    else dgemv(0, m, k, alpha, pa, lda, pb, beta, pc);
    return true;
  }
  if (m == 1 && (!transA || lda == 1 || k == 1)) {
    // cᵀ = alpha op(B)ᵀ aᵀ + beta cᵀ, with a the single row of op(A).
    if (transB) dgemv(0, n, k, alpha, pb, ldb, pa, beta, pc);
    else dgemv(1, k, n, alpha, pb, ldb, pa, beta, pc);
    return true;
  }
  return false;
}

/**
 * C := alpha op(A) op(B) + beta C, with op(A) m×k and op(B) k×n; transA, transB are 0 or 1.
 * beta = 0 overwrites C without reading it; alpha = 0 or k = 0 only scales C (reference BLAS).
 * Loop order, outermost first: NC columns of C, KC slices of k, MC rows, NR, MR.
 */
export function dgemm(
  transA: i32, transB: i32, m: i32, n: i32, k: i32,
  alpha: f64, pa: usize, lda: i32, pb: usize, ldb: i32,
  beta: f64, pc: usize, ldc: i32,
): void {
  if (m <= 0 || n <= 0) return;
  if (alpha == 0 || k <= 0) {
    scaleBlock(m, n, beta, pc, ldc);
    return;
  }
  if (gemvShaped(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc)) return;

  for (let j0 = 0; j0 < n; j0 += NC) {
    const nb = min(NC, n - j0);
    for (let p0 = 0; p0 < k; p0 += KC) {
      const kb = min(KC, k - p0);
      // Only the first slice of k sees the caller's beta; later slices accumulate.
      const betaHere = p0 == 0 ? beta : 1.0;
      packB(transB, pb, ldb, p0, kb, j0, nb);

      for (let i0 = 0; i0 < m; i0 += MC) {
        const mb = min(MC, m - i0);
        packA(transA, pa, lda, i0, mb, p0, kb);

        for (let jr = 0; jr < nb; jr += NR) {
          const b = packedB + ((<usize>jr * <usize>kb) << 3);
          const nr = min(NR, nb - jr);
          for (let ir = 0; ir < mb; ir += MR) {
            const a = packedA + ((<usize>ir * <usize>kb) << 4);
            const c = rowPtr(pc, ldc, i0 + ir) + (<usize>(j0 + jr) << 3);
            // A whole tile that C takes as it is (alpha·tile with alpha = 1 is the tile, bit
            // for bit) is written in place; others go through tileBuffer and storeTile.
            if (nr == NR && mb - ir >= MR && alpha == 1 && betaHere == 0) {
              microKernel(kb, a, b, c, ldc);
            } else {
              microKernel(kb, a, b, tileBuffer, NR);
              storeTile(min(MR, mb - ir), nr, alpha, betaHere, c, ldc);
            }
          }
        }
      }
    }
  }
}
