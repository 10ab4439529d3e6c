// Closed-form predictions of THEORY.md (a3) for the end-to-end solution θ. Each function states
// the theorem it evaluates; gaps.ts measures a trained network against them.
import { Overflow, ShapeMismatch, shapeOf } from '../core/errors.js';
import { Matrix } from '../linalg/matrix.js';
import { matmul } from '../linalg/products.js';
import { checkOperand } from '../linalg/validate.js';
import { checkChain, checkDepth, checkFactors, checkFiniteVector } from './arguments.js';
import { imbalanceChecked, norm } from './metrics.js';
import { pinv } from '../linalg/pinv.js';

export { minNormSolution } from '../linalg/pinv.js';

function col(v: Float64Array): Matrix {
  return new Matrix(v.length, 1, v);
}

function checkSystem(fn: string, a: Matrix, b: unknown): Float64Array {
  checkOperand(fn, 'A', a);
  return checkFiniteVector(fn, 'b', b, a.rows);
}

/**
 * The imbalances D_i of a list W1 … Wh, x (see imbalanceMatrices, THEORY.md T3).
 * @throws {ShapeMismatch} when the factors do not chain
 * @throws {Overflow} when an entry of some D_i leaves the f64 range
 */
export function imbalance(factors: Matrix[]): Matrix[] {
  return imbalanceChecked('imbalance', factors, false);
}

/** The product of finite layers that chain; fn names the caller in errors. */
function chainProduct(fn: string, name: string, layers: Matrix[], first = 0): Matrix {
  checkFactors(fn, name, layers);
  checkChain(fn, name, layers);
  let p = layers[0]!;
  for (let i = 1; i < layers.length; i++) {
    p = matmul(p, layers[i]!, { checkFinite: false });
    const bad = p.data.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      throw new Overflow(
        `${fn}: the product ${name}[${first}] ⋯ ${name}[${first + i}] leaves the f64 range ` +
          `(entry [${bad}] is ${p.data[bad]}; finite layers, product > 1.8e308)`,
      );
    }
  }
  return p;
}

/**
 * The product W1 ⋯ Wh of a list of layers (d×m_h).
 * @throws {ShapeMismatch} when the layers do not chain
 * @throws {Overflow} when a partial product leaves the f64 range
 */
export function layerProduct(layers: Matrix[]): Matrix {
  return chainProduct('layerProduct', 'layers', layers);
}

/**
 * T0: GD on ½‖Aθ − b‖² from θ0 (0 < η < 2/σ_max(A)²) converges to the solution nearest θ0,
 * A⁺b + (I − A⁺A)θ0 = θ0 + A⁺(b − Aθ0).
 * @param a the n×d matrix A
 * @param b the targets (length n)
 * @param theta0 the start θ0 (length d)
 */
export function projectionOfInit(a: Matrix, b: Float64Array, theta0: Float64Array): Float64Array {
  const bv = checkSystem('projectionOfInit', a, b);
  const t0 = checkFiniteVector('projectionOfInit', 'theta0', theta0, a.cols);
  const r = matmul(a, col(t0)).data.map((v, i) => bv[i]! - v);
  const step = matmul(pinv(a), col(r)).data;
  return t0.map((v, i) => v + step[i]!);
}

/**
 * T1: with W = W1 ⋯ Wh frozen and only x trained from x0, GD ends at θ = W x∞ with
 * x∞ = K⁺b + (I − K⁺K)x0 = x0 + K⁺(b − Kx0), K = AW. With x0 = 0 and WWᵀ invertible this is the
 * weighted minimum-norm solution argmin { θᵀ(WWᵀ)⁻¹θ : Aθ = b }.
 * @param a the n×d matrix A
 * @param b the targets (length n)
 * @param layers the frozen W1 … Wh (W1 has d rows)
 * @param x0 the start of x (length m_h; zeros when omitted)
 * @throws {ShapeMismatch} when the layers do not chain from d rows
 */
export function frozenLayersSolution(
  a: Matrix, b: Float64Array, layers: Matrix[], x0?: Float64Array,
): Float64Array {
  const bv = checkSystem('frozenLayersSolution', a, b);
  checkFactors('frozenLayersSolution', 'layers', layers);
  if (layers[0]!.rows !== a.cols) {
    throw new ShapeMismatch(
      `frozenLayersSolution: argument 'layers' must start with W1 of ${a.cols} rows; got ` +
        (layers.length ? `${layers[0]!.rows} rows` : 'no layers'),
    );
  }
  const w = chainProduct('frozenLayersSolution', 'layers', layers);
  const start = x0 === undefined
    ? new Float64Array(w.cols)
    : checkFiniteVector('frozenLayersSolution', 'x0', x0, w.cols);
  const k = matmul(a, w);
  const r = matmul(k, col(start)).data.map((v, i) => bv[i]! - v);
  const dx = matmul(pinv(k), col(r)).data;
  return matmul(w, col(start.map((v, i) => v + dx[i]!))).data;
}

