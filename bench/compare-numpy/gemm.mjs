// GEMM against numpy (one OpenBLAS thread) on the same matrices, the two alternating batch by
// batch so that both see the same machine load: deeplin's public matmul (copies in and out of
// Wasm memory, validation) and its dgemm kernel on resident operands, against numpy.matmul
// into a preallocated C. numpy's product is checked against deeplin's first.
//
//   node bench/compare-numpy/gemm.mjs [--rounds=7] [--quick]      (after `npm run build`)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { init, Matrix, matmul } from '../../dist/index.js';
import { wasm } from '../../dist/core/wasm.js';
import { f64View } from '../../dist/core/memory.js';
import { machineLine } from '../machine.mjs';
import { saveResults } from '../lib/results.mjs';
import { mad, median, maxRelDiff } from '../lib/stats.mjs';
import { printTable } from '../lib/table.mjs';
import { startNumpy } from './numpy-server.mjs';

const args = process.argv.slice(2);
const rounds = Number(args.find((a) => a.startsWith('--rounds='))?.split('=')[1] ?? 7);
const SIZES = args.includes('--quick') ? [64, 256] : [64, 128, 256, 512, 1024];
/** Products per timed batch: about 2·10⁸ flops, so the smallest sizes beat the timer. */
const repsOf = (n) => Math.max(1, Math.round(1e8 / n ** 3));

export async function run() {
  await init();
  const k = wasm();
  const folder = mkdtempSync(join(tmpdir(), 'deeplin-gemm-'));
  const mats = SIZES.map((n) => {
    const a = Matrix.randn(n, n, { seed: 1 });
    const b = Matrix.randn(n, n, { seed: 2 });
    writeFileSync(join(folder, `${n}.a.f64`), a.data);
    writeFileSync(join(folder, `${n}.b.f64`), b.data);
    return { n, a, b };
  });
  writeFileSync(join(folder, 'index.json'), JSON.stringify(SIZES));
  const numpy = await startNumpy('gemm.py', [folder]);
  const rows = [];
  try {
    for (const { n, a, b } of mats) {
      const reps = repsOf(n);
      const pa = k.allocBytes(8 * n * n);
      const pb = k.allocBytes(8 * n * n);
      const pc = k.allocBytes(8 * n * n);
      f64View(pa, n * n).set(a.data);
      f64View(pb, n * n).set(b.data);
      const ours = matmul(a, b).data;
      const theirs = Float64Array.from(JSON.parse(await numpy.ask(`CHECK ${n}`)));
      const diff = maxRelDiff(theirs, ours);
      if (!(diff <= 1e-13)) throw new Error(`gemm vs numpy: products differ by ${diff} at n=${n}`);
      const impls = {
        'deeplin matmul': () => matmul(a, b).data[0],
        'deeplin dgemm kernel': () => {
          k.dgemm(0, 0, n, n, n, 1, pa, n, pb, n, 0, pc, n);
          return f64View(pc, 1)[0];
        },
      };
      const t = { 'numpy (1 thread)': [], 'deeplin matmul': [], 'deeplin dgemm kernel': [] };
      const first = {};
      for (const [name, fn] of Object.entries(impls)) {
        const t0 = performance.now();
        fn();
        first[name] = performance.now() - t0;
      }
      first['numpy (1 thread)'] = 1000 * Number(await numpy.ask(`${n} 1`));
      let sink = 0;
      for (let r = 0; r < rounds; r++) {
        for (const [name, fn] of Object.entries(impls)) {
          const t0 = performance.now();
          for (let i = 0; i < reps; i++) sink += fn();
          t[name].push((performance.now() - t0) / reps);
        }
        t['numpy (1 thread)'].push((1000 * Number(await numpy.ask(`${n} ${reps}`))) / reps);
      }
      if (!Number.isFinite(sink)) throw new Error('gemm vs numpy: checksum is not finite');
      for (const [impl, ms] of Object.entries(t)) {
        const med = median(ms);
        rows.push({ name: `gemm:n=${n},tA=0,tB=0,batch=${reps}`, impl, precision: 'f64',
          firstMs: first[impl], medianMs: med, madMs: mad(ms), samples: rounds,
          rate: (2 * n ** 3) / med / 1e6, unit: 'GF/s' });
      }
      k.freeBytes(pa);
      k.freeBytes(pb);
      k.freeBytes(pc);
      console.error(`done n=${n}`);
    }
  } finally {
    numpy.close();
    rmSync(folder, { recursive: true, force: true });
  }
  return { rows, header: numpy.header };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(machineLine());
  const { rows, header } = await run();
  console.log(`numpy ${header.numpy}; BLAS: ${JSON.stringify(header.blas)}`);
  printTable(`GEMM against numpy, ${rounds} alternating rounds (first = one call, cold)`, rows,
    ['numpy (1 thread)']);
  console.log(`\nwrote ${saveResults('numpy-gemm', rows, { numpy: header })}`);
}
