// Closed-form predictions of THEORY.md (a3) for the end-to-end solution θ. Each function states
// the theorem it evaluates; gaps.ts measures a trained network against them.
import { Overflow, ShapeMismatch, shapeOf, shown } from '../core/errors.js';
import { Matrix } from '../linalg/matrix.js';
import { matmul } from '../linalg/products.js';
import { svd } from '../linalg/svd.js';
import {
  asTargets, checkChain, checkDepth, checkFactors, checkFiniteVector, checkLikeTargets,
  checkTargets, type Targets,
} from './arguments.js';
import { imbalanceChecked, norm } from './metrics.js';
import { pinv } from '../linalg/pinv.js';
import { unscaleChecked } from '../linalg/scaling.js';
import { chainProduct, scaledChain } from './chain.js';
import { checkNonEmpty } from '../linalg/validate.js';

export { minNormSolution } from '../linalg/pinv.js';

/** What a closed form is given A and targets with: n, d, k and the targets' form. */
function system(fn: string, a: Matrix, b: unknown): Targets & { n: number; d: number } {
  const t = checkTargets(fn, a, b);
  return { ...t, n: a.rows, d: a.cols };
}

function shapeNote(a: Matrix, what: string): string {
  return `${what}, A is ${shapeOf(a.rows, a.cols)}`;
}

/**
 * The imbalances D_i of a list W1 … Wh, x (see imbalanceMatrices, THEORY.md T3).
 * @throws {ShapeMismatch} when the factors do not chain
 * @throws {Overflow} when an entry of some D_i leaves the f64 range
 */
