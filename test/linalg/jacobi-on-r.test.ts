// jacobiOnR (src/linalg/jacobiOnR.ts) on the triangular factors svd hands it. On a random square
// input, cond₁(R) is far above 2n and the rotations' product J solved from R fails the
// orthogonality check (so it is accumulated after all), while the J solved from R₂ of
// Rᵀ = Q₂·R₂ (the second preconditioning) passes it: that is why svd takes R₂ for such inputs.
// Either way J·R = X_final and J is orthogonal.
import { describe, expect, it } from 'vitest';
import { f64View, withScratch, type Scratch } from '../../src/core/memory.js';
import { wasm } from '../../src/core/wasm.js';
import { Matrix } from '../../src/index.js';
import { jacobiOnR } from '../../src/linalg/jacobiOnR.js';

const eps = Number.EPSILON;

/** R of A·P = Q·R (column pivoting) for the square a, column-contiguous, ld n. */
function pivotedR(s: Scratch, a: Matrix): number {
  const n = a.rows;
  const pr = s.alloc(n * n);
  const r = f64View(pr, n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) r[j * n + i] = a.data[i * n + j]!;
  wasm().dgeqp3(n, n, pr, n, s.alloc(n), s.alloc(n), s.alloc(2 * n), 1);
  return pr;
}

/** R₂ of Rᵀ = Q₂·R₂ (no pivoting), column-contiguous, ld n. */
function secondR(s: Scratch, n: number, pr: number): number {
  const pr2 = s.zeros(n * n);
  const r = f64View(pr, n * n);
  const rt = f64View(pr2, n * n);
  for (let j = 0; j < n; j++) for (let i = j; i < n; i++) rt[j * n + i] = r[i * n + j]!;
  wasm().dgeqp3(n, n, pr2, n, s.alloc(n), s.alloc(n), s.alloc(2 * n), 0);
  return pr2;
}

/** Runs jacobiOnR and checks J·R = X_final and JᵀJ = I. */
function run(s: Scratch, n: number, pr: number): boolean {
  const px = s.alloc(n * n);
  const pv = s.alloc(n * n);
  const { sweeps, solved } = jacobiOnR(s, n, pr, n, px, pv, s.alloc(3 * n), 60);
  expect(sweeps).toBeGreaterThan(0);
  const r = f64View(pr, n * n);
  const x = f64View(px, n * n);
  const j = f64View(pv, n * n);
  let rowsOff = 0, orthOff = 0, scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(r[i * n + i]!));
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < n; c++) {
      let t = 0, g = 0;
      // Row i of J times column c of R (upper triangular), and row i of J times row c of J.
      for (let l = 0; l <= c; l++) t += j[i * n + l]! * r[c * n + l]!;
      for (let l = 0; l < n; l++) g += j[i * n + l]! * j[c * n + l]!;
      rowsOff = Math.max(rowsOff, Math.abs(t - x[i * n + c]!));
      orthOff = Math.max(orthOff, Math.abs(g - (i === c ? 1 : 0)));
    }
  }
  expect(rowsOff).toBeLessThanOrEqual(10 * n * eps * scale);
  expect(orthOff).toBeLessThanOrEqual(4 * n * eps);
  return solved;
}

describe('jacobiOnR', () => {
  for (const [n, seed] of [[96, 1], [160, 2]] as const) {
    it(`random ${n}×${n}: J from R is accumulated, J from R₂ is solved`, () => {
      withScratch((s) => {
        const pr = pivotedR(s, Matrix.randn(n, n, { seed }));
        expect(wasm().dtrcond1(n, pr, n, s.alloc(n))).toBeGreaterThan(2 * n);
        expect(run(s, n, pr)).toBe(false);
        expect(run(s, n, secondR(s, n, pr))).toBe(true);
      });
    });
  }
});
