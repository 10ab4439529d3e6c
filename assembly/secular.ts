// The merge step of the bidiagonal divide and conquer (src/linalg/bidiagDivide.ts): the SVD of a
// broken arrow matrix M whose first row is z and whose diagonal below is d (d₀ = 0), after Gu &
// Eisenstat, "A divide-and-conquer algorithm for the bidiagonal SVD", SIAM J. Matrix Anal. Appl.
// 16 (1995), as LAPACK's dlasd3/dlasd4 follow it. The singular values ω are the roots of the
// secular equation f(λ) = 1 + Σ z_j² / (d_j² − λ) at λ = ω², one in each gap of the d_j.
//
// Each root is found relative to its nearer pole d_o, as τ = ω² − d_o², so that every
// difference d_j² − ω² = (d_j − d_o)(d_j + d_o) − τ keeps its relative accuracy; this is what
// makes the vectors orthogonal. The iteration models f near the root by its two nearest poles
// (Bunch, Nielsen & Sorensen 1978) and falls back to bisection when a step leaves the bracket,
// so it cannot run away.
import { getAt as get, putAt as put } from './pointers';

const EPS: f64 = f64.EPSILON;

/** Iterations allowed per root; the rational steps need 2 to 6, bisection at most ~1100. */
const MAX_ITERATIONS = 1200;

// f at τ split into ψ (poles j ≤ i) and φ (poles j > i), with derivatives: set by evaluate().
let psi: f64 = 0;
let phi: f64 = 0;
let dpsi: f64 = 0;
let dphi: f64 = 0;

function evaluate(K: i32, i: i32, pdelta: usize, pzz: usize, tau: f64): f64 {
  const left = sumTerms(0, i + 1, pdelta, pzz, tau);
  psi = sumValue;
  dpsi = left;
  const right = sumTerms(i + 1, K, pdelta, pzz, tau);
  phi = sumValue;
  dphi = right;
  return 1 + psi + phi;
}

// The sum Σ z_j²/(δ_j − τ) of the last sumTerms call; its derivative is the return value.
let sumValue: f64 = 0;

/**
 * Σ z_j²/(δ_j − τ) over j in [from, to) into sumValue, returning Σ z_j²/(δ_j − τ)². Two f64x2
 * accumulators of each keep four independent add chains in flight.
 */
function sumTerms(from: i32, to: i32, pdelta: usize, pzz: usize, tau: f64): f64 {
  const t2 = f64x2.splat(tau);
  const one = f64x2.splat(1);
  let s0 = f64x2.splat(0);
  let s1 = f64x2.splat(0);
  let d0 = f64x2.splat(0);
  let d1 = f64x2.splat(0);
  let j = from;
  for (; j + 4 <= to; j += 4) {
    const off = <usize>j << 3;
    const r0 = f64x2.div(one, f64x2.sub(v128.load(pdelta + off), t2));
    const r1 = f64x2.div(one, f64x2.sub(v128.load(pdelta + off, 16), t2));
    const a0 = f64x2.mul(v128.load(pzz + off), r0);
    const a1 = f64x2.mul(v128.load(pzz + off, 16), r1);
    s0 = f64x2.add(s0, a0);
    s1 = f64x2.add(s1, a1);
    d0 = f64x2.add(d0, f64x2.mul(a0, r0));
    d1 = f64x2.add(d1, f64x2.mul(a1, r1));
  }
  const s = f64x2.add(s0, s1);
  const d = f64x2.add(d0, d1);
  let value = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  let slope = f64x2.extract_lane(d, 0) + f64x2.extract_lane(d, 1);
  for (; j < to; j++) {
    const r = 1 / (get(pdelta, j) - tau);
    const t = get(pzz, j) * r;
    value += t;
    slope += t * r;
  }
  sumValue = value;
  return slope;
}

@inline function shiftPoles(K: i32, pd: usize, o: i32, pdelta: usize): void {
  const dO = get(pd, o);
  for (let j = 0; j < K; j++) put(pdelta, j, (get(pd, j) - dO) * (get(pd, j) + dO));
}