export function imbalance(factors: Matrix[]): Matrix[] {
  return imbalanceChecked('imbalance', factors, false);
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
 * T0: GD on ½‖Aθ − B‖²_F from θ0 (0 < η < 2/σ_max(A)²) converges to the solution nearest θ0,
 * A⁺B + (I − A⁺A)θ0 = θ0 + A⁺(B − Aθ0); each of the k columns moves on its own.
 * @param a the n×d matrix A
 * @param b the targets: a vector b (length n), or an n×k Matrix B
 * @param theta0 the start θ0: a vector of length d with b, a d×k Matrix with B
 * @returns the limit θ∞, in the form of the targets
 * @throws {ShapeMismatch} when b, B or θ0 do not fit A (the message names both shapes)
 * @throws {InvalidArgument} when θ0 is not in the form of the targets
 */
export function projectionOfInit(a: Matrix, b: Float64Array, theta0: Float64Array): Float64Array;
export function projectionOfInit(a: Matrix, b: Matrix, theta0: Matrix): Matrix;
export function projectionOfInit(
  a: Matrix, b: Float64Array | Matrix, theta0: Float64Array | Matrix,
): Float64Array | Matrix {
  const fn = 'projectionOfInit';
  const t = system(fn, a, b);
  const t0 = checkLikeTargets(fn, 'theta0', theta0, t.d, t, shapeNote(a, 'd×k'));
  const r = matmul(a, new Matrix(t.d, t.k, t0)).data.map((v, i) => t.data[i]! - v);
  const step = matmul(pinv(a), new Matrix(t.n, t.k, r)).data;
  return asTargets(t, t.d, t0.map((v, i) => v + step[i]!));
}

/**
 * T1: with W = W1 ⋯ Wh frozen and only X trained from X0, GD ends at θ = W X∞ with
 * X∞ = K⁺B + (I − K⁺K)X0 = X0 + K⁺(B − KX0), K = AW (column by column, as T0 in X). With X0 = 0
 * and WWᵀ invertible each column is the weighted minimum-norm solution
 * argmin { θᵀ(WWᵀ)⁻¹θ : Aθ = b_j }.
 * @param a the n×d matrix A
 * @param b the targets: a vector b (length n), or an n×k Matrix B
 * @param layers the frozen W1 … Wh (W1 has d rows)
 * @param x0 the start of X: a vector of length m_h with b, an m_h×k Matrix with B (zeros when
 *   omitted)
 * @returns θ∞ = W X∞, in the form of the targets
 * @throws {ShapeMismatch} when the layers do not chain from d rows, or b, B or X0 do not fit
 * @throws {InvalidArgument} when X0 is not in the form of the targets
 * @throws {Overflow} when a partial product of the layers leaves the f64 range
 */
export function frozenLayersSolution(
  a: Matrix, b: Float64Array, layers: Matrix[], x0?: Float64Array,
): Float64Array;
export function frozenLayersSolution(a: Matrix, b: Matrix, layers: Matrix[], x0?: Matrix): Matrix;
export function frozenLayersSolution(
  a: Matrix, b: Float64Array | Matrix, layers: Matrix[], x0?: Float64Array | Matrix,
): Float64Array | Matrix {
  const fn = 'frozenLayersSolution';
  const t = system(fn, a, b);
  checkFactors(fn, 'layers', layers);
  if (layers[0]!.rows !== a.cols) {
    throw new ShapeMismatch(
      `${fn}: argument 'layers' must start with W1 of ${a.cols} rows; got ` +
        (layers.length ? `${layers[0]!.rows} rows` : 'no layers'),
    );
  }
  // W = 2^E·Ŵ (scaledChain): W(AW)⁺ = Ŵ(AŴ)⁺ does not depend on the scale, so layers whose
  // product leaves the f64 range still give the limit; only the term W·X0 carries 2^E (and
  // underflows or overflows as its true value does).
  const { product: w, exponent: scaleExp } = scaledChain(fn, 'layers', layers);
  const start = x0 === undefined
    ? new Float64Array(w.cols * t.k)
    : checkLikeTargets(fn, 'x0', x0, w.cols, t, `m_h×k, W_h is ${shapeOf(
      layers[layers.length - 1]!.rows, w.cols)}`);
  const k = matmul(a, w);
  const wx0 = matmul(w, new Matrix(w.cols, t.k, start)).data;
  unscaleChecked(fn, 'W·x0 entry', wx0, scaleExp);
  const r = matmul(a, new Matrix(t.d, t.k, wx0)).data.map((v, i) => t.data[i]! - v);
  const dx = matmul(pinv(k), new Matrix(t.n, t.k, r));
  const theta = matmul(w, dx).data.map((v, i) => v + wx0[i]!);
  return asTargets(t, t.d, theta);
}

/** T2's prediction: the null-space part of θ and the limit it implies. */
export interface FirstLayerPrediction<T> {
  /** (I − A⁺A) W1(0) V, d×k. */
  nullPart: T;
  /** A⁺B + nullPart, the limit's prediction at a global minimum. */
  theta: T;
}

/**
 * T2, the first-layer identity: every update of W1 is −η Aᵀ R S_2ᵀ, so its columns lie in
 * range(Aᵀ) and at every GD step (I − A⁺A)θ_t = (I − A⁺A) W1(0) V_t with V_t = W2 ⋯ Wh X at step
 * t (m1×k; a vector v_t for k = 1). At a global minimum this gives
 * θ∞ = A⁺B + (I − A⁺A) W1(0) V∞.
 * @param a the n×d matrix A
 * @param b the targets: a vector b (length n), or an n×k Matrix B
 * @param w1Initial W1 at step 0 (d×m1)
 * @param factors the current W1 … Wh, X (only W2 … X are used; X has k columns, one with b)
 * @returns nullPart = (I − A⁺A) W1(0) V and theta = A⁺B + nullPart, in the form of the targets
 * @throws {ShapeMismatch} when h = 0, the factors do not chain, W1(0) is not d×m1 or X does not
 *   have the targets' k columns
 */
export function firstLayerPrediction(
  a: Matrix, b: Float64Array, w1Initial: Matrix, factors: Matrix[],
): FirstLayerPrediction<Float64Array>;
export function firstLayerPrediction(
  a: Matrix, b: Matrix, w1Initial: Matrix, factors: Matrix[],
): FirstLayerPrediction<Matrix>;
export function firstLayerPrediction(
  a: Matrix, b: Float64Array | Matrix, w1Initial: Matrix, factors: Matrix[],
): FirstLayerPrediction<Float64Array | Matrix> {
  const fn = 'firstLayerPrediction';
  const t = system(fn, a, b);
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
  const x = factors[factors.length - 1]!;
  if (x.cols !== t.k) {
    throw new ShapeMismatch(t.matrix
      ? `${fn}: X (the last factor) must have k = ${t.k} columns, as B ` +
        `(${shapeOf(t.n, t.k)}); got ${shapeOf(x.rows, x.cols)}`
      : `${fn}: x (the last factor) must have one column; got ${shapeOf(x.rows, x.cols)}`);
  }

  const v = chainProduct(fn, 'factors', factors.slice(1), 1);
  const u = matmul(w1Initial, v);
  const p = pinv(a);
  const back = matmul(p, matmul(a, u)).data;
  const nullPart = u.data.map((x, i) => x - back[i]!);
  const star = matmul(p, new Matrix(t.n, t.k, t.data)).data;
  const theta = star.map((x, i) => x + nullPart[i]!);
  return { nullPart: asTargets(t, t.d, nullPart), theta: asTargets(t, t.d, theta) };
}

/**
 * @internal (h+1)·Σ_j σ_j(θ)^{2/(h+1)} for θ (rows×k row-major): minWeightNorm's value at θ*.
 * @throws {Overflow} when the value is beyond the f64 range
 */
export function weightNormFloor(
  fn: string, theta: Float64Array, k: number, depth: number,
): number {
  const q = 2 / (depth + 1);
  let sum: number;
  if (k === 1) {
    sum = norm(theta) ** q;
  } else {
    // σ_j(θ) = c·σ_j(θ/c) with c the largest |entry|: the SVD never meets an overflow, and
    // c^q·Σσ_j^q overflows only when the value does. Singular values at or below
    // max(d, k)·eps·σ_1 count as zero (pinv's rule): for q < 1 a rounding-level σ_j of a
    // rank-deficient θ* (rank ≤ n < k) would add σ_j^q, far above rounding (2e-11 for q = 2/3).
    let c = 0;
    for (const v of theta) c = Math.max(c, Math.abs(v));
    const rows = theta.length / k;
    const s = c === 0 ? [] : svd(new Matrix(rows, k, theta.map((v) => v / c)), {
      vectors: 'none',
    }).s;
    const cutoff = Math.max(rows, k) * Number.EPSILON * (s[0] ?? 0);
    sum = 0;
    for (const sj of s) if (sj > cutoff) sum += sj ** q;
    sum = c === 0 ? 0 : c ** q * sum;
  }
  const out = (depth + 1) * sum;
  if (!Number.isFinite(out)) {
    throw new Overflow(`${fn}: (h+1)·Σσ_j(θ*)^{2/(h+1)} leaves the f64 range (θ* is finite)`);
  }
  return out;
}

/**
 * T5: the least parameter norm Σ‖W_i‖²_F + ‖X‖²_F over all factorizations with AW1⋯Wh X = B,
 * (h+1)·Σ_j σ_j(θ*)^{2/(h+1)} with θ* = A⁺B: h+1 times the Schatten-2/(h+1) quasi-norm of θ*
 * raised to 2/(h+1). For k = 1 it is (h+1)‖θ*‖^{2/(h+1)}.
 *
 * Why. For a fixed θ = F1⋯F_{h+1}, Horn's inequality log-majorizes σ(θ) by Π_i σ(F_i), so
 * Σ_j σ_j(θ)^q ≤ Σ_j Π_i σ_j(F_i)^q with q = 2/(h+1); Hölder over j with exponent h+1 bounds
 * that by Π_i ‖F_i‖_F^q, and AM–GM by Σ_i ‖F_i‖²_F/(h+1). The balanced factorization of the
 * SVD θ = UΣVᵀ (F1 = UΣ^{q/2}, middle factors Σ^{q/2}, X = Σ^{q/2}Vᵀ, padded with zeros to
 * the widths) attains it when every width is ≥ rank θ. Among interpolants θ = θ* + N with the
 * columns of N in null(A) and those of θ* in range(Aᵀ), θᵀθ = θ*ᵀθ* + NᵀN ⪰ θ*ᵀθ*, so
 * σ_j(θ) ≥ σ_j(θ*) for every j (Weyl) and θ* has the least value. With some width below
 * rank θ* the value is still a lower bound, but no factorization reaches it. Singular values of
 * θ* at or below max(d, k)·eps·σ_1 count as zero, as in pinv.
 * @param a the n×d matrix A
 * @param b the targets: a vector b (length n), or an n×k Matrix B
 * @param depth h, the number of matrices
 * @throws {ShapeMismatch} when b or B does not have A's n rows
 * @throws {RangeError} when depth is not a non-negative integer
 * @throws {Overflow} when the value is beyond the f64 range
 */
export function minWeightNorm(a: Matrix, b: Float64Array | Matrix, depth: number): number {
  const t = system('minWeightNorm', a, b);
  checkDepth('minWeightNorm', depth);
  const star = matmul(pinv(a), new Matrix(t.n, t.k, t.data)).data;
  return weightNormFloor('minWeightNorm', star, t.k, depth);
}

/**
 * The factorization that attains minWeightNorm (T5): W_i = c u_{i−1}u_iᵀ, x = c u_h with
 * c = ‖θ‖^{1/(h+1)}, u0 = θ/‖θ‖ and u_i the first unit vector of R^{m_i}.
 * @param theta the end-to-end vector θ (length d)
 * @param widths [m1 … mh]
 */
export function balancedFactorization(theta: Float64Array, widths: number[]): Matrix[] {
  checkNonEmpty('balancedFactorization', 'theta',
    checkFiniteVector('balancedFactorization', 'theta', theta).length);
  if (!Array.isArray(widths) || widths.some((m) => !Number.isSafeInteger(m) || m < 1)) {
    throw new RangeError(
      "balancedFactorization: argument 'widths' must list positive integers; got " +
        (Array.isArray(widths) ? `[${widths.map(shown).join(', ')}]` : shown(widths)),
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
