// Suite 'dln' (bench/dln.bench.mjs in the page): training steps per second of a deep linear
// network, deeplin's fused Wasm step against the same step in plain JS, at n = 64, d = 256 and
// 1024 (h = 3 square layers) and at the paper's size n = 5, d = 20, m = 10, h = 3. Before any
// timing, five steps of each from the same start must reach the same θ. The first call is one
// step (compile and warm-up); a timed call runs K steps, K as in Node: 256 (one chunk of a real
// run) doubled until one call takes ≥ 100 ms, so per-call costs are amortized alike.
import { DeepLinearNetwork } from '../../dist/index.js';
import { measureBatched } from '../lib/batch.mjs';
import {
  SIZES, STEP, checkSameTheta, configOf, dlnCaseName, plainState, plainSteps,
} from '../lib/dln-plain.mjs';
import { table } from './common.mjs';

export const name = 'dln';
export const operations = ['dln'];

/** Steps a call of `body(steps)` needs to last ≥ 100 ms, from 256 up (bench/dln.bench.mjs). */
function stepsPerCall(body) {
  let steps = 256;
  for (;;) {
    const t0 = performance.now();
    body(steps)();
    if (performance.now() - t0 >= 100) return steps;
    steps *= 2;
  }
}

export function plan() {
  return SIZES.map((size) => ({ name: dlnCaseName(size), size }));
}

const finite = (out) => (Number.isFinite(out) ? true : `loss ${out}`);

export async function run(_quick, log) {
  const out = table('dln', 'DLN training step (Chromium; first = one step)', ['plain JS']);
  for (const { name: caseName, size } of plan()) {
    const config = configOf(size);
    checkSameTheta(size, config);
    const net = new DeepLinearNetwork(config);
    const plain = plainState(net, config);
    const train = (steps) => () => {
      net.train({ step: STEP, maxSteps: steps, lossTol: 0, record: false });
      return net.loss();
    };
    // The plain step's loss is not kept; its θ's first entry feeds the checksum instead.
    const plainRun = (steps) => () => {
      plainSteps(size, config, plain, steps);
      return plain.x[0];
    };
    const task = (impl, body) => ({
      impl, first: body(1), fn: body(256), check: finite, prepare: () => {
        const count = stepsPerCall(body);
        return { fn: body(count), count };
      },
    });
    try {
      out.rows.push(...measureBatched(caseName, [task('deeplin', train),
        task('plain JS', plainRun)], { unit: 'steps/s', budgetMs: 1500 }));
    } finally {
      net.dispose();
    }
    log(`done ${caseName}`);
  }
  return { tables: [out] };
}
