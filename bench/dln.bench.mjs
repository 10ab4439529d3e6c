// Training steps per second of a deep linear network (h = 3, square layers m = d, n = 64 at
// d = 256 and d = 1024, and the paper's small size n = 5, d = 20, m = 10), deeplin's fused Wasm
// step against a plain-JS implementation of the same step, in the same run.
//
//   node bench/dln.bench.mjs [--seconds=1]       (after `npm run build`)
//
// Each size reports the first call (compile and warm-up) apart from the steady state (median
// of timed calls), and checks that both implementations reach the same θ, so neither can be
// optimized away.
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DeepLinearNetwork, Matrix, init } from '../dist/index.js';
import { saveResults } from './lib/results.mjs';

export const SIZES = [
  { n: 64, d: 256, m: 256, h: 3 },
  { n: 64, d: 1024, m: 1024, h: 3 },
  { n: 5, d: 20, m: 10, h: 3 },
];
const STEP = 1e-4;

function configOf({ n, d, m, h }) {
  const A = Matrix.randn(n, d, { seed: 1, scale: 1 / Math.sqrt(d) });
  const b = Matrix.randn(n, 1, { seed: 2 }).data;
  return { A, b, widths: new Array(h).fill(m), init: { kind: 'gaussian' }, seed: 3 };
}

/** The same GD step in plain JS: forward dots, residual, fused backward-and-update sweeps. */
export function plainStep(A, n, d, b, layers, x, work) {
  const h = layers.length;
  const { s, u } = work;
  s[h] = x;
  for (let i = h - 1; i >= 0; i--) {
    const { w, rows, cols } = layers[i];
    const inp = s[i + 1];
    const out = s[i];
    for (let r = 0; r < rows; r++) {
      let acc = 0;
      const o = r * cols;
      for (let c = 0; c < cols; c++) acc += w[o + c] * inp[c];
      out[r] = acc;
    }
  }
  const theta = s[0];
  const r = work.r;
  for (let i = 0; i < n; i++) {
    let acc = -b[i];
    for (let j = 0; j < d; j++) acc += A[i * d + j] * theta[j];
    r[i] = acc;
  }
  const g = u[0];
  g.fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) g[j] += A[i * d + j] * r[i];
  for (let i = 0; i < h; i++) {
    const { w, rows, cols } = layers[i];
    const ui = u[i];
    const next = u[i + 1];
    const si = s[i + 1];
    next.fill(0);
    for (let row = 0; row < rows; row++) {
      const a = ui[row];
      const c = -STEP * a;
      const o = row * cols;
      for (let col = 0; col < cols; col++) {
        const v = w[o + col];
        next[col] += a * v;
        w[o + col] = v + c * si[col];
      }
    }
  }
  for (let j = 0; j < x.length; j++) x[j] -= STEP * u[h][j];
}

function plainState(net, config) {
  const f = net.initialFactors();
  const layers = f.slice(0, -1).map((w) => ({ w: w.data.slice(), rows: w.rows, cols: w.cols }));
  const x = f.at(-1).data.slice();
  const dims = [config.A.cols, ...config.widths];
  const s = dims.map((m) => new Float64Array(m));
  const u = dims.map((m) => new Float64Array(m));
  return { layers, x, work: { s, u, r: new Float64Array(config.A.rows) } };
}

function median(xs) {
  const v = [...xs].sort((a, b) => a - b);
  return v[Math.floor(v.length / 2)];
}

