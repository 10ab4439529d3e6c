// The demo's problem A θ = b, drawn from one seed with the public API only, so that a Node user
// (and the page's test) gets the same bits as the page's worker.
import { Matrix, Random } from '../src/index.ts';

export interface ProblemSize {
  /** Number of measurements (rows of A). */
  n: number;
  /** Dimension of θ (columns of A); d > n makes the system underdetermined. */
  d: number;
  /** Seed of A; b uses seed + 1. */
  seed: number;
}

export interface Problem {
  A: Matrix;
  b: Float64Array;
}

/**
 * A Gaussian measurement matrix with entries N(0, 1/d) and targets b ~ N(0, I_n).
 * @param size n, d and the seed; call `await init()` first
 * @throws {RangeError} when a size or the seed is not a non-negative integer
 */
export function makeProblem({ n, d, seed }: ProblemSize): Problem {
  const A = Matrix.randn(n, d, { seed, scale: 1 / Math.sqrt(d) });
  const b = new Random(seed + 1).normal(n);
  return { A, b };
}
