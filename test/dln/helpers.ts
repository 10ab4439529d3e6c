// Shared fixtures of the dln tests: THEORY.md's default problem P0 (n = 5, d = 20, A with
// entries N(0, 1/d), b ~ N(0, I)) and small dense helpers written independently of src/dln.
import { Matrix } from '../../src/index.js';

export function problemP0(seed = 1, n = 5, d = 20): { A: Matrix; b: Float64Array } {
  const A = Matrix.randn(n, d, { seed, scale: 1 / Math.sqrt(d) });
  const b = Matrix.randn(n, 1, { seed: seed + 1000 }).data;
  return { A, b };
}

export function mul(a: Matrix, b: Matrix): Matrix {
  const c = Matrix.zeros(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let p = 0; p < a.cols; p++) {
      const x = a.data[i * a.cols + p]!;
      for (let j = 0; j < b.cols; j++) c.data[i * b.cols + j]! += x * b.data[p * b.cols + j]!;
    }
  }
  return c;
}

/** W1 ⋯ Wh X as a d×k matrix, by plain loops. */
export function product(factors: Matrix[]): Matrix {
  let p = factors[factors.length - 1]!;
  for (let i = factors.length - 2; i >= 0; i--) p = mul(factors[i]!, p);
  return p;
}

export function norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! ** 2;
  return Math.sqrt(s);
}

export function sub(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  return Float64Array.from({ length: a.length }, (_, i) => a[i]! - b[i]!);
}

/** ½‖A W1⋯Wh X − B‖²_F computed by plain loops. */
export function lossOf(A: Matrix, b: Float64Array, factors: Matrix[]): number {
  const r = sub(mul(A, product(factors)).data, b);
  return 0.5 * norm(r) ** 2;
}

/** G⁻¹ r by Gauss–Jordan with partial pivoting (small systems, independent of src/linalg). */
export function solveSmall(g: Matrix, rhs: Float64Array): Float64Array {
  const n = g.rows;
  const a = g.clone().data;
  const x = rhs.slice();
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) {
      if (Math.abs(a[r * n + c]!) > Math.abs(a[piv * n + c]!)) piv = r;
    }
    for (let j = 0; j < n; j++) [a[c * n + j], a[piv * n + j]] = [a[piv * n + j]!, a[c * n + j]!];
    [x[c], x[piv]] = [x[piv]!, x[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r * n + c]! / a[c * n + c]!;
      for (let j = 0; j < n; j++) a[r * n + j]! -= f * a[c * n + j]!;
      x[r]! -= f * x[c]!;
    }
  }
  return x.map((v, i) => v / a[i * n + i]!);
}

/** The columns of a matrix, as vectors. */
export function columns(m: Matrix): Float64Array[] {
  return Array.from({ length: m.cols }, (_, j) =>
    Float64Array.from({ length: m.rows }, (_, i) => m.data[i * m.cols + j]!));
}

/** The matrix with these columns. */
export function fromColumns(cols: Float64Array[]): Matrix {
  const m = Matrix.zeros(cols[0]!.length, cols.length);
  cols.forEach((c, j) => c.forEach((v, i) => { m.data[i * cols.length + j] = v; }));
  return m;
}
