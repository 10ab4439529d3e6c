// Sign-free measures of a factorization, in plain JS loops (independent of the kernels under
// test): reconstruction, orthogonality, pairing A·v_k = s_k·u_k, Penrose conditions.
import { Matrix } from '../../src/index.js';

export function mul(a: Matrix, b: Matrix): Matrix {
  const c = new Matrix(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let p = 0; p < a.cols; p++) {
      const x = a.data[i * a.cols + p]!;
      for (let j = 0; j < b.cols; j++) c.data[i * b.cols + j] += x * b.data[p * b.cols + j]!;
    }
  }
  return c;
}

export function fro(a: Matrix | Float64Array): number {
  const d = a instanceof Matrix ? a.data : a;
  const t = maxAbs(d);
  if (t === 0 || !Number.isFinite(t)) return t;
  let s = 0;
  for (const x of d) s += (x / t) * (x / t);
  return t * Math.sqrt(s);
}

export function maxAbs(d: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < d.length; i++) m = Math.max(m, Math.abs(d[i]!));
  return m;
}

export function sub(a: Matrix, b: Matrix): Matrix {
  return new Matrix(a.rows, a.cols, a.data.map((x, i) => x - b.data[i]!));
}

/** The first k columns. */
export function cols(m: Matrix, k: number, from = 0): Matrix {
  const out = new Matrix(m.rows, k - from);
  for (let i = 0; i < m.rows; i++) {
    for (let j = from; j < k; j++) out.data[i * (k - from) + j - from] = m.data[i * m.cols + j]!;
  }
  return out;
}

/** ‖A − U_k·diag(s)·V_kᵀ‖_F / ‖A‖_F over the k = s.length leading columns. */
export function reconstruction(a: Matrix, U: Matrix, s: Float64Array, V: Matrix): number {
  const k = s.length;
  const US = cols(U, k);
  for (let i = 0; i < US.rows; i++) for (let j = 0; j < k; j++) US.data[i * k + j] *= s[j]!;
  const R = mul(US, cols(V, k).transpose());
  return fro(sub(R, a)) / fro(a);
}

/** max |MᵀM − I|. */
export function orthogonality(m: Matrix): number {
  const g = mul(m.transpose(), m);
  for (let i = 0; i < g.rows; i++) g.data[i * g.cols + i] -= 1;
  return maxAbs(g.data);
}

/** max_k max_i |(A·v_k − s_k·u_k)_i|. */
export function pairing(a: Matrix, U: Matrix, s: Float64Array, V: Matrix): number {
  const AV = mul(a, V);
  let worst = 0;
  for (let k = 0; k < s.length; k++) {
    for (let i = 0; i < a.rows; i++) {
      const r = AV.data[i * AV.cols + k]! - s[k]! * U.data[i * U.cols + k]!;
      worst = Math.max(worst, Math.abs(r));
    }
  }
  return worst;
}

/** The four Penrose residuals for X ≈ A⁺, relative where the case files say so. */
export function penrose(a: Matrix, x: Matrix): number[] {
  const ax = mul(a, x);
  const xa = mul(x, a);
  return [
    fro(sub(mul(ax, a), a)) / fro(a),
    fro(sub(mul(xa, x), x)) / Math.max(fro(x), Number.MIN_VALUE),
    fro(sub(ax.transpose(), ax)),
    fro(sub(xa.transpose(), xa)),
  ];
}

/**
 * The n×n Sylvester–Hadamard matrix (entries ±1, H·Hᵀ = n·I, n a power of two) with row i
 * scaled by r[i]: its singular values are √n·|r_i| exactly. n = r.length.
 */
export function scaledHadamard(r: number[]): Matrix {
  const n = r.length;
  const a = new Matrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let p = i & j;
      let sign = 1;
      while (p) { sign = -sign; p &= p - 1; }
      a.data[i * n + j] = sign * r[i]!;
    }
  }
  return a;
}
