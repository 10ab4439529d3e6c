// Suite 'dln' (bench/dln.bench.mjs in the page): training steps per second of a deep linear
// network, deeplin's fused Wasm step against the same step in plain JS, at n = 64, d = 256 and
// 1024 (h = 3 square layers) and at the paper's size n = 5, d = 20, m = 10, h = 3. Before any
// timing, five steps of each from the same start must reach the same θ. The first call is one
// step (compile and warm-up); a timed call is a chunk of steps (256 as in Node, fewer at
// d = 1024 where one step takes milliseconds), batched as usual.
import { DeepLinearNetwork } from '../../dist/index.js';
import { measureBatched } from '../lib/batch.mjs';
import {
  SIZES, STEP, checkSameTheta, configOf, dlnCaseName, plainState, plainSteps,
} from '../lib/dln-plain.mjs';
import { table } from './common.mjs';

export const name = 'dln';
export const operations = ['dln'];

/** Steps a timed call runs: 256 (one chunk of a real run), 32 where a step takes ~10 ms. */
const chunkOf = ({ d }) => (d >= 1024 ? 32 : 256);

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
    const chunk = chunkOf(size);
    const train = (steps) => () => {
      net.train({ step: STEP, maxSteps: steps, lossTol: 0, record: false });
      return net.loss();
    };
    // The plain step's loss is not kept; its θ's first entry feeds the checksum instead.
    const plainRun = (steps) => () => {
      plainSteps(size, config, plain, steps);
      return plain.x[0];
    };
    try {
      out.rows.push(...measureBatched(caseName, [
        { impl: 'deeplin', first: train(1), fn: train(chunk), check: finite },
        { impl: 'plain JS', first: plainRun(1), fn: plainRun(chunk), check: finite },
      ], { count: chunk, unit: 'steps/s', budgetMs: 1500 }));
    } finally {
      net.dispose();
    }
    out.rows.at(-1).chunk = chunk;
    out.rows.at(-2).chunk = chunk;
    log(`done ${caseName}`);
  }
  return { tables: [out] };
}
