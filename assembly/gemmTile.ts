// The gemm micro-kernel: an MR×NR block of C held in f64x2 registers while k runs.
//
// Register budget (measured in V8 on this project's x64 machine): Wasm code gets 15 xmm
// registers. A tile needs MR·NR/2 accumulators, NR/2 registers for a row of the B micro-panel
// and one for a broadcast entry of A, so 2×8 (8 + 4 + 1), 4×4 (8 + 2 + 1) and 3×6 (9 + 3 + 1)
// fit, while 5×4 or 4×6 spill and run at half speed. Unrolling the k loop made binaryen keep
// more values live and spill as well, so the loop is left rolled.
//
// Plain Wasm SIMD has no fused multiply-add, so each step is a mul then an add (two roundings,
// as in reference BLAS compiled without FMA contraction).

/** Which tile is compiled in: 0 = 4×4, 1 = 2×8, 2 = 3×6. */
const TILE: i32 = 0;

export const MR: i32 = TILE == 1 ? 2 : TILE == 2 ? 3 : TILE == 3 ? 3 : TILE == 4 ? 2 : TILE == 5 ? 4 : TILE == 6 ? 5 : 4;
export const NR: i32 = TILE == 1 ? 8 : TILE == 2 ? 6 : TILE == 3 ? 8 : TILE == 4 ? 8 : TILE == 5 ? 6 : TILE == 6 ? 4 : 4;

/** The last micro-kernel's MR×NR result, row-major with row stride NR. */
export const tileBuffer: usize = memory.data(8 * 8 * 8, 16);
const barrier: usize = memory.data(16, 16);

@inline function madd(acc: v128, a: v128, b: v128): v128 {
  return f64x2.add(acc, f64x2.mul(a, b));
}

/**
 * tile := (packed A micro-panel, MR×kc) · (packed B micro-panel, kc×NR).
 * @param kc length of the shared dimension (≥ 1)
 * @param a MR entries of op(A) per step of k, contiguous
 * @param b NR entries of op(B) per step of k, contiguous
 */
export function microKernel(kc: i32, a: usize, b: usize): void {
  if (TILE == 0) kernel4x4(kc, a, b);
  else if (TILE == 1) kernel2x8(kc, a, b);
  else if (TILE == 3) kernel3x8(kc, a, b);
  else if (TILE == 4) kernel2x8f(kc, a, b);
  else if (TILE == 5) kernel4x6(kc, a, b);
  else if (TILE == 6) kernel5x4(kc, a, b);
  else kernel3x6(kc, a, b);
}

function kernel4x4(kc: i32, a: usize, b: usize): void {
  let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c10 = f64x2.splat(0), c11 = f64x2.splat(0);
  let c20 = f64x2.splat(0), c21 = f64x2.splat(0), c30 = f64x2.splat(0), c31 = f64x2.splat(0);
  const end = b + ((<usize>kc * 4) << 3);
  do {
    const b0 = v128.load(b), b1 = v128.load(b, 16);
    let ai = v128.load64_splat(a);
    c00 = madd(c00, ai, b0); c01 = madd(c01, ai, b1);
    ai = v128.load64_splat(a, 8);
    c10 = madd(c10, ai, b0); c11 = madd(c11, ai, b1);
    ai = v128.load64_splat(a, 16);
    c20 = madd(c20, ai, b0); c21 = madd(c21, ai, b1);
    ai = v128.load64_splat(a, 24);
    c30 = madd(c30, ai, b0); c31 = madd(c31, ai, b1);
    a += 32;
    b += 32;
  } while (b < end);
  const t = tileBuffer;
  v128.store(t, c00); v128.store(t, c01, 16);
  v128.store(t, c10, 32); v128.store(t, c11, 48);
  v128.store(t, c20, 64); v128.store(t, c21, 80);
  v128.store(t, c30, 96); v128.store(t, c31, 112);
}

function kernel2x8(kc: i32, a: usize, b: usize): void {
  let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c02 = f64x2.splat(0), c03 = f64x2.splat(0);
  let c10 = f64x2.splat(0), c11 = f64x2.splat(0), c12 = f64x2.splat(0), c13 = f64x2.splat(0);
  const end = b + ((<usize>kc * 8) << 3);
  do {
    const b0 = v128.load(b), b1 = v128.load(b, 16), b2 = v128.load(b, 32), b3 = v128.load(b, 48);
    let ai = v128.load64_splat(a);
    c00 = madd(c00, ai, b0); c01 = madd(c01, ai, b1);
    c02 = madd(c02, ai, b2); c03 = madd(c03, ai, b3);
    ai = v128.load64_splat(a, 8);
    c10 = madd(c10, ai, b0); c11 = madd(c11, ai, b1);
    c12 = madd(c12, ai, b2); c13 = madd(c13, ai, b3);
    a += 16;
    b += 64;
  } while (b < end);
  const t = tileBuffer;
  v128.store(t, c00); v128.store(t, c01, 16); v128.store(t, c02, 32); v128.store(t, c03, 48);
  v128.store(t, c10, 64); v128.store(t, c11, 80); v128.store(t, c12, 96); v128.store(t, c13, 112);
}

