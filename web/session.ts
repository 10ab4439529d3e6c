// One training run as the worker does it: the same network and options as a single
// `train()` call, split into chunks of whole `every` intervals so that rows reach the page while
// the run goes on. Plain gradient descent has no state besides the factors, so the chunks give
// the bits one call would (the page's test checks exactly that). One difference remains: train()
// calls a loss 1e12 times its value at the start of the call divergence, so a chunked run may
// report a divergence a little earlier than one call from the start would.
import { DeepLinearNetwork, Diverged, TrainingDiverged } from '../src/index.ts';
import type { TrainResult } from '../src/dln/types.ts';
import { networkConfig } from './config.ts';
import { predictions } from './predictions.ts';
import { makeProblem } from './problem.ts';
import type { FromWorker } from './protocol.ts';
import type { RunSettings } from './settings.ts';

/** A chunk should take about this long: short enough for live plots, long enough to be cheap. */
const CHUNK_MILLIS = 40;


/**
 * Train one run and report it through `post`: progress after each chunk, then finished,
 * diverged or failed. Never throws.
 * @param runId echoed in every message so the page can ignore a stale run
 * @param s checked settings (see parseSettings)
 * @param post where messages go (postMessage in the worker)
 */
export function runSession(runId: number, s: RunSettings, post: (m: FromWorker) => void): void {
  const t0 = performance.now();
  let net: DeepLinearNetwork | undefined;
  let done = 0;
  let lastStep = -1;
  try {
    const problem = makeProblem(s);
    net = new DeepLinearNetwork(networkConfig(s, problem));
    let step = s.step;
    let chunk = s.every;
    let last: TrainResult | undefined;
    while (done < s.maxSteps) {
      const steps = Math.min(chunk, s.maxSteps - done);
      const tc = performance.now();
      last = net.train({ step, maxSteps: steps, every: s.every });
      step = last.stepSize;

      // Rows count steps since creation; each call's first row repeats the previous last.
      const rows = last.history.filter((r) => r.step > lastStep);
      lastStep = rows.length > 0 ? rows[rows.length - 1]!.step : lastStep;
      done += last.steps;
      post({ type: 'progress', runId, rows, steps: done, stepSize: step });
      if (last.converged) break;

      // Aim the next chunk at CHUNK_MILLIS, in whole `every` intervals.
      const ms = Math.max(performance.now() - tc, 0.05);
      const want = Math.max(1, Math.round((chunk * CHUNK_MILLIS) / ms / s.every));
      chunk = Math.min(want, 2 * Math.ceil(chunk / s.every)) * s.every;
    }
    const theta = net.theta();
    const { minNorm, list } = predictions(net, problem);
    post({
      type: 'finished', runId, converged: last!.converged, reason: last!.reason, steps: done,
      stepSize: step as number, loss: last!.loss, theta, minNorm, predictions: list,
      millis: performance.now() - t0,
    });
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    if (e instanceof TrainingDiverged) {
      // Rows up to the last finite state, so the plot shows the blow-up starting.
      const rows = e.history.filter((r) => r.step > lastStep);
      post({ type: 'progress', runId, rows, steps: e.step - 1, stepSize: e.stepSize });
      post({ type: 'diverged', runId, step: e.step, message: e.message });
    } else if (e instanceof Diverged) {
      post({ type: 'diverged', runId, step: done, message: e.message });
    } else {
      post({ type: 'failed', runId, name: e.name, message: e.message });
    }
  } finally {
    net?.dispose();
  }
}
