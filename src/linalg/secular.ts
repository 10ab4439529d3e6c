// The merge step of the bidiagonal divide and conquer (bidiagDivide.ts): the SVD of a broken
// arrow matrix M whose first row is z and whose diagonal below is d (d₀ = 0), after Gu &
// Eisenstat, "A divide-and-conquer algorithm for the bidiagonal SVD", SIAM J. Matrix Anal. Appl.
// 16 (1995), as LAPACK's dlasd3/dlasd4 follow it. The singular values ω are the roots of the
// secular equation f(λ) = 1 + Σ z_j² / (d_j² − λ) at λ = ω², one in each gap of the d_j.
//
// Each root is found relative to its nearer pole d_o, as τ = ω² − d_o², so that every
// difference d_j² − ω² = (d_j − d_o)(d_j + d_o) − τ keeps its relative accuracy; this is what
// makes the vectors below orthogonal. The iteration models f near the root by its two nearest
// poles (Bunch, Nielsen & Sorensen 1978) and falls back to bisection when a step leaves the
// bracket, so it cannot run away.
import { ConvergenceFailure } from '../core/errors.js';

const EPS = 2 ** -52;

/** Iterations allowed per root; the rational steps need 2 to 6, bisection at most ~1100. */
const MAX_ITERATIONS = 1200;

/** Roots ω_i = d_{o_i} + mu_i of the secular equation, in increasing order. */
export interface SecularRoots {
  origin: Int32Array;
  mu: Float64Array;
}

/**
 * Roots of f for K poles d (increasing, d[0] = 0, distinct) and weights z (non-zero), scaled
 * so that max(|d|, |z|) is about 1.
 */
export function secularRoots(d: Float64Array, z: Float64Array): SecularRoots {
  const K = d.length;
  const zz = z.map((v) => v * v);
  let zNormSq = 0;
  for (let j = 0; j < K; j++) zNormSq += zz[j]!;
  const origin = new Int32Array(K);
  const mu = new Float64Array(K);
  const delta = new Float64Array(K);

  for (let i = 0; i < K; i++) {
    const last = i === K - 1;
    let o = i;
    let lo = 0;
    let hi = zNormSq;
    if (!last) {
      const gap = (d[i + 1]! - d[i]!) * (d[i + 1]! + d[i]!);
      for (let j = 0; j < K; j++) delta[j] = (d[j]! - d[i]!) * (d[j]! + d[i]!);
      if (secular(K, i, delta, zz, gap / 2).f >= 0) {
        hi = gap / 2;
      } else {
        o = i + 1;
        lo = -gap / 2;
        hi = 0;
      }
    }
    for (let j = 0; j < K; j++) delta[j] = (d[j]! - d[o]!) * (d[j]! + d[o]!);
    const tau = rootInBracket(K, i, delta, zz, lo, hi, o === i ? hi : lo);
    origin[i] = o;
    mu[i] = tau / (d[o]! + Math.sqrt(d[o]! * d[o]! + tau));
  }
  return { origin, mu };
}

interface SecularValue {
  f: number;
  psi: number;
  phi: number;
  dpsi: number;
  dphi: number;
}

/** f at τ, split into ψ (poles j ≤ i) and φ (poles j > i), with their derivatives. */
function secular(
  K: number, i: number, delta: Float64Array, zz: Float64Array, tau: number,
): SecularValue {
  let psi = 0;
  let dpsi = 0;
  let phi = 0;
  let dphi = 0;
  for (let j = 0; j <= i; j++) {
    const t = zz[j]! / (delta[j]! - tau);
    psi += t;
    dpsi += t / (delta[j]! - tau);
  }
  for (let j = i + 1; j < K; j++) {
    const t = zz[j]! / (delta[j]! - tau);
    phi += t;
    dphi += t / (delta[j]! - tau);
  }
  return { f: 1 + psi + phi, psi, phi, dpsi, dphi };
}

