// C = A·B for square n×n operands: deeplin (the public matmul, and the dgemm kernel alone on
// operands already in Wasm memory) against ml-matrix's mmul and a plain JS triple loop, all in
// this one process. Every result is checked against deeplin's, and each timed call feeds a
// checksum, so no work can be optimised away. The first call at each size is timed apart from
// the steady state that tinybench measures.
//
// Each size is measured twice: by the wall clock (what a user waits), then by this process's
// CPU time (process.cpuUsage), which leaves out the time the OS gives to other processes; on a
// shared, busy machine the second is the steadier guide to the code's own speed.
//
// Beside them runs the machine's f64x2 ceiling (bench/ceiling/): a register-only loop of
// independent multiplies and adds doing the same 2n³ flops, so "% ceiling" says how much of what
// this core gave at that moment dgemm used, whatever the clock and the neighbours were doing.
//
// The relaxed-SIMD module (fused multiply-add tile, what init({ relaxedSimd: true }) loads where
// the runtime validates it) gets its own row, its dgemm timed on operands in its own memory
// beside the portable kernel's, with the ratio between the two. Node 20 validates relaxed SIMD
// only with --experimental-wasm-relaxed-simd, so without it this suite reruns itself in a child
// Node with the flag (the flag changes nothing for the portable module); --no-relaxed skips it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Matrix as MlMatrix } from 'ml-matrix';
import { Bench } from 'tinybench';
import { fileURLToPath } from 'node:url';
import { init, Matrix, matmul } from '../dist/index.js';
import { wasm } from '../dist/core/wasm.js';
import { instantiate } from '../dist/core/generated/kernels.js';
import { wasmBase64 as relaxedBase64 } from '../dist/core/generated/kernels-relaxed-base64.js';
import { f64View } from '../dist/core/memory.js';
import { machine, machineLine } from './machine.mjs';
import { loadCeiling } from './ceiling/build.mjs';
import { ceilingTask } from './ceiling/task.mjs';
import { plainMatmul } from './lib/plain.mjs';
import { saveResults } from './lib/results.mjs';

// --quick (the default of bench/run.mjs) leaves out n = 1024, where ml-matrix takes seconds.
const SIZES = process.argv.includes('--quick') ? [64, 128, 256, 512] : [64, 128, 256, 512, 1024];
/** Skip the plain loop where its call, predicted from the size before (n³), exceeds this. */
const PLAIN_LIMIT_MS = 5000;

/** Fewer timed iterations as n grows: the largest products take a second or more each. */
function benchOptions(n) {
  if (n <= 128) return { time: 600, iterations: 20, warmupIterations: 5, warmupTime: 100 };
  if (n <= 256) return { time: 600, iterations: 10, warmupIterations: 3, warmupTime: 50 };
  if (n <= 512) return { time: 0, iterations: 5, warmupIterations: 1, warmupTime: 0 };
  return { time: 0, iterations: 3, warmupIterations: 1, warmupTime: 0 };
}

function maxRelDiff(x, ref) {
  let worst = 0, scale = 0;
  for (let i = 0; i < ref.length; i++) scale = Math.max(scale, Math.abs(ref[i]));
  for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs(x[i] - ref[i]));
  return worst / scale;
}

/** CPU time of this process in ms (user + system), for tinybench's `now`. */
function cpuNow() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function timeOnce(fn) {
  const t0 = performance.now();
  const out = fn();
  return [performance.now() - t0, out];
}

