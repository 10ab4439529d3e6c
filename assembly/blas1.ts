// Level-1 BLAS over contiguous f64 vectors (unit stride), two lanes at a time with f64x2.
// Names and argument order follow reference BLAS; strides other than 1 are not supported.

export function ddot(n: i32, px: usize, py: usize): f64 {
  let acc0 = f64x2.splat(0);
  let acc1 = f64x2.splat(0);
  let i = 0;
  // Two independent accumulators hide the latency of the add chain.
  for (; i + 4 <= n; i += 4) {
    const off = <usize>i << 3;
    acc0 = f64x2.add(acc0, f64x2.mul(v128.load(px + off), v128.load(py + off)));
    acc1 = f64x2.add(acc1, f64x2.mul(v128.load(px + off, 16), v128.load(py + off, 16)));
  }
  const acc = f64x2.add(acc0, acc1);
  let sum = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  for (; i < n; i++) {
    const off = <usize>i << 3;
    sum += load<f64>(px + off) * load<f64>(py + off);
  }
  return sum;
}

export function daxpy(n: i32, alpha: f64, px: usize, py: usize): void {
  const a = f64x2.splat(alpha);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const off = <usize>i << 3;
    v128.store(py + off, f64x2.add(v128.load(py + off), f64x2.mul(a, v128.load(px + off))));
  }
  for (; i < n; i++) {
    const off = <usize>i << 3;
    store<f64>(py + off, load<f64>(py + off) + alpha * load<f64>(px + off));
  }
}

export function dscal(n: i32, alpha: f64, px: usize): void {
  const a = f64x2.splat(alpha);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const off = <usize>i << 3;
    v128.store(px + off, f64x2.mul(a, v128.load(px + off)));
  }
  for (; i < n; i++) {
    const off = <usize>i << 3;
    store<f64>(px + off, alpha * load<f64>(px + off));
  }
}

/** Largest |x_i|; NaN if any entry is NaN. */
export function damax(n: i32, px: usize): f64 {
  let m = f64x2.splat(0);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    m = f64x2.max(m, f64x2.abs(v128.load(px + (<usize>i << 3))));
  }
  let best = max(f64x2.extract_lane(m, 0), f64x2.extract_lane(m, 1));
  for (; i < n; i++) best = max(best, abs(load<f64>(px + (<usize>i << 3))));
  return best;
}

/**
 * Euclidean norm without overflow or underflow: the vector is divided by its largest magnitude
 * before squaring (two passes; the division keeps subnormal scales exact where a reciprocal
 * would overflow). Relative error is a few ulps times sqrt(n).
 */
export function dnrm2(n: i32, px: usize): f64 {
  const scale = damax(n, px);
  if (scale == 0 || !isFinite(scale)) return scale;
  const s = f64x2.splat(scale);
  let acc0 = f64x2.splat(0);
  let acc1 = f64x2.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const off = <usize>i << 3;
    const u = f64x2.div(v128.load(px + off), s);
    const w = f64x2.div(v128.load(px + off, 16), s);
    acc0 = f64x2.add(acc0, f64x2.mul(u, u));
    acc1 = f64x2.add(acc1, f64x2.mul(w, w));
  }
  const acc = f64x2.add(acc0, acc1);
  let sum = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  for (; i < n; i++) {
    const u = load<f64>(px + (<usize>i << 3)) / scale;
    sum += u * u;
  }
  return scale * Math.sqrt(sum);
}

/** 1 if every entry is finite, else 0. */
export function allFinite(n: i32, px: usize): i32 {
  // x - x is 0 for finite x and NaN for NaN and ±Infinity. The lane masks of (x - x == 0) are
  // and-ed, four pairs a step: a bitwise and has no latency chain, where a running sum of the
  // differences waited three cycles per pair.
  const zero = f64x2.splat(0);
  let ok = v128.splat<i64>(-1);
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const p = px + (<usize>i << 3);
    const v0 = v128.load(p), v1 = v128.load(p, 16), v2 = v128.load(p, 32), v3 = v128.load(p, 48);
    const e01 = v128.and(f64x2.eq(f64x2.sub(v0, v0), zero), f64x2.eq(f64x2.sub(v1, v1), zero));
    const e23 = v128.and(f64x2.eq(f64x2.sub(v2, v2), zero), f64x2.eq(f64x2.sub(v3, v3), zero));
    ok = v128.and(ok, v128.and(e01, e23));
  }
  if (!i64x2.all_true(ok)) return 0;
  for (; i < n; i++) {
    const v = load<f64>(px + (<usize>i << 3));
    if (v - v != 0) return 0;
  }
  return 1;
}
