// svd's divide-and-conquer path (svdBidiag.ts, bidiagDivide.ts, arrowSvd.ts, secular.ts):
// singular values against numpy (test/fixtures/decomp/make_divide.py), the identities of the
// accuracy contract, agreement with Jacobi, which path 'auto' takes, determinism, no leaks.
import { describe, expect, it } from 'vitest';
import { InvalidArgument, Matrix, svd } from '../../src/index.js';
import { f64View, wasmLiveBlocks, withScratch } from '../../src/core/memory.js';
import { bidiagonalSvd } from '../../src/linalg/bidiagDivide.js';
import fx from '../fixtures/decomp/divide.json';
import decomp from '../fixtures/decomp/decomp.json';
import {
  cols, maxAbs, mul, orthogonality, pairing, reconstruction, scaledHadamard,
} from './measures.js';

const eps = Number.EPSILON;
const c = 10; // the contract's "small constant"
type Method = 'auto' | 'jacobi' | 'divideAndConquer';

/** The contract's absolute bound on each singular value: c·max(m, n)·eps·s₀. */
const absTol = (a: Matrix, s0: number) => c * Math.max(a.rows, a.cols) * eps * s0;

function checkContract(a: Matrix, vectors: 'thin' | 'full', method: Method) {
  const f = svd(a, { vectors, method });
  const [m, n] = a.shape;
  const k = Math.min(m, n);
  const U = f.U!;
  const V = f.V!;
  expect(f.s.length).toBe(k);
  expect(U.shape).toEqual([m, vectors === 'full' ? m : k]);
  expect(V.shape).toEqual([n, vectors === 'full' ? n : k]);
  expect(reconstruction(a, U, f.s, V)).toBeLessThanOrEqual(c * Math.max(m, n) * eps);
  expect(orthogonality(U)).toBeLessThanOrEqual(c * U.cols * eps);
  expect(orthogonality(V)).toBeLessThanOrEqual(c * V.cols * eps);
  expect(pairing(a, U, f.s, V)).toBeLessThanOrEqual(absTol(a, f.s[0]!));
  for (let i = 0; i < k; i++) expect(f.s[i]).toBeGreaterThanOrEqual(0);
  for (let i = 1; i < k; i++) expect(f.s[i]).toBeLessThanOrEqual(f.s[i - 1]!);
  if (vectors === 'full') {
    // Full U of tall A completes the range; full V of wide A spans the null space.
    if (n > m) expect(maxAbs(mul(a, cols(V, n, k)).data)).toBeLessThanOrEqual(absTol(a, f.s[0]!));
    if (m > n) {
      expect(maxAbs(mul(a.transpose(), cols(U, m, k)).data))
        .toBeLessThanOrEqual(absTol(a, f.s[0]!));
    }
  }
  return f;
}

/** The bits of a Float64Array, for bit-for-bit comparisons that tell 0 from −0. */
const bits = (x: Float64Array) => Array.from(new Uint32Array(x.buffer, x.byteOffset, x.length * 2));

