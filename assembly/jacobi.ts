// One-sided (Hestenes) Jacobi SVD on rows: the n rows of X (each of length m, adjacent doubles)
// are rotated in pairs until every pair is orthogonal to working precision. Then row i of X is
// σ_i·u_iᵀ, and the same rotations applied to the rows of V (start: identity) give the right
// singular vectors as rows. Rotation angles follow Rutishauser's formula as in Demmel & Veselić
// 1992 (which also proves the high relative accuracy this method reaches on X = B·D with B well
// conditioned). Each sweep starts from rows sorted by decreasing norm (after de Rijk 1989's
// pivoting), which speeds convergence and leaves the σ nearly sorted.
//
// Rows, not columns, so that each rotation is two streams of adjacent doubles: f64x2 SIMD.
// Three things keep a sweep cheap (together the Jacobi phase ran in 0.7–0.8 of its former CPU
// time on random 256², 512² and 1024×512 inputs, sweeps equal or one more, 2026-12-04): fast
// scaled rotations as in LAPACK's dgesvj (Drmač 1997; the cosine stays in a factor per row, so a
// rotation is two multiplications an entry, not four); a pair is skipped without its dot
// product exactly when neither row has changed since the pair was last found orthogonal; and
// after a rotation the next pair's dot product is taken in the same pass over the rows.
import { ddot, dnrm2, dscal } from './blas1';
import { stripe as row, getAt as get, putAt as put } from './pointers';

/** [x; y] ← [c·x − s·y; s·x + c·y] over len adjacent doubles. */
export function drotRows(len: i32, px: usize, py: usize, c: f64, s: f64): void {
  const cv = f64x2.splat(c);
  const sv = f64x2.splat(s);
  let k = 0;
  // Four lanes a step: two independent load-rotate-store chains per stream.
  for (; k + 4 <= len; k += 4) {
    const off = <usize>k << 3;
    const x0 = v128.load(px + off);
    const y0 = v128.load(py + off);
    const x1 = v128.load(px + off, 16);
    const y1 = v128.load(py + off, 16);
    v128.store(px + off, f64x2.sub(f64x2.mul(cv, x0), f64x2.mul(sv, y0)));
    v128.store(py + off, f64x2.add(f64x2.mul(sv, x0), f64x2.mul(cv, y0)));
    v128.store(px + off, f64x2.sub(f64x2.mul(cv, x1), f64x2.mul(sv, y1)), 16);
    v128.store(py + off, f64x2.add(f64x2.mul(sv, x1), f64x2.mul(cv, y1)), 16);
  }
  for (; k + 2 <= len; k += 2) {
    const off = <usize>k << 3;
    const x = v128.load(px + off);
    const y = v128.load(py + off);
    v128.store(px + off, f64x2.sub(f64x2.mul(cv, x), f64x2.mul(sv, y)));
    v128.store(py + off, f64x2.add(f64x2.mul(sv, x), f64x2.mul(cv, y)));
  }
  for (; k < len; k++) {
    const off = <usize>k << 3;
    const x = load<f64>(px + off);
    const y = load<f64>(py + off);
    store<f64>(px + off, c * x - s * y);
    store<f64>(py + off, s * x + c * y);
  }
}

function swapRows(len: i32, px: usize, py: usize): void {
  for (let k = 0; k < len; k++) {
    const off = <usize>k << 3;
    const t = load<f64>(px + off);
    store<f64>(px + off, load<f64>(py + off));
    store<f64>(py + off, t);
  }
}

