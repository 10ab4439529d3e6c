// Writing gemm results into C: C := alpha·tile + beta·C over the valid part of a tile, and the
// beta-only update used when there is no product to add.
import { NR, tileBuffer } from './gemmKernel';

@inline function rowPtr(p: usize, ld: i32, row: i32): usize {
  return p + ((<usize>row * <usize>ld) << 3);
}

/** Scale the m×n block at pc by beta; beta = 0 writes zeros without reading C (reference BLAS). */
export function scaleBlock(m: i32, n: i32, beta: f64, pc: usize, ldc: i32): void {
  if (beta == 1) return;
  for (let i = 0; i < m; i++) {
    const row = rowPtr(pc, ldc, i);
    if (beta == 0) {
      memory.fill(row, 0, <usize>n << 3);
      continue;
    }
    for (let j = 0; j < n; j++) {
      const pj = row + (<usize>j << 3);
      store<f64>(pj, beta * load<f64>(pj));
    }
  }
}

/**
 * C[0:mr, 0:nr] := alpha·tile + beta·C, where C starts at pc with row stride ldc.
 * beta = 0 never reads C, so NaN or garbage already there does not leak into the result.
 */
export function storeTile(
  mr: i32, nr: i32, alpha: f64, beta: f64, pc: usize, ldc: i32,
): void {
  const va = f64x2.splat(alpha);
  const vb = f64x2.splat(beta);
  for (let r = 0; r < mr; r++) {
    const c = rowPtr(pc, ldc, r);
    const t = tileBuffer + ((<usize>(r * NR)) << 3);
    let j = 0;
    if (beta == 0) {
      for (; j + 2 <= nr; j += 2) {
        const o = <usize>j << 3;
        v128.store(c + o, f64x2.mul(va, v128.load(t + o)));
      }
      if (j < nr) store<f64>(c + (<usize>j << 3), alpha * load<f64>(t + (<usize>j << 3)));
    } else if (beta == 1) {
      for (; j + 2 <= nr; j += 2) {
        const o = <usize>j << 3;
        v128.store(c + o, f64x2.add(v128.load(c + o), f64x2.mul(va, v128.load(t + o))));
      }
      if (j < nr) {
        const o = <usize>j << 3;
        store<f64>(c + o, load<f64>(c + o) + alpha * load<f64>(t + o));
      }
    } else {
      for (; j + 2 <= nr; j += 2) {
        const o = <usize>j << 3;
        const cv = f64x2.mul(vb, v128.load(c + o));
        v128.store(c + o, f64x2.add(cv, f64x2.mul(va, v128.load(t + o))));
      }
      if (j < nr) {
        const o = <usize>j << 3;
        store<f64>(c + o, beta * load<f64>(c + o) + alpha * load<f64>(t + o));
      }
    }
  }
}

