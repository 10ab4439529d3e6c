// The benchmark cases as a page runs them: deeplin against ml-matrix and plain JS on the same
// seeded inputs. The browser timer is coarse (5 µs even when cross-origin isolated), so each
// sample times a batch of R calls, R chosen so that a batch takes ≥ 20 ms. Each first result is
// checked before timing and every call feeds a checksum. Results go to window.benchResult.
import { init, Matrix, matmul, matvec, minNormSolution, qr, svd } from '/dist/index.js';
import { mad, maxRelDiff, median } from '/bench/lib/stats.mjs';
import { householderQr, normalMinNorm } from '/bench/lib/plain.mjs';
import '/bench/web/relaxed.mjs';

const Ml = globalThis.mlMatrix;
const params = new URLSearchParams(location.search);
const quick = params.has('quick');
const log = (s) => {
  document.getElementById('log').textContent += `${s}\n`;
};
let sink = 0;
const pick = (out) => (typeof out === 'number' ? out : out[out.length >> 1]);

/** First call apart, then batches of R calls; median and MAD of the per-call times. */
function measure(name, impl, fn, check, work, samples = 7) {
  let t0 = performance.now();
  const out = fn();
  const firstMs = performance.now() - t0;
  const verdict = check(out);
  if (verdict !== true) throw new Error(`${name} ${impl}: check failed: ${verdict}`);
  sink += pick(out);
  let reps = 1;
  for (;;) {
    t0 = performance.now();
    for (let i = 0; i < reps; i++) sink += pick(fn());
    const ms = performance.now() - t0;
    if (ms >= 20 || ms * 3 > 1000) break;
    reps *= 2;
  }
  const per = [];
  for (let s = 0; s < samples; s++) {
    t0 = performance.now();
    for (let i = 0; i < reps; i++) sink += pick(fn());
    per.push((performance.now() - t0) / reps);
  }
  const med = median(per);
  return {
    name, batch: reps, impl, precision: 'f64', firstMs, medianMs: med,
    madMs: mad(per), samples, rate: work ? work / med / 1e6 : 1000 / med,
    unit: work ? 'GF/s' : 'calls/s',
  };
}

function plainMatmul(a, b, n) {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < n; p++) {
      const aip = a[i * n + p];
      for (let j = 0; j < n; j++) c[i * n + j] += aip * b[p * n + j];
    }
  }
  return c;
}

function plainMatvec(a, m, n, x) {
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += a[i * n + j] * x[j];
    y[i] = s;
  }
  return y;
}

const near = (ref, tol) => (out) => {
  const d = maxRelDiff(out, ref);
  return d <= tol || `off by ${d}`;
};

async function run() {
  await init();
  const groups = { gemm: [], gemv: [], qr: [], minnorm: [], svd: [] };
  for (const n of quick ? [64, 256] : [64, 128, 256, 512]) {
    const a = Matrix.randn(n, n, { seed: 1 });
    const b = Matrix.randn(n, n, { seed: 2 });
    const ref = plainMatmul(a.data, b.data, n);
    const ma = new Ml.Matrix(a.toArray());
    const mb = new Ml.Matrix(b.toArray());
    const w = 2 * n ** 3;
    const name = `gemm:n=${n},tA=0,tB=0`;
    const close = near(ref, 1e-13);
    groups.gemm.push(measure(name, 'deeplin matmul', () => matmul(a, b).data, close, w));
    groups.gemm.push(measure(name, 'ml-matrix', () => ma.mmul(mb).to1DArray(), close, w));
    groups.gemm.push(measure(name, 'plain JS', () => plainMatmul(a.data, b.data, n),
      near(ref, 0), w));
    log(`done ${name}`);
  }
  for (const [m, n] of [[256, 256], [1024, 1024], [64, 1024]]) {
    const a = Matrix.randn(m, n, { seed: 3 });
    const x = Matrix.randn(n, 1, { seed: 4 }).data;
    const ref = plainMatvec(a.data, m, n, x);
    const ma = new Ml.Matrix(a.toArray());
    const mx = Ml.Matrix.columnVector(Array.from(x));
    const name = `gemv:m=${m},n=${n},tA=0`;
    groups.gemv.push(measure(name, 'deeplin matvec', () => matvec(a, x), near(ref, 1e-13),
      2 * m * n));
    groups.gemv.push(measure(name, 'ml-matrix', () => ma.mmul(mx).to1DArray(), near(ref, 1e-13),
      2 * m * n));
    groups.gemv.push(measure(name, 'plain JS', () => plainMatvec(a.data, m, n, x), near(ref, 0),
      2 * m * n));
    log(`done ${name}`);
  }
  for (const [m, n] of quick ? [[64, 128]] : [[64, 128], [128, 256], [256, 512]]) {
    const a = Matrix.randn(m, n, { seed: m * 31 + n });
    const b = Matrix.randn(m, 1, { seed: 5 }).data;
    const t = a.transpose();
    const rq = householderQr(t.data, n, m);
    // R is unique up to the signs of its rows: compare |R|.
    const absR = (r) => Float64Array.from(r, Math.abs);
    const qrName = `qr:m=${n},n=${m},reduced`;
    groups.qr.push(measure(qrName, 'deeplin qr', () => absR(qr(t).R.data),
      near(absR(rq.r), 1e-10)));
    groups.qr.push(measure(qrName, 'plain JS', () => absR(householderQr(t.data, n, m).r),
      near(absR(rq.r), 0)));
    const x = normalMinNorm(a.data, m, n, b);
    const mnName = `minnorm:m=${m},n=${n},k=1`;
    groups.minnorm.push(measure(mnName, 'deeplin minNormSolution', () => minNormSolution(a, b),
      near(x, 1e-7)));
    groups.minnorm.push(measure(mnName, 'plain JS', () => normalMinNorm(a.data, m, n, b),
      near(x, 0)));
    if (m * n <= 128 * 256) {
      const sv = new Ml.SingularValueDecomposition(new Ml.Matrix(a.toArray()),
        { autoTranspose: true }).diagonal;
      const svName = `svd:m=${m},n=${n},thin`;
      const values = Float64Array.from(sv);
      groups.svd.push(measure(svName, 'deeplin svd', () => svd(a).s, near(values, 1e-10)));
      groups.svd.push(measure(svName, 'ml-matrix', () => Float64Array.from(
        new Ml.SingularValueDecomposition(new Ml.Matrix(a.toArray()), { autoTranspose: true })
          .diagonal), near(Float64Array.from(sv), 0), undefined, 3));
    }
    log(`done ${m}×${n}`);
  }
  if (!Number.isFinite(sink)) throw new Error('checksum is not finite');
  return {
    groups, checksum: sink, userAgent: navigator.userAgent, isolated: crossOriginIsolated,
    cores: navigator.hardwareConcurrency,
  };
}

window.benchResult = run().catch((e) => ({ error: String(e?.stack ?? e) }));
