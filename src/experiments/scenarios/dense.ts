// Small dense helpers the scenarios need around a run: a Cholesky solve for the n×n Gram
// matrices (n ≤ a few hundred), extreme eigenvalues of symmetric matrices, and vector algebra.
// Products of real size go through the library's Wasm matmul; these loops only touch n×n and
// d-vectors. They exist because the scenarios were written before the decompositions landed.
import { Matrix } from '../../linalg/matrix.js';
import { matmul } from '../../linalg/products.js';

/** Lower-triangular L with S = L Lᵀ; throws when S is not numerically positive definite. */
export function cholesky(s: Matrix): Matrix {
  const n = s.rows;
  const l = new Matrix(n, n);
  const a = s.data;
  const ld = l.data;
  for (let j = 0; j < n; j++) {
    let diag = a[j * n + j]!;
    for (let k = 0; k < j; k++) diag -= ld[j * n + k]! ** 2;
    if (!(diag > 0)) {
      throw new RangeError(`cholesky: matrix is not positive definite at pivot ${j} (${diag})`);
    }
    const ljj = Math.sqrt(diag);
    ld[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let v = a[i * n + j]!;
      for (let k = 0; k < j; k++) v -= ld[i * n + k]! * ld[j * n + k]!;
      ld[i * n + j] = v / ljj;
    }
  }
  return l;
}

/** Solve L Lᵀ z = r given the Cholesky factor L. */
export function cholSolve(l: Matrix, r: Float64Array): Float64Array {
  const n = l.rows;
  const ld = l.data;
  const z = Float64Array.from(r);
  for (let i = 0; i < n; i++) {
    let v = z[i]!;
    for (let k = 0; k < i; k++) v -= ld[i * n + k]! * z[k]!;
    z[i] = v / ld[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let v = z[i]!;
    for (let k = i + 1; k < n; k++) v -= ld[k * n + i]! * z[k]!;
    z[i] = v / ld[i * n + i]!;
  }
  return z;
}

/** Eigenvalues of a symmetric matrix by cyclic Jacobi rotations, ascending. */
export function symmetricEigenvalues(s: Matrix): Float64Array {
  const n = s.rows;
  const a = Float64Array.from(s.data);
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const v = a[i * n + j]! ** 2;
        total += v;
        if (i !== j) off += v;
      }
    }
    if (off <= 1e-30 * total) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (apq === 0) continue;
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const sn = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          a[k * n + p] = c * akp - sn * akq;
          a[k * n + q] = sn * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!;
          const aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - sn * aqk;
          a[q * n + k] = sn * apk + c * aqk;
        }
      }
    }
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = a[i * n + i]!;
  return out.sort();
}

/** Largest eigenvalue of a symmetric PSD matrix: Jacobi when small, else power iteration. */
export function largestEigenvalue(s: Matrix, iterations = 200): number {
  const n = s.rows;
  if (n <= 60) {
    const eig = symmetricEigenvalues(s);
    return eig[n - 1]!;
  }
  let v: Float64Array = new Float64Array(n).fill(1 / Math.sqrt(n));
  let lambda = 0;
  for (let it = 0; it < iterations; it++) {
    const w = matvecTs(s, v);
    const nw = norm(w);
    if (nw === 0) return 0;
    const next = nw;
    for (let i = 0; i < n; i++) w[i] = w[i]! / nw;
    v = w;
    if (Math.abs(next - lambda) <= 1e-13 * next) return next;
    lambda = next;
  }
  return lambda;
}

export function matvecTs(a: Matrix, x: Float64Array): Float64Array {
  const out = new Float64Array(a.rows);
  const { cols, data } = a;
  for (let i = 0; i < a.rows; i++) {
    let v = 0;
    for (let j = 0; j < cols; j++) v += data[i * cols + j]! * x[j]!;
    out[i] = v;
  }
  return out;
}

