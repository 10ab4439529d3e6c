// C = op(A)·op(B) for square n×n operands in all four transpose variants: deeplin's matmul
// (f64) against TensorFlow.js on its Wasm backend (f32, XNNPACK, one thread in Node), and at
// the untransposed variant ml-matrix's mmul, all in this one process. Each first result is
// checked entry by entry on random probes against a plain dot product in f64 (f32 gets a
// looser bound), and every timed call feeds a checksum.
//
//   node bench/run.mjs gemm-tfjs [--quick]        (after `npm run build`)
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { Matrix as MlMatrix } from 'ml-matrix';
import { init, Matrix, matmul } from '../dist/index.js';
import { machineLine } from './machine.mjs';
import { probeProduct as probeCheck } from './lib/checks.mjs';
import { measureCase } from './lib/measure.mjs';
import { saveResults } from './lib/results.mjs';
import { printTable } from './lib/table.mjs';

const quick = process.argv.includes('--quick');
const SIZES = quick ? [64, 256] : [64, 128, 256, 512, 1024];
const VARIANTS = [[false, false], [false, true], [true, false], [true, true]];
/** ml-matrix is timed only where one call stays under this (it takes seconds at n = 1024). */
const ML_LIMIT_MS = 1500;

await tf.setBackend('wasm');
await tf.ready();
await init();
console.log(machineLine());
console.log(`tfjs ${tf.version_core}, backend ${tf.getBackend()}, SIMD ` +
  `${tf.env().getBool('WASM_HAS_SIMD_SUPPORT')}, threads ` +
  `${tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT')}`);

const rows = [];
for (const n of SIZES) {
  const a = Matrix.randn(n, n, { seed: 1 });
  const b = Matrix.randn(n, n, { seed: 2 });
  const ta = tf.tensor2d(Float32Array.from(a.data), [n, n]);
  const tb = tf.tensor2d(Float32Array.from(b.data), [n, n]);
  const mlA = new MlMatrix(a.toArray());
  const mlB = new MlMatrix(b.toArray());
  for (const [tA, tB] of VARIANTS) {
    const tasks = [
      {
        impl: 'deeplin matmul', fn: () => matmul(a, b, { transposeA: tA, transposeB: tB }).data,
        check: probeCheck(a.data, b.data, n, tA, tB, 1e-14),
      },
      {
        // tfjs transposes an operand explicitly: 5–20 s a call at n = 1024 on a busy machine.
        impl: 'tfjs-wasm', precision: 'f32', skip: (ms) => ms > 3000,
        fn: () => {
          const c = tf.matMul(ta, tb, tA, tB);
          const out = c.dataSync();
          c.dispose();
          return out;
        },
        check: probeCheck(a.data, b.data, n, tA, tB, 1e-5),
      },
    ];
    if (!tA && !tB) {
      tasks.push({
        impl: 'ml-matrix', fn: () => mlA.mmul(mlB).to1DArray(),
        check: probeCheck(a.data, b.data, n, false, false, 1e-14),
        skip: (ms) => ms > ML_LIMIT_MS,
      });
    }
    const name = `gemm:n=${n},tA=${+tA},tB=${+tB}`;
    rows.push(...await measureCase(name, tasks, { work: 2 * n ** 3 }));
  }
  ta.dispose();
  tb.dispose();
}
if (tf.memory().numTensors !== 0) throw new Error('gemm-tfjs: tfjs tensors leaked');

printTable('GEMM, transposes, against tfjs-backend-wasm (f32)', rows, ['tfjs-wasm', 'ml-matrix']);
console.log(`\nwrote ${saveResults('gemm-tfjs', rows, { quick })}`);
