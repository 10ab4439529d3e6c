// Suite 'qr' (bench/qr.bench.mjs in the page): thin QR of the tall transposes, pseudoinverse
// and minimum-norm solve on the shapes of the decompositions issue, deeplin against ml-matrix
// and plain JS (Householder QR; normal equations through Cholesky). QR is checked by Q·R = A
// and QᵀQ = I on probes, pinv by A·X·A = A, x by agreement with an independent solution.
import { Matrix, minNormSolution, pinv, qr } from '../../dist/index.js';
import { measureBatched } from '../lib/batch.mjs';
import { checkPinv, checkQr } from '../lib/checks.mjs';
import { householderQr, normalMinNorm, normalPinv } from '../lib/plain.mjs';
import { maxRelDiff } from '../lib/stats.mjs';
import { mlMatrix, table } from './common.mjs';

// The baselines' cost grows like m·n²: each runs only up to a size, as in the Node suite.
const ML_MAX = 128 * 256;
const PLAIN_MAX = 256 * 512;
const LIMIT_MS = 2500;
const WHY = 'above the size limit of this suite';

export const name = 'qr';
export const operations = ['qr', 'pinv', 'minnorm'];

export function plan(quick) {
  const shapes = quick
    ? [[64, 128], [128, 256]]
    : [[64, 128], [128, 256], [256, 512], [512, 1024], [256, 256], [512, 512]];
  return shapes.flatMap(([m, n]) => [
    { name: `qr:m=${n},n=${m},reduced`, op: 'qr', m, n },
    { name: `pinv:m=${m},n=${n}`, op: 'pinv', m, n },
    { name: `minnorm:m=${m},n=${n},k=1`, op: 'minnorm', m, n },
  ]);
}

/** QR tasks return { q, r }; the checksum reads one entry of R. */
const qrOut = (q, r) => ({ q, r, length: 1, 0: r[0] });

function tasksOf(op, m, n, Ml) {
  const slowMl = m * n > ML_MAX ? true : (ms) => ms > LIMIT_MS;
  const slowPlain = m * n > PLAIN_MAX ? true : (ms) => ms > LIMIT_MS;
  const a = Matrix.randn(m, n, { seed: m * 31 + n });
  const ml = new Ml.Matrix(a.toArray());
  if (op === 'qr') {
    const t = a.transpose();
    const mlT = new Ml.Matrix(t.toArray());
    const check = checkQr(t.data, n, m, m);
    return [
      { impl: 'deeplin qr', check, fn: () => {
        const f = qr(t);
        return qrOut(f.Q.data, f.R.data);
      } },
      { impl: 'ml-matrix', skip: slowMl, why: WHY, check, fn: () => {
        const f = new Ml.QrDecomposition(mlT);
        return qrOut(f.orthogonalMatrix.to1DArray(), f.upperTriangularMatrix.to1DArray());
      } },
      { impl: 'plain JS', skip: slowPlain, why: WHY, check, fn: () => {
        const f = householderQr(t.data, n, m);
        return qrOut(f.q, f.r);
      } },
    ];
  }
  if (op === 'pinv') {
    const check = checkPinv(a.data, m, n, 1e-8);
    return [
      { impl: 'deeplin pinv', fn: () => pinv(a).data, check },
      { impl: 'ml-matrix', skip: slowMl, why: WHY, fn: () => Ml.pseudoInverse(ml).to1DArray(),
        check },
      { impl: 'plain JS', skip: slowPlain, why: WHY, fn: () => normalPinv(a.data, m, n),
        check: checkPinv(a.data, m, n, 1e-6) },
    ];
  }
  const b = Matrix.randn(m, 1, { seed: 5 }).data;
  const ref = normalMinNorm(a.data, m, n, b);
  const near = (tol) => (x) => {
    const diff = maxRelDiff(x, ref);
    return diff <= tol || `differs from the normal-equations solution by ${diff}`;
  };
  const mlB = Ml.Matrix.columnVector(Array.from(b));
  return [
    { impl: 'deeplin minNormSolution', fn: () => minNormSolution(a, b), check: near(1e-7) },
    { impl: 'ml-matrix', skip: slowMl, why: WHY,
      fn: () => Ml.pseudoInverse(ml).mmul(mlB).to1DArray(), check: near(1e-7) },
    { impl: 'plain JS', skip: slowPlain, why: WHY, fn: () => normalMinNorm(a.data, m, n, b),
      check: near(1e-12) },
  ];
}

export async function run(quick, log) {
  const Ml = mlMatrix();
  const tables = {
    qr: table('qr', 'QR (thin, of the tall transposes; Chromium)', ['ml-matrix', 'plain JS']),
    pinv: table('pinv', 'Pseudoinverse (Chromium)', ['ml-matrix', 'plain JS']),
    minnorm: table('minnorm', 'Minimum-norm solve (one right-hand side; ml-matrix: ' +
      'pseudoInverse·b; Chromium)', ['ml-matrix', 'plain JS']),
  };
  for (const { name: caseName, op, m, n } of plan(quick)) {
    tables[op].rows.push(...measureBatched(caseName, tasksOf(op, m, n, Ml)));
    log(`done ${caseName}`);
  }
  return { tables: Object.values(tables) };
}