/** [x; y] ← [x − f·y; y + g·x] over len adjacent doubles: a rotation with its cosine taken out. */
function dscaledRot(len: i32, px: usize, py: usize, f: f64, g: f64): void {
  const fv = f64x2.splat(f);
  const gv = f64x2.splat(g);
  let k = 0;
  for (; k + 4 <= len; k += 4) {
    const off = <usize>k << 3;
    const x0 = v128.load(px + off);
    const y0 = v128.load(py + off);
    const x1 = v128.load(px + off, 16);
    const y1 = v128.load(py + off, 16);
    v128.store(px + off, f64x2.sub(x0, f64x2.mul(fv, y0)));
    v128.store(py + off, f64x2.add(y0, f64x2.mul(gv, x0)));
    v128.store(px + off, f64x2.sub(x1, f64x2.mul(fv, y1)), 16);
    v128.store(py + off, f64x2.add(y1, f64x2.mul(gv, x1)), 16);
  }
  for (; k < len; k++) {
    const off = <usize>k << 3;
    const x = load<f64>(px + off);
    const y = load<f64>(py + off);
    store<f64>(px + off, x - f * y);
    store<f64>(py + off, y + g * x);
  }
}

/**
 * dscaledRot on [x; y], and returns x_new·z over the same len doubles, in ddot's summation
 * order (so the fused product equals ddot(len, x_new, z) bit for bit). The row pair and the next
 * row are streamed once instead of twice: the next pair's dot product rides on this rotation.
 */
function dscaledRotDot(len: i32, px: usize, py: usize, pz: usize, f: f64, g: f64): f64 {
  const fv = f64x2.splat(f);
  const gv = f64x2.splat(g);
  let acc0 = f64x2.splat(0);
  let acc1 = f64x2.splat(0);
  let k = 0;
  for (; k + 4 <= len; k += 4) {
    const off = <usize>k << 3;
    const x0 = v128.load(px + off);
    const y0 = v128.load(py + off);
    const x1 = v128.load(px + off, 16);
    const y1 = v128.load(py + off, 16);
    const u0 = f64x2.sub(x0, f64x2.mul(fv, y0));
    const u1 = f64x2.sub(x1, f64x2.mul(fv, y1));
    v128.store(px + off, u0);
    v128.store(py + off, f64x2.add(y0, f64x2.mul(gv, x0)));
    v128.store(px + off, u1, 16);
    v128.store(py + off, f64x2.add(y1, f64x2.mul(gv, x1)), 16);
    acc0 = f64x2.add(acc0, f64x2.mul(u0, v128.load(pz + off)));
    acc1 = f64x2.add(acc1, f64x2.mul(u1, v128.load(pz + off, 16)));
  }
  const acc = f64x2.add(acc0, acc1);
  let sum = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  for (; k < len; k++) {
    const off = <usize>k << 3;
    const x = load<f64>(px + off);
    const y = load<f64>(py + off);
    const u = x - f * y;
    store<f64>(px + off, u);
    store<f64>(py + off, y + g * x);
    sum += u * load<f64>(pz + off);
  }
  return sum;
}

/**
 * Squared norms below this (norms below 2^-484) count as zero: the squares of such a row's
 * entries are at or near the subnormal range, where its norm and dot products lose bits and no
 * rotation can make the pair orthogonal to working precision (Jacobi would spin until its cap).
 * Callers scale so that such rows are singular values they flush to zero (svd: below 2^-480).
 */
const NEGLIGIBLE_SQ: f64 = reinterpret<f64>(<u64>(1023 - 968) << 52);

/** Row i of X (and V) ← e_i·row i, e_i ← 1. */
function foldScale(
  i: i32, m: i32, px: usize, ldx: i32, pv: usize, nv: i32, ldv: i32, pe: usize,
): void {
  const e = get(pe, i);
  dscal(m, e, row(px, ldx, i));
  if (pv) dscal(nv, e, row(pv, ldv, i));
  put(pe, i, 1);
}

/**
 * Jacobi steps on the pairs (i, j), j0 ≤ j < j1, in order; returns the rotations done. Row k of
 * the iterate is e_k·x_k (fast scaled rotations, as LAPACK's dgesvj applies them: the cosine
 * goes into e, so a rotation costs two multiplications an entry instead of four). A pair is
 * rotated when |a_i·a_j| > tol·‖a_i‖·‖a_j‖; pd holds the squared norms of the a_k, updated
 * here. pf holds for each row the stamp of its last change; a pair whose rows both changed last
 * before `stamp − pairs` (its previous visit, one sweep ago) is skipped: it was orthogonal then
 * and neither row has moved since. After a rotation, row i is new, so the next pair's dot
 * product is fused into the rotation (dscaledRotDot).
 */