describe("svd method 'divideAndConquer' against numpy", () => {
  for (const d of fx.cases) {
    const a = Matrix.fromRows(d.A);
    it(`${d.name}: s to c·max(m,n)·eps·s₀, contract thin and full, same s as Jacobi`, () => {
      const tol = absTol(a, d.s[0]!);
      const thin = checkContract(a, 'thin', 'divideAndConquer');
      d.s.forEach((v, k) => expect(Math.abs(thin.s[k]! - v)).toBeLessThanOrEqual(tol));
      const full = checkContract(a, 'full', 'divideAndConquer');
      expect(bits(full.s)).toEqual(bits(thin.s));
      const none = svd(a, { vectors: 'none', method: 'divideAndConquer' });
      expect(none.U).toBeNull();
      d.s.forEach((v, k) => expect(Math.abs(none.s[k]! - v)).toBeLessThanOrEqual(tol));
      const jac = svd(a, { vectors: 'none', method: 'jacobi' }).s;
      jac.forEach((v, k) => expect(Math.abs(thin.s[k]! - v)).toBeLessThanOrEqual(tol));
    });
  }

  it('bidiagonalSvd on the bidiagonal with zero d and e entries: B = U·diag(σ)·Vᵀ', () => {
    const d = fx.cases.find((x) => x.name.startsWith('bidiagonal'))!;
    const n = d.A.length;
    const diag = Float64Array.from({ length: n }, (_, i) => d.A[i]![i]!);
    const sup = Float64Array.from({ length: n - 1 }, (_, i) => d.A[i]![i + 1]!);
    expect(diag.filter((v) => v === 0).length).toBe(2);
    expect(sup.filter((v) => v === 0).length).toBe(2);
    const run = (wantU: boolean) => withScratch((s) => {
      const b = bidiagonalSvd(s, diag.slice(), sup.slice(), wantU);
      const take = (p: number) => new Matrix(n, n, f64View(p, n * n).slice());
      return { sigma: b.sigma.slice(), U: wantU ? take(b.pU) : null, V: take(b.pV) };
    });
    const r = run(true);
    const B = Matrix.fromRows(d.A);
    const tol = absTol(B, d.s[0]!);
    d.s.forEach((v, k) => expect(Math.abs(r.sigma[k]! - v)).toBeLessThanOrEqual(tol));
    expect(reconstruction(B, r.U!, r.sigma, r.V)).toBeLessThanOrEqual(c * n * eps);
    expect(orthogonality(r.U!)).toBeLessThanOrEqual(c * n * eps);
    expect(orthogonality(r.V)).toBeLessThanOrEqual(c * n * eps);
    expect(pairing(B, r.U!, r.sigma, r.V)).toBeLessThanOrEqual(tol);
    // Without U: the same σ bit for bit, and the first and last rows of V (the only ones kept).
    const noU = run(false);
    expect(bits(noU.sigma)).toEqual(bits(r.sigma));
    for (const row of [0, n - 1]) {
      expect(bits(noU.V.data.subarray(row * n, row * n + n)))
        .toEqual(bits(r.V.data.subarray(row * n, row * n + n)));
    }
  });

  it('bidiagonalSvd on 1×1 and on an all-zero 5×5 bidiagonal', () => {
    withScratch((s) => {
      const one = bidiagonalSvd(s, Float64Array.of(-3), new Float64Array(0), true);
      expect(one.sigma[0]).toBe(3);
      expect(f64View(one.pU, 1)[0]! * f64View(one.pV, 1)[0]!).toBe(-1);
      const z = bidiagonalSvd(s, new Float64Array(5), new Float64Array(4), true);
      expect(Array.from(z.sigma)).toEqual([0, 0, 0, 0, 0]);
      expect(orthogonality(new Matrix(5, 5, f64View(z.pU, 25).slice())))
        .toBeLessThanOrEqual(c * 5 * eps);
      expect(orthogonality(new Matrix(5, 5, f64View(z.pV, 25).slice())))
        .toBeLessThanOrEqual(c * 5 * eps);
    });
  });
});

