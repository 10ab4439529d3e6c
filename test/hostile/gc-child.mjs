// Run by finalizer.node.test.ts as `node --expose-gc gc-child.mjs <dist>`: prints one JSON line
// with live Wasm blocks and JS heap figures around (1) networks dropped without dispose() and
// collected, and (2) a million tiny calls.
import { pathToFileURL } from 'node:url';

const dist = process.argv[2];
const lib = await import(pathToFileURL(`${dist}/index.js`).href);
const { wasmLiveBlocks } = await import(pathToFileURL(`${dist}/core/memory.js`).href);
await lib.init();

async function collect() {
  // Finalization callbacks run as tasks after a collection; give them a few turns.
  for (let i = 0; i < 10; i++) {
    globalThis.gc();
    await new Promise((r) => setTimeout(r, 10));
  }
}

const A = lib.Matrix.randn(4, 9, { seed: 1 });
const b = lib.Matrix.randn(4, 1, { seed: 2 }).data;
await collect();
const baseline = wasmLiveBlocks();

function dropNetworks(count) {
  for (let i = 0; i < count; i++) {
    const net = new lib.DeepLinearNetwork({
      A, b, widths: [8, 8], init: { kind: 'gaussian' }, seed: i,
    });
    net.train({ step: 'auto', maxSteps: 20, momentum: i % 2 ? 0.5 : 0 });
  }
}
dropNetworks(200);
const held = wasmLiveBlocks();
await collect();
const afterGc = wasmLiveBlocks();

// A disposed network must not be freed a second time by the finalizer.
const kept = new lib.DeepLinearNetwork({ A, b, widths: [3], init: { kind: 'gaussian' }, seed: 9 });
kept.dispose();
await collect();
const afterDispose = wasmLiveBlocks();

const x = Float64Array.of(1, 2, 3, 4);
for (let i = 0; i < 10_000; i++) lib.dot(x, x);
await collect();
const heap0 = process.memoryUsage().heapUsed;
const bytes0 = lib.wasmMemoryBytes();
for (let i = 0; i < 1_000_000; i++) lib.dot(x, x);
await collect();
const heap1 = process.memoryUsage().heapUsed;

console.log(JSON.stringify({
  baseline, held, afterGc, afterDispose, heap0, heap1,
  bytes0, bytes1: lib.wasmMemoryBytes(), liveAfterDots: wasmLiveBlocks(),
}));
