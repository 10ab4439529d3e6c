// Suite 'gemm' (bench/gemm.bench.mjs in the page): C = A·B for square n×n operands, deeplin's
// matmul and the dgemm kernel alone on operands already in Wasm memory, against ml-matrix's
// mmul and the plain triple loop; and the relaxed-SIMD module's dgemm where the browser
// validates it (its ratio to the portable kernel is the column '× deeplin dgemm kernel'); and
// the machine's f64x2 ceiling (bench/ceiling/) doing the same flops, the column '× f64x2
// ceiling' giving each row's share of it. Each first product is checked on random entries
// against an f64 dot. No CPU-time clock exists in a page: wall clock only.
import { Matrix, matmul } from '../../dist/index.js';
import { f64View } from '../../dist/core/memory.js';
import { wasm } from '../../dist/core/wasm.js';
import { measureBatched } from '../lib/batch.mjs';
import { probeProduct } from '../lib/checks.mjs';
import { plainMatmul } from '../lib/plain.mjs';
import { mlMatrix, table } from './common.mjs';
import { ceilingTask } from '../ceiling/task.mjs';
import { relaxedGemmTask, relaxedKernels } from './relaxed.mjs';

/** Skip the plain loop where its call, predicted from the size before (n³), exceeds this. */
const PLAIN_LIMIT_MS = 5000;
/** ml-matrix runs where its first call stays under this (tens of seconds at n = 1024). */
const ML_LIMIT_MS = 3000;

export const name = 'gemm';
export const operations = ['gemm'];

export function plan(quick) {
  const sizes = quick ? [64, 128, 256, 512] : [64, 128, 256, 512, 1024];
  return sizes.map((n) => ({ name: `gemm:n=${n},tA=0,tB=0`, n }));
}

/** The ceiling module the page's server compiled (bench/web/server.mjs). */
async function ceilingKernels() {
  const response = await fetch('/bench/ceiling/ceiling.wasm');
  if (!response.ok) throw new Error(`bench page: no ceiling module (${response.status})`);
  const { instance } = await WebAssembly.instantiate(await response.arrayBuffer(), {});
  return instance.exports;
}

export async function run(quick, log) {
  const Ml = mlMatrix();
  const k = wasm();
  const relaxed = await relaxedKernels();
  const ceiling = await ceilingKernels();
  const out = table('gemm', 'GEMM, square A·B (Chromium)',
    ['ml-matrix mmul', 'plain JS loop', 'deeplin dgemm kernel', 'f64x2 ceiling']);
  let plainPrevious; // [n, median ms] of the plain loop at the last size it ran
  for (const { name: caseName, n } of plan(quick)) {
    const a = Matrix.randn(n, n, { seed: 1 });
    const b = Matrix.randn(n, n, { seed: 2 });
    const mlA = new Ml.Matrix(a.toArray());
    const mlB = new Ml.Matrix(b.toArray());
    const check = probeProduct(a.data, b.data, n, false, false, 1e-14);
    const pa = k.allocBytes(8 * n * n);
    const pb = k.allocBytes(8 * n * n);
    const pc = k.allocBytes(8 * n * n);
    f64View(pa, n * n).set(a.data);
    f64View(pb, n * n).set(b.data);
    const predicted = plainPrevious ? plainPrevious[1] * (n / plainPrevious[0]) ** 3 : 0;
    // Fused multiply-adds round differently: the check allows a length-n dot's rounding.
    const fused = relaxed && relaxedGemmTask(relaxed, a, b, n,
      probeProduct(a.data, b.data, n, false, false, 1e-13));
    try {
      out.rows.push(...measureBatched(caseName, [
        { impl: 'deeplin matmul', fn: () => matmul(a, b).data, check },
        { impl: 'deeplin dgemm kernel', check, fn: () => {
          k.dgemm(0, 0, n, n, n, 1, pa, n, pb, n, 0, pc, n);
          return f64View(pc, n * n);
        } },
        { impl: 'ml-matrix mmul', fn: () => mlA.mmul(mlB).to1DArray(), check,
          skip: (ms) => ms > ML_LIMIT_MS },
        { impl: 'plain JS loop', fn: () => plainMatmul(a.data, b.data, n), check,
          skip: predicted > PLAIN_LIMIT_MS ? true : undefined,
          why: `predicted ${(predicted / 1000).toFixed(0)} s a call` },
        fused || { impl: 'deeplin dgemm relaxed', fn: () => 0, skip: true,
          why: 'relaxed SIMD does not validate in this browser' },
        ceilingTask(ceiling, 2 * n ** 3),
      ], { work: 2 * n ** 3 }));
    } finally {
      fused?.free();
      k.freeBytes(pa);
      k.freeBytes(pb);
      k.freeBytes(pc);
    }
    const plain = out.rows.find((r) => r.name === caseName && r.impl === 'plain JS loop');
    if (plain && !plain.skipped) plainPrevious = [n, plain.medianMs];
    log(`done ${caseName}`);
  }
  return { tables: [out] };
}
