// QR, pseudoinverse and minimum-norm solve on the shapes of the decompositions issue (wide
// 64×128 … 512×1024 and square 256², 512²): deeplin against ml-matrix and plain JS (Householder
// QR; normal equations through Cholesky), same seeded inputs, one process. QR runs on the tall
// transposes (ml-matrix's QR needs m ≥ n). Every first result is checked: QR by Q·R = A and
// QᵀQ = I on random probes, pinv by A·X·A = A on probes, x by its residual and by agreement with
// an independent solution.
//
//   node bench/run.mjs qr [--quick]        (after `npm run build`)
import {
  Matrix as MlMatrix, QrDecomposition, pseudoInverse,
} from 'ml-matrix';
import { init, Matrix, qr, pinv, minNormSolution } from '../dist/index.js';
import { machineLine } from './machine.mjs';
import { checkPinv, checkQr } from './lib/checks.mjs';
import { measureCase } from './lib/measure.mjs';
import { householderQr, normalMinNorm, normalPinv } from './lib/plain.mjs';
import { saveResults } from './lib/results.mjs';
import { maxRelDiff } from './lib/stats.mjs';
import { printTable } from './lib/table.mjs';

const quick = process.argv.includes('--quick');
const SHAPES = quick
  ? [[64, 128], [128, 256]]
  : [[64, 128], [128, 256], [256, 512], [512, 1024], [256, 256], [512, 512]];
// The baselines' cost grows like m·n² and ml-matrix's SVD takes tens of seconds at 512×1024 on
// a loaded 2-core machine: each runs only up to a size, and the table says where it stopped.
const ML_MAX = 128 * 256;
const PLAIN_MAX = 256 * 512;
const LIMIT_MS = 2500;

await init();
console.log(machineLine());
const rows = { qr: [], pinv: [], minnorm: [] };
for (const [m, n] of SHAPES) {
  const slowMl = m * n > ML_MAX ? true : (ms) => ms > LIMIT_MS;
  const slowPlain = m * n > PLAIN_MAX ? true : (ms) => ms > LIMIT_MS;
  const why = 'above the size limit of this suite';
  const a = Matrix.randn(m, n, { seed: m * 31 + n });
  const b = Matrix.randn(m, 1, { seed: 5 }).data;
  const ml = new MlMatrix(a.toArray());

  // QR of the tall n×m transpose.
  const t = a.transpose();
  const mlT = new MlMatrix(t.toArray());
  const checkT = checkQr(t.data, n, m, m);
  rows.qr.push(...await measureCase(`qr:m=${n},n=${m},reduced`, [
    { impl: 'deeplin qr', fn: () => { const f = qr(t); return { q: f.Q.data, r: f.R.data }; },
      check: checkT },
    { impl: 'ml-matrix', skip: slowMl, why, check: checkT, fn: () => {
      const f = new QrDecomposition(mlT);
      return { q: f.orthogonalMatrix.to1DArray(), r: f.upperTriangularMatrix.to1DArray() };
    } },
    { impl: 'plain JS', skip: slowPlain, why, check: checkT,
      fn: () => householderQr(t.data, n, m) },
  ].map((task) => ({ ...task, fn: wrapQr(task.fn) }))));

  const checkX = checkPinv(a.data, m, n, 1e-8);
  rows.pinv.push(...await measureCase(`pinv:m=${m},n=${n}`, [
    { impl: 'deeplin pinv', fn: () => pinv(a).data, check: checkX },
    { impl: 'ml-matrix', skip: slowMl, why, fn: () => pseudoInverse(ml).to1DArray(),
      check: checkX },
    { impl: 'plain JS', skip: slowPlain, why, fn: () => normalPinv(a.data, m, n),
      check: checkPinv(a.data, m, n, 1e-6) },
  ]));

  const ref = normalMinNorm(a.data, m, n, b);
  const checkSolve = (tol) => (x) => {
    const diff = maxRelDiff(x, ref);
    return diff <= tol || `differs from the normal-equations solution by ${diff}`;
  };
  const mlB = MlMatrix.columnVector(Array.from(b));
  rows.minnorm.push(...await measureCase(`minnorm:m=${m},n=${n},k=1`, [
    { impl: 'deeplin minNormSolution', fn: () => minNormSolution(a, b), check: checkSolve(1e-7) },
    { impl: 'ml-matrix', skip: slowMl, why, fn: () => pseudoInverse(ml).mmul(mlB).to1DArray(),
      check: checkSolve(1e-7) },
    { impl: 'plain JS', skip: slowPlain, why, fn: () => normalMinNorm(a.data, m, n, b),
      check: checkSolve(1e-12) },
  ]));
  console.error(`done ${m}×${n}`);
}

/** QR tasks return { q, r }; the checksum reads one entry of R. */
function wrapQr(fn) {
  return () => {
    const out = fn();
    out.length = 1;
    out[0] = out.r[0];
    return out;
  };
}

printTable('QR (thin, of the tall transposes)', rows.qr, ['ml-matrix', 'plain JS']);
printTable('Pseudoinverse', rows.pinv, ['ml-matrix', 'plain JS']);
printTable('Minimum-norm solve (one right-hand side; ml-matrix: pseudoInverse·b)', rows.minnorm,
  ['ml-matrix', 'plain JS']);
const all = [...rows.qr, ...rows.pinv, ...rows.minnorm];
console.log(`\nwrote ${saveResults('qr', all, { quick })}`);
