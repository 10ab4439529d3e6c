// The geometry of A that every metric and prediction refers to: A⁺ (d×n), θ* = A⁺B, and
// σ_max(A)², computed once per network.
import { Matrix } from '../linalg/matrix.js';
import { matmul } from '../linalg/products.js';
import { pinv } from '../linalg/pinv.js';

export interface Geometry {
  /** A⁺, d×n. */
  pinvA: Matrix;
  /** θ* = A⁺B, d×k row-major (the minimum-norm solution). */
  thetaStar: Float64Array;
  /** σ_max(A)², the curvature of ½‖Aθ − b‖². */
  sigmaMaxSq: number;
}

/**
 * λ_max(M Mᵀ) = σ_max(M)² by power iteration on the smaller Gram matrix, from a fixed start
 * (so the estimate is deterministic). Stops when the Rayleigh quotient changes by < 1e-13
 * relative; a lower bound in any case, which the step rules absorb with their safety factors.
 */
export function spectralNormSq(m: Matrix): number {
  // Iterate on M·2^−e with its largest entry in [1, 2): the Gram matrix and ww square the
  // scale twice, which underflowed to 0 for entries near 1e-100 (and 'auto' then chose an
  // infinite step). A power-of-two scale is exact, so normal inputs give the same bits.
  let amax = 0;
  for (const x of m.data) amax = Math.max(amax, Math.abs(x));
  if (amax === 0 || !Number.isFinite(amax)) return amax === 0 ? 0 : Infinity;
  const e = Math.floor(Math.log2(amax));
  // Two factors, since 2^−e alone overflows for subnormal entries (e down to −1074).
  const [lo, hi] = [2 ** -Math.trunc(e / 2), 2 ** (Math.trunc(e / 2) - e)];
  const unit = new Matrix(m.rows, m.cols, m.data.map((x) => x * lo * hi));
  return gramLambdaMax(unit) * 2 ** e * 2 ** e;
}

function gramLambdaMax(m: Matrix): number {
  const g = m.rows <= m.cols
    ? matmul(m, m, { transposeB: true })
    : matmul(m, m, { transposeA: true });
  const p = g.rows;
  let v = new Float64Array(p).map((_, i) => 1 + i / p);
  let lambda = 0;
  for (let it = 0; it < 2000; it++) {
    const w = new Float64Array(p);
    for (let i = 0; i < p; i++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += g.data[i * p + j]! * v[j]!;
      w[i] = s;
    }
    let vw = 0;
    let vv = 0;
    let ww = 0;
    for (let i = 0; i < p; i++) {
      vw += v[i]! * w[i]!;
      vv += v[i]! ** 2;
      ww += w[i]! ** 2;
    }
    const next = vw / vv;
    if (ww === 0) return 0;
    const r = Math.sqrt(ww);
    v = w.map((x) => x / r);
    if (Math.abs(next - lambda) <= 1e-13 * Math.abs(next)) return next;
    lambda = next;
  }
  return lambda;
}

/**
 * A⁺, θ* = A⁺B and σ_max(A)².
 * @param a the n×d matrix A
 * @param targets B as an n×k row-major array
 * @param k columns of B
 */
export function geometryOf(a: Matrix, targets: Float64Array, k: number): Geometry {
  const pinvA = pinv(a);
  const thetaStar = matmul(pinvA, new Matrix(a.rows, k, targets)).data;
  return { pinvA, thetaStar, sigmaMaxSq: spectralNormSq(a) };
}
