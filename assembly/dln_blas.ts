// Level-1 and level-2 loops of the dln kernels over short contiguous vectors and small
// row-major matrices: sums of squares, matrix-vector products four rows a sweep (the updates
// are in dln_update.ts). SIMD f64x2 throughout; callers pass trusted pointers and sizes.
import { f64At } from './dln_layout';

/** Sum of squares of n contiguous doubles. */
export function sumSq(n: i32, p: usize): f64 {
  let acc0 = f64x2.splat(0);
  let acc1 = f64x2.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const a = v128.load(p + (<usize>i << 3));
    const b = v128.load(p + (<usize>i << 3), 16);
    acc0 = f64x2.add(acc0, f64x2.mul(a, a));
    acc1 = f64x2.add(acc1, f64x2.mul(b, b));
  }
  const acc = f64x2.add(acc0, acc1);
  let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  for (; i < n; i++) {
    const v = f64At(p, i);
    s += v * v;
  }
  return s;
}

/**
 * n doubles set to zero. A plain SIMD loop: for the short vectors of small networks it beats
 * memory.fill, which engines may lower to a call out of the compiled code.
 */
@inline export function zero(p: usize, n: i32): void {
  const z = f64x2.splat(0);
  let i = 0;
  for (; i + 2 <= n; i += 2) v128.store(p + (<usize>i << 3), z);
  if (i < n) store<f64>(p + (<usize>i << 3), 0);
}

/**
 * y = M x for a row-major rows×cols M: four rows per sweep share each load of x.
 * The sweeps walk one pointer along the rows (the other three at fixed offsets) and take two
 * f64x2 columns a turn with the same accumulators, so each entry's sum keeps the order of a
 * plain left-to-right loop over column pairs; V8 then spends fewer integer ops per load (a
 * sweep 10–20% faster at 128×128 and 256×256 than indexing each row, timed in one process).
 * Sweeps of 2 or 8 rows were slower. Mostly compute-bound: over an L2-resident 128×128 matrix
 * a sweep is only 10–15% faster per element than over a 256×256 one (512 KiB, one core's L2).
 */
export function matvecRows(rows: i32, cols: i32, pm: usize, px: usize, py: usize): void {
  const ld = <usize>cols << 3;
  const l2 = ld + ld;
  const l3 = l2 + ld;
  const pairs = <usize>(cols >> 1) << 4;
  const quads = <usize>(cols >> 2) << 5;
  let j = 0;
  for (; j + 4 <= rows; j += 4) {
    let q = pm + <usize>j * ld;
    let a0 = f64x2.splat(0);
    let a1 = f64x2.splat(0);
    let a2 = f64x2.splat(0);
    let a3 = f64x2.splat(0);
    let qx = px;
    const endQuads = px + quads;
    while (qx < endQuads) {
      let xv = v128.load(qx);
      a0 = f64x2.add(a0, f64x2.mul(v128.load(q), xv));
      a1 = f64x2.add(a1, f64x2.mul(v128.load(q + ld), xv));
      a2 = f64x2.add(a2, f64x2.mul(v128.load(q + l2), xv));
      a3 = f64x2.add(a3, f64x2.mul(v128.load(q + l3), xv));
      xv = v128.load(qx, 16);
      a0 = f64x2.add(a0, f64x2.mul(v128.load(q, 16), xv));
      a1 = f64x2.add(a1, f64x2.mul(v128.load(q + ld, 16), xv));
      a2 = f64x2.add(a2, f64x2.mul(v128.load(q + l2, 16), xv));
      a3 = f64x2.add(a3, f64x2.mul(v128.load(q + l3, 16), xv));
      q += 32;
      qx += 32;
    }
    if (qx < px + pairs) {
      const xv = v128.load(qx);
      a0 = f64x2.add(a0, f64x2.mul(v128.load(q), xv));
      a1 = f64x2.add(a1, f64x2.mul(v128.load(q + ld), xv));
      a2 = f64x2.add(a2, f64x2.mul(v128.load(q + l2), xv));
      a3 = f64x2.add(a3, f64x2.mul(v128.load(q + l3), xv));
      q += 16;
      qx += 16;
    }
    let s0 = f64x2.extract_lane(a0, 0) + f64x2.extract_lane(a0, 1);
    let s1 = f64x2.extract_lane(a1, 0) + f64x2.extract_lane(a1, 1);
    let s2 = f64x2.extract_lane(a2, 0) + f64x2.extract_lane(a2, 1);
    let s3 = f64x2.extract_lane(a3, 0) + f64x2.extract_lane(a3, 1);
    if (cols & 1) {
      const xl = load<f64>(qx);
      s0 += load<f64>(q) * xl;
      s1 += load<f64>(q + ld) * xl;
      s2 += load<f64>(q + l2) * xl;
      s3 += load<f64>(q + l3) * xl;
    }
    const o = py + (<usize>j << 3);
    store<f64>(o, s0);
    store<f64>(o, s1, 8);
    store<f64>(o, s2, 16);
    store<f64>(o, s3, 24);
  }
  for (; j < rows; j++) {
    let q = pm + <usize>j * ld;
    let qx = px;
    const end = px + pairs;
    let a0 = f64x2.splat(0);
    while (qx < end) {
      a0 = f64x2.add(a0, f64x2.mul(v128.load(q), v128.load(qx)));
      q += 16;
      qx += 16;
    }
    let s0 = f64x2.extract_lane(a0, 0) + f64x2.extract_lane(a0, 1);
    if (cols & 1) s0 += load<f64>(q) * load<f64>(qx);
    store<f64>(py + (<usize>j << 3), s0);
  }
}

