// One training run as the scenarios use it: open the library's DeepLinearNetwork, take dln's
// 'auto' step (THEORY.md (e): the smaller of the kernel and balanced-curvature bounds), train to
// loss < 1e-25 or the budget, and turn the end state into a row of the quantities every
// scenario records.
import { Diverged } from '../../core/errors.js';
import { checkConfig } from '../../dln/config.js';
import { initialFactors } from '../../dln/init.js';
import { parameterNorm } from '../../dln/metrics.js';
import { autoStep } from '../../dln/stepsize.js';
import { createNetwork, type DeepLinearNetwork } from '../../dln/network.js';
import { firstLayerPrediction as libFirstLayer, layerProduct } from '../../dln/theory.js';
import type { TrainingDiverged } from '../../dln/train.js';
import type { FactorInit, NetworkConfig, TrainResult } from '../../dln/types.js';
import type { Matrix } from '../../linalg/matrix.js';
import { matvec } from '../../linalg/products.js';
import type { Row } from '../types.js';
import type { Problem } from './problem.js';
import { distance, norm } from './vectors.js';

/** A network of a scenario: its problem, widths, init and seed (and optional frozen, lazy α). */
export interface NetSpec {
  problem: Problem;
  widths: number[];
  /** One init for every factor or h + 1 of them (W1 … Wh, x). */
  init: FactorInit | FactorInit[];
  seed: number;
  frozen?: boolean[];
  lazyAlpha?: number;
}

function configOf(spec: NetSpec): NetworkConfig {
  return {
    A: spec.problem.A, b: spec.problem.b, widths: spec.widths, init: spec.init, seed: spec.seed,
    ...(spec.frozen ? { frozen: spec.frozen } : {}),
    ...(spec.lazyAlpha !== undefined ? { lazyAlpha: spec.lazyAlpha } : {}),
  };
}

/** The library's network for a spec (the caller disposes it). */
export function openNetwork(spec: NetSpec): DeepLinearNetwork {
  return createNetwork(configOf(spec));
}

/** The factors W1 … Wh, x the library draws for a spec, without opening a network. */
export function drawFactors(spec: NetSpec): Matrix[] {
  return initialFactors(checkConfig(configOf(spec)), spec.seed);
}

/** θ = W1 ⋯ Wh x from factors [W1, …, Wh, x]. */
export function productOf(factors: Matrix[]): Float64Array {
  return layerProduct(factors).data.slice();
}

/** Loss tolerance: 1e-25, or the rounding floor (1e-13 ‖θ0‖)² when θ0 is large. */
export function lossTolFor(theta0Norm: number): number {
  return Math.max(1e-25, (1e-13 * theta0Norm) ** 2);
}

export interface FitResult {
  theta: Float64Array;
  factors: Matrix[];
  initialFactors: Matrix[];
  result: TrainResult;
  theta0: Float64Array;
  /** True when training threw Diverged (the state is the last one with a finite loss). */
  diverged?: boolean;
}

export interface FitOptions {
  maxSteps: number;
  /** A numeric step; dln's autoStep at the start when omitted. */
  step?: number;
  every?: number;
  lossTol?: number;
}

/** Train one network to convergence or budget and return its end state. */
export function fit(spec: NetSpec, opts: FitOptions): FitResult {
  const net = openNetwork(spec);
  try {
    const initial = net.initialFactors();
    const theta0 = productOf(initial);
    const step = opts.step ?? autoStep(net);
    let result: TrainResult;
    let diverged = false;
    try {
      result = net.train({
        step, maxSteps: opts.maxSteps, lossTol: opts.lossTol ?? lossTolFor(norm(theta0)),
        every: opts.every ?? 0, record: (opts.every ?? 0) > 0,
      });
    } catch (e) {
      // A divergence is a result of the scenario (a step too large), not a failure of the run.
      if (!(e instanceof Diverged)) throw e;
      diverged = true;
      const te = e as Partial<TrainingDiverged>;
      result = { converged: false, reason: 'budget', steps: te.step ?? NaN, stepSize: step,
        loss: te.loss ?? NaN, history: te.history ?? [] };
    }
    return {
      theta: net.theta(), factors: net.factors(), initialFactors: initial, result, theta0, diverged,
    };
  } finally {
    net.dispose();
  }
}

/** The quantities every scenario records for a finished run. */
export function endRow(problem: Problem, fr: FitResult): Row {
  const ts = problem.thetaStarNorm;
  return {
    loss: fr.result.loss,
    relErr: distance(fr.theta, problem.thetaStar) / ts,
    normRatio: norm(fr.theta) / ts,
    nullRatio: norm(problem.nullPart(fr.theta)) / ts,
    init0Null: norm(problem.nullPart(fr.theta0)) / ts,
    paramNorm: parameterNorm(fr.factors),
    steps: fr.result.steps,
    stepSize: fr.result.stepSize,
    converged: fr.result.converged,
    diverged: fr.diverged ?? false,
    residual: distance(matvec(problem.A, fr.theta, { checkFinite: false }), problem.b),
  };
}

/** ‖P_N W1(0) v∞‖/‖θ*‖: T2's prediction (dln's firstLayerPrediction) of the relative error. */
export function firstLayerPrediction(problem: Problem, fr: FitResult): number {
  const pred = libFirstLayer(problem.A, problem.b, fr.initialFactors[0]!, fr.factors);
  return norm(pred.nullPart) / problem.thetaStarNorm;
}
