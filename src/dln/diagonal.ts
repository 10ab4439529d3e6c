// Diagonal linear networks for the related-work panel, trained by plain GD in TypeScript (they
// have 2d parameters) and compared with their closed-form implicit regularizers:
//  - Woodworth et al. (2020): β = w₊² − w₋², w₊(0) = w₋(0) = α·1; the GD limit minimizes
//    Q_α(β) = Σ 2α² − √(4α⁴ + β_i²) + β_i asinh(β_i/(2α²)) over Xβ = y, i.e.
//    asinh(β/(2α²)) ∈ range(Xᵀ) (minimum ℓ2 as α → ∞, minimum ℓ1 as α → 0).
//  - Azulay et al. (2021): β = u∘v from any (u0, v0); δ = u² − v² is conserved by the flow and
//    β follows a mirror flow with ψ_i'(β) = ½ asinh(2β/|δ_i|), so the limit satisfies
//    ½asinh(2β/|δ|) − ½asinh(2β0/|δ|) ∈ range(Xᵀ).
// Both limits are computed here by Newton's method on the convex dual: β(λ) = ∇ψ*(c + Xᵀλ),
// minimize Σ ψ*(c + Xᵀλ) − λᵀy, whose gradient is Xβ(λ) − y.
import { ConvergenceFailure, Diverged, ShapeMismatch, shown } from '../core/errors.js';
import { Matrix } from '../linalg/matrix.js';
import { frobenius, matmul, matvec, norm2 } from '../linalg/products.js';
import { solve } from '../linalg/solve.js';
import { checkOperand, checkOptions, checkVector } from '../linalg/validate.js';
import { checkFiniteVector, checkPositive } from './arguments.js';

export interface DiagonalOptions {
  /** Step size η. */
  step: number;
  /** Step budget. */
  maxSteps: number;
  /** Stop when ½‖Xβ − y‖² falls below this (default 1e-25). */
  lossTol?: number;
}

export interface DiagonalRun {
  beta: Float64Array;
  steps: number;
  loss: number;
  converged: boolean;
}

function residual(x: Matrix, beta: Float64Array, y: Float64Array, r: Float64Array): number {
  const { rows: n, cols: d, data } = x;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let s = -y[i]!;
    for (let j = 0; j < d; j++) s += data[i * d + j]! * beta[j]!;
    r[i] = s;
    loss += s * s;
  }
  return 0.5 * loss;
}

function backprop(x: Matrix, r: Float64Array, g: Float64Array): void {
  const { rows: n, cols: d, data } = x;
  g.fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) g[j]! += data[i * d + j]! * r[i]!;
}

/**
 * GD on the two factors p, q of β = combine(p, q); `grads` writes ∂β-chain-rule updates.
 * Shared by both models: they differ only in how β and the factor gradients are formed.
 */
function gd(
  fn: string, x: Matrix, y: Float64Array, p: Float64Array, q: Float64Array, opts: DiagonalOptions,
  combine: (p: number, q: number) => number,
  update: (p: Float64Array, q: Float64Array, g: Float64Array, eta: number) => void,
): DiagonalRun {
  checkOperand(fn, 'X', x);
  const yv = checkFiniteVector(fn, 'y', y, x.rows);
  checkFiniteVector(fn, 'u0', p);
  checkFiniteVector(fn, 'v0', q);
  const o = checkOptions(fn, opts, ['step', 'maxSteps', 'lossTol']);
  const { step, maxSteps, lossTol } = o;
  if (typeof step !== 'number' || !(step > 0) || !Number.isFinite(step) ||
    !Number.isSafeInteger(maxSteps) || maxSteps! < 0) {
    throw new RangeError(`${fn}: options 'step' > 0 (finite) and integer 'maxSteps' ≥ 0 ` +
      `required; got ${shown(step)}, ${shown(maxSteps)}`);
  }
  if (lossTol !== undefined && !(typeof lossTol === 'number' && lossTol >= 0)) {
    throw new RangeError(`${fn}: option 'lossTol' must be a number ≥ 0; got ${shown(lossTol)}`);
  }
  const tol = lossTol ?? 1e-25;
  const d = x.cols;
  const beta = new Float64Array(d);
  const r = new Float64Array(x.rows);
  const g = new Float64Array(d);
  let steps = 0;
  let loss = 0;
  for (;;) {
    for (let j = 0; j < d; j++) beta[j] = combine(p[j]!, q[j]!);
    loss = residual(x, beta, yv, r);
    if (!Number.isFinite(loss)) {
      throw new Diverged(
        `${fn}: the loss became ${loss} at step ${steps} with step size ${step}`,
      );
    }
    if (loss < tol || steps === maxSteps) break;
    backprop(x, r, g);
    update(p, q, g, step);
    steps++;
  }
  return { beta, steps, loss, converged: loss < tol };
}

