// The gemm micro-kernel: a 5×4 block of C held in ten f64x2 registers while k runs.
//
// Why 5×4, from V8's x64 code for Wasm on this project's machine (AMD EPYC, Zen 3):
// - V8 gives Wasm code 15 xmm registers.
// - When the loop body is the loop header block (a do-while), TurboFan schedules every load of
//   an iteration before the arithmetic, so all loads and accumulators are live together: 2×8
//   and 4×4 (6 loads + 8 accumulators) are the largest tiles that fit. With the test at the
//   top of the loop (a while), the body keeps source order and needs only the accumulators, one
//   row of B, one broadcast entry of A and a product temporary: 5×4 takes 10 + 2 + 1 + 1.
// - V8 folds the constant offset of a v128.load into the instruction but emits a separate lea
//   for that of a load64_splat, so packed A holds each entry twice (see packA in gemm.ts) and
//   the broadcast is a plain load.
// - Unrolling k lets binaryen interleave the copies, which keeps more values live and spills;
//   the loop stays rolled.
// Kernel alone on L1-resident panels (kc = 256), best of 100 runs: 4×4 17.9, 2×8 17.0,
// 3×6 16.7, 5×4 with a broadcast load 18.5, 5×4 with duplicated A 18.9 GF/s.
//
// Plain Wasm SIMD has no fused multiply-add, so each step is a mul then an add (two roundings,
// as in reference BLAS compiled without contraction). Every entry of C is a sum in k order, so
// the tile shape does not change a single bit of the result.

/** Rows of the tile (entries of A per step of k). */
export const MR: i32 = 5;
/** Columns of the tile (entries of B per step of k). */
export const NR: i32 = 4;

@inline function madd(acc: v128, a: v128, b: v128): v128 {
  return f64x2.add(acc, f64x2.mul(a, b));
}

/**
 * The MR×NR block at t (row stride ldt doubles) := (packed A micro-panel) · (packed B
 * micro-panel). The block is overwritten, never read: after the loop only stores follow, since
 * any extra vector value live there made V8 spill accumulators inside the loop (an add of C's
 * old value here ran at 70 % speed).
 * @param kc length of the shared dimension (≥ 1)
 * @param a per step of k, MR entries of op(A), each stored twice (2·MR doubles)
 * @param b per step of k, NR entries of op(B) (NR doubles)
 * @param t destination: a block of C, or tileBuffer (gemmKernel.ts) with ldt = NR
 */
export function microKernel(kc: i32, a: usize, b: usize, t: usize, ldt: i32): void {
  let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c10 = f64x2.splat(0), c11 = f64x2.splat(0);
  let c20 = f64x2.splat(0), c21 = f64x2.splat(0), c30 = f64x2.splat(0), c31 = f64x2.splat(0);
  let c40 = f64x2.splat(0), c41 = f64x2.splat(0);
  const end = b + ((<usize>kc * NR) << 3);
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
    a += (<usize>MR) << 4;
    b += (<usize>NR) << 3;
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
}
