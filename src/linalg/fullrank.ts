// The fast path of minNormSolution and lstsq: when A has full rank with a margin, A⁺·B comes
// from one Householder QR with column pivoting instead of an SVD (a complete orthogonal
// decomposition with nothing to complete). Wide A (m ≤ n): Aᵀ·P = Q·R and A⁺ = Q·R⁻ᵀ·Pᵀ.
// Tall A (m > n): A·P = Q·R and A⁺ = P·R⁻¹·Qᵀ.
//
// Full rank is certified, not guessed: with k = min(m, n), s_min(R) ≥ 1/(√k‖R⁻¹‖₁) and
// s_max(R) ≤ √k‖R‖₁, so k·cond₁(R) < 1/(SAFETY·max(m, n)·eps) puts every singular value well
// above pinv's cutoff max(m, n)·eps·s_max, also after the rounding errors of the QR (of order
// max(m, n)·eps·‖A‖). Otherwise the caller falls back to the SVD, so the result is A⁺·B with
// the same cutoff either way.
import { f64View, withScratch } from '../core/memory.js';
import { wasm } from '../core/wasm.js';
import { Matrix } from './matrix.js';

const SAFETY = 64;

/** A⁺·B for m×n A and m×k B when A has full rank with a margin; null otherwise. */
export function fullRankSolve(a: Matrix, B: Matrix): Matrix | null {
  const { rows: m, cols: n } = a;
  const wide = m <= n;
  // T is Aᵀ (n×m) for wide A, A for tall: tm×tn with tm ≥ tn.
  const [tm, tn] = wide ? [n, m] : [m, n];
  const k = B.cols;
  return withScratch((s) => {
    const kern = wasm();
    const pt = s.alloc(tm * tn);
    const ptau = s.alloc(tn);
    const pj = s.alloc(tn);
    const pn = s.alloc(2 * tn);
    const pw = s.alloc(tn);
    const px = s.alloc(tm * k);

    const t = f64View(pt, tm * tn);
    // Column-contiguous T: for wide A that is A's own row-major data.
    if (wide) t.set(a.data);
    else for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) t[j * m + i] = a.data[i * n + j]!;
    kern.dgeqp3(tm, tn, pt, tm, ptau, pj, pn, 1);
    const cond = kern.dtrcond1(tn, pt, tm, pw);
    if (!(tn * cond * SAFETY * Math.max(m, n) * Number.EPSILON < 1)) return null;

    const jpvt = f64View(pj, tn);
    const x = f64View(px, tm * k);
    x.fill(0);
    const b = B.data;
    if (wide) {
      // x = Q·[R⁻ᵀ·Pᵀ·b; 0] for each column b of B.
      for (let c = 0; c < k; c++) for (let i = 0; i < tn; i++) x[c * tm + i] = b[jpvt[i]! * k + c]!;
      for (let c = 0; c < k; c++) kern.dtrsvUpper(1, tn, pt, tm, px + 8 * c * tm);
      kern.dormqr(0, tm, k, tn, pt, tm, ptau, px, tm);
    } else {
      // x = P·R⁻¹·(Qᵀ·b)[0:n].
      for (let c = 0; c < k; c++) for (let i = 0; i < m; i++) x[c * tm + i] = b[i * k + c]!;
      kern.dormqr(1, tm, k, tn, pt, tm, ptau, px, tm);
      for (let c = 0; c < k; c++) kern.dtrsvUpper(0, tn, pt, tm, px + 8 * c * tm);
    }

    const out = new Matrix(n, k);
    const y = f64View(px, tm * k);
    for (let c = 0; c < k; c++) {
      for (let i = 0; i < n; i++) {
        const row = wide ? i : jpvt[i]!;
        out.data[row * k + c] = y[c * tm + i]!;
      }
    }
    return out;
  });
}
