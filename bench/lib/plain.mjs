// Plain JS baselines, written as a user without a linear algebra library would: the product
// loops, Householder QR with an explicit thin Q, and the minimum-norm solution and pseudoinverse
// of a full-row-rank A through the normal equations A·Aᵀ = L·Lᵀ (Cholesky). They are what a
// deeplin call replaces, not references for its accuracy (the normal equations square the
// condition number).

/** Thin QR of a row-major m×n A with m ≥ n: { q: m×n, r: n×n }. */
export function householderQr(a, m, n) {
  const w = Float64Array.from(a);
  const vs = [];
  const r = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    let norm = 0;
    for (let i = k; i < m; i++) norm += w[i * n + k] ** 2;
    norm = Math.sqrt(norm);
    const alpha = w[k * n + k] > 0 ? -norm : norm;
    const v = new Float64Array(m - k);
    for (let i = k; i < m; i++) v[i - k] = w[i * n + k];
    v[0] -= alpha;
    let vv = 0;
    for (let i = 0; i < v.length; i++) vv += v[i] * v[i];
    vs.push(vv > 0 ? v.map((x) => x * Math.sqrt(2 / vv)) : v);
    const u = vs[k];
    for (let j = k; j < n; j++) {
      let dot = 0;
      for (let i = k; i < m; i++) dot += u[i - k] * w[i * n + j];
      for (let i = k; i < m; i++) w[i * n + j] -= dot * u[i - k];
    }
    for (let j = k; j < n; j++) r[k * n + j] = w[k * n + j];
  }
  // Q = H_0 ⋯ H_{n−1} applied to the first n columns of the identity, last reflector first.
  const q = new Float64Array(m * n);
  for (let j = 0; j < n; j++) q[j * n + j] = 1;
  for (let k = n - 1; k >= 0; k--) {
    const u = vs[k];
    for (let j = 0; j < n; j++) {
      let dot = 0;
      for (let i = k; i < m; i++) dot += u[i - k] * q[i * n + j];
      for (let i = k; i < m; i++) q[i * n + j] -= dot * u[i - k];
    }
  }
  return { q, r };
}

/** Lower Cholesky factor of the n×n symmetric positive definite row-major G, in place. */
function cholesky(g, n) {
  for (let j = 0; j < n; j++) {
    let d = g[j * n + j];
    for (let k = 0; k < j; k++) d -= g[j * n + k] ** 2;
    const ljj = Math.sqrt(d);
    g[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = g[i * n + j];
      for (let k = 0; k < j; k++) s -= g[i * n + k] * g[j * n + k];
      g[i * n + j] = s / ljj;
    }
  }
  return g;
}

/** Solve L·Lᵀ y = r for one right-hand side. */
function cholSolve(l, n, r) {
  const y = Float64Array.from(r);
  for (let i = 0; i < n; i++) {
    let s = y[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * y[k];
    y[i] = s / l[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * y[k];
    y[i] = s / l[i * n + i];
  }
  return y;
}

function gramRows(a, m, n) {
  const g = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += a[i * n + k] * a[j * n + k];
      g[i * m + j] = s;
      g[j * m + i] = s;
    }
  }
  return g;
}

/** x = Aᵀ (A·Aᵀ)⁻¹ b for a full-row-rank m×n A. */
export function normalMinNorm(a, m, n, b) {
  const y = cholSolve(cholesky(gramRows(a, m, n), m), m, b);
  const x = new Float64Array(n);
  for (let i = 0; i < m; i++) for (let k = 0; k < n; k++) x[k] += a[i * n + k] * y[i];
  return x;
}

/** A⁺ = Aᵀ (A·Aᵀ)⁻¹ (n×m, row-major) for a full-row-rank m×n A. */
export function normalPinv(a, m, n) {
  const l = cholesky(gramRows(a, m, n), m);
  const x = new Float64Array(n * m);
  const e = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    e.fill(0);
    e[j] = 1;
    const y = cholSolve(l, m, e);
    for (let i = 0; i < m; i++) {
      const yi = y[i];
      for (let k = 0; k < n; k++) x[k * m + j] += a[i * n + k] * yi;
    }
  }
  return x;
}

/** C = A·B for square n×n operands, in i-p-j order so that the inner loop walks rows. */
export function plainMatmul(a, b, n) {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < n; p++) {
      const aip = a[i * n + p];
      const bRow = p * n;
      const cRow = i * n;
      for (let j = 0; j < n; j++) c[cRow + j] += aip * b[bRow + j];
    }
  }
  return c;
}

/** y = op(A)·x for a row-major m×n A: a row dot for A, a row axpy for Aᵀ. */
export function plainMatvec(a, m, n, x, transpose) {
  const y = new Float64Array(transpose ? n : m);
  for (let i = 0; i < m; i++) {
    const o = i * n;
    if (transpose) {
      const xi = x[i];
      for (let j = 0; j < n; j++) y[j] += a[o + j] * xi;
    } else {
      let acc = 0;
      for (let j = 0; j < n; j++) acc += a[o + j] * x[j];
      y[i] = acc;
    }
  }
  return y;
}
