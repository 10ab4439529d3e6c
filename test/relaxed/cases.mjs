// The products the relaxed-SIMD module is checked on, shared by the Chromium test (a Web Worker
// runs them) and the Node test (a child process started with --experimental-wasm-relaxed-simd
// runs them): edges of the 6×4 and 5×4 tiles, of MC = 60 rows, KC = 256 and NC = 512, every
// transpose combination, alpha ≠ 1 once. Takes the library as an argument so that dist/ (Node
// child) and src/ (browser) share it.

/** [m, k, n, alpha] of op(A) (m×k) · op(B) (k×n). */
const SHAPES = [
  [1, 1, 1, 1], [6, 4, 4, 1], [7, 3, 5, 1], [5, 2, 1, 1], [1, 257, 7, 1],
  [13, 257, 9, -0.75], [61, 300, 66, 1], [67, 257, 517, 1],
];

/** Every shape with each of the four transpose combinations. */
export const CASES = SHAPES.flatMap(([m, k, n, alpha], s) =>
  [[false, false], [true, false], [false, true], [true, true]].map(([tA, tB], t) =>
    ({ m, k, n, alpha, transposeA: tA, transposeB: tB, seed: 1000 + 10 * s + t })));

/** The stored operands of a case: A is k×m when transposed, B is n×k when transposed. */
export function operands(lib, c) {
  const a = c.transposeA ? lib.Matrix.randn(c.k, c.m, { seed: c.seed })
    : lib.Matrix.randn(c.m, c.k, { seed: c.seed });
  const b = c.transposeB ? lib.Matrix.randn(c.n, c.k, { seed: c.seed + 5 })
    : lib.Matrix.randn(c.k, c.n, { seed: c.seed + 5 });
  return [a, b];
}

/** matmul of every case with the library as initialized. */
export function products(lib) {
  return CASES.map((c) => {
    const [a, b] = operands(lib, c);
    const opts = { transposeA: c.transposeA, transposeB: c.transposeB, alpha: c.alpha };
    return lib.matmul(a, b, opts).data;
  });
}

/**
 * max over entries of |x − y| / (2·γ_{k+1}·|alpha|·(|op(A)||op(B)|)_ij), with γ_j = j·u/(1 − j·u)
 * and u = 2⁻⁵³: two results each within γ_{k+1}·|alpha||A||B| of the exact product (any order
 * of the k products, fused or not, and the rounding of alpha) differ by at most 2γ_{k+1}·…, so
 * the ratio is ≤ 1. Also counts the entries whose bits differ.
 */
export function compare(lib, c, x, y) {
  const [a, b] = operands(lib, c);
  const at = (i, p) => Math.abs(c.transposeA ? a.data[p * c.m + i] : a.data[i * c.k + p]);
  const bt = (p, j) => Math.abs(c.transposeB ? b.data[j * c.k + p] : b.data[p * c.n + j]);
  const u = 2 ** -53;
  const gamma = ((c.k + 1) * u) / (1 - (c.k + 1) * u);
  let worst = 0, differing = 0;
  for (let i = 0; i < c.m; i++) {
    for (let j = 0; j < c.n; j++) {
      let s = 0;
      for (let p = 0; p < c.k; p++) s += at(i, p) * bt(p, j);
      const d = Math.abs(x[i * c.n + j] - y[i * c.n + j]);
      if (d !== 0) differing++;
      worst = Math.max(worst, d / (2 * gamma * Math.abs(c.alpha) * s));
    }
  }
  return { worst, differing };
}
