// Suite 'gemv' (bench/gemv.bench.mjs in the page): y = op(A)·x, deeplin's matvec with and
// without the transpose against ml-matrix (A times a column matrix, Aᵀ via transpose()) and a
// plain JS loop. Every first result is checked against the plain f64 loop.
import { Matrix, matvec } from '../../dist/index.js';
import { measureBatched } from '../lib/batch.mjs';
import { plainMatvec } from '../lib/plain.mjs';
import { maxRelDiff } from '../lib/stats.mjs';
import { mlMatrix, table } from './common.mjs';

export const name = 'gemv';
export const operations = ['gemv'];

export function plan(quick) {
  const shapes = quick
    ? [[256, 256], [64, 1024]]
    : [[256, 256], [1024, 1024], [2048, 2048], [64, 1024], [1024, 64], [5, 20]];
  return shapes.flatMap(([m, n]) => [false, true].map((transpose) => ({
    name: `gemv:m=${m},n=${n},tA=${+transpose}`, m, n, transpose,
  })));
}

export async function run(quick, log) {
  const Ml = mlMatrix();
  const out = table('gemv', 'GEMV (Chromium)', ['ml-matrix', 'plain JS']);
  for (const { name: caseName, m, n, transpose } of plan(quick)) {
    const a = Matrix.randn(m, n, { seed: m + n });
    const ml = new Ml.Matrix(a.toArray());
    const mlT = ml.transpose();
    const x = Matrix.randn(transpose ? m : n, 1, { seed: 9 }).data;
    const mlX = Ml.Matrix.columnVector(Array.from(x));
    const ref = plainMatvec(a.data, m, n, x, transpose);
    const check = (y) => {
      const diff = maxRelDiff(y, ref);
      return diff <= 1e-13 || `off by ${diff}`;
    };
    out.rows.push(...measureBatched(caseName, [
      { impl: 'deeplin matvec', fn: () => matvec(a, x, { transpose }), check },
      { impl: 'ml-matrix', fn: () => (transpose ? mlT : ml).mmul(mlX).to1DArray(), check },
      { impl: 'plain JS', fn: () => plainMatvec(a.data, m, n, x, transpose), check },
    ], { work: 2 * m * n, budgetMs: 400 }));
    log(`done ${caseName}`);
  }
  return { tables: [out] };
}
