// Benchmark dispatcher: `node bench/run.mjs gemm` runs bench/gemm.bench.mjs; with no argument
// every bench/*.bench.mjs runs, one after another, each in its own Node process so that one
// suite's JIT state and heap do not colour the next.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .map((f) => f.slice(0, -'.bench.mjs'.length))
  .sort();

const wanted = process.argv.slice(2);
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

let failed = 0;
for (const name of wanted.length > 0 ? wanted : available) {
  console.log(`\n# bench: ${name}`);
  const run = spawnSync(process.execPath, [`${here}${name}.bench.mjs`], { stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`bench/run.mjs: ${name} exited with status ${run.status}`);
    failed++;
  }
}
process.exit(failed > 0 ? 1 : 0);
