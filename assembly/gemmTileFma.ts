// The gemm micro-kernel of the relaxed-SIMD build: a 6×4 block of C in twelve f64x2 registers,
// each step a relaxed multiply-add. Compiled only into kernels-relaxed.wasm (gemmKernel.ts picks
// it when ASC_FEATURE_RELAXED_SIMD is set); the portable build never sees this file's code.
//
// Why 6×4: f64x2.relaxed_madd becomes one vfmadd231pd on x64 with FMA, which accumulates in
// place, so the product temporary of the mul+add tile (gemmTile.ts) is gone: twelve
// accumulators, one row of B (two registers) and one broadcast entry of A make exactly the 15
// xmm registers V8 gives Wasm. The loop keeps the shape the portable tile needed (test at the
// top, A stored twice, k not unrolled), for the same reasons given there.
//
// relaxed_madd may round once (fused) or twice (mul, then add), at the runtime's choice, so
// this build's products can differ from the portable build's in the last bits: each entry is
// still a sum in k order, with rounding error within the same γ_k·|A||B| bound.

/** Rows of the tile (entries of A per step of k). */
export const MR_FMA: i32 = 6;

@inline function fma(acc: v128, a: v128, b: v128): v128 {
  return f64x2.relaxed_madd(a, b, acc);
}

/**
 * The MR_FMA×4 block at t (row stride ldt doubles) := (packed A micro-panel) · (packed B
 * micro-panel); the same contract as microKernel in gemmTile.ts.
 * @param kc length of the shared dimension (≥ 1)
 * @param a per step of k, MR_FMA entries of op(A), each stored twice
 * @param b per step of k, 4 entries of op(B)
 * @param t destination: a block of C, or tileBuffer with ldt = 4
 */
export function microKernelFma(kc: i32, a: usize, b: usize, t: usize, ldt: i32): void {
  let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c10 = f64x2.splat(0), c11 = f64x2.splat(0);
  let c20 = f64x2.splat(0), c21 = f64x2.splat(0), c30 = f64x2.splat(0), c31 = f64x2.splat(0);
  let c40 = f64x2.splat(0), c41 = f64x2.splat(0), c50 = f64x2.splat(0), c51 = f64x2.splat(0);
  const end = b + ((<usize>kc * 4) << 3);
  while (b < end) {
    const b0 = v128.load(b), b1 = v128.load(b, 16);
    let ai = v128.load(a);
    c00 = fma(c00, ai, b0); c01 = fma(c01, ai, b1);
    ai = v128.load(a, 16);
    c10 = fma(c10, ai, b0); c11 = fma(c11, ai, b1);
    ai = v128.load(a, 32);
    c20 = fma(c20, ai, b0); c21 = fma(c21, ai, b1);
    ai = v128.load(a, 48);
    c30 = fma(c30, ai, b0); c31 = fma(c31, ai, b1);
    ai = v128.load(a, 64);
    c40 = fma(c40, ai, b0); c41 = fma(c41, ai, b1);
    ai = v128.load(a, 80);
    c50 = fma(c50, ai, b0); c51 = fma(c51, ai, b1);
    a += (<usize>MR_FMA) << 4;
    b += 32;
  }

  const ld = <usize>ldt << 3;
  v128.store(t, c00); v128.store(t, c01, 16);
  t += ld;
  v128.store(t, c10); v128.store(t, c11, 16);
  t += ld;
  v128.store(t, c20); v128.store(t, c21, 16);
  t += ld;
  v128.store(t, c30); v128.store(t, c31, 16);
  t += ld;
  v128.store(t, c40); v128.store(t, c41, 16);
  t += ld;
  v128.store(t, c50); v128.store(t, c51, 16);
}