describe("svd's divide and conquer on graded bidiagonals: V stays orthogonal", () => {
  // Entries from 1e-238 to 1e-11: squares of the scaled entries underflow. Found by a probe of
  // random graded bidiagonals (dense, 3×3, entries 10^(−300·u)). σ are the diagonal entries to
  // full precision (each superdiagonal entry is below 1e-30 of its neighbours; mpmath agrees).
  const a = Matrix.fromRows([
    [1.1479840063739302e-173, 2.1959459239245703e-204, 0],
    [0, 4.3144369953466507e-187, 1.4786805104663796e-238],
    [0, 0, 1.1972354162274543e-11],
  ]);

  it('s has the absolute accuracy of the contract; U orthonormal; A = U·diag(s)·Vᵀ', () => {
    const f = svd(a, { method: 'divideAndConquer' });
    const exact = [1.1972354162274543e-11, 1.1479840063739302e-173, 4.3144369953466507e-187];
    const tol = absTol(a, exact[0]!);
    exact.forEach((v, k) => expect(Math.abs(f.s[k]! - v)).toBeLessThanOrEqual(tol));
    expect(orthogonality(f.U!)).toBeLessThanOrEqual(c * 3 * eps);
    expect(reconstruction(a, f.U!, f.s, f.V!)).toBeLessThanOrEqual(c * 3 * eps);
  });

  // Found as a bug: V came back with columns 2 and 3 of norm 0.7098 (‖VᵀV − I‖ = 0.496),
  // because merge() in bidiagDivide.ts formed r = √(za² + zb²) unscaled; za ≈ 1.58e-162 after
  // the scaling to max|a_ij| ≈ 1, so za² was subnormal and c = za/r = 0.7098. Now a scaled hypot.
  it('V orthonormal to c·n·eps', () => {
    const f = svd(a, { method: 'divideAndConquer' });
    expect(orthogonality(f.V!)).toBeLessThanOrEqual(c * 3 * eps);
  });

  // Same cause, balanced (row and column norms within 4): at t = 1.6e-160 V's third column
  // was [−0.70707, 0.70707, 1.3e-15], ‖VᵀV − I‖ = 9.7e-5 (t = 3e-158, 1e-156, 1.5e-155 gave
  // 1.3e-10, 3.4e-12, 1.9e-14). 'auto' takes Jacobi at this size (min(m, n) ≤ 40).
  const b = Matrix.fromRows([[1, 1, 0], [0, 1.6e-160, 1], [0, 0, 1]]);
  it('balanced [[1, 1, 0], [0, 1.6e-160, 1], [0, 0, 1]]: s, U, A = U·S·Vᵀ', () => {
    const f = svd(b, { method: 'divideAndConquer' });
    expect(orthogonality(f.U!)).toBeLessThanOrEqual(c * 3 * eps);
    expect(reconstruction(b, f.U!, f.s, f.V!)).toBeLessThanOrEqual(c * 3 * eps);
    // σ = √2, √2 and det/(σ₁σ₂) = 8e-161.
    [Math.SQRT2, Math.SQRT2, 8e-161].forEach((v, k) =>
      expect(Math.abs(f.s[k]! - v)).toBeLessThanOrEqual(absTol(b, Math.SQRT2)));
  });

  it('the same: V orthonormal to c·n·eps', () => {
    expect(orthogonality(svd(b, { method: 'divideAndConquer' }).V!))
      .toBeLessThanOrEqual(c * 3 * eps);
  });

  // Same cause, with entries no smaller than 1e-20: a 64×64 upper bidiagonal, d_i and e_i
  // = 10^(−20·u) with u from Park–Miller's generator seeded 64002. The products d_k·v that the
  // merges square are far smaller than the entries. It gave ‖VᵀV − I‖ = 4.0e-9 (bound 1.4e-13);
  // Jacobi's V gives 8.9e-16, divide and conquer's U 4.4e-16. Of 320 such bidiagonals
  // (n = 4…64) this one failed at 1e-20; 6 failed at 1e-30, the worst at 8.9e-2. With
  // Math.hypot(za, zb) in merge() (tried, not committed) this input and the two above pass.
  it("graded 64×64 bidiagonal, entries in [1e-20, 1]: D&C's V orthonormal", () => {
    const n = 64;
    let seed = 64002;
    const u = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const g = new Matrix(n, n);
    for (let i = 0; i < n; i++) {
      g.data[i * n + i] = 10 ** (-20 * u());
      if (i < n - 1) g.data[i * n + i + 1] = 10 ** (-20 * u());
    }
    expect(orthogonality(svd(g, { method: 'divideAndConquer' }).V!))
      .toBeLessThanOrEqual(c * n * eps);
  });

  // The 17×17 lower bidiagonal, entries 10^(−300·u), Park–Miller seeded 17017, gave
  // ‖VᵀV − I‖ = 1.8e-4 (bound 3.8e-14) on the path's first version, 3.2e-8 with merge()'s
  // hypot scaled. It passes since the later changes of that day (secular solver in Wasm, square
  // blocks split in the middle, blocked bidiagonalization); which one cured it was not isolated.
  it('lower bidiagonal 17×17, entries in [1e-300, 1]: D&C\'s V orthonormal', () => {
    const n = 17;
    let seed = 17017;
    const u = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const g = new Matrix(n, n);
    for (let i = 0; i < n; i++) {
      g.data[i * n + i] = 10 ** (-300 * u());
      if (i < n - 1) g.data[(i + 1) * n + i] = 10 ** (-300 * u());
    }
    expect(orthogonality(svd(g, { method: 'divideAndConquer' }).V!))
      .toBeLessThanOrEqual(c * n * eps);
  });
});

