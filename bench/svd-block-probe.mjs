// Probe: would block one-sided Jacobi (after Hari; Bečka, Okša & Vajteršic) speed up the Jacobi
// phase of svd? It runs, on the R factor of QR with column pivoting of a seeded Gaussian n×n
// matrix (what svd hands to Jacobi), both
//   scalar — assembly/jacobi.ts djacobiRows, as svd runs it (no vectors);
//   block  — rows in blocks of b; per block pair the 2b×2b Gram matrix by dgemm, diagonalized
//            by cyclic two-sided Jacobi (here in plain JS, its time left out: the level-3 part
//            alone is the block method's best case), the 2b×2b factor applied by dgemm; block
//            sweeps until every pair's Gram off-diagonal is ≤ 1e-12 relative, then djacobiRows
//            finishes to svd's tolerance.
// It prints sweeps and CPU milliseconds (process.cpuUsage: the machine may be loaded).
// Run after npm run build: node bench/svd-block-probe.mjs
import { init, Matrix } from '../dist/index.js';
import { wasm } from '../dist/core/wasm.js';
import { f64View, withScratch } from '../dist/core/memory.js';
import { machineLine } from './machine.mjs';

const BLOCK_TOL = 1e-12;

function cpuMs(f) {
  const c0 = process.cpuUsage();
  const out = f();
  const c = process.cpuUsage(c0);
  return [(c.user + c.system) / 1000, out];
}

/** Cyclic two-sided Jacobi on the symmetric N×N G; rotations accumulate into the rows of zt. */
function diagonalize(g, zt, N) {
  for (let sweep = 0; sweep < 30; sweep++) {
    let rotated = 0;
    for (let p = 0; p < N; p++) {
      for (let q = p + 1; q < N; q++) {
        const a = g[p * N + p];
        const b = g[q * N + q];
        const c = g[p * N + q];
        if (Math.abs(c) <= 1e-15 * Math.sqrt(a * b)) continue;
        const zeta = (b - a) / (2 * c);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.hypot(1, zeta));
        const cs = 1 / Math.hypot(1, t);
        const sn = cs * t;
        const rot = (i, j) => {
          const x = g[i];
          g[i] = cs * x - sn * g[j];
          g[j] = sn * x + cs * g[j];
        };
        for (let i = 0; i < N; i++) rot(p * N + i, q * N + i);
        for (let i = 0; i < N; i++) rot(i * N + p, i * N + q);
        for (let i = 0; i < N; i++) {
          const x = zt[p * N + i];
          zt[p * N + i] = cs * x - sn * zt[q * N + i];
          zt[q * N + i] = sn * x + cs * zt[q * N + i];
        }
        rotated++;
      }
    }
    if (rotated === 0) return;
  }
}

function probe(n, b) {
  const k = wasm();
  const a = Matrix.randn(n, n, { seed: n });
  return withScratch((s) => {
    const [pc, ptau, pj, pn] = [s.alloc(n * n), s.alloc(n), s.alloc(n), s.alloc(2 * n)];
    const [px, pd, pw] = [s.alloc(n * n), s.alloc(3 * n), s.alloc(2 * b * n)];
    const [pg, pz] = [s.alloc(4 * b * b), s.alloc(4 * b * b)];
    const c = f64View(pc, n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) c[j * n + i] = a.data[i * n + j];
    k.dgeqp3(n, n, pc, n, ptau, pj, pn, 1);
    const loadR = () => {
      const x = f64View(px, n * n);
      const r = f64View(pc, n * n);
      x.fill(0);
      for (let i = 0; i < n; i++) for (let j = i; j < n; j++) x[i * n + j] = r[j * n + i];
    };
    const tol = Math.sqrt(n) * Number.EPSILON;
    const nb = Math.max(4, Math.min(64, Math.floor((128 * 1024) / (16 * n))));

    loadR();
    const [scalarMs, scalarSweeps] = cpuMs(() => k.djacobiRows(n, n, px, n, 0, n, n, pd, tol,
      60, nb, 2 ** -32));

    loadR();
    const N = 2 * b;
    let level3Ms = 0;
    let blockSweeps = 0;
    for (let active = 1; active > 0 && blockSweeps < 60; blockSweeps++) {
      active = 0;
      for (let i0 = 0; i0 < n; i0 += b) {
        for (let j0 = i0 + b; j0 < n; j0 += b) {
          const [tGram] = cpuMs(() => {
            const x = f64View(px, n * n);
            const w = f64View(pw, N * n);
            w.set(x.subarray(i0 * n, (i0 + b) * n), 0);
            w.set(x.subarray(j0 * n, (j0 + b) * n), b * n);
            k.dgemm(0, 1, N, N, n, 1, pw, n, pw, n, 0, pg, N);
          });
          level3Ms += tGram;
          const g = Float64Array.from(f64View(pg, N * N));
          let off = 0;
          for (let p = 0; p < N; p++) {
            for (let q = p + 1; q < N; q++) {
              off = Math.max(off, Math.abs(g[p * N + q]) / Math.sqrt(g[p * N + p] * g[q * N + q]));
            }
          }
          if (off <= BLOCK_TOL) continue;
          active++;
          const zt = new Float64Array(N * N);
          for (let i = 0; i < N; i++) zt[i * N + i] = 1;
          diagonalize(g, zt, N);
          f64View(pz, N * N).set(zt);
          const [tApply] = cpuMs(() => {
            k.dgemm(0, 0, b, n, N, 1, pz, N, pw, n, 0, px + 8 * i0 * n, n);
            k.dgemm(0, 0, b, n, N, 1, pz + 8 * b * N, N, pw, n, 0, px + 8 * j0 * n, n);
          });
          level3Ms += tApply;
        }
      }
    }
    const [finishMs, finishSweeps] = cpuMs(() => k.djacobiRows(n, n, px, n, 0, n, n, pd, tol,
      60, nb, 2 ** -32));
    return {
      n, b,
      'scalar sweeps': scalarSweeps,
      'scalar ms': scalarMs.toFixed(0),
      'block sweeps': blockSweeps,
      'block level-3 ms': level3Ms.toFixed(0),
      'scalar finish sweeps': finishSweeps,
      'scalar finish ms': finishMs.toFixed(0),
    };
  });
}

await init();
const rows = [];
for (const [n, b] of [[256, 16], [256, 32], [512, 32]]) rows.push(probe(n, b));
console.log(machineLine());
console.log('CPU ms; block level-3 ms = Gram and apply dgemm calls with their copies only');
console.table(rows);
