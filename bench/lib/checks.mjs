// The checks a benchmarked result must pass before it is timed, shared by the Node suites and
// the browser page: entries of a product against an f64 dot, A = QR and QᵀQ = I, A·X·A = A,
// all on seeded random probes so that a check costs far less than the call it checks.

/** 32 random (i, j) pairs below (m, n), the same for every implementation. */
export function probes(m, n, count = 32) {
  let seed = 777;
  return Array.from({ length: count }, () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return [seed % m, (seed >>> 12) % n];
  });
}

/**
 * 64 random entries of C = op(A)·op(B) (square n×n, row-major) against an f64 dot, each
 * relative to its Σ|terms|.
 */
export function probeProduct(a, b, n, tA, tB, tol) {
  return (c) => {
    let seed = 12345;
    for (let k = 0; k < 64; k++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const i = seed % n;
      const j = (seed >>> 10) % n;
      let dot = 0;
      let abs = 0;
      for (let p = 0; p < n; p++) {
        const t = (tA ? a[p * n + i] : a[i * n + p]) * (tB ? b[j * n + p] : b[p * n + j]);
        dot += t;
        abs += Math.abs(t);
      }
      const err = Math.abs(c[i * n + j] - dot);
      if (!(err <= tol * abs)) return `C[${i},${j}] is off by ${err} (Σ|terms| = ${abs})`;
    }
    return true;
  };
}

/** Q·R = A and QᵀQ = I on probes; Q m×k, R k×n, all row-major; out is { q, r }. */
export function checkQr(a, m, n, k) {
  return ({ q, r }) => {
    for (const [i, j] of probes(m, n)) {
      let s = 0;
      for (let p = 0; p < k; p++) s += q[i * k + p] * r[p * n + j];
      if (!(Math.abs(s - a[i * n + j]) <= 1e-12 * Math.sqrt(n))) return `(QR)[${i},${j}] = ${s}`;
    }
    for (const [i, j] of probes(k, k)) {
      let s = 0;
      for (let p = 0; p < m; p++) s += q[p * k + i] * q[p * k + j];
      if (!(Math.abs(s - (i === j ? 1 : 0)) <= 1e-12)) return `(QᵀQ)[${i},${j}] = ${s}`;
    }
    return true;
  };
}

/** A·X·A = A on probes for an n×m X (row-major), absolute tolerance `tol`. */
export function checkPinv(a, m, n, tol) {
  return (x) => {
    for (const [i, j] of probes(m, n)) {
      const xa = new Float64Array(n); // X·A[:, j]
      for (let k = 0; k < n; k++) {
        let s = 0;
        for (let p = 0; p < m; p++) s += x[k * m + p] * a[p * n + j];
        xa[k] = s;
      }
      let s = 0;
      for (let k = 0; k < n; k++) s += a[i * n + k] * xa[k];
      const err = s - a[i * n + j];
      if (!(Math.abs(err) <= tol)) return `(AXA)[${i},${j}] is off by ${err}`;
    }
    return true;
  };
}

/**
 * Singular values s of an m×n A (and, when given, thin factors U m×k, V n×k): descending and
 * non-negative, Σ sᵢ² = ‖A‖_F², and U·diag(s)·Vᵀ = A on probes.
 */
export function checkSvd(a, m, n, tol) {
  let frob = 0;
  for (let i = 0; i < a.length; i++) frob += a[i] * a[i];
  return ({ s, u, v }) => {
    let sum = 0;
    for (let i = 0; i < s.length; i++) {
      if (!(s[i] >= 0) || (i > 0 && s[i] > s[i - 1])) return `s[${i}] = ${s[i]} out of order`;
      sum += s[i] * s[i];
    }
    if (!(Math.abs(sum - frob) <= tol * frob)) return `Σ s² = ${sum}, ‖A‖_F² = ${frob}`;
    if (!u) return true;
    const k = s.length;
    for (const [i, j] of probes(m, n)) {
      let x = 0;
      for (let p = 0; p < k; p++) x += u[i * k + p] * s[p] * v[j * k + p];
      if (!(Math.abs(x - a[i * n + j]) <= tol * Math.sqrt(frob))) {
        return `(U·S·Vᵀ)[${i},${j}] = ${x}, A has ${a[i * n + j]}`;
      }
    }
    return true;
  };
}
