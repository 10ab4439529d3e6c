// SVD and minimum-norm solve: deeplin (svd in Wasm, default method) against ml-matrix's
// SingularValueDecomposition (Golub–Kahan in plain JS) on the same seeded matrices, same process.
// Run: node bench/run.mjs svd, or standalone: node bench/svd.bench.mjs [--quick] [--cpu]
// (after npm run build). Prints one table: median and min milliseconds per call, and ratios.
// With --cpu (standalone only) it instead alternates one deeplin and one ml-matrix thin SVD
// call at a time and takes both CPU time (process.cpuUsage) and wall time of each call. With
// --steady it times the two smallest shapes in blocks of 60 calls a side, wall clock.
import { Bench } from 'tinybench';
import { Matrix as MlMatrix, SingularValueDecomposition } from 'ml-matrix';
import { init, Matrix, svd, minNormSolution } from '../dist/index.js';
import { machineLine } from './machine.mjs';
import { saveResults } from './lib/results.mjs';

const quick = process.argv.includes('--quick');
const shapes = quick
  ? [[64, 128], [128, 256]]
  : [[64, 128], [128, 256], [256, 512], [512, 1024], [256, 256], [512, 512]];
// ml-matrix takes seconds on the large shapes; a few calls are enough to see the ratio.
const iterations = (m, n) => (m * n >= 512 * 512 ? 3 : 10);

function toMl(a) {
  return new MlMatrix(a.toArray());
}

export async function run() {
  await init();
  const rows = [];
  for (const [m, n] of shapes) {
    const a = Matrix.randn(m, n, { seed: m + n });
    const b = Matrix.randn(m, 1, { seed: 7 }).data;
    const ml = toMl(a);
    const bench = new Bench({ iterations: iterations(m, n), time: 0, warmupIterations: 1 });
    bench
      .add('deeplin svd thin', () => svd(a))
      .add('deeplin svd values', () => svd(a, { vectors: 'none' }))
      .add('deeplin minNormSolution', () => minNormSolution(a, b))
      .add('ml-matrix svd thin', () => new SingularValueDecomposition(ml, { autoTranspose: true }));
    await bench.run();
    const t = Object.fromEntries(bench.tasks.map((k) => [k.name, k.result.latency]));
    const dl = t['deeplin svd thin'];
    const mlt = t['ml-matrix svd thin'];
    rows.push({
      shape: `${m}×${n}`,
      'deeplin thin p50': dl.p50.toFixed(1),
      'deeplin thin min': dl.min.toFixed(1),
      'deeplin values p50': t['deeplin svd values'].p50.toFixed(1),
      'deeplin minnorm p50': t['deeplin minNormSolution'].p50.toFixed(1),
      'ml-matrix p50': mlt.p50.toFixed(1),
      'ml-matrix / deeplin': (mlt.p50 / dl.p50).toFixed(1),
    });
    console.error(`done ${m}×${n}`);
  }
  console.log(machineLine());
  console.table(rows);
  return rows;
}

/** CPU and wall milliseconds of one call of f. */
function timed(f) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1000, wall };
}

/** deeplin against ml-matrix, thin SVD, alternating calls, median CPU milliseconds. */
export async function runCpu() {
  await init();
  const rows = [];
  const warm = Matrix.randn(64, 128, { seed: 1 });
  for (let w = 0; w < 20; w++) svd(warm); // V8 tier-up before any timing
  for (const [m, n] of shapes) {
    const a = Matrix.randn(m, n, { seed: m + n });
    const ml = toMl(a);
    const t = { d: [], ml: [] };
    for (let r = 0; r < iterations(m, n); r++) {
      t.d.push(timed(() => svd(a)));
      t.ml.push(timed(() => new SingularValueDecomposition(ml, { autoTranspose: true })));
    }
    const med = (xs, k) => xs.map((x) => x[k]).sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    rows.push({
      shape: `${m}×${n}`,
      'deeplin CPU ms': med(t.d, 'cpu').toFixed(1),
      'ml-matrix CPU ms': med(t.ml, 'cpu').toFixed(1),
      'ratio (CPU)': (med(t.ml, 'cpu') / med(t.d, 'cpu')).toFixed(1),
      'deeplin wall ms': med(t.d, 'wall').toFixed(1),
      'ml-matrix wall ms': med(t.ml, 'wall').toFixed(1),
      'ratio (wall)': (med(t.ml, 'wall') / med(t.d, 'wall')).toFixed(1),
    });
    console.error(`done ${m}×${n}`);
  }
  console.log(machineLine());
  // Process CPU time also counts V8's GC threads, which collect ml-matrix's garbage while the
  // next deeplin call runs, so on a quiet machine the wall-clock ratio is the fairer one.
  console.log('medians of alternating thin-SVD calls (10, or 3 from 512² up); ratio = ' +
    'ml-matrix / deeplin');
  console.table(rows);
  return rows;
}

/**
 * The two smallest shapes in steady state: three rounds of 60 deeplin calls, then 60 ml-matrix
 * calls, wall-clock medians (each side's garbage is its own; ml-matrix's JIT has warmed up).
 */
export async function runSteady() {
  await init();
  const med = (xs) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
  const wall = (f) => { const t0 = performance.now(); f(); return performance.now() - t0; };
  const rows = [];
  for (const [m, n] of [[64, 128], [128, 256]]) {
    const a = Matrix.randn(m, n, { seed: m + n });
    const ml = toMl(a);
    for (let w = 0; w < 20; w++) {
      svd(a);
      new SingularValueDecomposition(ml, { autoTranspose: true });
    }
    for (let round = 0; round < 3; round++) {
      const d = Array.from({ length: 60 }, () => wall(() => svd(a)));
      const l = Array.from({ length: 60 }, () =>
        wall(() => new SingularValueDecomposition(ml, { autoTranspose: true })));
      rows.push({
        shape: `${m}×${n}`, round, 'deeplin ms': med(d).toFixed(2),
        'ml-matrix ms': med(l).toFixed(2), 'ml-matrix / deeplin': (med(l) / med(d)).toFixed(1),
      });
    }
  }
  console.log(machineLine());
  console.table(rows);
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--steady')) await runSteady();
  else if (process.argv.includes('--cpu')) await runCpu();
  else console.log(`wrote ${saveResults('svd', await run(), { quick })}`);
}
