// Dump the inputs of every training run of one init-scale sweep (S3's grid by default) as JSON,
// for sweep.py to run the same gradient descent in numpy: the problem (A, b), the initial
// factors exactly as deeplin draws them, the step of the scenarios' rule, the loss tolerance
// and the budget. Nothing here is timed.
//
//   node bench/compare-numpy/sweep-configs.mjs [--quick] > configs.json
import { init } from '../../dist/index.js';
import {
  loadScenarios, scenarioGrid, scenarioModuleUrl, selectScenarios,
} from '../../dist/experiments/node.js';
import { makeProblem, P0, seedsOf } from '../../dist/experiments/scenarios/problem.js';
import { lossTolFor, productOf, safeStep } from '../../dist/experiments/scenarios/fitting.js';
import { openNetwork } from '../../dist/experiments/scenarios/network.js';
import { norm } from '../../dist/experiments/scenarios/dense.js';

/** The runs of `id`'s grid as plain objects (S3, S7 and S9 share this sweep). */
export async function sweepInputs(id, quick) {
  await init();
  const [scenario] = selectScenarios(await loadScenarios(scenarioModuleUrl()), [id]);
  return scenarioGrid(scenario, quick, {}).map((c) => {
    const seeds = seedsOf(c.seed);
    const problem = makeProblem({ ...P0, seed: seeds.problem, planted: 'none' });
    const spec = {
      problem, widths: Array(c.h).fill(c.m), init: { kind: 'gaussian', scale: c.s },
      seed: seeds.init,
    };
    const net = openNetwork(spec);
    const factors = net.initialFactors();
    net.dispose();
    return {
      config: c, n: problem.n, d: problem.d,
      A: Array.from(problem.A.data), b: Array.from(problem.b),
      factors: factors.map((f) => ({ rows: f.rows, cols: f.cols, data: Array.from(f.data) })),
      step: safeStep(problem, factors), lossTol: lossTolFor(norm(productOf(factors))),
      maxSteps: c.maxSteps, thetaStar: Array.from(problem.thetaStar),
    };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const id = process.argv.find((a) => a.startsWith('--scenario='))?.split('=')[1] ?? 'S3';
  process.stdout.write(JSON.stringify(await sweepInputs(id, process.argv.includes('--quick'))));
}