function kernel3x6(kc: i32, a: usize, b: usize): void {
  let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c02 = f64x2.splat(0);
  let c10 = f64x2.splat(0), c11 = f64x2.splat(0), c12 = f64x2.splat(0);
  let c20 = f64x2.splat(0), c21 = f64x2.splat(0), c22 = f64x2.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(b), b1 = v128.load(b, 16), b2 = v128.load(b, 32);
    let ai = v128.load64_splat(a);
    c00 = madd(c00, ai, b0); c01 = madd(c01, ai, b1); c02 = madd(c02, ai, b2);
    ai = v128.load64_splat(a, 8);
    c10 = madd(c10, ai, b0); c11 = madd(c11, ai, b1); c12 = madd(c12, ai, b2);
    ai = v128.load64_splat(a, 16);
    c20 = madd(c20, ai, b0); c21 = madd(c21, ai, b1); c22 = madd(c22, ai, b2);
    a += 24;
    b += 48;
  }
  const t = tileBuffer;
  v128.store(t, c00); v128.store(t, c01, 16); v128.store(t, c02, 32);
  v128.store(t, c10, 48); v128.store(t, c11, 64); v128.store(t, c12, 80);
  v128.store(t, c20, 96); v128.store(t, c21, 112); v128.store(t, c22, 128);
}
export function tmpKernelBench(reps: i32, kc: i32, a: usize, b: usize): void {
  for (let r = 0; r < reps; r++) microKernel(kc, a, b);
}

function kernel3x8(kc: i32, a: usize, b: usize): void {
  let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c02 = f64x2.splat(0), c03 = f64x2.splat(0);
  let c10 = f64x2.splat(0), c11 = f64x2.splat(0), c12 = f64x2.splat(0), c13 = f64x2.splat(0);
  let c20 = f64x2.splat(0), c21 = f64x2.splat(0), c22 = f64x2.splat(0), c23 = f64x2.splat(0);
  const end = b + ((<usize>kc * 8) << 3);
  do {
    let ai = v128.load64_splat(a);
    c00 = madd(c00, ai, v128.load(b)); c01 = madd(c01, ai, v128.load(b, 16));
    c02 = madd(c02, ai, v128.load(b, 32)); c03 = madd(c03, ai, v128.load(b, 48));
    ai = v128.load64_splat(a, 8);
    c10 = madd(c10, ai, v128.load(b)); c11 = madd(c11, ai, v128.load(b, 16));
    c12 = madd(c12, ai, v128.load(b, 32)); c13 = madd(c13, ai, v128.load(b, 48));
    ai = v128.load64_splat(a, 16);
    c20 = madd(c20, ai, v128.load(b)); c21 = madd(c21, ai, v128.load(b, 16));
    c22 = madd(c22, ai, v128.load(b, 32)); c23 = madd(c23, ai, v128.load(b, 48));
    a += 24;
    b += 64;
  } while (b < end);
  const t = tileBuffer;
  v128.store(t, c00); v128.store(t, c01, 16); v128.store(t, c02, 32); v128.store(t, c03, 48);
  v128.store(t, c10, 64); v128.store(t, c11, 80); v128.store(t, c12, 96); v128.store(t, c13, 112);
  v128.store(t, c20, 128); v128.store(t, c21, 144); v128.store(t, c22, 160);
  v128.store(t, c23, 176);
}

function kernel2x8f(kc: i32, a: usize, b: usize): void {
  let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c02 = f64x2.splat(0), c03 = f64x2.splat(0);
  let c10 = f64x2.splat(0), c11 = f64x2.splat(0), c12 = f64x2.splat(0), c13 = f64x2.splat(0);
  const end = b + ((<usize>kc * 8) << 3);
  do {
    let ai = v128.load64_splat(a);
    c00 = madd(c00, ai, v128.load(b)); c01 = madd(c01, ai, v128.load(b, 16));
    c02 = madd(c02, ai, v128.load(b, 32)); c03 = madd(c03, ai, v128.load(b, 48));
    ai = v128.load64_splat(a, 8);
    c10 = madd(c10, ai, v128.load(b)); c11 = madd(c11, ai, v128.load(b, 16));
    c12 = madd(c12, ai, v128.load(b, 32)); c13 = madd(c13, ai, v128.load(b, 48));
    a += 16;
    b += 64;
  } while (b < end);
  const t = tileBuffer;
  v128.store(t, c00); v128.store(t, c01, 16); v128.store(t, c02, 32); v128.store(t, c03, 48);
  v128.store(t, c10, 64); v128.store(t, c11, 80); v128.store(t, c12, 96); v128.store(t, c13, 112);
}

