// The whole reproduction of one scenario against numpy: S3's grid run by deeplin's runner (1
// and 2 worker threads, everything included: problems, step rule, training, rows, run logs)
// and the same training runs in numpy (sweep.py, one OpenBLAS thread, only its training loops
// timed). The inputs come from deeplin (sweep-configs.mjs), so both start from the same bits;
// the table reports how many runs stop at the same step count and the same reason.
//
//   node bench/compare-numpy/sweep.mjs [--quick]        (after `npm run build`)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  loadScenarios, scenarioModuleUrl, selectScenarios,
} from '../../dist/experiments/node.js';
import { machineLine } from '../machine.mjs';
import { saveResults } from '../lib/results.mjs';
import { printTable } from '../lib/table.mjs';
import { timeSweep } from '../sweep.bench.mjs';
import { numpyEnv } from './numpy-server.mjs';
import { sweepInputs } from './sweep-configs.mjs';

const quick = process.argv.includes('--quick');
const id = 'S3';

function numpySweep(file) {
  const script = fileURLToPath(new URL('./sweep.py', import.meta.url));
  const out = spawnSync('python3', [script, file], {
    env: numpyEnv(), encoding: 'utf8', maxBuffer: 1 << 26,
  });
  if (out.status !== 0) throw new Error(`sweep.py failed: ${out.stderr}`);
  const [header, runs, total] = out.stdout.trim().split('\n').map((l) => JSON.parse(l));
  return { header, runs, seconds: total.trainSeconds };
}

export async function run() {
  const inputs = await sweepInputs(id, quick);
  const folder = mkdtempSync(join(tmpdir(), 'deeplin-sweep-'));
  const file = join(folder, 'runs.json');
  writeFileSync(file, JSON.stringify(inputs));
  const [scenario] = selectScenarios(await loadScenarios(scenarioModuleUrl()), [id]);
  try {
    await timeSweep(scenario, { quick: true, jobs: 1 }); // warm-up: worker start, Wasm compile
    const j1 = await timeSweep(scenario, { quick, jobs: 1 });
    const np = numpySweep(file);
    const j2 = await timeSweep(scenario, { quick, jobs: 2 });
    for (const r of [j1, j2]) {
      if (r.failed.length > 0) throw new Error(`sweep vs numpy: checks failed: ${r.failed}`);
    }

    // Same stopping point: step counts and reasons, run by run (rows follow config order).
    let sameSteps = 0;
    let sameReason = 0;
    let worst = 0;
    np.runs.forEach((p, i) => {
      const ours = j1.rows[i];
      if (p.steps === ours.steps) sameSteps++;
      if ((p.reason === 'loss') === (ours.converged === true)) sameReason++;
      worst = Math.max(worst, Math.abs(p.steps - ours.steps) / Math.max(1, ours.steps));
    });
    const npSteps = np.runs.reduce((s, p) => s + p.steps, 0);
    const name = `sweep:${id},grid=${quick ? 'quick' : 'default'},configs=${inputs.length}`;
    const row = (impl, ms, steps) => ({
      name, impl, precision: 'f64', firstMs: null, medianMs: ms, madMs: 0, samples: 1,
      rate: steps / (ms / 1000), unit: 'GD steps/s',
    });
    const rows = [
      row('numpy+dger (1 thread, loops only)', 1000 * np.seconds, npSteps),
      row('deeplin runSweep --jobs 1', j1.wallMs, j1.steps),
      row('deeplin runSweep --jobs 2', j2.wallMs, j2.steps),
    ];
    const agreement = { configs: inputs.length, sameSteps, sameReason, worstRelStepGap: worst };
    return { rows, header: np.header, agreement };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(machineLine());
  const { rows, header, agreement } = await run();
  console.log(`numpy ${header.numpy}; BLAS: ${JSON.stringify(header.blas)}`);
  printTable(`Whole S3 sweep against numpy (one run each; deeplin wall time includes setup, ` +
    'numpy only its training loops)', rows, ['numpy+dger (1 thread, loops only)']);
  console.log(`\nsame stopping step in ${agreement.sameSteps}/${agreement.configs} runs, ` +
    `same converged/not in ${agreement.sameReason}/${agreement.configs}, largest relative ` +
    `step-count gap ${agreement.worstRelStepGap.toExponential(2)}`);
  console.log(`wrote ${saveResults('numpy-sweep', rows, { numpy: header, agreement, quick })}`);
}
