// Level-2 BLAS, row-major: y := alpha op(A) x + beta y.
//
// Both directions walk A row by row (its contiguous direction) and take four rows per pass, so
// each load of x (no transpose) or each load and store of y (transpose) serves four rows of A.
// A is read once either way; at large sizes the speed is that of streaming A from memory.

@inline function rowPtr(p: usize, ld: i32, row: i32): usize {
  return p + ((<usize>row * <usize>ld) << 3);
}

@inline function hsum(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

/** y_i := alpha s + beta y_i, not reading y_i when beta = 0. */
@inline function update(py: usize, i: i32, alpha: f64, s: f64, beta: f64): void {
  const pi = py + (<usize>i << 3);
  store<f64>(pi, beta == 0 ? alpha * s : beta * load<f64>(pi) + alpha * s);
}

/** y := alpha A x + beta y with A m×n: four dot products at a time sharing the loads of x. */
function gemvRows(m: i32, n: i32, alpha: f64, pa: usize, lda: i32, px: usize, beta: f64,
  py: usize): void {
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const r0 = rowPtr(pa, lda, i), r1 = rowPtr(pa, lda, i + 1);
    const r2 = rowPtr(pa, lda, i + 2), r3 = rowPtr(pa, lda, i + 3);
    let s0 = f64x2.splat(0), s1 = f64x2.splat(0), s2 = f64x2.splat(0), s3 = f64x2.splat(0);
    let j = 0;
    for (; j + 2 <= n; j += 2) {
      const o = <usize>j << 3;
      const xv = v128.load(px + o);
      s0 = f64x2.add(s0, f64x2.mul(v128.load(r0 + o), xv));
      s1 = f64x2.add(s1, f64x2.mul(v128.load(r1 + o), xv));
      s2 = f64x2.add(s2, f64x2.mul(v128.load(r2 + o), xv));
      s3 = f64x2.add(s3, f64x2.mul(v128.load(r3 + o), xv));
    }
    let t0 = hsum(s0), t1 = hsum(s1), t2 = hsum(s2), t3 = hsum(s3);
    if (j < n) {
      const o = <usize>j << 3;
      const xj = load<f64>(px + o);
      t0 += load<f64>(r0 + o) * xj;
      t1 += load<f64>(r1 + o) * xj;
      t2 += load<f64>(r2 + o) * xj;
      t3 += load<f64>(r3 + o) * xj;
    }
    update(py, i, alpha, t0, beta);
    update(py, i + 1, alpha, t1, beta);
    update(py, i + 2, alpha, t2, beta);
    update(py, i + 3, alpha, t3, beta);
  }
  for (; i < m; i++) {
    const r = rowPtr(pa, lda, i);
    let s = f64x2.splat(0);
    let j = 0;
    for (; j + 2 <= n; j += 2) {
      const o = <usize>j << 3;
      s = f64x2.add(s, f64x2.mul(v128.load(r + o), v128.load(px + o)));
    }
    let t = hsum(s);
    if (j < n) t += load<f64>(r + (<usize>j << 3)) * load<f64>(px + (<usize>j << 3));
    update(py, i, alpha, t, beta);
  }
}

/** y += alpha Aᵀ x with A m×n: y gathers four scaled rows of A per pass. */
function gemvColumns(m: i32, n: i32, alpha: f64, pa: usize, lda: i32, px: usize,
  py: usize): void {
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const r0 = rowPtr(pa, lda, i), r1 = rowPtr(pa, lda, i + 1);
    const r2 = rowPtr(pa, lda, i + 2), r3 = rowPtr(pa, lda, i + 3);
    const a0 = alpha * load<f64>(px + (<usize>i << 3));
    const a1 = alpha * load<f64>(px + (<usize>(i + 1) << 3));
    const a2 = alpha * load<f64>(px + (<usize>(i + 2) << 3));
    const a3 = alpha * load<f64>(px + (<usize>(i + 3) << 3));
    const v0 = f64x2.splat(a0), v1 = f64x2.splat(a1), v2 = f64x2.splat(a2), v3 = f64x2.splat(a3);
    let j = 0;
    for (; j + 2 <= n; j += 2) {
      const o = <usize>j << 3;
      let y = v128.load(py + o);
      y = f64x2.add(y, f64x2.mul(v0, v128.load(r0 + o)));
      y = f64x2.add(y, f64x2.mul(v1, v128.load(r1 + o)));
      y = f64x2.add(y, f64x2.mul(v2, v128.load(r2 + o)));
      y = f64x2.add(y, f64x2.mul(v3, v128.load(r3 + o)));
      v128.store(py + o, y);
    }
    if (j < n) {
      const o = <usize>j << 3;
      let y = load<f64>(py + o);
      y += a0 * load<f64>(r0 + o);
      y += a1 * load<f64>(r1 + o);
      y += a2 * load<f64>(r2 + o);
      y += a3 * load<f64>(r3 + o);
      store<f64>(py + o, y);
    }
  }
  for (; i < m; i++) {
    const r = rowPtr(pa, lda, i);
    const ai = alpha * load<f64>(px + (<usize>i << 3));
    const v = f64x2.splat(ai);
    let j = 0;
    for (; j + 2 <= n; j += 2) {
      const o = <usize>j << 3;
      v128.store(py + o, f64x2.add(v128.load(py + o), f64x2.mul(v, v128.load(r + o))));
    }
    if (j < n) {
      const o = <usize>j << 3;
      store<f64>(py + o, load<f64>(py + o) + ai * load<f64>(r + o));
    }
  }
}

/**
 * y := alpha op(A) x + beta y, with A m×n (row stride lda); trans = 1 uses Aᵀ, so x has n
 * entries and y m without transpose, x m and y n with it. beta = 0 writes y without reading it;
 * alpha = 0 only scales y (reference BLAS).
 */
export function dgemv(
  trans: i32, m: i32, n: i32, alpha: f64, pa: usize, lda: i32,
  px: usize, beta: f64, py: usize,
): void {
  const ylen = trans ? n : m;
  const xlen = trans ? m : n;
  if (ylen <= 0) return;
  if (!trans && alpha != 0 && xlen > 0) {
    // Row by row, beta is applied as each y_i is written.
    gemvRows(m, n, alpha, pa, lda, px, beta, py);
    return;
  }

  // Otherwise y is scaled first, then (for Aᵀx) rows of A are accumulated into it.
  if (beta == 0) memory.fill(py, 0, <usize>ylen << 3);
  else if (beta != 1) {
    for (let j = 0; j < ylen; j++) {
      const pj = py + (<usize>j << 3);
      store<f64>(pj, beta * load<f64>(pj));
    }
  }
  if (alpha != 0 && xlen > 0) gemvColumns(m, n, alpha, pa, lda, px, py);
}