/** The root τ of f in (lo, hi) for the gap after pole i, starting from τ = start. */
function rootInBracket(
  K: number, i: number, delta: Float64Array, zz: Float64Array,
  lo: number, hi: number, start: number,
): number {
  let tau = start;
  for (let it = 0; it < MAX_ITERATIONS; it++) {
    const v = secular(K, i, delta, zz, tau);
    // LAPACK's dlasd4 bound on the rounding error of f, from the sum of |terms|.
    if (Math.abs(v.f) <= 8 * EPS * (2 + v.phi - v.psi)) return tau;
    if (v.f < 0) lo = tau;
    else hi = tau;
    if (hi - lo <= 4 * EPS * Math.max(Math.abs(lo), Math.abs(hi))) return tau;

    const next = tau + rationalStep(K, i, delta, tau, v);
    tau = next > lo && next < hi ? next : lo + (hi - lo) / 2;
  }
  throw new ConvergenceFailure(
    `svd: the secular equation of a divide-and-conquer merge (root ${i} of ${K}) did not ` +
      `converge within ${MAX_ITERATIONS} iterations`,
  );
}

/**
 * The step η to the root of the model A + b/(D1 − η) + e/(D2 − η), which matches ψ and φ in
 * value and slope at τ with poles at the two ends of the gap (only D1 after the last pole).
 */
function rationalStep(
  K: number, i: number, delta: Float64Array, tau: number, v: SecularValue,
): number {
  const d1 = delta[i]! - tau;
  const b = d1 * d1 * v.dpsi;
  if (i === K - 1) {
    const a = v.f - b / d1;
    return a > 0 ? d1 + b / a : NaN;
  }
  const d2 = delta[i + 1]! - tau;
  const e = d2 * d2 * v.dphi;
  const a = v.f - b / d1 - e / d2;

  // a·η² − bq·η + c = 0 with exactly one root between the poles d1 < η < d2.
  const bq = a * (d1 + d2) + b + e;
  const c = v.f * d1 * d2;
  const disc = Math.sqrt(Math.max(0, bq * bq - 4 * a * c));
  const q = bq >= 0 ? (bq + disc) / 2 : (bq - disc) / 2;
  const r1 = q !== 0 ? c / q : NaN;
  const r2 = a !== 0 ? q / a : NaN;
  if (r1 > d1 && r1 < d2) return r1;
  return r2 > d1 && r2 < d2 ? r2 : NaN;
}

/**
 * The vectors of M from its roots. ẑ is recomputed from the roots (Gu & Eisenstat's formula)
 * so that the computed ω are the exact singular values of a nearby arrow matrix; then
 * v_i ∝ ẑ_j / (d_j² − ω_i²) and u_i ∝ (−1, d_j·ẑ_j / (d_j² − ω_i²)). Column i of the K×K
 * row-major outputs is the vector of root i; ω is written to `omega`.
 */
export function secularVectors(
  d: Float64Array, z: Float64Array, roots: SecularRoots,
  omega: Float64Array, vm: Float64Array, um: Float64Array,
): void {
  const K = d.length;
  const { origin, mu } = roots;

  // diff[i·K + j] = d_j² − ω_i², from the accurate differences d_j − ω_i.
  const diff = new Float64Array(K * K);
  for (let i = 0; i < K; i++) {
    const o = origin[i]!;
    omega[i] = d[o]! + mu[i]!;
    for (let j = 0; j < K; j++) {
      diff[i * K + j] = (d[j]! - d[o]! - mu[i]!) * (d[j]! + d[o]! + mu[i]!);
    }
  }

  const zhat = new Float64Array(K);
  for (let j = 0; j < K; j++) {
    let p = -diff[(K - 1) * K + j]!;
    for (let i = 0; i < j; i++) p *= diff[i * K + j]! / ((d[j]! - d[i]!) * (d[j]! + d[i]!));
    for (let i = j; i < K - 1; i++) {
      p *= diff[i * K + j]! / ((d[j]! - d[i + 1]!) * (d[j]! + d[i + 1]!));
    }
    zhat[j] = Math.sign(z[j]!) * Math.sqrt(Math.abs(p));
  }

  for (let i = 0; i < K; i++) {
    let vn = 0;
    let un = 1;
    for (let j = 0; j < K; j++) {
      const vj = zhat[j]! / diff[i * K + j]!;
      const uj = j === 0 ? -1 : d[j]! * vj;
      vm[j * K + i] = vj;
      um[j * K + i] = uj;
      vn += vj * vj;
      if (j > 0) un += uj * uj;
    }
    const vs = 1 / Math.sqrt(vn);
    const us = 1 / Math.sqrt(un);
    for (let j = 0; j < K; j++) {
      vm[j * K + i] = vm[j * K + i]! * vs;
      um[j * K + i] = um[j * K + i]! * us;
    }
  }
}
