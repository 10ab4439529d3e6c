// T6, the lazy (kernel) regime (Chizat, Oyallon and Bach 2019): the tangent kernel of θ at the
// initialization and the interpolant that the linearized model reaches.
import { ShapeMismatch } from '../core/errors.js';
import { Matrix } from '../linalg/matrix.js';
import { matmul } from '../linalg/products.js';
import { checkOperand } from '../linalg/validate.js';
import { checkChain, checkFactors, checkFiniteVector, checkFlags } from './arguments.js';
import { norm } from './metrics.js';
import { pinv } from '../linalg/pinv.js';

/**
 * The tangent kernel M = J Jᵀ of θ = W1⋯Wh x (vector case):
 * M = Σ_{i=1..h} ‖S_{i+1}‖² P_iP_iᵀ + (W1⋯Wh)(W1⋯Wh)ᵀ, with P_i = W1⋯W_{i−1} (P_1 = I) and
 * S_{i+1} = W_{i+1}⋯Wh x. Frozen factors contribute no term.
 * @param factors W1 … Wh, x (x with one column)
 * @param frozen optional flags per factor (h + 1)
 * @returns the d×d matrix M
 * @throws {ShapeMismatch} when x has more than one column, the factors do not chain or
 *   frozen does not list one boolean per factor
 */
export function tangentKernel(factors: Matrix[], frozen?: readonly boolean[]): Matrix {
  checkFactors('tangentKernel', 'factors', factors);
  checkChain('tangentKernel', 'factors', factors);
  checkFlags('tangentKernel', 'frozen', frozen, factors.length);
  const h = factors.length - 1;
  const x = factors[h]!;
  if (x.cols !== 1) {
    throw new ShapeMismatch(
      `tangentKernel: the last factor must be a vector (m_h×1); got ${x.rows}×${x.cols}`,
    );
  }
  const d = factors[0]!.rows;
  const m = Matrix.zeros(d, d);
  const suffix: Matrix[] = new Array<Matrix>(h + 1);
  suffix[h] = x;
  for (let i = h - 1; i >= 1; i--) suffix[i] = matmul(factors[i]!, suffix[i + 1]!);
  let prefix = Matrix.eye(d);
  for (let i = 0; i <= h; i++) {
    if (!frozen?.[i]) {
      // Layer i (0-based) sees the prefix W1⋯W_{i} and, if it is a matrix, the suffix after it.
      const weight = i < h ? norm(suffix[i + 1]!.data) ** 2 : 1;
      const pp = matmul(prefix, prefix, { transposeB: true });
      for (let j = 0; j < d * d; j++) m.data[j]! += weight * pp.data[j]!;
    }
    if (i < h) prefix = matmul(prefix, factors[i]!);
  }
  return m;
}

/**
 * The lazy prediction θ_lazy = θ0 + M Aᵀ(A M Aᵀ)⁺(b − Aθ0): the interpolant closest to θ0 in the
 * M⁻¹-norm, where GD on the linearized model ends. With Chizat scaling α(θ(W) − θ(W0)) the
 * predictor starts at 0: pass θ0 = 0.
 * @param a the n×d matrix A
 * @param b the targets (length n)
 * @param kernel M (d×d), e.g. tangentKernel at the initialization
 * @param theta0 the predictor's start (length d; zeros when omitted)
 * @throws {ShapeMismatch} when kernel is not d×d or b, theta0 have the wrong length
 */
export function lazySolution(
  a: Matrix, b: Float64Array, kernel: Matrix, theta0?: Float64Array,
): Float64Array {
  checkOperand('lazySolution', 'A', a);
  const bv = checkFiniteVector('lazySolution', 'b', b, a.rows);
  checkOperand('lazySolution', 'kernel', kernel);
  if (kernel.rows !== a.cols || kernel.cols !== a.cols) {
    throw new ShapeMismatch(
      `lazySolution: argument 'kernel' must be d×d = ${a.cols}×${a.cols} (A is ` +
        `${a.rows}×${a.cols}); got ${kernel.rows}×${kernel.cols}`,
    );
  }
  const t0 = theta0
    ? checkFiniteVector('lazySolution', 'theta0', theta0, a.cols)
    : new Float64Array(a.cols);
  const mat = matmul(kernel, a, { transposeB: true });
  const amat = matmul(a, mat);
  const r = matmul(a, new Matrix(a.cols, 1, t0)).data.map((v, i) => bv[i]! - v);
  const c = matmul(pinv(amat), new Matrix(a.rows, 1, r));
  const step = matmul(mat, c).data;
  return t0.map((v, i) => v + step[i]!);
}