function pairRun(
  i: i32, j0: i32, j1: i32, m: i32, px: usize, ldx: i32, pv: usize, nv: i32, ldv: i32,
  pd: usize, pf: usize, pe: usize, tol: f64, stamp: f64, pairs: f64, fold: f64,
): i32 {
  const xi = row(px, ldx, i);
  let rotations = 0;
  let fused = false;
  let dotNext: f64 = 0;
  for (let j = j0; j < j1; j++, stamp++) {
    const known = fused;
    fused = false;
    const seen = stamp - pairs;
    if (!known && get(pf, i) < seen && get(pf, j) < seen) continue;
    const a = get(pd, i);
    const b = get(pd, j);
    if (a < NEGLIGIBLE_SQ || b < NEGLIGIBLE_SQ) continue;
    const xj = row(px, ldx, j);
    const ei = get(pe, i);
    const ej = get(pe, j);
    const c = ei * ej * (known ? dotNext : ddot(m, xi, xj));
    if (abs(c) <= tol * Math.sqrt(a) * Math.sqrt(b)) continue;

    // t is the smaller root of t² + 2ζt − 1 = 0, so that the rotated pair is orthogonal.
    const zeta = (b - a) / (2 * c);
    const az = abs(zeta);
    let t = az > 1e150 ? 0.5 / az : 1 / (az + Math.sqrt(1 + az * az));
    if (zeta < 0) t = -t;
    const cs = 1 / Math.sqrt(1 + t * t);
    const f = t * (ej / ei);
    const g = t * (ei / ej);
    if (j + 1 < j1) {
      dotNext = dscaledRotDot(m, xi, xj, row(px, ldx, j + 1), f, g);
      fused = true;
    } else {
      dscaledRot(m, xi, xj, f, g);
    }
    if (pv) dscaledRot(nv, row(pv, ldv, i), row(pv, ldv, j), f, g);
    put(pe, i, cs * ei);
    put(pe, j, cs * ej);
    if (cs * ej < fold) foldScale(j, m, px, ldx, pv, nv, ldv, pe);
    if (cs * ei < fold) {
      // The fused product was taken against x_i before the fold.
      if (fused) dotNext *= cs * ei;
      foldScale(i, m, px, ldx, pv, nv, ldv, pe);
    }

    // Updated norms (Rutishauser); recomputed when the update cancels.
    let na = a - t * c;
    let nb = b + t * c;
    if (na < 0.25 * a) na = squaredNorm(m, xi, get(pe, i));
    if (nb < 0.25 * b) nb = squaredNorm(m, xj, get(pe, j));
    put(pd, i, na);
    put(pd, j, nb);
    put(pf, i, stamp);
    put(pf, j, stamp);
    rotations++;
  }
  return rotations;
}

@inline function squaredNorm(m: i32, px: usize, e: f64): f64 {
  return e * e * ddot(m, px, px);
}

/**
 * Orthogonalize the n rows of X (length m, leading dimension ldx) by plane rotations, applying
 * each to the rows of V too when pv ≠ 0 (length nv, leading dimension ldv). A pair (i, j) is
 * rotated when |x_i·x_j| > tol·‖x_i‖·‖x_j‖. Returns the number of sweeps used, or −maxSweeps
 * when the cap was reached unconverged. Pairs with a row of squared norm below 2^-968 are left
 * as they are (NEGLIGIBLE_SQ). X must be scaled so that squared norms neither overflow
 * nor underflow (with 1/fold to spare, for the fast rotations' scale factors). pd holds 3n
 * doubles: the squared norms, for each row the stamp (pair visit count) of its last change, and
 * its scale factor; a factor that falls below fold (svd: 2^-32) is multiplied into its row.
 *
 * Pairs are visited block by block (rows in blocks of nb, all pairs between two blocks before
 * the next two), a convergent block-cyclic ordering whose working set stays in cache, and in the
 * same order every sweep, so a pair's previous visit is exactly one sweep's pair count ago.
 */