describe("svd method 'auto': which path", () => {
  const sameBits = (x: ReturnType<typeof svd>, y: ReturnType<typeof svd>) =>
    bits(x.s).join() === bits(y.s).join() &&
    bits(x.U!.data).join() === bits(y.U!.data).join() &&
    bits(x.V!.data).join() === bits(y.V!.data).join();
  const paths = (a: Matrix, opts: { maxSweeps?: number } = {}) => {
    const auto = svd(a, { method: 'auto', ...opts });
    return {
      dc: sameBits(auto, svd(a, { method: 'divideAndConquer' })),
      jacobi: sameBits(auto, svd(a, { method: 'jacobi' })),
    };
  };

  it('graded diag(r)·H: auto is Jacobi and relatively accurate, D&C only absolutely', () => {
    // σ(diag(r)·H) = √8·|r| exactly, since H·Hᵀ = 8I and every entry ±r_i is exact.
    const r = [1, 0.5, 1e-4, 3e-5, 1e-8, 2e-9, 1e-16, 1e-17];
    const a = scaledHadamard(r);
    const exact = r.map((v) => Math.sqrt(8) * v).sort((x, y) => y - x);
    expect(paths(a)).toEqual({ dc: false, jacobi: true });
    const auto = checkContract(a, 'thin', 'auto');
    exact.forEach((v, k) => expect(Math.abs(auto.s[k]! - v) / v).toBeLessThanOrEqual(c * 8 * eps));
    const dc = checkContract(a, 'thin', 'divideAndConquer');
    const tol = absTol(a, exact[0]!);
    exact.forEach((v, k) => expect(Math.abs(dc.s[k]! - v)).toBeLessThanOrEqual(tol));
  });

  for (const [i, d] of decomp.graded.entries()) {
    it(`two-sided graded #${i} of decomp.json: auto relative to 1e-13, D&C absolute`, () => {
      const a = Matrix.fromRows(d.A);
      expect(paths(a)).toEqual({ dc: false, jacobi: true });
      const auto = svd(a, { vectors: 'none' }).s;
      d.s_exact.forEach((v, k) => expect(Math.abs(auto[k]! - v) / v).toBeLessThanOrEqual(1e-13));
      const dc = svd(a, { vectors: 'none', method: 'divideAndConquer' }).s;
      const tol = absTol(a, d.s_exact[0]!);
      d.s_exact.forEach((v, k) => expect(Math.abs(dc[k]! - v)).toBeLessThanOrEqual(tol));
    });
  }

  it('BALANCE = 4: a row 3× the others is D&C, 5× is Jacobi; maxSweeps means Jacobi', () => {
    // 128×128 (above DIVIDE_MIN = 40). Column norms stay equal (√(r₀² + 127)), so only the
    // row ratio decides.
    const r = (x: number) => [x, ...new Array<number>(127).fill(1)];
    expect(paths(scaledHadamard(r(3)))).toEqual({ dc: true, jacobi: false });
    expect(paths(scaledHadamard(r(5)))).toEqual({ dc: false, jacobi: true });
    const b = Matrix.randn(65, 65, { seed: 16 });
    expect(paths(b)).toEqual({ dc: true, jacobi: false });
    expect(paths(b, { maxSweeps: 60 })).toEqual({ dc: false, jacobi: true });
    // At and below min(m, n) = DIVIDE_MIN = 40 Jacobi is as fast, and 'auto' keeps it.
    expect(paths(Matrix.randn(40, 90, { seed: 16 }))).toEqual({ dc: false, jacobi: true });
    expect(paths(Matrix.randn(41, 90, { seed: 16 }))).toEqual({ dc: true, jacobi: false });
    // Wide input is judged on its transpose: the same verdicts.
    expect(paths(scaledHadamard(r(3)).transpose())).toEqual({ dc: true, jacobi: false });
    expect(paths(scaledHadamard(r(5)).transpose())).toEqual({ dc: false, jacobi: true });
  });

  it("a bad method throws InvalidArgument naming 'method'", () => {
    const a = Matrix.fromRows([[1, 2], [3, 4]]);
    const bad = (method: unknown) => () => svd(a, { method: method as Method });
    const msg = "svd: option 'method' must be 'auto', 'jacobi' or 'divideAndConquer'; got ";
    expect(bad('qr')).toThrow(InvalidArgument);
    expect(bad('qr')).toThrow(`${msg}string "qr"`);
    expect(bad('Jacobi')).toThrow(`${msg}string "Jacobi"`);
    expect(bad(3)).toThrow(`${msg}3`);
    // A misspelt key is not silently ignored either.
    expect(() => svd(a, { methd: 'jacobi' } as never)).toThrow(/svd: unknown option 'methd'/);
    // maxSweeps belongs to Jacobi: with 'divideAndConquer' it is refused, not ignored.
    expect(() => svd(a, { method: 'divideAndConquer', maxSweeps: 5 })).toThrow(
      "svd: option 'maxSweeps' caps Jacobi sweeps; it does not apply with method " +
        "'divideAndConquer'",
    );
    // undefined is the default, 'auto'.
    expect(bits(svd(a, { method: undefined }).s)).toEqual(bits(svd(a, { method: 'auto' }).s));
  });
});