/**
 * Roots ω_i = d[origin_i] + mu_i for K poles d (increasing, d[0] = 0, distinct) and non-zero
 * weights z, scaled so that max(|d|, |z|) is about 1; origins are written as doubles.
 * pwork: 2K doubles. Returns 0, or −(i + 1) when root i did not converge.
 */
export function dsecularRoots(
  K: i32, pd: usize, pz: usize, porigin: usize, pmu: usize, pwork: usize,
): i32 {
  const pzz = pwork;
  const pdelta = pwork + (<usize>K << 3);
  let zNormSq: f64 = 0;
  for (let j = 0; j < K; j++) {
    const zj = get(pz, j);
    put(pzz, j, zj * zj);
    zNormSq += zj * zj;
  }

  for (let i = 0; i < K; i++) {
    let o = i;
    let lo: f64 = 0;
    let hi = zNormSq;
    // f at the middle of the gap picks the nearer pole as origin; that value (the same
    // function, whichever origin) is the first iterate's.
    let fMid: f64 = NaN;
    if (i < K - 1) {
      const gap = (get(pd, i + 1) - get(pd, i)) * (get(pd, i + 1) + get(pd, i));
      shiftPoles(K, pd, i, pdelta);
      fMid = evaluate(K, i, pdelta, pzz, gap / 2);
      if (fMid >= 0) {
        hi = gap / 2;
      } else {
        o = i + 1;
        lo = -gap / 2;
        hi = 0;
        shiftPoles(K, pd, o, pdelta);
      }
    } else {
      shiftPoles(K, pd, o, pdelta);
    }
    const tau = rootInBracket(K, i, pdelta, pzz, lo, hi, o == i ? hi : lo, fMid);
    if (isNaN(tau)) return -(i + 1);
    const dO = get(pd, o);
    put(porigin, i, <f64>o);
    put(pmu, i, tau / (dO + Math.sqrt(dO * dO + tau)));
  }
  return 0;
}

/**
 * The root τ of f in (lo, hi) for the gap after pole i, from τ = start, where f is fStart
 * (with ψ, φ and their derivatives already set) unless fStart is NaN; NaN past the cap.
 */
function rootInBracket(
  K: i32, i: i32, pdelta: usize, pzz: usize, lo: f64, hi: f64, start: f64, fStart: f64,
): f64 {
  let tau = start;
  for (let it = 0; it < MAX_ITERATIONS; it++) {
    const f = it == 0 && !isNaN(fStart) ? fStart : evaluate(K, i, pdelta, pzz, tau);
    // LAPACK's dlasd4 bound on the rounding error of f, from the sum of |terms|.
    if (abs(f) <= 8 * EPS * (2 + phi - psi)) return tau;
    if (f < 0) lo = tau;
    else hi = tau;
    if (hi - lo <= 4 * EPS * max(abs(lo), abs(hi))) return tau;

    const next = tau + rationalStep(K, i, pdelta, tau, f);
    tau = next > lo && next < hi ? next : lo + (hi - lo) / 2;
  }
  return NaN;
}

/**
 * The step η to the root of the model a + b/(D1 − η) + e/(D2 − η), which matches ψ and φ in
 * value and slope at τ with poles at the two ends of the gap (only D1 after the last pole).
 */
function rationalStep(K: i32, i: i32, pdelta: usize, tau: f64, f: f64): f64 {
  const d1 = get(pdelta, i) - tau;
  const b = d1 * d1 * dpsi;
  if (i == K - 1) {
    const a = f - b / d1;
    return a > 0 ? d1 + b / a : NaN;
  }
  const d2 = get(pdelta, i + 1) - tau;
  const e = d2 * d2 * dphi;
  const a = f - b / d1 - e / d2;

  // a·η² − bq·η + c = 0 has exactly one root between the poles d1 < η < d2.
  const bq = a * (d1 + d2) + b + e;
  const c = f * d1 * d2;
  const disc = Math.sqrt(max(0, bq * bq - 4 * a * c));
  const q = bq >= 0 ? (bq + disc) / 2 : (bq - disc) / 2;
  const r1 = q != 0 ? c / q : NaN;
  if (r1 > d1 && r1 < d2) return r1;
  const r2 = a != 0 ? q / a : NaN;
  return r2 > d1 && r2 < d2 ? r2 : NaN;
}

