// Whole-matrix passes for the fast path of svd (src/linalg/svdBidiag.ts and bidiagDivide.ts):
// block copies, the scaled transpose into column-contiguous storage, and the spread of the row
// and column norms that decides the path. In Wasm, not TypeScript, because these run over
// every entry and the JavaScript loops were 4–10 ns an entry.
import { stripe as row, getAt as get, putAt as put } from './pointers';

/** Copy the rows × cols block at src (row stride lds) to dst (row stride ldd). */
export function dlacpy(rows: i32, cols: i32, src: usize, lds: i32, dst: usize, ldd: i32): void {
  const bytes = <usize>cols << 3;
  for (let i = 0; i < rows; i++) memory.copy(row(dst, ldd, i), row(src, lds, i), bytes);
}

/** Tile edge of the transpose: two 8×8 tiles of doubles stay in L1 together. */
const TILE = 8;

/** dst (n×m row-major, i.e. src column-contiguous) = f·srcᵀ for the m×n row-major src. */
export function dtransposeScaled(m: i32, n: i32, src: usize, f: f64, dst: usize): void {
  for (let i0 = 0; i0 < m; i0 += TILE) {
    const i1 = min(i0 + TILE, m);
    for (let j0 = 0; j0 < n; j0 += TILE) {
      const j1 = min(j0 + TILE, n);
      for (let i = i0; i < i1; i++) {
        const ps = row(src, n, i);
        for (let j = j0; j < j1; j++) put(row(dst, m, j), i, f * get(ps, j));
      }
    }
  }
}

/**
 * For the m×n row-major matrix at pa: the larger of max/min of its squared row norms and of its
 * squared column norms (Infinity when a row or column is zero or a square overflows), and its
 * largest |a_ij| to pamax. pcols: n doubles of workspace.
 */
export function dnormSpread(m: i32, n: i32, pa: usize, pcols: usize, pamax: usize): f64 {
  memory.fill(pcols, 0, <usize>n << 3);
  let amax: f64 = 0;
  let rowLo = Infinity;
  let rowHi: f64 = 0;
  for (let i = 0; i < m; i++) {
    const pr = row(pa, n, i);
    let r: f64 = 0;
    for (let j = 0; j < n; j++) {
      const v = get(pr, j);
      const sq = v * v;
      r += sq;
      put(pcols, j, get(pcols, j) + sq);
      amax = max(amax, abs(v));
    }
    rowLo = min(rowLo, r);
    rowHi = max(rowHi, r);
  }
  let colLo = Infinity;
  let colHi: f64 = 0;
  for (let j = 0; j < n; j++) {
    colLo = min(colLo, get(pcols, j));
    colHi = max(colHi, get(pcols, j));
  }
  put(pamax, 0, amax);
  if (rowLo == 0 || colLo == 0) return Infinity;
  return max(rowHi / rowLo, colHi / colLo);
}
