// T6, the lazy (kernel) regime (Chizat, Oyallon and Bach 2019): the tangent kernel of θ at the
// initialization and the interpolant that the linearized model reaches.
//
// A d×k θ is handled as its row-major vec (entry (p, c) at p·k + c), the order of Matrix.data.
// For that order vec(P ΔW S) = (P ⊗ Sᵀ) vec(ΔW) and vec(Aθ) = (A ⊗ I_k) vec(θ).
import { ShapeMismatch, shapeOf } from '../core/errors.js';
import { Matrix } from '../linalg/matrix.js';
import { matmul } from '../linalg/products.js';
import {
  asTargets, checkChain, checkFactors, checkFlags, checkLikeTargets, checkTargets,
} from './arguments.js';
import { norm } from './metrics.js';
import { pinv } from '../linalg/pinv.js';
import { checkOperand } from '../linalg/validate.js';

/**
 * The tangent kernel M = J Jᵀ of θ = W1⋯Wh X, with J the Jacobian of vec(θ) in the trainable
 * factors. Layer i sees θ = P_i W_i S_{i+1} with P_i = W1⋯W_{i−1} (P_1 = I) and
 * S_{i+1} = W_{i+1}⋯Wh X (m_i×k), so its block of J is P_i ⊗ S_{i+1}ᵀ and
 * M = Σ_{i=1..h} (P_iP_iᵀ) ⊗ (S_{i+1}ᵀS_{i+1}) + (W1⋯Wh)(W1⋯Wh)ᵀ ⊗ I_k.
 * For k = 1 (vector x) this is the d×d Σ ‖S_{i+1}‖² P_iP_iᵀ + (W1⋯Wh)(W1⋯Wh)ᵀ.
 * Frozen factors contribute no term.
 * @param factors W1 … Wh, X (X of k columns; one for the vector case)
 * @param frozen optional flags per factor (h + 1)
 * @returns the dk×dk matrix M, acting on row-major vec(θ) (d×d for k = 1)
 * @throws {ShapeMismatch} when the factors do not chain or frozen does not list one boolean
 *   per factor
 */
export function tangentKernel(factors: Matrix[], frozen?: readonly boolean[]): Matrix {
  checkFactors('tangentKernel', 'factors', factors);
  checkChain('tangentKernel', 'factors', factors);
  checkFlags('tangentKernel', 'frozen', frozen, factors.length);
  const h = factors.length - 1;
  const x = factors[h]!;
  const k = x.cols;
  const d = factors[0]!.rows;
  const dk = d * k;
  const m = Matrix.zeros(dk, dk);
  const suffix: Matrix[] = new Array<Matrix>(h + 1);
  suffix[h] = x;
  for (let i = h - 1; i >= 1; i--) suffix[i] = matmul(factors[i]!, suffix[i + 1]!);
  let prefix = Matrix.eye(d);
  for (let i = 0; i <= h; i++) {
    if (!frozen?.[i]) {
      // Layer i (0-based) sees the prefix W1⋯W_{i} and, if it is a matrix, the suffix after it;
      // X's term has the k×k identity in place of SᵀS.
      const gram = i === h ? Matrix.eye(k)
        : k === 1 ? new Matrix(1, 1, Float64Array.of(norm(suffix[i + 1]!.data) ** 2))
          : matmul(suffix[i + 1]!, suffix[i + 1]!, { transposeA: true });
      addKronecker(m, matmul(prefix, prefix, { transposeB: true }), gram);
    }
    if (i < h) prefix = matmul(prefix, factors[i]!);
  }
  return m;
}

/** m += p ⊗ g, for p d×d and g k×k (m is dk×dk). */
function addKronecker(m: Matrix, p: Matrix, g: Matrix): void {
  const [d, k] = [p.rows, g.rows];
  const dk = d * k;
  for (let r = 0; r < d; r++) {
    for (let s = 0; s < d; s++) {
      const prs = p.data[r * d + s]!;
      for (let a = 0; a < k; a++) {
        const row = (r * k + a) * dk + s * k;
        for (let c = 0; c < k; c++) m.data[row + c]! += prs * g.data[a * k + c]!;
      }
    }
  }
}

