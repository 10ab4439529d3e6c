// Householder reflectors shared by QR and bidiagonalization (LAPACK's dlarfg and dlarf).
//
// Convention: H = I − tau·v·vᵀ with v[0] = 1 implied. The sign of beta is opposite to the
// pivot's, with sign(0) = +1, so a zero pivot over a non-zero column still gives a non-zero beta
// and a finite reflector.
import { ddot, daxpy, dnrm2, dscal } from './blas1';
import { getAt as get, putAt as put } from './pointers';

/** sqrt(a² + b²) scaled by the larger magnitude, so neither 1e300 nor 1e-300 breaks it. */
@inline function hypot2(a: f64, b: f64): f64 {
  const s = max(abs(a), abs(b));
  if (s == 0) return 0;
  const x = a / s;
  const y = b / s;
  return s * Math.sqrt(x * x + y * y);
}

/**
 * Below this |beta| the reflector is formed from x scaled up by 1/SAFE_MIN, as LAPACK's dlarfg
 * does: a subnormal beta (inputs spanning more than the f64 range, after svd or qr scaled the
 * largest entry to about 1) keeps too few bits for tau to make H orthogonal.
 */
const SAFE_MIN: f64 = 2.2250738585072014e-308 / f64.EPSILON;

/**
 * Make the reflector for x = column segment at px (length len) in place; returns tau.
 * x[0] becomes beta, x[1..] becomes v[1..]. Divisions (not a reciprocal) keep tiny betas exact.
 */
export function householder(len: i32, px: usize): f64 {
  let alpha = get(px, 0);
  const xnorm = len > 1 ? dnrm2(len - 1, px + 8) : 0;
  if (xnorm == 0) return 0;
  let norm = hypot2(alpha, xnorm);

  // One step of 2^970 lifts anything down to 2^-1074 into the normal range (knt ≤ 2).
  let knt = 0;
  while (norm < SAFE_MIN && knt < 4) {
    knt++;
    dscal(len - 1, 1 / SAFE_MIN, px + 8);
    alpha /= SAFE_MIN;
    norm = hypot2(alpha, dnrm2(len - 1, px + 8));
  }

  let beta = alpha >= 0 ? -norm : norm;
  const denom = alpha - beta;
  for (let i = 1; i < len; i++) put(px, i, get(px, i) / denom);
  const tau = (beta - alpha) / beta;
  for (let i = 0; i < knt; i++) beta *= SAFE_MIN;
  put(px, 0, beta);
  return tau;
}

/** Apply H = I − tau·v·vᵀ (v at pv, v[0] = 1) to the column segment at py, both of length len. */
@inline export function reflect(len: i32, tau: f64, pv: usize, py: usize): void {
  if (tau == 0) return;
  const w = get(py, 0) + (len > 1 ? ddot(len - 1, pv + 8, py + 8) : 0);
  const f = -tau * w;
  put(py, 0, get(py, 0) + f);
  if (len > 1) daxpy(len - 1, f, pv + 8, py + 8);
}
