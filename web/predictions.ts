// Where the theory says θ should end, next to where it did: each of the library's predictions
// (src/dln/theory.ts, lazy.ts) with ‖θ − p‖ and ‖p − A⁺b‖.
import {
  firstLayerPrediction, lazySolution, layerProduct, minNormSolution, norm2, projectionOfInit,
  tangentKernel,
} from '../src/index.ts';
import type { DeepLinearNetwork } from '../src/index.ts';
import type { Problem } from './problem.ts';
import type { Prediction } from './protocol.ts';

function distance(x: Float64Array, y: Float64Array): number {
  return norm2(x.map((v, i) => v - y[i]!));
}

/**
 * The final θ against A⁺b and the predictions that apply to the run:
 * - projection of init A⁺b + (I − A⁺A)θ0 (T0: exact for depth 0);
 * - first-layer prediction A⁺b + (I − A⁺A) W1(0) v∞ (T2: exact at any scale once a run with
 *   depth ≥ 1 has converged);
 * - lazy solution, the interpolant nearest θ0 in the metric of the tangent kernel at
 *   initialization (T6: the limit as the lazy α grows; under lazy scaling the predictor starts
 *   at 0, so θ0 = 0 there and the projection of init, A⁺b again, is left out).
 * T2 is not listed under lazy scaling: the library states it for the plain predictor.
 * @param net a trained network (not disposed), vector target
 * @param problem the A and b it was trained on
 */
export function predictions(net: DeepLinearNetwork, problem: Problem):
  { minNorm: Float64Array; list: Prediction[] } {
  const { A, b } = problem;
  const theta = net.theta();
  const minNorm = minNormSolution(A, b);
  const row = (name: string, p: Float64Array): Prediction => ({
    name, distance: distance(theta, p), fromMinNorm: distance(p, minNorm),
  });
  const list = [row('A⁺b (minimum norm)', minNorm)];

  const start = net.initialFactors();
  const lazy = net.lazyAlpha > 0;
  const theta0 = lazy ? new Float64Array(net.d) : layerProduct(start).data;
  if (!lazy) list.push(row('projection of init', projectionOfInit(A, b, theta0)));
  if (!lazy && net.depth > 0) {
    list.push(row('first-layer prediction',
      firstLayerPrediction(A, b, start[0]!, net.factors()).theta));
  }
  const kernel = tangentKernel(start, net.frozen);
  list.push(row('lazy solution', lazySolution(A, b, kernel, theta0)));
  return { minNorm, list };
}