/** A ⊗ I_k: the map vec(θ) ↦ vec(Aθ) for row-major d×k θ (A itself for k = 1). */
function kroneckerIdentity(a: Matrix, k: number): Matrix {
  if (k === 1) return a;
  const out = Matrix.zeros(a.rows * k, a.cols * k);
  const w = a.cols * k;
  for (let i = 0; i < a.rows; i++) {
    for (let q = 0; q < a.cols; q++) {
      const v = a.data[i * a.cols + q]!;
      for (let c = 0; c < k; c++) out.data[(i * k + c) * w + q * k + c] = v;
    }
  }
  return out;
}

/**
 * The lazy prediction θ_lazy = θ0 + M𝒜ᵀ(𝒜M𝒜ᵀ)⁺ vec(B − Aθ0), 𝒜 = A ⊗ I_k: the interpolant
 * closest to θ0 in the M⁻¹-norm, where GD on the linearized model ends (for k = 1,
 * θ0 + M Aᵀ(A M Aᵀ)⁺(b − Aθ0)). With Chizat scaling α(θ(W) − θ(W0)) the predictor starts at 0:
 * omit θ0.
 * @param a the n×d matrix A
 * @param b the targets: a vector b (length n), or an n×k Matrix B
 * @param kernel M, dk×dk on row-major vec(θ) (d×d for a vector b), e.g. tangentKernel at the
 *   initialization
 * @param theta0 the predictor's start: a vector of length d with b, a d×k Matrix with B (zeros
 *   when omitted)
 * @returns θ_lazy, in the form of the targets
 * @throws {ShapeMismatch} when kernel is not dk×dk or b, B, θ0 do not fit A
 * @throws {InvalidArgument} when θ0 is not in the form of the targets
 */
export function lazySolution(
  a: Matrix, b: Float64Array, kernel: Matrix, theta0?: Float64Array,
): Float64Array;
export function lazySolution(a: Matrix, b: Matrix, kernel: Matrix, theta0?: Matrix): Matrix;
export function lazySolution(
  a: Matrix, b: Float64Array | Matrix, kernel: Matrix, theta0?: Float64Array | Matrix,
): Float64Array | Matrix {
  const fn = 'lazySolution';
  const t = checkTargets(fn, a, b);
  checkOperand(fn, 'kernel', kernel);
  const dk = a.cols * t.k;
  if (kernel.rows !== dk || kernel.cols !== dk) {
    const expected = t.matrix
      ? `dk×dk = ${shapeOf(dk, dk)} (A is ${shapeOf(a.rows, a.cols)}, B is ` +
        `${shapeOf(a.rows, t.k)})`
      : `d×d = ${shapeOf(dk, dk)} (A is ${shapeOf(a.rows, a.cols)})`;
    throw new ShapeMismatch(
      `${fn}: argument 'kernel' must be ${expected}; got ${shapeOf(kernel.rows, kernel.cols)}`,
    );
  }
  const t0 = theta0 === undefined
    ? new Float64Array(dk)
    : checkLikeTargets(fn, 'theta0', theta0, a.cols, t,
      `d×k, A is ${shapeOf(a.rows, a.cols)}`);

  const op = kroneckerIdentity(a, t.k);
  const mat = matmul(kernel, op, { transposeB: true });
  const amat = matmul(op, mat);
  const r = matmul(a, new Matrix(a.cols, t.k, t0)).data.map((v, i) => t.data[i]! - v);
  const c = matmul(pinv(amat), new Matrix(r.length, 1, r));
  const step = matmul(mat, c).data;
  return asTargets(t, a.cols, t0.map((v, i) => v + step[i]!));
}