/** y = Mᵀ x for a row-major rows×cols M (y has cols entries), two rows per sweep. */
export function matvecTransposed(rows: i32, cols: i32, pm: usize, px: usize, py: usize): void {
  zero(py, cols);
  const ld = <usize>cols << 3;
  let j = 0;
  for (; j + 2 <= rows; j += 2) {
    const r0 = pm + <usize>j * ld;
    const r1 = r0 + ld;
    const x0 = f64At(px, j);
    const x1 = f64At(px, j + 1);
    const c0 = f64x2.splat(x0);
    const c1 = f64x2.splat(x1);
    let l = 0;
    for (; l + 2 <= cols; l += 2) {
      const off = <usize>l << 3;
      const acc = f64x2.add(f64x2.mul(c0, v128.load(r0 + off)), f64x2.mul(c1, v128.load(r1 + off)));
      v128.store(py + off, f64x2.add(v128.load(py + off), acc));
    }
    if (l < cols) {
      const off = <usize>l << 3;
      const sum = x0 * load<f64>(r0 + off) + x1 * load<f64>(r1 + off);
      store<f64>(py + off, load<f64>(py + off) + sum);
    }
  }
  if (j < rows) {
    const r0 = pm + <usize>j * ld;
    const x0 = f64At(px, j);
    for (let l = 0; l < cols; l++) {
      const off = <usize>l << 3;
      store<f64>(py + off, load<f64>(py + off) + x0 * load<f64>(r0 + off));
    }
  }
}

/**
 * ‖U Sᵀ‖²_F for U rows×k and S cols×k: trace((UᵀU)(SᵀS)), with U given as Ũ = −ηU (the
 * training sweeps carry Ũ) and invEta = 1/η. Each entry of Ũ is rescaled before it is squared,
 * so a tiny η cannot underflow the products to zero and fake a small gradient.
 */
export function outerFrobSq(rows: i32, cols: i32, k: i32, pu: usize, ps: usize, invEta: f64): f64 {
  if (k == 1) return sumSqScaled(rows, pu, invEta) * sumSq(cols, ps);
  let total: f64 = 0;
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let gu: f64 = 0, gs: f64 = 0;
      for (let j = 0; j < rows; j++) {
        gu += (invEta * f64At(pu, j * k + a)) * (invEta * f64At(pu, j * k + b));
      }
      for (let j = 0; j < cols; j++) gs += f64At(ps, j * k + a) * f64At(ps, j * k + b);
      total += gu * gs;
    }
  }
  return total;
}

/** Σ (c·p_i)² over n contiguous doubles. */
export function sumSqScaled(n: i32, p: usize, c: f64): f64 {
  let s: f64 = 0;
  for (let i = 0; i < n; i++) {
    const v = c * f64At(p, i);
    s += v * v;
  }
  return s;
}

export function addInto(len: i32, px: usize, py: usize): void {
  for (let i = 0; i < len; i++) store<f64>(py + (<usize>i << 3), f64At(py, i) + f64At(px, i));
}
