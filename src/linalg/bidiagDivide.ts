// SVD of an upper bidiagonal matrix by divide and conquer (Gu & Eisenstat 1995; Jessup &
// Sorensen 1994; LAPACK's dbdsdc and dlasd0–dlasd3), for the fast path of svd (svdBidiag.ts).
//
// The recursion works on segments of rows r0…r1−1 with their m + 1 columns r0…r1: an m×(m+1)
// bidiagonal with a one-dimensional null space. Splitting at row k leaves two such segments
// and row k (d_k at column k, e_k at k + 1). In the children's singular bases that row becomes
// z = (d_k·last row of V₁, e_k·first row of V₂); the children's two null vectors are rotated
// into one that carries z and one that is the parent's null vector; and what is left is the
// broken arrow matrix of arrowSvd.ts. A square block is split at its middle row into such a
// segment and a smaller square block, which has no null vector.
//
// The vectors of a merge are products with the children's blocks, one GEMM per child, so the
// block-diagonal structure halves the flops of a dense product (as dlasd3 groups its columns).
import { f64View, type Scratch } from '../core/memory.js';
import { wasm } from '../core/wasm.js';
import { arrowSvd, givens, secularWork, type SecularWork } from './arrowSvd.js';

/** B = U·diag(σ)·Vᵀ with σ non-increasing; U and V n×n row-major in Wasm memory. */
export interface BidiagonalSvd {
  sigma: Float64Array;
  pU: number;
  pV: number;
}

/**
 * SVD of the n×n upper bidiagonal B with diagonal d and superdiagonal e (n − 1). Without
 * wantU, U is not formed (pU = 0) and of V only the first and last rows are kept (the merges
 * read no other), so the merges cost O(m²) instead of GEMMs; the other rows are left stale.
 */
export function bidiagonalSvd(
  s: Scratch, d: Float64Array, e: Float64Array, wantU: boolean,
): BidiagonalSvd {
  const n = d.length;
  const state: DivideState = {
    n, d, e, wantU,
    sigma: new Float64Array(n),
    pU: wantU ? s.zeros(n * n) : 0,
    pV: s.zeros(n * n),
    pM: s.alloc(n * n),
    pUM: wantU ? s.alloc(n * n) : 0,
    pB: s.alloc((n + 1) * n),
    pT: s.alloc((n + 1) * n),
    work: secularWork(s, n),
  };
  squareSegment(state, 0, n);
  return { sigma: state.sigma, pU: state.pU, pV: state.pV };
}

interface DivideState {
  n: number;
  d: Float64Array;
  e: Float64Array;
  wantU: boolean;
  sigma: Float64Array;
  pU: number;
  pV: number;
  /** m×m V_Mᵀ and U_Mᵀ, m×(m+1) for child 2's columns of V_Mᵀ, (m+1)×m products. */
  pM: number;
  pUM: number;
  pB: number;
  pT: number;
  work: SecularWork;
}

/** Rows r0…r1−1 and columns r0…r1: σ to sigma[r0…], V to the block (r0…r1)², U to (r0…r1−1)². */
function segment(st: DivideState, r0: number, r1: number): void {
  const { n } = st;
  if (r1 === r0) {
    f64View(st.pV, n * n)[r0 * n + r0] = 1;
    return;
  }
  if (r1 === r0 + 1) {
    // One row (d e): σ = ‖(d, e)‖, v = (d, e)/σ, null vector (−e, d)/σ, u = 1; solved here
    // because half of all merges are these and each costs a merge's fixed overhead.
    const { c, s, r } = givens(st.d[r0]!, st.e[r0]!);
    const V = f64View(st.pV, n * n);
    V[r0 * n + r0] = c;
    V[r0 * n + r0 + 1] = -s;
    V[(r0 + 1) * n + r0] = s;
    V[(r0 + 1) * n + r0 + 1] = c;
    if (st.wantU) f64View(st.pU, n * n)[r0 * n + r0] = 1;
    st.sigma[r0] = r;
    return;
  }
  const k = r0 + ((r1 - r0) >> 1);
  segment(st, r0, k);
  segment(st, k + 1, r1);
  merge(st, r0, k, r1, false);
}

/**
 * Rows and columns r0…r1−1, a square bidiagonal: split at its middle row k into the segment of
 * rows r0…k−1 and the square rows and columns k+1…r1−1, so that both children are about half.
 */
function squareSegment(st: DivideState, r0: number, r1: number): void {
  if (r1 === r0) return;
  const k = r0 + ((r1 - r0) >> 1);
  segment(st, r0, k);
  squareSegment(st, k + 1, r1);
  merge(st, r0, k, r1, true);
}

/**
 * Merge the children (rows r0…k−1 and k+1…r1−1) through row k. `square`: the second child is
 * square (no column r1, no null vector) and so is the merged block.
 */
