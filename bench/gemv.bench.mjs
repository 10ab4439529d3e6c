// y = op(A)·x: deeplin's matvec (with and without the transpose) against ml-matrix (A times a
// column matrix, Aᵀ via transpose()) and a plain JS loop, on the same seeded inputs, in one
// process. Every first result is checked against an f64 plain loop; timed calls feed a checksum.
//
//   node bench/run.mjs gemv [--quick]        (after `npm run build`)
import { Matrix as MlMatrix } from 'ml-matrix';
import { init, Matrix, matvec } from '../dist/index.js';
import { machineLine } from './machine.mjs';
import { measureCase } from './lib/measure.mjs';
import { plainMatvec } from './lib/plain.mjs';
import { saveResults } from './lib/results.mjs';
import { maxRelDiff } from './lib/stats.mjs';
import { printTable } from './lib/table.mjs';

const quick = process.argv.includes('--quick');
const SHAPES = quick
  ? [[256, 256], [64, 1024]]
  : [[256, 256], [1024, 1024], [2048, 2048], [64, 1024], [1024, 64], [5, 20]];

await init();
console.log(machineLine());
const rows = [];
for (const [m, n] of SHAPES) {
  const a = Matrix.randn(m, n, { seed: m + n });
  const ml = new MlMatrix(a.toArray());
  const mlT = ml.transpose();
  for (const transpose of [false, true]) {
    const x = Matrix.randn(transpose ? m : n, 1, { seed: 9 }).data;
    const mlX = MlMatrix.columnVector(Array.from(x));
    const ref = plainMatvec(a.data, m, n, x, transpose);
    const check = (y) => {
      const diff = maxRelDiff(y, ref);
      return diff <= 1e-13 || `off by ${diff}`;
    };
    const tasks = [
      { impl: 'deeplin matvec', fn: () => matvec(a, x, { transpose }), check },
      { impl: 'ml-matrix', fn: () => (transpose ? mlT : ml).mmul(mlX).to1DArray(), check },
      { impl: 'plain JS', fn: () => plainMatvec(a.data, m, n, x, transpose), check },
    ];
    const name = `gemv:m=${m},n=${n},tA=${+transpose}`;
    const opts = { work: 2 * m * n, budgetMs: 400, maxIterations: 500 };
    rows.push(...await measureCase(name, tasks, opts));
  }
}
printTable('GEMV', rows, ['ml-matrix', 'plain JS']);
console.log(`\nwrote ${saveResults('gemv', rows, { quick })}`);
