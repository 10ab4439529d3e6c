// One training run as the scenarios use it: open a network, choose a safe step (THEORY.md (e)),
// train to loss < 1e-25 or the budget, and turn the end state into a row of the quantities
// every scenario records.
import { Diverged } from '../../core/errors.js';
import type { TrainingDiverged } from '../../dln/train.js';
import type { FactorInit, TrainResult } from '../../dln/types.js';
import { Matrix } from '../../linalg/matrix.js';
import type { Row } from '../types.js';
import {
  add, chain, cholesky, cholSolve, gram, largestEigenvalue, matTvecTs, matvecTs, norm, sub,
} from './dense.js';
import { matmul } from '../../linalg/products.js';
import type { Problem } from './problem.js';
import { openNetwork, type Network } from './network.js';
import type { NetSpec } from './reference-gd.js';

export type { NetSpec };

/** θ = W1 ⋯ Wh x from factors [W1, …, Wh, x]. */
export function productOf(factors: Matrix[]): Float64Array {
  return chain(factors).data.slice();
}

/** v = W2 ⋯ Wh x: what W1 multiplies (T2). */
export function tailOf(factors: Matrix[]): Float64Array {
  return factors.length === 1 ? new Float64Array([1]) : productOf(factors.slice(1));
}

/**
 * Tangent kernel of θ at the given factors (T6):
 * M = Σ_{i=1..h} ‖S_{i+1}‖² P_i P_iᵀ + (W1⋯Wh)(W1⋯Wh)ᵀ, with P_1 = I and S_{h+1} = x.
 * Frozen factors contribute nothing.
 */
export function tangentKernel(factors: Matrix[], frozen?: boolean[]): Matrix {
  const h = factors.length - 1;
  const d = factors[0]!.rows;
  const m = new Matrix(d, d);
  let prefix: Matrix | null = null;
  for (let i = 0; i <= h; i++) {
    if (!frozen?.[i]) {
      const suffix = i < h ? norm(productOf(factors.slice(i + 1))) ** 2 : 1;
      const pp = prefix === null ? Matrix.eye(d) : gram(prefix);
      for (let k = 0; k < m.data.length; k++) m.data[k] = m.data[k]! + suffix * pp.data[k]!;
    }
    if (i < h) {
      const wi: Matrix = factors[i]!;
      prefix = prefix === null ? wi : matmul(prefix, wi, { checkFinite: false });
    }
  }
  return m;
}

/** A M Aᵀ, the n×n kernel on the data. */
export function dataKernel(problem: Problem, m: Matrix): Matrix {
  return matmul(matmul(problem.A, m), problem.A, { transposeB: true });
}

/**
 * The step rule of THEORY.md (e): the smaller of 0.5/λ_max(A M0 Aᵀ) (the kernel at the start)
 * and 1/((h+1)‖θ* / α‖^{2h/(h+1)} σ_max²) (the end-to-end Hessian scale near a solution, halved
 * for α < 1 as (e) found necessary), optionally capped further.
 */
export function safeStep(
  problem: Problem, factors: Matrix[],
  opts: { frozen?: boolean[]; alpha?: number; cap?: number } = {},
): number {
  const h = factors.length - 1;
  const alpha = opts.alpha ?? 1;
  const kernel = dataKernel(problem, tangentKernel(factors, opts.frozen));
  const kernelStep = 0.5 / largestEigenvalue(kernel);
  const target = problem.thetaStarNorm / alpha;
  const end = (alpha < 1 ? 0.5 : 1) / ((h + 1) * target ** ((2 * h) / (h + 1)) * problem.sigmaMax2);
  const allTrained = !opts.frozen || opts.frozen.every((f) => !f);
  let eta = allTrained ? Math.min(kernelStep, end) : kernelStep;
  if (opts.cap !== undefined) eta = Math.min(eta, opts.cap);
  return eta;
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
  /** A numeric step, or the rule of safeStep (with an optional cap). */
  step?: number | { cap?: number };
  every?: number;
  lossTol?: number;
}

/** Train one network to convergence or budget and return its end state. */
export function fit(spec: NetSpec, opts: FitOptions): FitResult {
  const net: Network = openNetwork(spec);
  try {
    const initialFactors = net.initialFactors();
    const theta0 = productOf(initialFactors);
    const step = typeof opts.step === 'number'
      ? opts.step
      : safeStep(spec.problem, initialFactors, {
        ...(spec.frozen ? { frozen: spec.frozen } : {}),
        ...(spec.lazyAlpha !== undefined ? { alpha: spec.lazyAlpha } : {}),
        ...(opts.step?.cap !== undefined ? { cap: opts.step.cap } : {}),
      });
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
    return { theta: net.theta(), factors: net.factors(), initialFactors, result, theta0, diverged };
  } finally {
    net.dispose();
  }
}

/** The quantities every scenario records for a finished run. */
export function endRow(problem: Problem, fr: FitResult): Row {
  const ts = problem.thetaStarNorm;
  let paramNorm = 0;
  for (const f of fr.factors) for (const v of f.data) paramNorm += v * v;
  return {
    loss: fr.result.loss,
    relErr: norm(sub(fr.theta, problem.thetaStar)) / ts,
    normRatio: norm(fr.theta) / ts,
    nullRatio: norm(problem.nullPart(fr.theta)) / ts,
    init0Null: norm(problem.nullPart(fr.theta0)) / ts,
    paramNorm,
    steps: fr.result.steps,
    stepSize: fr.result.stepSize,
    converged: fr.result.converged,
    diverged: fr.diverged ?? false,
    residual: norm(sub(matvecTs(problem.A, fr.theta), problem.b)),
  };
}

/** ‖P_N W1(0) v_∞‖/‖θ*‖: T2's prediction of the relative error at a global minimum. */
export function firstLayerPrediction(problem: Problem, fr: FitResult): number {
  const v = tailOf(fr.factors);
  const w1v = matvecTs(fr.initialFactors[0]!, v);
  return norm(problem.nullPart(w1v)) / problem.thetaStarNorm;
}

export type { FactorInit };

/**
 * θ0 + G Aᵀ(A G Aᵀ)⁻¹(b − Aθ0): the interpolant closest to θ0 in the G⁻¹ metric. With G = WWᵀ
 * of frozen layers it is T1's limit; with the tangent kernel M it is T6's lazy solution.
 */
export function kernelLimit(problem: Problem, g: Matrix, theta0: Float64Array): Float64Array {
  const ag = matmul(problem.A, g, { checkFinite: false });
  const agat = matmul(ag, problem.A, { transposeB: true, checkFinite: false });
  const z = cholSolve(cholesky(agat), sub(problem.b, matvecTs(problem.A, theta0)));
  return add(theta0, matTvecTs(ag, z));
}
