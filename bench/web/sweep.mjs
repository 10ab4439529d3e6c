// Suite 'sweep' (bench/sweep.bench.mjs in the page): a whole scenario sweep, S3's grid (323
// training runs to loss < 1e-25 or 50 000 steps), run in the page's own thread and on a pool of
// 1 and 2 Web Workers (each loads its own kernels, as the demo's worker does; start-up is in
// the time). The quick grid runs first, cold, and is reported apart. Each sweep is checked:
// every config has its rows and every check of the scenario's summary passes. One run each, so
// no spread; the rate is training runs per second, GD steps per second beside it.
import { scenarios } from '../../dist/experiments/scenarios/index.js';
import { consume } from '../lib/first.mjs';
import { table } from './common.mjs';

const ID = 'S3';
const scenarioOf = (id) => {
  const s = scenarios.find((x) => x.id === id);
  if (!s) throw new Error(`sweep: no scenario ${id}`);
  return s;
};

export const name = 'sweep';
export const operations = ['sweep'];

export function plan(quick) {
  const configs = scenarioOf(ID).grid({ quick, overrides: {} });
  return [{ name: `sweep:${ID},grid=${quick ? 'quick' : 'default'},configs=${configs.length}`,
    quick }];
}

function inPage(scenario, configs) {
  return configs.map((config) => scenario.run(config));
}

/**
 * The configs on `jobs` Web Workers, each handed the next config as it finishes one; resolves
 * to the rows by config and, per worker, the time until it had loaded its kernels (null if
 * the others finished the grid first).
 */
function onWorkers(scenario, configs, jobs) {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const rows = new Array(configs.length);
    const workers = [];
    let next = 0;
    let done = 0;
    const readyMs = new Array(jobs).fill(null);
    const finish = (err) => {
      for (const w of workers) w.terminate();
      if (err) reject(err);
      else resolve({ rows, readyMs });
    };
    const feed = (w) => {
      if (next < configs.length) {
        const index = next++;
        w.postMessage({ scenario: scenario.id, index, config: configs[index] });
      }
    };
    for (let j = 0; j < jobs; j++) {
      const w = new Worker(new URL('./sweep-worker.mjs', import.meta.url), { type: 'module' });
      workers.push(w);
      w.onerror = (e) => finish(new Error(`sweep worker: ${e.message}`));
      w.onmessage = ({ data }) => {
        if (data.type === 'error') return finish(new Error(`sweep worker: ${data.message}`));
        if (data.type === 'ready') readyMs[j] = performance.now() - t0;
        if (data.type === 'result') {
          rows[data.index] = data.rows;
          if (++done === configs.length) return finish();
        }
        feed(w);
      };
    }
  });
}

/** One sweep, timed and checked; returns its wall time, runs and GD steps. */
async function timeSweep(scenario, quick, jobs) {
  const configs = scenario.grid({ quick, overrides: {} });
  const t0 = performance.now();
  const { rows: perConfig, readyMs } = jobs === 0
    ? { rows: inPage(scenario, configs), readyMs: [] }
    : await onWorkers(scenario, configs, jobs);
  const wallMs = performance.now() - t0;
  const missing = perConfig.findIndex((r) => !Array.isArray(r) || r.length === 0);
  if (missing >= 0) throw new Error(`sweep: ${scenario.id} left config ${missing} without rows`);
  const rows = perConfig.flat();
  const failed = scenario.summarize(rows).checks.filter((c) => !c.pass).map((c) => c.name);
  if (failed.length > 0) throw new Error(`sweep: checks failed: ${failed.join(', ')}`);
  const steps = rows.reduce((s, r) => s + (typeof r.steps === 'number' ? r.steps : 0), 0);
  consume(steps);
  return { wallMs, runs: configs.length, steps, readyMs };
}

const IMPLS = [[0, 'deeplin in the page'], [1, 'deeplin 1 Web Worker'],
  [2, 'deeplin 2 Web Workers']];

export async function run(quick, log) {
  const scenario = scenarioOf(ID);
  const [{ name: caseName }] = plan(quick);
  const out = table('sweep', `Whole sweep (${ID}; one run each, so no spread; first = the ` +
    'quick grid, cold; Chromium)', ['deeplin in the page']);
  const notes = [];
  for (const [jobs, impl] of IMPLS) {
    const first = await timeSweep(scenario, true, jobs);
    const r = await timeSweep(scenario, quick, jobs);
    out.rows.push({
      name: caseName, impl, precision: 'f64', firstMs: first.wallMs, medianMs: r.wallMs,
      madMs: 0, samples: 1, rate: r.runs / (r.wallMs / 1000), unit: 'runs/s', runs: r.runs,
      steps: r.steps, stepsPerSecond: r.steps / (r.wallMs / 1000), readyMs: r.readyMs,
    });
    notes.push(`${impl}: ${r.runs} runs in ${(r.wallMs / 1000).toFixed(2)} s, ` +
      `${Math.round(r.steps / (r.wallMs / 1000))} GD steps/s (${r.steps} steps)` +
      (jobs > 0 ? `; workers ready after ${r.readyMs.map((ms) => (ms === null
        ? 'never (the grid was done first)' : `${ms.toFixed(0)} ms`)).join(', ')}` : ''));
    log(`done ${caseName} ${impl}`);
  }
  return { tables: [out], notes };
}