/** d_j² − ω_i² from the accurate difference d_j − ω_i = (d_j − d_o) − μ_i. */
@inline function gapSq(pd: usize, j: i32, dO: f64, mu: f64): f64 {
  const dj = get(pd, j);
  return (dj - dO - mu) * (dj + dO + mu);
}

/**
 * The vectors of M from its roots. ẑ is recomputed from the roots (Gu & Eisenstat's formula)
 * so that the computed ω are the exact singular values of a nearby arrow matrix; then
 * v_i ∝ ẑ_j / (d_j² − ω_i²) and u_i ∝ (−1, d_j·ẑ_j / (d_j² − ω_i²)). Row i of the K×K
 * row-major outputs at pvk and puk is the vector of root i; ω goes to pomega. pzhat: K doubles.
 */
export function dsecularVectors(
  K: i32, pd: usize, pz: usize, porigin: usize, pmu: usize,
  pomega: usize, pvk: usize, puk: usize, pzhat: usize,
): void {
  for (let i = 0; i < K; i++) put(pomega, i, get(pd, <i32>get(porigin, i)) + get(pmu, i));

  for (let j = 0; j < K; j++) {
    const dj = get(pd, j);
    let p = -gapSq(pd, j, get(pd, <i32>get(porigin, K - 1)), get(pmu, K - 1));
    for (let i = 0; i < K - 1; i++) {
      const pole = i < j ? get(pd, i) : get(pd, i + 1);
      p *= gapSq(pd, j, get(pd, <i32>get(porigin, i)), get(pmu, i)) / ((dj - pole) * (dj + pole));
    }
    const zj = get(pz, j);
    put(pzhat, j, (zj < 0 ? -1.0 : 1.0) * Math.sqrt(abs(p)));
  }

  for (let i = 0; i < K; i++) {
    const dO = get(pd, <i32>get(porigin, i));
    const mu = get(pmu, i);
    const pv = pvk + (<usize>i * <usize>K << 3);
    const pu = puk + (<usize>i * <usize>K << 3);
    let vn: f64 = 0;
    let un: f64 = 1;
    for (let j = 0; j < K; j++) {
      const vj = get(pzhat, j) / gapSq(pd, j, dO, mu);
      const uj = j == 0 ? -1.0 : get(pd, j) * vj;
      put(pv, j, vj);
      put(pu, j, uj);
      vn += vj * vj;
      if (j > 0) un += uj * uj;
    }
    const vs = 1 / Math.sqrt(vn);
    const us = 1 / Math.sqrt(un);
    for (let j = 0; j < K; j++) {
      put(pv, j, get(pv, j) * vs);
      put(pu, j, get(pu, j) * us);
    }
  }
}

/**
 * Place the K secular vectors (rows of pvk, puk) into m×m V_Mᵀ and U_Mᵀ (row-major, U_Mᵀ
 * skipped when pumt = 0): row c takes root source[c] scattered to the coordinates kept[0…K),
 * or, for source[c] = −1 − g, the unit vector e_g of a deflated coordinate. Indices are doubles.
 */
export function darrowVectors(
  m: i32, K: i32, pvk: usize, puk: usize, pkept: usize, psource: usize, pvmt: usize,
  pumt: usize,
): void {
  const bytes = <usize>m * <usize>m << 3;
  memory.fill(pvmt, 0, bytes);
  if (pumt) memory.fill(pumt, 0, bytes);
  for (let c = 0; c < m; c++) {
    const s = <i32>get(psource, c);
    const rowV = pvmt + (<usize>c * <usize>m << 3);
    const rowU = pumt + (<usize>c * <usize>m << 3);
    if (s < 0) {
      put(rowV, -1 - s, 1);
      if (pumt) put(rowU, -1 - s, 1);
      continue;
    }
    const pv = pvk + (<usize>s * <usize>K << 3);
    const pu = puk + (<usize>s * <usize>K << 3);
    for (let j = 0; j < K; j++) {
      const g = <i32>get(pkept, j);
      put(rowV, g, get(pv, j));
      if (pumt) put(rowU, g, get(pu, j));
    }
  }
}
