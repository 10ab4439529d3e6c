// `npm run bench:numpy`: deeplin against numpy on one OpenBLAS thread, where python3 with numpy
// (and scipy, for BLAS dger) is present. Each comparison runs in its own Node process and
// alternates deeplin with numpy in that one run: GEMM (gemm.mjs), SVD and minimum-norm solve
// against numpy.linalg.svd and lstsq (svd.mjs), the DLN training step against numpy + dger
// (dln_step.mjs), and the whole S3 sweep against its numpy reproduction (sweep.mjs).
//
//   node bench/compare-numpy/run.mjs [gemm|svd|dln_step|sweep ...] [--quick]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { machineLine } from '../machine.mjs';
import { numpyEnv } from './numpy-server.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const ALL = ['gemm', 'svd', 'dln_step', 'sweep'];
const args = process.argv.slice(2);
const flags = args.filter((a) => a.startsWith('--'));
const wanted = args.filter((a) => !a.startsWith('--'));
const unknown = wanted.filter((w) => !ALL.includes(w));
if (unknown.length > 0) {
  console.error(`bench:numpy: no comparison named ${unknown.join(', ')}; have ${ALL.join(', ')}`);
  process.exit(2);
}

const probe = spawnSync('python3', ['-c', 'import numpy, scipy; print(numpy.__version__)'], {
  env: numpyEnv(), encoding: 'utf8',
});
if (probe.status !== 0) {
  console.log('bench:numpy: skipped (python3 with numpy and scipy is not available here)');
  process.exit(0);
}
console.log(machineLine());
console.log(`numpy ${probe.stdout.trim()}, OPENBLAS_NUM_THREADS=1, OPENBLAS_CORETYPE and ` +
  'OPENBLAS_L2_SIZE unset for the python children only');

// The svd and dln_step drivers take their own flag spellings.
const flagsFor = (name) => {
  if (!flags.includes('--quick')) return [];
  if (name === 'dln_step') return ['--rounds=1'];
  return ['--quick'];
};
let failed = 0;
for (const name of wanted.length > 0 ? wanted : ALL) {
  console.log(`\n## numpy: ${name}`);
  const t0 = performance.now();
  const run = spawnSync(process.execPath, [`${here}${name}.mjs`, ...flagsFor(name)], {
    stdio: 'inherit',
  });
  console.log(`(${name}: ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  if (run.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
