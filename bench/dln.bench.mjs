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
import { DeepLinearNetwork, init } from '../dist/index.js';
import {
  SIZES, STEP, checkSameTheta, configOf, dlnCaseName, plainState, plainSteps,
} from './lib/dln-plain.mjs';
import { saveResults } from './lib/results.mjs';

export { SIZES, plainStep } from './lib/dln-plain.mjs';

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

    checkSameTheta(size, config);

    const name = dlnCaseName(size);
    const wasmRate = rate((steps) => {
      net.train({ step: STEP, maxSteps: steps, lossTol: 0, record: false });
    }, seconds);
    const jsRate = rate((steps) => {
      plainSteps(size, config, plain, steps);
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
