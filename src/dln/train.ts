// The training driver: plain gradient descent (optionally heavy-ball) run in chunks inside Wasm,
// with metrics recorded between chunks and a snapshot of the weights at the start of each chunk,
// so that a divergence can be wound back to the last state whose loss was finite.
import { Diverged, InvalidArgument } from '../core/errors.js';
import { checkTrainOptions } from './config.js';
import { norm } from './metrics.js';
import { KernelStatus, type DeepLinearNetwork } from './network.js';
import { autoStep } from './stepsize.js';
import type { MetricsRow, TrainOptions, TrainResult } from './types.js';

/** Updates per Wasm call: bounds the snapshot copies (1/CHUNK of a step's traffic) and replay. */
const CHUNK = 256;
/** A loss this many times above its starting value counts as divergence. */
const EXPLOSION = 1e12;

/** Diverged with the step, loss and step size that caused it, and the history so far. */
export class TrainingDiverged extends Diverged {
  constructor(
    message: string,
    readonly step: number,
    readonly loss: number,
    readonly stepSize: number,
    readonly history: MetricsRow[],
  ) {
    super(message);
  }
}

/** Seven significant digits, in exponent form for very small or large values. */
function fmt(x: number): string {
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-3 || a >= 1e7) ? x.toExponential(6) : String(Number(x.toPrecision(7)));
}

function divergedError(
  net: DeepLinearNetwork, step: number, loss: number, eta: number, startLoss: number,
  history: MetricsRow[],
): TrainingDiverged {
  const geo = net.geometry();
  const h = net.depth;
  const L = geo.sigmaMaxSq;
  const theta = norm(geo.thetaStar) / (net.lazyAlpha || 1);
  const deep = (h + 1) * theta ** ((2 * h) / (h + 1)) * L;
  const bound = h === 0
    ? `the stability bound is 2/L = ${fmt(2 / L)} with L = σ_max(A)² = ${fmt(L)}`
    : `L = σ_max(A)² = ${fmt(L)} (bound 2/L = ${fmt(2 / L)}); near a balanced solution the ` +
      `curvature is about (h+1)‖θ*‖^(2h/(h+1))·L = ${fmt(deep)} (bound ${fmt(2 / deep)})`;
  const what = Number.isFinite(loss)
    ? `exploded to ${fmt(loss)} (from ${fmt(startLoss)})`
    : `became ${loss}`;
  return new TrainingDiverged(
    `DeepLinearNetwork.train: gradient descent diverged: the loss ${what} at step ${step} with ` +
      `step size ${eta}; ${bound}. Use a smaller 'step' or step: 'auto'. The network keeps ` +
      `the weights of step ${step - 1}, the last with a finite loss.`,
    step, loss, eta, history,
  );
}

/**
 * Train `net` in place.
 *
 * Stopping: the loss of every state is tested; a state with loss < lossTol (default 1e-25)
 * ends the run with reason 'loss'; with gradTol > 0, an update whose gradient norm (over the
 * trainable factors) was below gradTol ends it with reason 'gradient'; else the budget does
 * (converged: false). A loss that is not finite or exceeds 1e12 times its starting value throws
 * TrainingDiverged (a Diverged), and the network is wound back to the state before it.
 * History: a MetricsRow at the start, every `every` updates, and at the end (none when
 * record is false); MetricsRow.step counts updates since the network was created.
 * Momentum: the heavy-ball velocity carries over from one call with momentum to the next; a
 * call without momentum (plain gradient descent) zeroes it, so a later call with momentum
 * starts from rest, as on a fresh network.
 * @param net the network to train
 * @param opts step ('auto': see stepsize.ts), maxSteps, lossTol, gradTol, every, momentum
 * @throws {RangeError} for an invalid option, naming it
 * @throws {InvalidArgument} when every factor is frozen: no update could change anything, so a
 *   large budget would only block the event loop
 * @throws {TrainingDiverged} on divergence
 */
export function trainNetwork(net: DeepLinearNetwork, opts: TrainOptions): TrainResult {
  checkTrainOptions(opts);
  if (net.frozen.every(Boolean)) {
    throw new InvalidArgument(
      'DeepLinearNetwork.train: every factor is frozen; nothing to train (config.frozen is ' +
        `[${net.frozen.join(', ')}]; leave at least one factor trainable)`,
    );
  }
  const eta = opts.step === 'auto' ? autoStep(net) : opts.step;
  const momentum = opts.momentum ?? 0;
  const lossTol = opts.lossTol ?? 1e-25;
  const gradTol = opts.gradTol ?? 0;
  const every = opts.every ?? 0;
  const record = opts.record ?? true;
  if (momentum > 0) net.ensureVelocity();
  else net.resetVelocity();

  const history: MetricsRow[] = [];
  const startLoss = net.loss();
  if (!Number.isFinite(startLoss)) {
    throw divergedError(net, net.stepsTaken, startLoss, eta, startLoss, history);
  }
  // Capped at the largest double, so that an infinite loss always counts as divergence even
  // when EXPLOSION · startLoss itself overflows.
  const ceiling = Math.min(EXPLOSION * Math.max(startLoss, 1e-200), Number.MAX_VALUE);
  if (record) history.push(net.metrics());

  let done = 0;
  let loss = startLoss;
  let reason: TrainResult['reason'] = startLoss < lossTol ? 'loss' : 'budget';
  while (reason === 'budget' && done < opts.maxSteps) {
    let chunk = Math.min(opts.maxSteps - done, CHUNK);
    if (every > 0) chunk = Math.min(chunk, every - (done % every));
    net.snapshot();
    const run = net.runKernel(chunk, eta, momentum, lossTol, gradTol, ceiling);
    if (run.status === KernelStatus.diverged) {
      const badStep = net.stepsTaken + run.steps;
      net.snapshot(true);
      // Replaying from the snapshot gives the same bits, so this lands on the last good state.
      if (run.steps > 1) net.runKernel(run.steps - 1, eta, momentum, -1, 0, Infinity);
      net.stepsTaken = badStep - 1;
      if (record) history.push(net.metrics());
      throw divergedError(net, badStep, run.loss, eta, startLoss, history);
    }
    done += run.steps;
    net.stepsTaken += run.steps;
    // The kernel tested the state it stopped on (after a gradient stop it holds the loss
    // before the last update, so that case is recomputed below).
    loss = run.loss;
    if (run.status === KernelStatus.loss) reason = 'loss';
    else if (run.status === KernelStatus.gradient) reason = 'gradient';
    else if (record && every > 0 && done % every === 0 && done < opts.maxSteps) {
      history.push(net.metrics());
    }
  }

  if (reason === 'gradient') loss = net.loss();
  if (record && history[history.length - 1]!.step !== net.stepsTaken) history.push(net.metrics());
  return { converged: reason !== 'budget', reason, steps: done, stepSize: eta, loss, history };
}
