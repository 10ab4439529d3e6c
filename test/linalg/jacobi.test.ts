// The Jacobi kernel (assembly/jacobi.ts djacobiRows) on its own: its output rows are the input
// rotated by the accumulated orthogonal factor and pairwise orthogonal to the tolerance, and its
// fast scaled rotations give the same result whether the scale factors are folded into the
// rows rarely (svd's 2^-32, which random inputs never reach) or after almost every rotation.
import { describe, expect, it } from 'vitest';
import { f64View, withScratch } from '../../src/core/memory.js';
import { wasm } from '../../src/core/wasm.js';
import { Matrix } from '../../src/index.js';

const eps = Number.EPSILON;

interface Run { sweeps: number; x: Float64Array; v: Float64Array }

/** djacobiRows on the n×m rows of x0, with V accumulated from the identity. */
function jacobi(x0: Matrix, fold: number): Run {
  const [n, m] = x0.shape;
  return withScratch((s) => {
    const px = s.copyIn(x0.data);
    const pv = s.zeros(n * n);
    const pd = s.alloc(3 * n);
    const v = f64View(pv, n * n);
    for (let i = 0; i < n; i++) v[i * n + i] = 1;
    const tol = Math.sqrt(m) * eps;
    const sweeps = wasm().djacobiRows(n, m, px, m, pv, n, n, pd, tol, 60, 4, fold);
    return { sweeps, x: f64View(px, n * m).slice(), v: f64View(pv, n * n).slice() };
  });
}

function dot(a: Float64Array, i: number, b: Float64Array, j: number, len: number): number {
  let t = 0;
  for (let k = 0; k < len; k++) t += a[i * len + k]! * b[j * len + k]!;
  return t;
}

function check(x0: Matrix, r: Run) {
  const [n, m] = x0.shape;
  expect(r.sweeps).toBeGreaterThan(0);
  let worstRows = 0;
  let worstV = 0;
  let worstCos = 0;
  const norm0 = Math.sqrt(x0.data.reduce((t, a) => t + a * a, 0));
  for (let i = 0; i < n; i++) {
    // Row i of X is row i of V times X0.
    for (let k = 0; k < m; k++) {
      let t = 0;
      for (let l = 0; l < n; l++) t += r.v[i * n + l]! * x0.data[l * m + k]!;
      worstRows = Math.max(worstRows, Math.abs(t - r.x[i * m + k]!));
    }
    for (let j = 0; j < n; j++) {
      worstV = Math.max(worstV, Math.abs(dot(r.v, i, r.v, j, n) - (i === j ? 1 : 0)));
      if (j === i) continue;
      const c = dot(r.x, i, r.x, j, m);
      worstCos = Math.max(worstCos, Math.abs(c) /
        Math.sqrt(dot(r.x, i, r.x, i, m) * dot(r.x, j, r.x, j, m)));
    }
  }
  expect(worstRows).toBeLessThanOrEqual(10 * n * eps * norm0);
  expect(worstV).toBeLessThanOrEqual(10 * n * eps);
  expect(worstCos).toBeLessThanOrEqual(10 * Math.sqrt(m) * eps);
}

describe('djacobiRows', () => {
  for (const [n, m, seed] of [[24, 30, 1], [17, 17, 2], [40, 41, 3]]) {
    it(`${n} rows of length ${m}: rotated input, orthogonal V and rows; folding is invisible`,
      () => {
        const x0 = Matrix.randn(n, m, { seed });
        const rare = jacobi(x0, 2 ** -32);
        const often = jacobi(x0, 0.999);
        check(x0, rare);
        check(x0, often);
        const norms = (r: Run) =>
          Array.from({ length: n }, (_, i) => Math.sqrt(dot(r.x, i, r.x, i, m))).sort();
        const a = norms(rare);
        const b = norms(often);
        for (let i = 0; i < n; i++) {
          expect(Math.abs(a[i]! - b[i]!)).toBeLessThanOrEqual(10 * n * eps * a[n - 1]!);
        }
      });
  }
});
