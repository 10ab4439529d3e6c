// Alternates deeplin's training step and numpy's (gemv + in-place BLAS dger, one thread) on the
// same sizes, round after round, so that both see the same machine load; prints the median
// steps per second of each and their ratio.
//
//   node bench/compare-numpy/dln_step.mjs [--rounds=3] [--seconds=1]   (after `npm run build`)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SIZES, run } from '../dln.bench.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const arg = (name, fallback) => {
  const a = process.argv.find((v) => v.startsWith(`--${name}=`));
  return a ? Number(a.split('=')[1]) : fallback;
};
const rounds = arg('rounds', 3);
const seconds = arg('seconds', 1);

function numpy(size) {
  // One thread, and no core-type or L2 overrides: only for this child process.
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1' };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const spec = `${size.n},${size.d},${size.m},${size.h}`;
  const out = spawnSync('python3', [`${here}dln_step.py`, spec, `--seconds=${seconds}`], {
    env, encoding: 'utf8',
  });
  if (out.status !== 0) throw new Error(`dln_step.py failed: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').at(-1));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = SIZES.map(() => ({ deeplin: [], numpy: [], ratio: [], cpuRatio: [] }));
for (let r = 0; r < rounds; r++) {
  for (let i = 0; i < SIZES.length; i++) {
    const [row] = await run({ seconds, sizes: [SIZES[i]] });
    const np = numpy(SIZES[i]);
    results[i].deeplin.push(row.stepsPerSecond);
    results[i].numpy.push(np.stepsPerSecond);
    results[i].ratio.push(row.stepsPerSecond / np.stepsPerSecond);
    results[i].cpuRatio.push(row.cpuStepsPerSecond / np.cpuStepsPerSecond);
  }
}

console.log(`| size | deeplin steps/s | numpy+dger steps/s | ratio | ratio (CPU time) |`);
console.log('| --- | ---: | ---: | ---: | ---: |');
SIZES.forEach((s, i) => {
  const r = results[i];
  console.log(`| n=${s.n} d=${s.d} m=${s.m} h=${s.h} | ${median(r.deeplin).toFixed(0)} | ` +
    `${median(r.numpy).toFixed(0)} | ${median(r.ratio).toFixed(2)}× | ` +
    `${median(r.cpuRatio).toFixed(2)}× |`);
});
console.log(`(medians of ${rounds} alternating rounds; ratios are taken per round)`);