/**
 * Woodworth et al.'s model β = w₊² − w₋² from w₊ = w₋ = α·1, trained by GD on ½‖Xβ − y‖².
 * @param x the n×d design (A in the rest of the library)
 * @param y the targets (length n)
 * @param alpha the initialization scale α > 0
 */
export function trainWoodworth(
  x: Matrix, y: Float64Array, alpha: number, opts: DiagonalOptions,
): DiagonalRun {
  checkPositive('trainWoodworth', 'alpha', alpha);
  const d = x.cols;
  const wp = new Float64Array(d).fill(alpha);
  const wm = new Float64Array(d).fill(alpha);
  return gd('trainWoodworth', x, y, wp, wm, opts, (a, b) => a * a - b * b, (p, q, g, eta) => {
    for (let j = 0; j < p.length; j++) {
      const pj = p[j]!;
      const qj = q[j]!;
      p[j] = pj - eta * 2 * pj * g[j]!;
      q[j] = qj + eta * 2 * qj * g[j]!;
    }
  });
}

/**
 * Azulay et al.'s model β = u∘v from (u0, v0), trained by GD on ½‖Xβ − y‖².
 * @param x the n×d design
 * @param y the targets (length n)
 * @param u0 start of u (length d)
 * @param v0 start of v (length d)
 */
export function trainProduct(
  x: Matrix, y: Float64Array, u0: Float64Array, v0: Float64Array, opts: DiagonalOptions,
): DiagonalRun {
  checkVector('trainProduct', 'u0', u0, x.cols);
  checkVector('trainProduct', 'v0', v0, x.cols);
  return gd('trainProduct', x, y, u0.slice(), v0.slice(), opts, (a, b) => a * b, (u, v, g, eta) => {
    for (let j = 0; j < u.length; j++) {
      const uj = u[j]!;
      const vj = v[j]!;
      u[j] = uj - eta * vj * g[j]!;
      v[j] = vj - eta * uj * g[j]!;
    }
  });
}

/** Q_α(β) of Woodworth et al.: Σ 2α² − √(4α⁴ + β_i²) + β_i asinh(β_i/(2α²)). */
export function woodworthPotential(beta: Float64Array, alpha: number): number {
  checkFiniteVector('woodworthPotential', 'beta', beta);
  checkPositive('woodworthPotential', 'alpha', alpha);
  const a2 = alpha * alpha;
  let s = 0;
  for (const v of beta) s += 2 * a2 - Math.sqrt(4 * a2 * a2 + v * v) + v * Math.asinh(v / (2 * a2));
  return s;
}

/**
 * argmin Σ ψ_i(β_i) − c_iβ_i s.t. Xβ = y for β_i = scale_i · sinh(c_i + t_i(Xᵀλ)_i): Newton on the
 * dual, whose Hessian X diag(dβ/dλ) Xᵀ is positive definite for full-row-rank X. The step is
 * damped on the residual ‖Xβ(λ) − y‖ rather than on the dual's value: the Newton direction
 * H⁻¹g descends on ½‖g‖² too, and unlike the dual's value (a sum of large cosh terms) the
 * residual keeps showing a decrease down to its rounding floor. Iteration stops when no damped
 * step lowers it any more.
 * @throws {ConvergenceFailure} when the residual stalls far above rounding (X not of full row
 *   rank, or y outside its range) or 200 Newton steps do not reach the floor
 */
