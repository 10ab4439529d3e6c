// Suite 'svd' (bench/svd.bench.mjs in the page): the thin SVD and the singular values alone,
// deeplin (svd in Wasm, default method) against ml-matrix's SingularValueDecomposition
// (Golub–Kahan in plain JS, thin, up to 128×256 as in the qr suite). Each first result is
// checked: values descending, Σ sᵢ² = ‖A‖_F², and U·diag(s)·Vᵀ = A on probes.
import { Matrix, svd } from '../../dist/index.js';
import { measureBatched } from '../lib/batch.mjs';
import { checkSvd } from '../lib/checks.mjs';
import { mlMatrix, table } from './common.mjs';

const ML_MAX = 128 * 256;

export const name = 'svd';
export const operations = ['svd'];

export function plan(quick) {
  const shapes = quick
    ? [[64, 128], [128, 256]]
    : [[64, 128], [128, 256], [256, 512], [512, 1024], [256, 256], [512, 512]];
  return shapes.map(([m, n]) => ({ name: `svd:m=${m},n=${n},thin`, m, n }));
}

export async function run(quick, log) {
  const Ml = mlMatrix();
  const out = table('svd', 'SVD (Chromium)', ['ml-matrix']);
  // V8 tiers hot code up over the first calls; warm both of svd's paths before any timing, as
  // bench/compare-numpy/svd.mjs does (otherwise the first shape is timed mid tier-up).
  const warm = Matrix.randn(64, 128, { seed: 1 });
  for (let w = 0; w < 20; w++) {
    for (const method of ['jacobi', 'divideAndConquer']) {
      svd(warm, { method });
      svd(warm, { method, vectors: 'none' });
    }
  }
  for (const { name: caseName, m, n } of plan(quick)) {
    const a = Matrix.randn(m, n, { seed: m + n });
    const ml = new Ml.Matrix(a.toArray());
    const check = checkSvd(a.data, m, n, 1e-10);
    const thin = (f) => ({ s: f.s, u: f.U.data, v: f.V.data, length: 1, 0: f.s[0] });
    out.rows.push(...measureBatched(caseName, [
      { impl: 'deeplin svd thin', fn: () => thin(svd(a)), check },
      { impl: 'deeplin svd values', fn: () => {
        const { s } = svd(a, { vectors: 'none' });
        return { s, length: 1, 0: s[0] };
      }, check },
      { impl: 'ml-matrix', skip: m * n > ML_MAX ? true : (ms) => ms > 2500,
        why: 'above the size limit of this suite', check, fn: () => {
          const s = Float64Array.from(
            new Ml.SingularValueDecomposition(ml, { autoTranspose: true }).diagonal);
          return { s, length: 1, 0: s[0] };
        } },
    ]));
    log(`done ${caseName}`);
  }
  return { tables: [out] };
}
