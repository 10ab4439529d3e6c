// Stopgap A⁺ for full-rank A until the SVD-based pinv of src/linalg is merged: Aᵀ(AAᵀ)⁻¹ when
// n ≤ d, (AᵀA)⁻¹Aᵀ when n > d, by Cholesky of the Gram matrix. It squares the condition
// number and fails on rank-deficient A; linalg's pinv replaces it.
import { SingularMatrix } from '../core/errors.js';
import { Matrix } from '../linalg/matrix.js';
import { matmul } from '../linalg/products.js';

function choleskySolve(g: Matrix, rhs: Matrix): Matrix {
  const p = g.rows;
  const l = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let s = g.data[j * p + j]!;
    for (let q = 0; q < j; q++) s -= l[j * p + q]! ** 2;
    if (!(s > 0)) throw new SingularMatrix(`pinv: the Gram matrix of A is singular at ${j}`);
    const ljj = Math.sqrt(s);
    l[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let t = g.data[i * p + j]!;
      for (let q = 0; q < j; q++) t -= l[i * p + q]! * l[j * p + q]!;
      l[i * p + j] = t / ljj;
    }
  }
  const c = rhs.cols;
  const x = rhs.data.slice();
  for (let col = 0; col < c; col++) {
    for (let i = 0; i < p; i++) {
      let t = x[i * c + col]!;
      for (let q = 0; q < i; q++) t -= l[i * p + q]! * x[q * c + col]!;
      x[i * c + col] = t / l[i * p + i]!;
    }
    for (let i = p - 1; i >= 0; i--) {
      let t = x[i * c + col]!;
      for (let q = i + 1; q < p; q++) t -= l[q * p + i]! * x[q * c + col]!;
      x[i * c + col] = t / l[i * p + i]!;
    }
  }
  return new Matrix(p, c, x);
}

export function pinv(a: Matrix): Matrix {
  if (a.rows <= a.cols) {
    const g = matmul(a, a, { transposeB: true });
    return matmul(a, choleskySolve(g, Matrix.eye(a.rows)), { transposeA: true });
  }
  const g = matmul(a, a, { transposeA: true });
  return choleskySolve(g, a.transpose());
}