function dualNewton(
  fn: string, x: Matrix, y: Float64Array, scale: Float64Array, c: Float64Array, t: number,
): Float64Array {
  const loose = { checkFinite: false } as const;
  const d = x.cols;
  const argument = (lam: Float64Array) => matvec(x, lam, { transpose: true, ...loose });
  const betaOf = (lam: Float64Array) =>
    argument(lam).map((v, j) => scale[j]! * Math.sinh(c[j]! + t * v));
  const residualOf = (beta: Float64Array) => matvec(x, beta, loose).map((v, i) => v - y[i]!);
  const sizeOf = (beta: Float64Array) => norm2(y) + frobenius(x) * norm2(beta);

  let lambda = new Float64Array(x.rows);
  let beta = betaOf(lambda);
  let g = residualOf(beta);
  let gn = norm2(g);
  for (let it = 0; it < 200; it++) {
    if (gn <= 64 * Number.EPSILON * sizeOf(beta)) return beta;

    const w = argument(lambda).map((v, j) => t * scale[j]! * Math.cosh(c[j]! + t * v));
    const xw = new Matrix(x.rows, d, x.data.map((v, k) => v * w[k % d]!));
    const dir = solve(matmul(xw, x, { transposeB: true, ...loose }), g);

    let moved = false;
    for (let k = 0, step = 1; k < 60 && !moved; k++, step /= 2) {
      const trial = lambda.map((v, i) => v - step * dir[i]!);
      const trialBeta = betaOf(trial);
      const trialG = residualOf(trialBeta);
      // An overflowing trial has an infinite residual: no decrease, so the step halves.
      const trialNorm = norm2(trialG, loose);
      if (trialNorm < gn) {
        [lambda, beta, g, gn, moved] = [trial, trialBeta, trialG, trialNorm, true];
      }
    }
    if (moved) continue;
    // The floor sits higher than eps where |δ_i| ≈ 0 amplifies rounding in λ ↦ β.
    if (gn <= 1e-8 * sizeOf(beta)) return beta;
    throw new ConvergenceFailure(`${fn}: Newton on the dual stalled at residual ${gn.toExponential(
      2)} (relative ${(gn / sizeOf(beta)).toExponential(2)}); is X of full row rank?`);
  }
  throw new ConvergenceFailure(`${fn}: Newton on the dual did not converge in 200 iterations`);
}

/**
 * The limit of Woodworth's model predicted by its implicit regularizer (C19):
 * argmin Q_α(β) s.t. Xβ = y, i.e. β = 2α² sinh(Xᵀλ) with Xβ = y.
 * @param x the n×d design (full row rank)
 * @param y the targets (length n)
 * @param alpha the initialization scale
 */
export function woodworthSolution(x: Matrix, y: Float64Array, alpha: number): Float64Array {
  checkOperand('woodworthSolution', 'X', x);
  const yv = checkFiniteVector('woodworthSolution', 'y', y, x.rows);
  checkPositive('woodworthSolution', 'alpha', alpha);
  const d = x.cols;
  return dualNewton('woodworthSolution', x, yv, new Float64Array(d).fill(2 * alpha * alpha),
    new Float64Array(d), 1);
}

/**
 * The limit of Azulay's u∘v model from (u0, v0) predicted by its mirror-flow potential (C20):
 * β = (|δ|/2) sinh(asinh(2β0/|δ|) + 2Xᵀλ) with Xβ = y, δ = u0² − v0² (every δ_i ≠ 0).
 * @throws {ShapeMismatch} when u0 or v0 has the wrong length
 * @throws {RangeError} when some δ_i = 0 (the potential is then not defined)
 */
export function productSolution(
  x: Matrix, y: Float64Array, u0: Float64Array, v0: Float64Array,
): Float64Array {
  checkOperand('productSolution', 'X', x);
  const yv = checkFiniteVector('productSolution', 'y', y, x.rows);
  checkFiniteVector('productSolution', 'u0', u0);
  checkFiniteVector('productSolution', 'v0', v0);
  if (u0.length !== x.cols || v0.length !== x.cols) {
    throw new ShapeMismatch(`productSolution: u0 and v0 must have length ${x.cols}; got ` +
      `${u0.length} and ${v0.length}`);
  }
  const delta = u0.map((u, i) => Math.abs(u * u - v0[i]! * v0[i]!));
  const zero = delta.findIndex((v) => v === 0);
  if (zero >= 0) {
    throw new RangeError(`productSolution: u0² − v0² must be non-zero; it is 0 at [${zero}]`);
  }
  const c = delta.map((dl, i) => Math.asinh((2 * u0[i]! * v0[i]!) / dl));
  return dualNewton('productSolution', x, yv, delta.map((dl) => dl / 2), c, 2);
}
