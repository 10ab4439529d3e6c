// The micro-kernel this build of dgemm uses, fixed at compile time: the mul+add tile of
// gemmTile.ts in the portable module, the fused tile of gemmTileFma.ts in the module compiled
// with --enable relaxed-simd. The branch on the constant is resolved by the compiler, so each
// module holds only its own tile.
import { MR as MR_MULADD, microKernel as mulAddKernel } from './gemmTile';
import { MR_FMA, microKernelFma } from './gemmTileFma';

/** Rows of this build's tile. */
export const MR: i32 = ASC_FEATURE_RELAXED_SIMD ? MR_FMA : MR_MULADD;
/** Columns of the tile, the same in both builds. */
export { NR } from './gemmTile';

/** A tile that cannot be stored straight into C waits here (see storeTile in gemmStore.ts). */
export const tileBuffer: usize = memory.data(MR * 4 * 8, 16);

/** The MR×NR block at t (row stride ldt) := packed A micro-panel · packed B micro-panel. */
export function microKernel(kc: i32, a: usize, b: usize, t: usize, ldt: i32): void {
  if (ASC_FEATURE_RELAXED_SIMD) microKernelFma(kc, a, b, t, ldt);
  else mulAddKernel(kc, a, b, t, ldt);
}