export function djacobiRows(
  n: i32, m: i32, px: usize, ldx: i32, pv: usize, nv: i32, ldv: i32, pd: usize,
  tol: f64, maxSweeps: i32, nb: i32, fold: f64,
): i32 {
  const pf = pd + (<usize>n << 3);
  const pe = pd + (<usize>n << 4);
  const pairs = <f64>n * <f64>(n - 1) / 2;
  memory.fill(pf, 0, <usize>n << 3);
  for (let i = 0; i < n; i++) put(pe, i, 1);
  let result = -maxSweeps;
  for (let sweep = 1; sweep <= maxSweeps; sweep++) {
    for (let i = 0; i < n; i++) put(pd, i, squaredNorm(m, row(px, ldx, i), get(pe, i)));
    let stamp = <f64>(sweep - 1) * pairs;
    // Rows moved by the sort count as changed: their pairs' previous visits saw other rows.
    sortRows(n, m, px, ldx, pv, nv, ldv, pd, pf, pe, stamp);
    let rotations = 0;

    for (let i0 = 0; i0 < n; i0 += nb) {
      const i1 = min(n, i0 + nb);
      for (let i = i0; i < i1; i++) {
        rotations += pairRun(
          i, i + 1, i1, m, px, ldx, pv, nv, ldv, pd, pf, pe, tol, stamp, pairs, fold);
        stamp += <f64>(i1 - i - 1);
      }
      for (let j0 = i1; j0 < n; j0 += nb) {
        const j1 = min(n, j0 + nb);
        for (let i = i0; i < i1; i++) {
          rotations += pairRun(
            i, j0, j1, m, px, ldx, pv, nv, ldv, pd, pf, pe, tol, stamp, pairs, fold);
          stamp += <f64>(j1 - j0);
        }
      }
    }
    if (rotations == 0) { result = sweep; break; }
  }
  for (let i = 0; i < n; i++) foldScale(i, m, px, ldx, pv, nv, ldv, pe);
  return result;
}

/**
 * Sort rows of X (and V) by decreasing pd, swapping whole rows (selection sort); when pf ≠ 0,
 * the stamps of both rows of each swap become `moved` and their scale factors (pe) travel along.
 */
function sortRows(
  n: i32, m: i32, px: usize, ldx: i32, pv: usize, nv: i32, ldv: i32, pd: usize, pf: usize,
  pe: usize, moved: f64,
): void {
  for (let i = 0; i < n - 1; i++) {
    let p = i;
    for (let j = i + 1; j < n; j++) if (get(pd, j) > get(pd, p)) p = j;
    if (p == i) continue;
    swapRows(m, row(px, ldx, i), row(px, ldx, p));
    if (pv) swapRows(nv, row(pv, ldv, i), row(pv, ldv, p));
    const t = get(pd, i); put(pd, i, get(pd, p)); put(pd, p, t);
    if (pf) {
      put(pf, i, moved);
      put(pf, p, moved);
      const e = get(pe, i); put(pe, i, get(pe, p)); put(pe, p, e);
    }
  }
}

/**
 * Finish a converged Jacobi run: σ_i = ‖x_i‖ (to pd), rows sorted by non-increasing σ (rows of
 * X and V swapped alike), and each non-zero row of X scaled to unit length.
 */
export function djacobiFinish(
  n: i32, m: i32, px: usize, ldx: i32, pv: usize, nv: i32, ldv: i32, pd: usize,
): void {
  for (let i = 0; i < n; i++) put(pd, i, dnrm2(m, row(px, ldx, i)));
  sortRows(n, m, px, ldx, pv, nv, ldv, pd, 0, 0, 0);
  for (let i = 0; i < n; i++) {
    const s = get(pd, i);
    if (s == 0) continue;
    const xi = row(px, ldx, i);
    for (let k = 0; k < m; k++) put(xi, k, get(xi, k) / s);
  }
}