/**
 * T2, the first-layer identity: every update of W1 lies in range(Aᵀ), so at every GD step
 * (I − A⁺A)θ_t = (I − A⁺A) W1(0) v_t with v_t = W2 ⋯ Wh x at step t. At a global minimum this
 * gives θ∞ = A⁺b + (I − A⁺A) W1(0) v∞.
 * @param a the n×d matrix A
 * @param b the targets (length n)
 * @param w1Initial W1 at step 0
 * @param factors the current W1 … Wh, x (only W2 … x are used)
 * @returns nullPart = (I − A⁺A) W1(0) v and theta = A⁺b + nullPart (the limit's prediction)
 */
export function firstLayerPrediction(
  a: Matrix, b: Float64Array, w1Initial: Matrix, factors: Matrix[],
): { nullPart: Float64Array; theta: Float64Array } {
  const bv = checkSystem('firstLayerPrediction', a, b);
  const fn = 'firstLayerPrediction';
  checkFactors(fn, 'w1Initial', [w1Initial]);
  checkFactors(fn, 'factors', factors);
  if (factors.length < 2) {
    throw new ShapeMismatch(
      `${fn}: argument 'factors' must list W1 … Wh, x with h ≥ 1; got ${factors.length} factor`,
    );
  }
  if (w1Initial.rows !== a.cols || w1Initial.cols !== factors[0]!.cols) {
    throw new ShapeMismatch(
      `${fn}: argument 'w1Initial' must be ${shapeOf(a.cols, factors[0]!.cols)} (d×m1, as ` +
        `factors[0]); got ${shapeOf(w1Initial.rows, w1Initial.cols)}`,
    );
  }
  checkChain(fn, 'factors', factors);
  if (factors[factors.length - 1]!.cols !== 1) {
    const x = factors[factors.length - 1]!;
    throw new ShapeMismatch(
      `${fn}: x (the last factor) must have one column; got ${shapeOf(x.rows, x.cols)}`,
    );
  }
  const v = chainProduct(fn, 'factors', factors.slice(1), 1);
  const u = matmul(w1Initial, v).data;
  const p = pinv(a);
  const back = matmul(p, matmul(a, col(u))).data;
  const nullPart = u.map((x, i) => x - back[i]!);
  const star = matmul(p, col(bv)).data;
  return { nullPart, theta: star.map((x, i) => x + nullPart[i]!) };
}

/**
 * T5: the least parameter norm Σ‖W_i‖²_F + ‖x‖² over all factorizations with AW1⋯Wh x = b is
 * (h+1)‖θ*‖^{2/(h+1)}, reached by a balanced rank-one factorization of θ* (AM–GM).
 * @param a the n×d matrix A
 * @param b the targets (length n)
 * @param depth h, the number of matrices
 */
export function minWeightNorm(a: Matrix, b: Float64Array, depth: number): number {
  const bv = checkSystem('minWeightNorm', a, b);
  checkDepth('minWeightNorm', depth);
  const star = matmul(pinv(a), col(bv)).data;
  return (depth + 1) * norm(star) ** (2 / (depth + 1));
}

/**
 * The factorization that attains minWeightNorm (T5): W_i = c u_{i−1}u_iᵀ, x = c u_h with
 * c = ‖θ‖^{1/(h+1)}, u0 = θ/‖θ‖ and u_i the first unit vector of R^{m_i}.
 * @param theta the end-to-end vector θ (length d)
 * @param widths [m1 … mh]
 */
export function balancedFactorization(theta: Float64Array, widths: number[]): Matrix[] {
  checkFiniteVector('balancedFactorization', 'theta', theta);
  if (!Array.isArray(widths) || widths.some((m) => !Number.isSafeInteger(m) || m < 1)) {
    throw new RangeError(
      `balancedFactorization: argument 'widths' must list positive integers; got ${widths}`,
    );
  }
  const h = widths.length;
  const r = norm(theta);
  const c = r ** (1 / (h + 1));
  const dims = [theta.length, ...widths];
  const out: Matrix[] = [];
  for (let i = 0; i < h; i++) {
    const w = new Matrix(dims[i]!, dims[i + 1]!);
    for (let j = 0; j < dims[i]!; j++) {
      // θ = 0 factors as zeros along any direction; take the first unit vector.
      const left = i === 0 && r > 0 ? theta[j]! / r : j === 0 ? 1 : 0;
      w.data[j * dims[i + 1]!] = c * left;
    }
    out.push(w);
  }
  const x = new Matrix(dims[h]!, 1);
  x.data[0] = h === 0 ? 0 : c;
  if (h === 0) x.data.set(theta);
  out.push(x);
  return out;
}

/** T3's conserved quantities ‖D_i‖_F for a list W1 … Wh, x (see imbalance). */
export function imbalanceNorms(factors: Matrix[]): number[] {
  return imbalanceChecked('imbalanceNorms', factors, true);
}
