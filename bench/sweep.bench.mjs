// A whole scenario sweep, the unit a user of the reproduction waits for: S3's grid (323 training
// runs to loss < 1e-25 or 50 000 steps) through the library's runner (runSweep, worker threads,
// run logs in a temporary folder) with 1 and 2 workers. The quick grid runs first and is
// reported apart (worker start-up, Wasm compile, JIT). Each sweep is checked: every config has
// its row and every check of the scenario's summary passes (T2 to 1e-9, the C9 slopes).
//
//   node bench/run.mjs sweep [--quick] [--scenario=S3]        (after `npm run build`)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { init } from '../dist/index.js';
import {
  loadScenarios, runSweep, scenarioModuleUrl, selectScenarios,
} from '../dist/experiments/node.js';
import { machineLine } from './machine.mjs';
import { saveResults } from './lib/results.mjs';
import { printTable } from './lib/table.mjs';

const quick = process.argv.includes('--quick');
const id = process.argv.find((a) => a.startsWith('--scenario='))?.split('=')[1] ?? 'S3';

/** One sweep in a fresh folder; returns its wall time, steps and the failed checks. */
export async function timeSweep(scenario, { quick: small, jobs }) {
  const outDir = mkdtempSync(join(tmpdir(), 'deeplin-bench-sweep-'));
  try {
    const t0 = performance.now();
    const [outcome] = await runSweep([scenario], {
      quick: small, jobs, outDir, moduleUrl: scenarioModuleUrl(), fresh: true,
    });
    const wallMs = performance.now() - t0;
    const rows = outcome.rows.flatMap((r) => {
      if (r === undefined) {
        throw new Error(`sweep bench: ${scenario.id} left a config without rows`);
      }
      return r;
    });
    const failed = scenario.summarize(rows).checks.filter((c) => !c.pass).map((c) => c.name);
    const steps = rows.reduce((s, r) => s + (typeof r.steps === 'number' ? r.steps : 0), 0);
    return { wallMs, configs: outcome.configs.length, steps, failed, rows };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await init();
  console.log(machineLine());
  const [scenario] = selectScenarios(await loadScenarios(scenarioModuleUrl()), [id]);
  const first = await timeSweep(scenario, { quick: true, jobs: 1 });
  const rows = [];
  for (const jobs of [1, 2]) {
    const r = await timeSweep(scenario, { quick, jobs });
    if (r.failed.length > 0) throw new Error(`sweep bench: checks failed: ${r.failed.join(', ')}`);
    rows.push({
      name: `sweep:${scenario.id},grid=${quick ? 'quick' : 'default'},configs=${r.configs}`,
      impl: `deeplin runSweep --jobs ${jobs}`, precision: 'f64',
      firstMs: jobs === 1 ? first.wallMs : null, medianMs: r.wallMs, madMs: 0, samples: 1,
      rate: r.steps / (r.wallMs / 1000), unit: 'GD steps/s', steps: r.steps, configs: r.configs,
    });
  }
  printTable(`Whole sweep (${scenario.id}); one run each, so no spread; first = the quick grid, ` +
    'cold', rows, ['deeplin runSweep --jobs 1']);
  console.log(`\nwrote ${saveResults('sweep', rows, { quick })}`);
}