const RELAXED_FLAG = '--experimental-wasm-relaxed-simd';
const relaxedBytes = Buffer.from(relaxedBase64, 'base64');
const wantRelaxed = !process.argv.includes('--no-relaxed');
const flagged = process.execArgv.includes(RELAXED_FLAG);
if (wantRelaxed && !WebAssembly.validate(relaxedBytes) && !flagged) {
  const run = spawnSync(process.execPath, [
    ...process.execArgv, RELAXED_FLAG, fileURLToPath(import.meta.url), ...process.argv.slice(2),
  ], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}
/** The relaxed module's raw exports, or undefined where it does not validate even so. */
const rk = wantRelaxed && WebAssembly.validate(relaxedBytes)
  ? await instantiate(await WebAssembly.compile(relaxedBytes), {}) : undefined;
if (wantRelaxed && !rk) console.log('relaxed SIMD does not validate here: no relaxed row');

await init();
const k = wasm();
const ceiling = await loadCeiling();
const CEILING = ceilingTask(ceiling, 1).impl;
const info = machine();
console.log(machineLine(info));
let sink = 0;
const rows = [];
let plainPrevious; // [n, median ms] of the plain loop at the last size it ran

for (const n of SIZES) {
  const a = Matrix.randn(n, n, { seed: 1 });
  const b = Matrix.randn(n, n, { seed: 2 });
  const mlA = new MlMatrix(a.toArray()), mlB = new MlMatrix(b.toArray());
  const flops = 2 * n ** 3;
  const ceilingRun = ceilingTask(ceiling, flops);

  // Operands resident in Wasm memory for the kernel-only task (no copies, no validation).
  const pa = k.allocBytes(8 * n * n), pb = k.allocBytes(8 * n * n), pc = k.allocBytes(8 * n * n);
  f64View(pa, n * n).set(a.data);
  f64View(pb, n * n).set(b.data);
  const kernel = () => k.dgemm(0, 0, n, n, n, 1, pa, n, pb, n, 0, pc, n);
  let rp;
  if (rk) {
    rp = [rk.allocBytes(8 * n * n), rk.allocBytes(8 * n * n), rk.allocBytes(8 * n * n)];
    new Float64Array(rk.memory.buffer, rp[0], n * n).set(a.data);
    new Float64Array(rk.memory.buffer, rp[1], n * n).set(b.data);
  }

  const tasks = {
    'deeplin matmul': () => matmul(a, b).data,
    'deeplin dgemm kernel': () => {
      kernel();
      return f64View(pc, n * n);
    },
    ...(rk ? {
      'deeplin dgemm relaxed': () => {
        rk.dgemm(0, 0, n, n, n, 1, rp[0], n, rp[1], n, 0, rp[2], n);
        return new Float64Array(rk.memory.buffer, rp[2], n * n);
      },
    } : {}),
    'ml-matrix mmul': () => Float64Array.from(mlA.mmul(mlB).to1DArray()),
    [CEILING]: ceilingRun.fn,
    'plain JS loop': () => plainMatmul(a.data, b.data, n),
  };

  const predictedPlain = plainPrevious ? plainPrevious[1] * (n / plainPrevious[0]) ** 3 : 0;
  const skipPlain = predictedPlain > PLAIN_LIMIT_MS;
  if (skipPlain) delete tasks['plain JS loop'];

  // First calls, each checked against deeplin's product.
  const first = {};
  let reference;
  for (const [name, fn] of Object.entries(tasks)) {
    const [ms, out] = timeOnce(fn);
    first[name] = ms;
    if (name === CEILING) {
      const verdict = ceilingRun.check(out);
      if (verdict !== true) throw new Error(`gemm bench: ceiling at n=${n}: ${verdict}`);
      continue;
    }
    reference ??= Float64Array.from(out);
    const diff = maxRelDiff(out, reference);
    if (!(diff <= 1e-13)) throw new Error(`gemm bench: ${name} at n=${n} is off by ${diff}`);
  }

  for (const [clock, now] of [['wall', undefined], ['cpu', cpuNow]]) {
    const bench = new Bench({ name: `gemm n=${n} (${clock})`, ...benchOptions(n), now });
    for (const [name, fn] of Object.entries(tasks)) {
      bench.add(name, () => {
        const out = fn();
        sink += out[Math.min(n + 1, out.length - 1)];
      });
    }
    await bench.run();

    for (const task of bench.tasks) {
      const lat = task.result.latency;
      const taskFlops = task.name === CEILING ? 40 * ceilingRun.steps : flops;
      rows.push({
        // The first call is timed once, by the wall clock.
        clock, n, task: task.name, firstMs: clock === 'wall' ? first[task.name] : undefined,
        medianMs: lat.p50,
        meanMs: lat.mean, rmePct: lat.rme, samples: lat.samplesCount,
        gflops: taskFlops / lat.p50 / 1e6, bestGflops: taskFlops / lat.min / 1e6,
      });
    }
  }
  const plain = rows.find((r) => r.n === n && r.task === 'plain JS loop' && r.clock === 'wall');
  if (plain) plainPrevious = [n, plain.medianMs];
  if (skipPlain) {
    for (const clock of ['wall', 'cpu']) {
      rows.push({ clock, n, task: 'plain JS loop', predictedMs: predictedPlain, skipped: true });
    }
  }
  k.freeBytes(pa);
  k.freeBytes(pb);
  k.freeBytes(pc);
  rp?.forEach((p) => rk.freeBytes(p));
}

// Ratios are taken within one size of this run: steady-state medians against each baseline.
for (const row of rows) {
  if (row.skipped) continue;
  const base = (name) =>
    rows.find((r) => r.clock === row.clock && r.n === row.n && r.task === name && !r.skipped);
  row.vsMlMatrix = base('ml-matrix mmul') ? base('ml-matrix mmul').medianMs / row.medianMs : null;
  row.vsPlainJs = base('plain JS loop') ? base('plain JS loop').medianMs / row.medianMs : null;
  // The relaxed module's gain: its dgemm against the portable dgemm on the same operands.
  row.ofCeiling = base(CEILING) && row.task.startsWith('deeplin')
    ? row.gflops / base(CEILING).gflops : null;
  row.vsPortable = row.task === 'deeplin dgemm relaxed'
    ? base('deeplin dgemm kernel').medianMs / row.medianMs : null;
}

const fmt = (x, d = 2) => (x === null || x === undefined ? '—' : x.toFixed(d));
for (const clock of ['wall', 'cpu']) {
  // GF/s is 2n³ over the median; "best" over the fastest call.
  console.log(`\n${clock === 'wall' ? 'Wall-clock time' : 'CPU time of this process'}`);
  console.log('   n  task                   first ms   median ms   rme %    GF/s    best' +
    '   ×ml-matrix  ×plain JS  ×portable  % ceiling');
  for (const r of rows.filter((row) => row.clock === clock)) {
    if (r.skipped) {
      console.log(`${String(r.n).padStart(4)}  ${r.task.padEnd(21)}         —` +
        `   (skipped: predicted ${fmt(r.predictedMs / 1000, 0)} s a call, limit` +
        ` ${PLAIN_LIMIT_MS / 1000} s)`);
      continue;
    }
    console.log(`${String(r.n).padStart(4)}  ${r.task.padEnd(21)}` +
      ` ${fmt(r.firstMs, 2).padStart(9)}` +
      ` ${fmt(r.medianMs, 3).padStart(11)} ${fmt(r.rmePct, 1).padStart(7)}` +
      ` ${fmt(r.gflops).padStart(7)} ${fmt(r.bestGflops).padStart(7)}` +
      ` ${fmt(r.vsMlMatrix, 1).padStart(11)} ${fmt(r.vsPlainJs, 1).padStart(10)}` +
      ` ${fmt(r.vsPortable, 2).padStart(10)}` +
      ` ${r.ofCeiling ? fmt(100 * r.ofCeiling, 0).padStart(10) : '         —'}`);
  }
}
if (!Number.isFinite(sink)) throw new Error('gemm bench: checksum is not finite');
console.log(`checksum ${sink.toExponential(6)} (keeps every timed product live)`);

const date = new Date().toISOString();
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
const quickSet = process.argv.includes('--quick') ? '-quick' : '';
const file = new URL(`./results/gemm-${date.slice(0, 10)}${quickSet}.json`, import.meta.url);
writeFileSync(file, `${JSON.stringify({ suite: 'gemm', date, machine: info, rows }, null, 1)}\n`);
console.log(`wrote ${file.pathname}`);
console.log(`wrote ${saveResults('gemm', rows)} (merged with the other suites)`);