function kernel4x6(kc: i32, a: usize, b: usize): void {
  let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c02 = f64x2.splat(0);
  let c10 = f64x2.splat(0), c11 = f64x2.splat(0), c12 = f64x2.splat(0);
  let c20 = f64x2.splat(0), c21 = f64x2.splat(0), c22 = f64x2.splat(0);
  let c30 = f64x2.splat(0), c31 = f64x2.splat(0), c32 = f64x2.splat(0);
  const end = b + ((<usize>kc * 6) << 3);
  while (b < end) {
    let ai = v128.load64_splat(a);
    c00 = madd(c00, ai, v128.load(b)); c01 = madd(c01, ai, v128.load(b, 16));
    c02 = madd(c02, ai, v128.load(b, 32));
    store<usize>(barrier, a);
    ai = v128.load64_splat(a, 8);
    c10 = madd(c10, ai, v128.load(b)); c11 = madd(c11, ai, v128.load(b, 16));
    c12 = madd(c12, ai, v128.load(b, 32));
    store<usize>(barrier, a);
    ai = v128.load64_splat(a, 16);
    c20 = madd(c20, ai, v128.load(b)); c21 = madd(c21, ai, v128.load(b, 16));
    c22 = madd(c22, ai, v128.load(b, 32));
    store<usize>(barrier, a);
    ai = v128.load64_splat(a, 24);
    c30 = madd(c30, ai, v128.load(b)); c31 = madd(c31, ai, v128.load(b, 16));
    c32 = madd(c32, ai, v128.load(b, 32));
    a += 32;
    b += 48;
  }
  const t = tileBuffer;
  v128.store(t, c00); v128.store(t, c01, 16); v128.store(t, c02, 32);
  v128.store(t, c10, 48); v128.store(t, c11, 64); v128.store(t, c12, 80);
  v128.store(t, c20, 96); v128.store(t, c21, 112); v128.store(t, c22, 128);
  v128.store(t, c30, 144); v128.store(t, c31, 160); v128.store(t, c32, 176);
}
export function tmpPeak(n: i32, p: usize): f64 {
  let c0 = f64x2.splat(0), c1 = f64x2.splat(0), c2 = f64x2.splat(0), c3 = f64x2.splat(0);
  let c4 = f64x2.splat(0), c5 = f64x2.splat(0), c6 = f64x2.splat(0), c7 = f64x2.splat(0);
  const x0 = v128.load(p), x1 = v128.load(p, 16), x2 = v128.load(p, 32);
  const x3 = v128.load(p, 48);
  for (let i = 0; i < n; i++) {
    c0 = madd(c0, x0, x1); c1 = madd(c1, x1, x2); c2 = madd(c2, x2, x3); c3 = madd(c3, x3, x0);
    c4 = madd(c4, x0, x2); c5 = madd(c5, x1, x3); c6 = madd(c6, x2, x0); c7 = madd(c7, x3, x1);
  }
  const s = f64x2.add(f64x2.add(f64x2.add(c0, c1), f64x2.add(c2, c3)),
    f64x2.add(f64x2.add(c4, c5), f64x2.add(c6, c7)));
  return f64x2.extract_lane(s, 0);
}

function kernel5x4(kc: i32, a: usize, b: usize): void {
  let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c10 = f64x2.splat(0), c11 = f64x2.splat(0);
  let c20 = f64x2.splat(0), c21 = f64x2.splat(0), c30 = f64x2.splat(0), c31 = f64x2.splat(0);
  let c40 = f64x2.splat(0), c41 = f64x2.splat(0);
  const end = b + ((<usize>kc * 4) << 3);
  while (b < end) {
    const b0 = v128.load(b), b1 = v128.load(b, 16);
    let ai = v128.load(a);
    c00 = madd(c00, ai, b0); c01 = madd(c01, ai, b1);
    ai = v128.load(a, 16);
    c10 = madd(c10, ai, b0); c11 = madd(c11, ai, b1);
    ai = v128.load(a, 32);
    c20 = madd(c20, ai, b0); c21 = madd(c21, ai, b1);
    ai = v128.load(a, 48);
    c30 = madd(c30, ai, b0); c31 = madd(c31, ai, b1);
    ai = v128.load(a, 64);
    c40 = madd(c40, ai, b0); c41 = madd(c41, ai, b1);
    a += 80;
    b += 32;
  }
  const t = tileBuffer;
  v128.store(t, c00); v128.store(t, c01, 16);
  v128.store(t, c10, 32); v128.store(t, c11, 48);
  v128.store(t, c20, 64); v128.store(t, c21, 80);
  v128.store(t, c30, 96); v128.store(t, c31, 112);
  v128.store(t, c40, 128); v128.store(t, c41, 144);
}
