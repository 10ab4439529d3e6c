// Benchmark dispatcher: `node bench/run.mjs gemm qr` runs bench/gemm.bench.mjs and
// bench/qr.bench.mjs; with no suite named, every bench/*.bench.mjs runs, one after another,
// each in its own Node process so that one suite's JIT state and heap do not colour the next.
// The default run passes --quick to every suite (smaller size sets, every baseline still in;
// a few minutes on 2 cores); --full runs the complete size sets of BENCHMARKS.md. Other flags
// are passed on. Each suite prints its tables and merges its rows into
// bench/results/<date>.json (bench/lib/results.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { machineLine } from './machine.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .map((f) => f.slice(0, -'.bench.mjs'.length))
  .sort();

const args = process.argv.slice(2);
const full = args.includes('--full');
const flags = args.filter((a) => a.startsWith('--') && a !== '--full');
if (!full && !flags.includes('--quick')) flags.push('--quick');
const wanted = args.filter((a) => !a.startsWith('--'));
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`bench/run.mjs: no suite named ${unknown.join(', ')}; ` +
    `available: ${available.join(', ') || 'none'}`);
  process.exit(2);
}
if (!existsSync(new URL('../dist/index.js', import.meta.url))) {
  console.error('bench/run.mjs: dist/ is missing; run `npm run build` first');
  process.exit(2);
}

console.log(machineLine());
console.log(full ? 'full size sets' : 'quick size sets (--full for all)');
let failed = 0;
const start = performance.now();
for (const name of wanted.length > 0 ? wanted : available) {
  console.log(`\n## bench: ${name}`);
  const t0 = performance.now();
  const run = spawnSync(process.execPath, [`${here}${name}.bench.mjs`, ...flags], {
    stdio: 'inherit',
  });
  console.log(`(${name}: ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  if (run.status !== 0) {
    console.error(`bench/run.mjs: ${name} exited with status ${run.status}`);
    failed++;
  }
}
console.log(`\nall suites: ${((performance.now() - start) / 1000).toFixed(0)} s`);
process.exit(failed > 0 ? 1 : 0);
