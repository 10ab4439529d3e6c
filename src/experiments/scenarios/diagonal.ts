// Two-layer diagonal networks of the related work (THEORY.md b3, b4), in TypeScript (vectors of
// length d only): the Woodworth model β = w₊² − w₋² and the Azulay model β = u ⊙ v, trained by
// GD on ½‖Aβ − b‖², and their gradient-flow limits from the dual of the mirror-descent problem.
import { cholesky, cholSolve, matTvecTs, matvecTs, norm, sub } from './dense.js';
import { Matrix } from '../../linalg/matrix.js';
import type { Problem } from './problem.js';

export interface DiagonalRun {
  beta: Float64Array;
  steps: number;
  converged: boolean;
  loss: number;
}

/**
 * GD on the pair (p, q) with β = pq-form: 'woodworth' p = w₊, q = w₋, β = p² − q²;
 * 'azulay' β = p ⊙ q. Stops at loss < lossTol or after maxSteps.
 */
export function trainDiagonal(
  problem: Problem, model: 'woodworth' | 'azulay', p0: Float64Array, q0: Float64Array,
  eta: number, maxSteps: number, lossTol = 1e-25,
): DiagonalRun {
  const { A, b, n, d } = problem;
  const a = A.data;
  const p = Float64Array.from(p0);
  const q = Float64Array.from(q0);
  const beta = new Float64Array(d);
  const r = new Float64Array(n);
  const g = new Float64Array(d);
  const woodworth = model === 'woodworth';
  let steps = 0;
  let loss = Infinity;
  // Flat loops over preallocated arrays: this runs up to ~10⁵ steps per configuration.
  for (;;) {
    for (let i = 0; i < d; i++) beta[i] = woodworth ? p[i]! * p[i]! - q[i]! * q[i]! : p[i]! * q[i]!;
    loss = 0;
    for (let row = 0; row < n; row++) {
      let v = -b[row]!;
      for (let i = 0; i < d; i++) v += a[row * d + i]! * beta[i]!;
      r[row] = v;
      loss += v * v;
    }
    loss *= 0.5;
    if (loss < lossTol || steps >= maxSteps || !Number.isFinite(loss)) break;
    g.fill(0);
    for (let row = 0; row < n; row++) {
      const rv = r[row]!;
      for (let i = 0; i < d; i++) g[i] = g[i]! + a[row * d + i]! * rv;
    }
    for (let i = 0; i < d; i++) {
      const pi = p[i]!;
      const qi = q[i]!;
      if (woodworth) {
        p[i] = pi - eta * 2 * pi * g[i]!;
        q[i] = qi + eta * 2 * qi * g[i]!;
      } else {
        p[i] = pi - eta * qi * g[i]!;
        q[i] = qi - eta * pi * g[i]!;
      }
    }
    steps++;
  }
  return { beta: Float64Array.from(beta), steps, converged: loss < lossTol, loss };
}

/**
 * The interpolant β with β_i = a_i sinh(c (Aᵀλ)_i + o_i) for some λ: the mirror-flow limit
 * whose potential has derivative asinh((β − ·)/a)/c. Found by damped Newton on the convex dual
 * φ(λ) = Σ (a_i/c) cosh(c(Aᵀλ)_i + o_i) − bᵀλ, whose gradient is Aβ(λ) − b.
 * Woodworth: a = 2α², c = 1, o = 0. Azulay: a = |δ|/2, c = 2, o = asinh(2β0/|δ|).
 */
export function mirrorLimit(
  problem: Problem, a: Float64Array, c: number, o: Float64Array,
): Float64Array {
  const { A, b, n } = problem;
  let lambda = new Float64Array(n);
  const betaOf = (l: Float64Array) =>
    matTvecTs(A, l).map((z, i) => a[i]! * Math.sinh(c * z + o[i]!));
  const phi = (l: Float64Array) => {
    const z = matTvecTs(A, l);
    let s = 0;
    for (let i = 0; i < z.length; i++) s += (a[i]! / c) * Math.cosh(c * z[i]! + o[i]!);
    for (let i = 0; i < n; i++) s -= b[i]! * l[i]!;
    return s;
  };
  for (let it = 0; it < 1000; it++) {
    const beta = betaOf(lambda);
    const grad = sub(matvecTs(A, beta), b);
    if (norm(grad) <= 1e-14 * (1 + norm(b))) return beta;
    const z = matTvecTs(A, lambda);
    const w = z.map((zi, i) => a[i]! * c * Math.cosh(c * zi + o[i]!));
    const h = new Matrix(n, n);
    for (let r = 0; r < n; r++) {
      for (let s = 0; s < n; s++) {
        let v = 0;
        for (let k = 0; k < problem.d; k++) {
          v += A.data[r * problem.d + k]! * w[k]! * A.data[s * problem.d + k]!;
        }
        h.data[r * n + s] = v + (r === s ? 1e-300 : 0);
      }
    }
    const dir = cholSolve(cholesky(h), grad);
    const f0 = phi(lambda);
    let t = 1;
    let next = lambda;
    for (let k = 0; k < 80; k++) {
      next = lambda.map((l, i) => l - t * dir[i]!);
      const f = phi(next);
      const decrease = 1e-4 * t * grad.reduce((s, g, i) => s + g * dir[i]!, 0);
      if (Number.isFinite(f) && f <= f0 - decrease) break;
      t /= 2;
    }
    lambda = next;
  }
  return betaOf(lambda);
}

export const l1 = (x: Float64Array) => x.reduce((s, v) => s + Math.abs(v), 0);