/** Steps per second of `body(steps)` over ~`seconds`, with the first call reported apart. */
function rate(body, seconds) {
  let t0 = performance.now();
  body(1);
  const first = performance.now() - t0;
  // Batches of at least 256 steps (one chunk of a real run, so per-chunk costs — the loss
  // checks, the weight snapshot, the first layer's fold — are amortized as they are there),
  // grown until one call takes ≥ 100 ms.
  let steps = 256;
  for (;;) {
    t0 = performance.now();
    body(steps);
    if (performance.now() - t0 >= 100) break;
    steps *= 2;
  }
  // Wall-clock rates, and rates per second of this process's CPU time (less sensitive to other
  // processes on a busy machine; both are reported).
  const rates = [];
  const cpuRates = [];
  const end = performance.now() + seconds * 1000;
  do {
    const c0 = process.cpuUsage();
    t0 = performance.now();
    body(steps);
    rates.push(steps / ((performance.now() - t0) / 1000));
    const c = process.cpuUsage(c0);
    cpuRates.push(steps / ((c.user + c.system) / 1e6));
  } while (performance.now() < end || rates.length < 3);
  return { firstCallMs: first, stepsPerSecond: median(rates), cpuStepsPerSecond: median(cpuRates) };
}

/** Run every size; returns one row per size and implementation. */
export async function run({ seconds = 1, sizes = SIZES } = {}) {
  await init();
  const rows = [];
  for (const size of sizes) {
    const config = configOf(size);
    const net = new DeepLinearNetwork(config);
    const plain = plainState(net, config);
    const A = config.A.data;

    // Same θ after 5 steps from the same start: the two implementations do the same work.
    const check = new DeepLinearNetwork(config);
    check.train({ step: STEP, maxSteps: 5, lossTol: 0, record: false });
    const probe = plainState(check, config);
    for (let t = 0; t < 5; t++) {
      plainStep(A, size.n, size.d, config.b, probe.layers, probe.x, probe.work);
    }
    plainStep(A, size.n, size.d, config.b, probe.layers, probe.x, probe.work);
    const theta = check.theta();
    let diff = 0;
    let scale = 0;
    // probe.work.s[0] holds θ at the start of the sixth plain step, i.e. after five updates.
    for (let j = 0; j < size.d; j++) {
      diff = Math.max(diff, Math.abs(theta[j] - probe.work.s[0][j]));
      scale = Math.max(scale, Math.abs(theta[j]));
    }
    check.dispose();
    if (!(diff <= 1e-12 * scale)) throw new Error(`dln bench: θ differs from plain JS by ${diff}`);

    const name = `dln:step,n=${size.n},d=${size.d},m=${size.m},h=${size.h}`;
    const wasmRate = rate((steps) => {
      net.train({ step: STEP, maxSteps: steps, lossTol: 0, record: false });
    }, seconds);
    const jsRate = rate((steps) => {
      for (let t = 0; t < steps; t++) {
        plainStep(A, size.n, size.d, config.b, plain.layers, plain.x, plain.work);
      }
    }, seconds);
    if (!Number.isFinite(net.loss())) throw new Error('dln bench: the loss is not finite');
    net.dispose();
    rows.push({ name, impl: 'deeplin', ...size, ...wasmRate });
    rows.push({ name, impl: 'plain-js', ...size, ...jsRate });
  }
  return rows;
}

export function printTable(rows) {
  console.log('| size | deeplin steps/s | plain JS steps/s | ratio | ratio (CPU time) | ' +
    'first call (ms) |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (let i = 0; i < rows.length; i += 2) {
    const w = rows[i];
    const j = rows[i + 1];
    console.log(`| n=${w.n} d=${w.d} m=${w.m} h=${w.h} | ${w.stepsPerSecond.toFixed(0)} | ` +
      `${j.stepsPerSecond.toFixed(0)} | ${(w.stepsPerSecond / j.stepsPerSecond).toFixed(2)}× | ` +
      `${(w.cpuStepsPerSecond / j.cpuStepsPerSecond).toFixed(2)}× | ${w.firstCallMs.toFixed(2)} |`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = process.argv.find((a) => a.startsWith('--seconds='));
  const rows = await run({ seconds: arg ? Number(arg.split('=')[1]) : 1 });
  printTable(rows);
  console.log(`wrote ${saveResults('dln', rows)}`);
}
