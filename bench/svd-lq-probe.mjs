// Probe: does Drmač & Veselić's second preconditioning (SIAM J. Matrix Anal. Appl. 29, 2008,
// part I §5 and part II; LAPACK dgejsv's "L2TRAN" path) save Jacobi sweeps in svd? After
// A·P = Q·R (what svd already does), factor Rᵀ = Q₂·R₂ (an LQ of R, optionally pivoted) and run
// Jacobi on the rows of R₂ instead of R: R₂·R₂ᵀ is one step of the unshifted QR iteration
// further along than R·Rᵀ, so it is closer to diagonal when the spectrum is graded. It prints,
// for seeded Gaussian matrices (flat spectra, the bench shapes) and a graded one, the sweeps
// and CPU milliseconds of Jacobi on R and on R₂ (values only, svd's tolerance).
// Run after npm run build: node bench/svd-lq-probe.mjs
import { init, Matrix } from '../dist/index.js';
import { wasm } from '../dist/core/wasm.js';
import { f64View, withScratch } from '../dist/core/memory.js';
import { machineLine } from './machine.mjs';

function cpuMs(f) {
  const c0 = process.cpuUsage();
  const out = f();
  const c = process.cpuUsage(c0);
  return [(c.user + c.system) / 1000, out];
}

/** A Gaussian m×n matrix, columns scaled by 10^(−8·j/n) when graded. */
function input(m, n, graded) {
  const a = Matrix.randn(m, n, { seed: m * 31 + n });
  if (graded) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) a.data[i * n + j] *= 10 ** (-8 * j / n);
    }
  }
  return a;
}

function probe(m, n, graded) {
  const k = wasm();
  const a = input(m, n, graded);
  return withScratch((s) => {
    const [pc, ptau, pj, pn] = [s.alloc(m * n), s.alloc(n), s.alloc(n), s.alloc(2 * n)];
    const [px, pd, p2, pt2, pj2] = [s.alloc(n * n), s.alloc(3 * n), s.alloc(n * n), s.alloc(n),
      s.alloc(n)];
    const c = f64View(pc, m * n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) c[j * m + i] = a.data[i * n + j];
    k.dgeqp3(m, n, pc, m, ptau, pj, pn, 1);
    const tol = Math.sqrt(n) * Number.EPSILON;
    const nb = Math.max(4, Math.min(64, Math.floor((128 * 1024) / (16 * n))));
    // Rows of the upper triangle at p (column-contiguous, leading dimension ld) into X.
    const load = (p, ld) => {
      const x = f64View(px, n * n);
      const r = f64View(p, ld * n);
      x.fill(0);
      for (let i = 0; i < n; i++) for (let j = i; j < n; j++) x[i * n + j] = r[j * ld + i];
    };
    load(pc, m);
    const jacobi = () => k.djacobiRows(n, n, px, n, 0, n, n, pd, tol, 60, nb, 2 ** -32);
    const [ms, sweeps] = cpuMs(jacobi);
    const row = { shape: `${m}×${n}${graded ? ' graded' : ''}`, 'R sweeps': sweeps,
      'R ms': ms.toFixed(1) };
    for (const pivot of [0, 1]) {
      // Rᵀ column-contiguous is R row-major: column j of Rᵀ is row j of R.
      const w = f64View(p2, n * n);
      const r = f64View(pc, m * n);
      w.fill(0);
      for (let j = 0; j < n; j++) for (let i = j; i < n; i++) w[j * n + i] = r[i * m + j];
      const [qrMs] = cpuMs(() => k.dgeqp3(n, n, p2, n, pt2, pj2, pn, pivot));
      load(p2, n);
      const [jMs, sw] = cpuMs(jacobi);
      const tag = pivot ? 'R₂ pivoted' : 'R₂';
      row[`${tag} sweeps`] = sw;
      row[`${tag} ms (LQ + Jacobi)`] = `${qrMs.toFixed(1)} + ${jMs.toFixed(1)}`;
    }
    return row;
  });
}

await init();
const rows = [];
for (const [m, n] of [[128, 64], [256, 128], [512, 256], [1024, 512], [256, 256], [512, 512]]) {
  rows.push(probe(m, n, false));
}
rows.push(probe(256, 256, true));
console.log(machineLine());
console.table(rows);
