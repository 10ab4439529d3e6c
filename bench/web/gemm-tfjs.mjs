// Suite 'gemm-tfjs' (bench/gemm-tfjs.bench.mjs in the page): C = op(A)·op(B) for square n×n
// operands in all four transpose variants, deeplin's matmul (f64) against TensorFlow.js on its
// Wasm backend (f32, one thread) and, untransposed, ml-matrix's mmul. Each first result is
// checked on random entries against an f64 dot (f32 gets a looser bound).
import { Matrix, matmul } from '../../dist/index.js';
import { measureBatched } from '../lib/batch.mjs';
import { probeProduct } from '../lib/checks.mjs';
import { mlMatrix, table, tfjsWasm } from './common.mjs';

const VARIANTS = [[false, false], [false, true], [true, false], [true, true]];
/** ml-matrix is timed only where one call stays under this (it takes seconds at n = 1024). */
const ML_LIMIT_MS = 1500;

export const name = 'gemm-tfjs';
export const operations = ['gemm'];

export function plan(quick) {
  const sizes = quick ? [64, 256] : [64, 128, 256, 512, 1024];
  return sizes.flatMap((n) => VARIANTS.map(([tA, tB]) => ({
    name: `gemm:n=${n},tA=${+tA},tB=${+tB}`, n, tA, tB,
  })));
}

export async function run(quick, log) {
  const Ml = mlMatrix();
  const tf = await tfjsWasm();
  log(`tfjs ${tf.version_core}, backend ${tf.getBackend()}, SIMD ` +
    `${tf.env().getBool('WASM_HAS_SIMD_SUPPORT')}, threads ` +
    `${tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT')}`);
  const out = table('gemm-tfjs', 'GEMM, transposes, against tfjs-backend-wasm (f32; Chromium)',
    ['tfjs-wasm', 'ml-matrix']);
  const byN = new Map();
  for (const c of plan(quick)) byN.set(c.n, [...(byN.get(c.n) ?? []), c]);
  for (const [n, cases] of byN) {
    const a = Matrix.randn(n, n, { seed: 1 });
    const b = Matrix.randn(n, n, { seed: 2 });
    const ta = tf.tensor2d(Float32Array.from(a.data), [n, n]);
    const tb = tf.tensor2d(Float32Array.from(b.data), [n, n]);
    const mlA = new Ml.Matrix(a.toArray());
    const mlB = new Ml.Matrix(b.toArray());
    for (const { name: caseName, tA, tB } of cases) {
      const tasks = [
        { impl: 'deeplin matmul',
          fn: () => matmul(a, b, { transposeA: tA, transposeB: tB }).data,
          check: probeProduct(a.data, b.data, n, tA, tB, 1e-14) },
        { impl: 'tfjs-wasm', precision: 'f32', skip: (ms) => ms > 3000,
          fn: () => {
            const c = tf.matMul(ta, tb, tA, tB);
            const data = c.dataSync();
            c.dispose();
            return data;
          },
          check: probeProduct(a.data, b.data, n, tA, tB, 1e-5) },
      ];
      if (!tA && !tB) {
        tasks.push({ impl: 'ml-matrix', fn: () => mlA.mmul(mlB).to1DArray(),
          check: probeProduct(a.data, b.data, n, false, false, 1e-14),
          skip: (ms) => ms > ML_LIMIT_MS });
      }
      out.rows.push(...measureBatched(caseName, tasks, { work: 2 * n ** 3 }));
      log(`done ${caseName}`);
    }
    ta.dispose();
    tb.dispose();
  }
  if (tf.memory().numTensors !== 0) throw new Error('gemm-tfjs: tfjs tensors leaked');
  return { tables: [out], notes: [`tfjs ${tf.version_core}, backend wasm, one thread, SIMD ` +
    `${tf.env().getBool('WASM_HAS_SIMD_SUPPORT')}`] };
}
