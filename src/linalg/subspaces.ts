// The four fundamental subspaces as the paper uses them: for A (n×d, usually n < d) the row
// space, onto which gradient descent never leaves the span of Aᵀ, and the null space, where the
// component of the initialization survives training untouched.
//
// All come from the full right singular vectors V = [V_r V_0] of the Jacobi SVD with the
// relative rank cutoff of pinv.ts: A⁺A = V_r·V_rᵀ and I − A⁺A = V_0·V_0ᵀ. None depends on
// the scale of A, so the SVD is taken of A normalized by a power of two (scaling.ts): entries
// near 1.7e308, whose singular values overflow, give the same subspaces as entries near 1.
import { Matrix } from './matrix.js';
import { matmul } from './products.js';
import { cutoffOf } from './pinv.js';
import { normalized } from './scaling.js';
import { svdOf } from './svd.js';
import { checkArity, checkOperand } from './validate.js';

function split(fn: string, a: Matrix): { V: Matrix; r: number } {
  checkOperand(fn, 'A', a);
  const f = svdOf(fn, normalized(a).As, 'full');
  const cutoff = cutoffOf(fn, a, f.s, {});
  let r = 0;
  while (r < f.s.length && f.s[r]! > cutoff) r++;
  return { V: f.V!, r };
}

function columns(M: Matrix, from: number, to: number): Matrix {
  const w = to - from;
  const out = new Matrix(M.rows, w);
  for (let i = 0; i < M.rows; i++) {
    out.data.set(M.data.subarray(i * M.cols + from, i * M.cols + to), i * w);
  }
  return out;
}

/** V_k·V_kᵀ for the d×k matrix V_k (zero when k = 0). */
function outer(Vk: Matrix): Matrix {
  if (Vk.cols === 0) return new Matrix(Vk.rows, Vk.rows);
  return matmul(Vk, Vk, { transposeB: true, checkFinite: false });
}

/**
 * An orthonormal basis of the null space of A as the columns of a d×(d − r) matrix, r the
 * numerical rank. Accuracy: ‖A·N‖ ≤ c·max(n, d)·eps·‖A‖ and ‖NᵀN − I‖ ≤ c·d·eps.
 * @param a the n×d matrix
 * @throws {EmptyInput} | {NonFiniteInput} for an empty or non-finite A
 */
export function nullSpaceBasis(a: Matrix): Matrix {
  checkArity('nullSpaceBasis', arguments, 1);
  const { V, r } = split('nullSpaceBasis', a);
  return columns(V, r, V.cols);
}

/**
 * The orthogonal projector A⁺A onto the row space of A (d×d, symmetric, idempotent).
 * @param a the n×d matrix
 * @throws {EmptyInput} | {NonFiniteInput} for an empty or non-finite A
 */
export function rowSpaceProjector(a: Matrix): Matrix {
  checkArity('rowSpaceProjector', arguments, 1);
  const { V, r } = split('rowSpaceProjector', a);
  return outer(columns(V, 0, r));
}

/**
 * The orthogonal projector I − A⁺A onto the null space of A (d×d), computed as V_0·V_0ᵀ from
 * the null-space basis so that no cancellation against I occurs.
 * @param a the n×d matrix
 * @throws {EmptyInput} | {NonFiniteInput} for an empty or non-finite A
 */
export function nullSpaceProjector(a: Matrix): Matrix {
  checkArity('nullSpaceProjector', arguments, 1);
  const { V, r } = split('nullSpaceProjector', a);
  return outer(columns(V, r, V.cols));
}
