// The underdetermined problems of THEORY.md (c): P0 (n = 5, d = 20) and P1 (n = 20, d = 100),
// A with i.i.d. N(0, 1/d) entries and b ~ N(0, I_n), or planted b = A y_true. Everything a
// scenario measures against is computed here once, by the library: A⁺ (SVD-based pinv),
// θ* = A⁺b, and the extreme singular values of A that set the step size.
import { Matrix } from '../../linalg/matrix.js';
import { pinv } from '../../linalg/pinv.js';
import { matvec } from '../../linalg/products.js';
import { Random } from '../../linalg/random.js';
import { svd } from '../../linalg/svd.js';
import { norm, sub } from './vectors.js';

export type PlantedKind = 'none' | 'gaussian' | 'sparse';

export interface ProblemSpec {
  n: number;
  d: number;
  seed: number;
  /** 'gaussian': y_true ~ N(0, I_d); 'sparse': 2 nonzero N(0, d/2) entries; b = A y_true. */
  planted?: PlantedKind;
}

export interface Problem {
  n: number;
  d: number;
  A: Matrix;
  b: Float64Array;
  /** θ* = A⁺b = Aᵀ(AAᵀ)⁻¹b, the minimum-norm solution. */
  thetaStar: Float64Array;
  thetaStarNorm: number;
  /** σ_max(A)² and σ_min(A)² (A has full row rank). */
  sigmaMax2: number;
  sigmaMin2: number;
  yTrue?: Float64Array;
  /** A⁺ (d×n). */
  pinvA: Matrix;
  /** A⁺ r = Aᵀ(AAᵀ)⁻¹ r for r ∈ Rⁿ. */
  pinvApply(r: Float64Array): Float64Array;
  /** P_N y = y − A⁺(Ay), the component of y in null(A). */
  nullPart(y: Float64Array): Float64Array;
}

/** A problem with its own data: seeds of problem and initialization never share a stream. */
export function problemFromData(A: Matrix, b: Float64Array, yTrue?: Float64Array): Problem {
  const pinvA = pinv(A);
  const pinvApply = (r: Float64Array) => matvec(pinvA, r, { checkFinite: false });
  const thetaStar = pinvApply(b);
  const sigma = svd(A, { vectors: 'none' }).s;
  const problem: Problem = {
    n: A.rows,
    d: A.cols,
    A,
    b,
    thetaStar,
    thetaStarNorm: norm(thetaStar),
    sigmaMax2: sigma[0]! ** 2,
    sigmaMin2: sigma[sigma.length - 1]! ** 2,
    pinvA,
    pinvApply,
    nullPart: (y) => sub(y, pinvApply(matvec(A, y, { checkFinite: false }))),
  };
  if (yTrue) problem.yTrue = yTrue;
  return problem;
}

/** Build the seeded problem; the same spec gives the same bits in every runtime. */
export function makeProblem(spec: ProblemSpec): Problem {
  const { n, d, seed } = spec;
  const rng = new Random(seed);
  const A = new Matrix(n, d, rng.normal(n * d, 1 / Math.sqrt(d)));
  const planted = spec.planted ?? 'none';
  if (planted === 'none') return problemFromData(A, rng.normal(n));
  let yTrue: Float64Array;
  if (planted === 'gaussian') yTrue = rng.normal(d);
  else {
    yTrue = new Float64Array(d);
    const u = rng.uniform(2);
    const values = rng.normal(2, Math.sqrt(d / 2));
    const i0 = Math.floor(u[0]! * d);
    const i1 = (i0 + 1 + Math.floor(u[1]! * (d - 1))) % d;
    yTrue[i0] = values[0]!;
    yTrue[i1] = values[1]!;
  }
  return problemFromData(A, matvec(A, yTrue), yTrue);
}

/** P0 of THEORY.md (c): n = 5, d = 20. */
export const P0 = { n: 5, d: 20 } as const;
/** P1 of THEORY.md (d): n = 20, d = 100. */
export const P1 = { n: 20, d: 100 } as const;

/** Derive independent seeds for the problem, the initialization and extra draws of one run. */
export function seedsOf(seed: number): { problem: number; init: number; extra: number } {
  const base = 1_000_003 * seed;
  return { problem: base + 11, init: base + 29, extra: base + 47 };
}