describe("svd method 'divideAndConquer': determinism and memory", () => {
  it('two calls give identical bits in U, s and V (tall, wide, square, full)', () => {
    for (const [m, n] of [[40, 24], [24, 40], [33, 33], [7, 5]] as const) {
      const a = Matrix.randn(m, n, { seed: m * 100 + n });
      for (const vectors of ['thin', 'full'] as const) {
        const x = svd(a, { vectors, method: 'divideAndConquer' });
        const y = svd(a, { vectors, method: 'divideAndConquer' });
        expect(bits(y.s)).toEqual(bits(x.s));
        expect(bits(y.U!.data)).toEqual(bits(x.U!.data));
        expect(bits(y.V!.data)).toEqual(bits(x.V!.data));
      }
    }
  });

  // This file runs in Node and in Chromium against the same constants: same seed, same bits.
  // Regenerate (the FNV-1a hash of the bytes of U, s and V) after a kernel or algorithm change.
  it('hashes 97×130 thin and 200×60 full (QR first) to the committed values everywhere', () => {
    const hash = (xs: Float64Array[]) => {
      let h = 0x811c9dc5;
      for (const x of xs) {
        for (const byte of new Uint8Array(x.buffer, x.byteOffset, x.byteLength)) {
          h = Math.imul(h ^ byte, 0x01000193) >>> 0;
        }
      }
      return h.toString(16).padStart(8, '0');
    };
    const f = svd(Matrix.randn(97, 130, { seed: 2026 }), { method: 'divideAndConquer' });
    expect(hash([f.U!.data, f.s, f.V!.data])).toBe('71f80e89');
    const g = svd(Matrix.randn(200, 60, { seed: 2027 }), {
      method: 'divideAndConquer', vectors: 'full',
    });
    expect(hash([g.U!.data, g.s, g.V!.data])).toBe('2e31fdcf');
  });

  it('200 calls on 20×12 (thin, full, none, and its transpose) leave the live blocks flat', () => {
    const a = Matrix.randn(20, 12, { seed: 5 });
    const at = a.transpose();
    const want = svd(a, { method: 'divideAndConquer' });
    const live = wasmLiveBlocks();
    const vectors = ['thin', 'full', 'none'] as const;
    for (let i = 0; i < 200; i++) {
      const f = svd(i % 2 ? at : a, { vectors: vectors[i % 3], method: 'divideAndConquer' });
      if (i % 50 === 0) expect(bits(f.s)).toEqual(bits(want.s));
    }
    expect(wasmLiveBlocks()).toBe(live);
  });
});