export function matTvecTs(a: Matrix, x: Float64Array): Float64Array {
  const out = new Float64Array(a.cols);
  const { cols, data } = a;
  for (let i = 0; i < a.rows; i++) {
    const xi = x[i]!;
    for (let j = 0; j < cols; j++) out[j] = out[j]! + data[i * cols + j]! * xi;
  }
  return out;
}

export function norm(x: ArrayLike<number>): number {
  let scaleMax = 0;
  for (let i = 0; i < x.length; i++) scaleMax = Math.max(scaleMax, Math.abs(x[i]!));
  if (scaleMax === 0 || !Number.isFinite(scaleMax)) return scaleMax;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i]! / scaleMax) ** 2;
  return scaleMax * Math.sqrt(s);
}

export function sub(x: Float64Array, y: Float64Array): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i]! - y[i]!;
  return out;
}

export function add(x: Float64Array, y: Float64Array): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i]! + y[i]!;
  return out;
}

export function scaled(alpha: number, x: Float64Array): Float64Array {
  return x.map((v) => alpha * v);
}

export function dotTs(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * y[i]!;
  return s;
}

/** The product M1 M2 ⋯ Mk of a chain, left to right (an empty chain is not allowed). */
export function chain(factors: Matrix[]): Matrix {
  let p = factors[0]!;
  for (let i = 1; i < factors.length; i++) p = matmul(p, factors[i]!, { checkFinite: false });
  return p;
}

/** Gram matrix M Mᵀ. */
export function gram(m: Matrix): Matrix {
  return matmul(m, m, { transposeB: true, checkFinite: false });
}

/** ‖P − Q‖_F for matrices of equal shape. */
export function frobeniusDistance(p: Matrix, q: Matrix): number {
  return norm(sub(p.data, q.data));
}

/**
 * Thin QR by modified Gram–Schmidt with one re-orthogonalization pass: the m×k matrix with
 * orthonormal columns spanning the columns of z (m ≥ k, z of full column rank), signs fixed so
 * that R has a positive diagonal (the QR retraction's Q factor).
 */
export function orthonormalColumns(z: Matrix): Matrix {
  const { rows: m, cols: k } = z;
  const q = z.clone();
  const d = q.data;
  for (let j = 0; j < k; j++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let p = 0; p < j; p++) {
        let r = 0;
        for (let i = 0; i < m; i++) r += d[i * k + p]! * d[i * k + j]!;
        for (let i = 0; i < m; i++) d[i * k + j] = d[i * k + j]! - r * d[i * k + p]!;
      }
    }
    let nj = 0;
    for (let i = 0; i < m; i++) nj += d[i * k + j]! ** 2;
    nj = Math.sqrt(nj);
    for (let i = 0; i < m; i++) d[i * k + j] = d[i * k + j]! / nj;
  }
  return q;
}

/**
 * The rows of w (k×m, k ≤ m, full row rank) made orthonormal by modified Gram–Schmidt with one
 * re-orthogonalization pass: Qᵀ of the thin QR of wᵀ with R's diagonal positive. Works on
 * contiguous rows, so it is the fast form of orthonormalColumns(wᵀ)ᵀ.
 */
export function orthonormalRows(w: Matrix): Matrix {
  const { rows: k, cols: m } = w;
  const q = w.clone();
  const d = q.data;
  for (let j = 0; j < k; j++) {
    const oj = j * m;
    for (let pass = 0; pass < 2; pass++) {
      for (let p = 0; p < j; p++) {
        const op = p * m;
        let r = 0;
        for (let i = 0; i < m; i++) r += d[op + i]! * d[oj + i]!;
        for (let i = 0; i < m; i++) d[oj + i] = d[oj + i]! - r * d[op + i]!;
      }
    }
    let nj = 0;
    for (let i = 0; i < m; i++) nj += d[oj + i]! ** 2;
    nj = Math.sqrt(nj);
    for (let i = 0; i < m; i++) d[oj + i] = d[oj + i]! / nj;
  }
  return q;
}
