// How far a network's current θ is from each prediction of THEORY.md that applies to its
// configuration. Fields that do not apply are omitted.
import { Disposed, InvalidArgument } from '../core/errors.js';
import { Matrix } from '../linalg/matrix.js';
import { matmul } from '../linalg/products.js';
import { distance, parameterNorm } from './metrics.js';
import { DeepLinearNetwork } from './network.js';
import { tangentKernel, lazySolution } from './lazy.js';
import { normalizingExponent, scaledData } from '../linalg/scaling.js';
import {
  firstLayerPrediction, frozenLayersSolution, projectionOfInit, weightNormFloor,
} from './theory.js';

export interface Gaps {
  /** ‖θ − θ*‖ (relative gaps divide by ‖θ*‖ themselves). */
  minNorm: number;
  /** T0 (depth 0): ‖θ − (A⁺B + P_N θ0)‖. */
  projectionOfInit?: number;
  /** T1 (every W frozen, X trained): ‖θ − W X∞‖. */
  frozenLayers?: number;
  /** T2 identity, any step: ‖P_N(θ − W1(0) V)‖ (≈ 1e-15 whatever the run). */
  firstLayerIdentity?: number;
  /** T2 at a global minimum: ‖θ − (A⁺B + P_N W1(0) V)‖. */
  firstLayer?: number;
  /**
   * T5: parameter norm over its minimum (h+1)·Σ_j σ_j(θ*)^{2/(h+1)}, which is (h+1)‖θ*‖^{2/(h+1)}
   * for k = 1 (≥ 1 at any interpolant); omitted when θ* = 0, where the ratio has no meaning.
   */
  weightNormRatio?: number;
  /** T6 (lazy scaling on): ‖θ − θ_lazy‖ with the tangent kernel at initialization. */
  lazy?: number;
}

/**
 * The gaps between a network's θ and the predictions that apply to it, for a vector target b or
 * a matrix target B (k > 1: every distance is a Frobenius norm over the d×k θ).
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
  const k = net.k;
  const theta = net.theta();
  const geo = net.geometry();
  const out: Gaps = { minNorm: distance(theta, geo.thetaStar) };
  const start = net.initialFactors();
  const now = net.factors();
  const h = net.depth;
  // k = 1 takes the vector API (the same calls and bits as before matrix targets), k > 1 the
  // Matrix one; the overloads cannot see that operands and targets agree, hence the cast.
  const form = (m: Matrix) => (k === 1 ? m.data : m) as Float64Array & Matrix;
  const entries = (v: Float64Array | Matrix) => (v instanceof Matrix ? v.data : v);
  const B = form(new Matrix(net.n, k, net.shape.targets));

  if (h === 0 && !net.lazyAlpha) {
    out.projectionOfInit = distance(theta, entries(projectionOfInit(A, B, form(start[0]!))));
  }
  if (h >= 1 && net.frozen.slice(0, h).every(Boolean) && !net.lazyAlpha) {
    const predicted = frozenLayersSolution(A, B, start.slice(0, h), form(start[h]!));
    out.frozenLayers = distance(theta, entries(predicted));
  }
  if (h >= 1 && !net.lazyAlpha) {
    const pred = firstLayerPrediction(A, B, start[0]!, now);
    const back = matmul(geo.pinvA, matmul(A, new Matrix(net.d, k, theta))).data;
    const nullTheta = theta.map((v, i) => v - back[i]!);
    out.firstLayerIdentity = distance(nullTheta, entries(pred.nullPart));
    out.firstLayer = distance(theta, entries(pred.theta));
    const floor = weightNormFloor('gaps', geo.thetaStar, k, h);
    if (floor > 0) out.weightNormRatio = parameterNorm(now) / floor;
  }
  if (net.lazyAlpha) {
    // The kernel is homogeneous of degree 2h in the factors and θ_lazy does not change when
    // the kernel is scaled, so the factors are brought to a largest entry near 1 first: tiny
    // or huge initializations would otherwise give a kernel of zeros or infinities.
    const nonzero = start.filter((f) => f.data.some((v) => v !== 0));
    const e = nonzero.length ? Math.min(...nonzero.map((f) => normalizingExponent(f.data))) : 0;
    const unit = start.map((f) => new Matrix(f.rows, f.cols, scaledData(f.data, e)));
    const lazy = lazySolution(A, B, tangentKernel(unit, net.frozen));
    out.lazy = distance(theta, entries(lazy));
  }
  return out;
}