function merge(st: DivideState, r0: number, k: number, r1: number, square: boolean): void {
  const { n, sigma } = st;
  const kern = wasm();
  const m = r1 - r0;
  const k1 = k - r0;
  const k2 = r1 - 1 - k;
  const dk = st.d[k]!;
  const ek = k + 1 < r1 || !square ? st.e[k]! : 0;

  // The arrow: columns of child 1, the rotated null vector (z row k1), columns of child 2.
  let V = f64View(st.pV, n * n);
  const dval = new Float64Array(m);
  const zval = new Float64Array(m);
  for (let g = 0; g < k1; g++) {
    dval[g] = sigma[r0 + g]!;
    zval[g] = dk * V[k * n + r0 + g]!;
  }
  const za = dk * V[k * n + k]!;
  const zb = square ? 0 : ek * V[(k + 1) * n + r1]!;
  const { c, s: sn, r } = givens(za, zb);
  zval[k1] = r;
  for (let g = k1 + 1; g < m; g++) {
    const col = k + g - k1;
    dval[g] = sigma[col]!;
    zval[g] = ek * V[(k + 1) * n + col]!;
  }
  sigma.set(arrowSvd(st.work, dval, zval, k1, st.pM, st.pUM), r0);
  V = f64View(st.pV, n * n);

  // V: the null columns scaled by the rotation, each child's block times its rows of V_M.
  const null1 = new Float64Array(k1 + 1);
  const null2 = new Float64Array(k2 + 1);
  for (let i = 0; i <= k1; i++) {
    null1[i] = V[(r0 + i) * n + k]!;
    V[(r0 + i) * n + k] = c * null1[i]!;
  }
  if (!square) {
    for (let i = 0; i <= k2; i++) {
      null2[i] = V[(k + 1 + i) * n + r1]!;
      V[(k + 1 + i) * n + r1] = sn * null2[i]!;
    }
    // Child 2's columns of V_Mᵀ with its null vector's (column k1) moved last, as in its block.
    kern.dlacpy(m, k2, st.pM + 8 * (k1 + 1), m, st.pB, k2 + 1);
    kern.dlacpy(m, 1, st.pM + 8 * k1, m, st.pB + 8 * k2, k2 + 1);
  }
  // Each output row is a row of one child's block times that child's rows of V_M: rows r0…k
  // from child 1, the rest from child 2 (with its null vector last, when it has one).
  const at = (row: number, col: number) => st.pV + 8 * (row * n + col);
  const product = (row: number, rows: number, out: number) => {
    const pt = st.pT + 8 * out * m;
    if (row <= k) {
      kern.dgemm(0, 1, rows, m, k1 + 1, 1, at(row, r0), n, st.pM, m, 0, pt, m);
    } else if (square) {
      kern.dgemm(0, 1, rows, m, k2, 1, at(row, k + 1), n, st.pM + 8 * (k1 + 1), m, 0, pt, m);
    } else {
      kern.dgemm(0, 1, rows, m, k2 + 1, 1, at(row, k + 1), n, st.pB, k2 + 1, 0, pt, m);
    }
  };
  const lastRow = square ? r1 - 1 : r1;
  const rowsOut = lastRow - r0 + 1;
  // Without vectors only the first and last rows are kept: the merges above read no other.
  const kept = st.wantU ? null : [r0, lastRow];
  if (kept) {
    kept.forEach((row, i) => product(row, 1, i));
  } else {
    product(r0, k1 + 1, 0);
    if (lastRow > k) product(k + 1, lastRow - k, k1 + 1);
  }
  if (kept) kept.forEach((row, i) => kern.dlacpy(1, m, st.pT + 8 * i * m, m, at(row, r0), n));
  else kern.dlacpy(rowsOut, m, st.pT, m, at(r0, r0), n);
  V = f64View(st.pV, n * n);
  if (!square) {
    for (let i = 0; i <= k1; i++) V[(r0 + i) * n + r1] = -sn * null1[i]!;
    for (let i = 0; i <= k2; i++) V[(k + 1 + i) * n + r1] = c * null2[i]!;
  }
  if (st.wantU) mergeLeft(st, r0, k, m, k1, k2);
}

/** U of the merged rows r0…r0+m−1: child 1's block, the unit row k, child 2's block, times U_M. */
function mergeLeft(
  st: DivideState, r0: number, k: number, m: number, k1: number, k2: number,
): void {
  const { n } = st;
  const kern = wasm();
  const at = (row: number, col: number) => st.pU + 8 * (row * n + col);
  if (k1 > 0) kern.dgemm(0, 1, k1, m, k1, 1, at(r0, r0), n, st.pUM, m, 0, st.pT, m);
  if (k2 > 0) {
    kern.dgemm(0, 1, k2, m, k2, 1, at(k + 1, k + 1), n, st.pUM + 8 * (k1 + 1), m, 0,
      st.pT + 8 * (k1 + 1) * m, m);
  }
  // Row k of the result is column k1 of U_Mᵀ.
  kern.dlacpy(m, 1, st.pUM + 8 * k1, m, st.pT + 8 * k1 * m, 1);
  kern.dlacpy(m, m, st.pT, m, at(r0, r0), n);
}
