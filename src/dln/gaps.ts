// How far a network's current θ is from each prediction of THEORY.md that applies to its
// configuration. Fields that do not apply are omitted.
import { Disposed, InvalidArgument } from '../core/errors.js';
import { Matrix } from '../linalg/matrix.js';
import { matmul } from '../linalg/products.js';
import { distance, norm, parameterNorm } from './metrics.js';
import { DeepLinearNetwork } from './network.js';
import { tangentKernel, lazySolution } from './lazy.js';
import { firstLayerPrediction, frozenLayersSolution, projectionOfInit } from './theory.js';

export interface Gaps {
  /** ‖θ − θ*‖ (relative gaps divide by ‖θ*‖ themselves). */
  minNorm: number;
  /** T0 (depth 0): ‖θ − (A⁺b + P_N θ0)‖. */
  projectionOfInit?: number;
  /** T1 (every W frozen, x trained): ‖θ − W x∞‖. */
  frozenLayers?: number;
  /** T2 identity, any step: ‖P_N(θ − W1(0) v)‖ (≈ 1e-15 whatever the run). */
  firstLayerIdentity?: number;
  /** T2 at a global minimum: ‖θ − (A⁺b + P_N W1(0) v)‖. */
  firstLayer?: number;
  /** T5: parameter norm over its minimum (h+1)‖θ*‖^{2/(h+1)} (≥ 1 at any interpolant). */
  weightNormRatio?: number;
  /** T6 (lazy scaling on): ‖θ − θ_lazy‖ with the tangent kernel at initialization. */
  lazy?: number;
}

/**
 * The gaps between a network's θ and the predictions that apply to it (vector target).
 * @param net a network, usually after train()
 * @throws {InvalidArgument} when net is not a DeepLinearNetwork
 * @throws {Disposed} when net was disposed
 */
export function gaps(net: DeepLinearNetwork): Gaps {
  if (!(net instanceof DeepLinearNetwork)) {
    throw new InvalidArgument(
      `gaps: argument 'net' must be a DeepLinearNetwork; got ${net === null ? 'null' : typeof net}`,
    );
  }
  if (net.isDisposed) {
    throw new Disposed("gaps: argument 'net' was disposed; measure a network before dispose()");
  }
  const A = net.A;
  const b = net.shape.targets;
  const theta = net.theta();
  const geo = net.geometry();
  const out: Gaps = { minNorm: distance(theta, geo.thetaStar) };
  if (net.k !== 1) return out;
  const start = net.initialFactors();
  const now = net.factors();
  const h = net.depth;

  if (h === 0 && !net.lazyAlpha) {
    out.projectionOfInit = distance(theta, projectionOfInit(A, b, start[0]!.data));
  }
  if (h >= 1 && net.frozen.slice(0, h).every(Boolean) && !net.lazyAlpha) {
    const predicted = frozenLayersSolution(A, b, start.slice(0, h), start[h]!.data);
    out.frozenLayers = distance(theta, predicted);
  }
  if (h >= 1 && !net.lazyAlpha) {
    const pred = firstLayerPrediction(A, b, start[0]!, now);
    const back = matmul(geo.pinvA, matmul(A, new Matrix(theta.length, 1, theta))).data;
    const nullTheta = theta.map((v, i) => v - back[i]!);
    out.firstLayerIdentity = distance(nullTheta, pred.nullPart);
    out.firstLayer = distance(theta, pred.theta);
    const minimum = (h + 1) * norm(geo.thetaStar) ** (2 / (h + 1));
    out.weightNormRatio = parameterNorm(now) / minimum;
  }
  if (net.lazyAlpha) {
    out.lazy = distance(theta, lazySolution(A, b, tangentKernel(start, net.frozen)));
  }
  return out;
}
