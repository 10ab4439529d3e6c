// The relaxed-SIMD column of the Chromium GEMM table: the portable and the relaxed module's
// dgemm (what init() and init({ relaxedSimd: true }) load), each instantiated here on its own
// memory and timed alternately, batch against batch, on the same seeded operands. The page's
// own thread keeps the portable module of init(), so both are raw instances of the embedded
// bytes. The rows join the page's gemm group under the same case names.
//
// suites.mjs imports this file once and does nothing else with it: the page's result promise
// (window.benchResult, assigned once by suites.mjs) is caught by a setter and extended with these
// rows after the page's own suites have run, so the two never time at once.
import { Matrix } from '/dist/index.js';
import { instantiate } from '/dist/core/generated/kernels.js';
import { wasmBase64 } from '/dist/core/generated/kernels-base64.js';
import { wasmBase64 as relaxedBase64 } from '/dist/core/generated/kernels-relaxed-base64.js';
import { mad, maxRelDiff, median } from '/bench/lib/stats.mjs';

const quick = new URLSearchParams(location.search).has('quick');
const bytesOf = (b64) => Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
let sink = 0;

/** One module's dgemm on n×n operands copied into its memory; returns C as a view. */
function gemmOn(k, a, b, n) {
  const [pa, pb, pc] = [0, 1, 2].map(() => k.allocBytes(8 * n * n));
  new Float64Array(k.memory.buffer, pa, n * n).set(a.data);
  new Float64Array(k.memory.buffer, pb, n * n).set(b.data);
  const call = () => {
    k.dgemm(0, 0, n, n, n, 1, pa, n, pb, n, 0, pc, n);
    return new Float64Array(k.memory.buffer, pc, n * n);
  };
  call.free = () => [pa, pb, pc].forEach((p) => k.freeBytes(p));
  return call;
}

/** Calls per batch so that one batch takes ≥ 20 ms (the browser timer is coarse). */
function batchSize(fn) {
  for (let reps = 1; ; reps *= 2) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) sink += fn()[0];
    const ms = performance.now() - t0;
    if (ms >= 20 || ms * 3 > 1000) return reps;
  }
}

async function relaxedRows() {
  const relaxedBytes = bytesOf(relaxedBase64);
  if (!WebAssembly.validate(relaxedBytes)) {
    return [{ name: 'gemm', impl: 'deeplin dgemm relaxed', firstMs: null,
      skipped: 'relaxed SIMD does not validate in this browser' }];
  }
  const modules = {
    'deeplin dgemm portable': await instantiate(await WebAssembly.compile(bytesOf(wasmBase64))),
    'deeplin dgemm relaxed': await instantiate(await WebAssembly.compile(relaxedBytes)),
  };
  const rows = [];
  for (const n of quick ? [64, 256] : [64, 128, 256, 512, 1024]) {
    const a = Matrix.randn(n, n, { seed: 1 });
    const b = Matrix.randn(n, n, { seed: 2 });
    const impls = Object.entries(modules).map(([impl, k]) => ({ impl, fn: gemmOn(k, a, b, n) }));
    let ref;
    for (const it of impls) {
      const t0 = performance.now();
      const out = it.fn();
      it.firstMs = performance.now() - t0;
      ref ??= Float64Array.from(out);
      const d = maxRelDiff(out, ref);
      if (!(d <= 1e-13)) throw new Error(`relaxed suite: ${it.impl} at n=${n} is off by ${d}`);
      it.reps = batchSize(it.fn);
      it.per = [];
    }
    for (let s = 0; s < 7; s++) {
      for (const it of impls) {
        const t0 = performance.now();
        for (let i = 0; i < it.reps; i++) sink += it.fn()[n + 1];
        it.per.push((performance.now() - t0) / it.reps);
      }
    }
    for (const it of impls) {
      const med = median(it.per);
      rows.push({
        name: `gemm:n=${n},tA=0,tB=0`, impl: it.impl, precision: 'f64', firstMs: it.firstMs,
        medianMs: med, madMs: mad(it.per), samples: it.per.length, batch: it.reps,
        rate: (2 * n ** 3) / med / 1e6, unit: 'GF/s',
      });
      it.fn.free();
    }
  }
  if (!Number.isFinite(sink)) throw new Error('relaxed suite: checksum is not finite');
  return rows;
}

let result;
Object.defineProperty(window, 'benchResult', {
  configurable: true,
  get: () => result,
  set: (pagePromise) => {
    result = Promise.resolve(pagePromise).then(async (res) => {
      if (!res || res.error) return res;
      try {
        res.groups.gemm.push(...await relaxedRows());
      } catch (e) {
        return { error: String(e?.stack ?? e) };
      }
      return res;
    });
  },
});
