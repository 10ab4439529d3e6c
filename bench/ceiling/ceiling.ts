// The f64x2 arithmetic ceiling of this machine as V8 runs Wasm: ten independent accumulators,
// each step one multiply and one add per accumulator on operands already in registers, so no
// load, store or dependency limits the loop; only the floating-point pipes and the clock do.
// Each step is 40 flops. The gemm benchmark times it beside dgemm, in the same run, so a
// dgemm figure can be read as a fraction of what this core gives at that moment.
//
// Ten accumulators: Zen 3's f64 add has 3 cycles of latency and two add pipes, so at least six
// chains are needed to keep both pipes busy; ten leave room for V8's register allocation (15
// xmm registers) and match the dgemm tile's ten accumulators.

@inline function madd(acc: v128, a: v128, b: v128): v128 {
  return f64x2.add(acc, f64x2.mul(a, b));
}

/** Scratch for the result, so the loop cannot be optimized away. */
const out: usize = memory.data(16, 16);

/** Runs `steps` steps (40 flops each) and returns the address of the folded accumulators. */
export function mulAddCeiling(steps: i32, x: f64, y: f64): usize {
  const vx = f64x2.splat(x), vy = f64x2.splat(y);
  let c0 = f64x2.splat(0), c1 = f64x2.splat(0), c2 = f64x2.splat(0), c3 = f64x2.splat(0);
  let c4 = f64x2.splat(0), c5 = f64x2.splat(0), c6 = f64x2.splat(0), c7 = f64x2.splat(0);
  let c8 = f64x2.splat(0), c9 = f64x2.splat(0);
  for (let i = 0; i < steps; i++) {
    c0 = madd(c0, vx, vy); c1 = madd(c1, vx, vy); c2 = madd(c2, vx, vy);
    c3 = madd(c3, vx, vy); c4 = madd(c4, vx, vy); c5 = madd(c5, vx, vy);
    c6 = madd(c6, vx, vy); c7 = madd(c7, vx, vy); c8 = madd(c8, vx, vy);
    c9 = madd(c9, vx, vy);
  }
  const low = f64x2.add(f64x2.add(c0, c1), f64x2.add(c2, c3));
  const high = f64x2.add(f64x2.add(c4, c5), f64x2.add(f64x2.add(c6, c7), f64x2.add(c8, c9)));
  v128.store(out, f64x2.add(low, high));
  return out;
}
