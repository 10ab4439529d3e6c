// Where the theory says θ should end (THEORY.md T0, T2), next to where it did: each prediction
// with ‖θ − p‖ and ‖p − A⁺b‖. A⁺b comes from the network's own geometry, the rest from the
// factors at the start and at the end, with the public linear algebra.
import { matmul, matvec, Matrix, norm2 } from '../src/index.ts';
import type { DeepLinearNetwork } from '../src/index.ts';
import type { Problem } from './problem.ts';
import type { Prediction } from './protocol.ts';

function minus(x: Float64Array, y: Float64Array): Float64Array {
  return x.map((v, i) => v - y[i]!);
}

/** A⁺b + (I − A⁺A) v: the solution of Aθ = b nearest to v. */
function nearestSolution(pinvA: Matrix, A: Matrix, thetaStar: Float64Array,
  v: Float64Array): Float64Array {
  const rowPart = matvec(pinvA, matvec(A, v));
  return thetaStar.map((t, i) => t + v[i]! - rowPart[i]!);
}

/** The product of the given factors (the last is X, a column). */
function product(factors: Matrix[]): Float64Array {
  return factors.reduce((p, f) => matmul(p, f)).data;
}

/**
 * The final θ against A⁺b and the theory's predictions:
 * - projection of init A⁺b + (I − A⁺A)θ0, where plain GD on θ itself ends (T0);
 * - first-layer prediction A⁺b + (I − A⁺A) W1(0) v∞ with v∞ = W2⋯Wh X at the end (T2), exact
 *   at any scale once the run has converged. Under lazy scaling the predictor is α(θ − θ0),
 *   and the same argument gives A⁺b + α (I − A⁺A)(W1(0) v∞ − θ0).
 * The projection of init is left out under lazy scaling: its predictor starts at 0, so it would
 * be A⁺b again. The lazy (tangent-kernel) solution is not computed here yet.
 * @param net a trained network (not disposed)
 * @param problem the A and b it was trained on
 */
export function predictions(net: DeepLinearNetwork, problem: Problem):
  { minNorm: Float64Array; list: Prediction[] } {
  const { pinvA, thetaStar } = net.geometry();
  const { A } = problem;
  const theta = net.theta();
  const row = (name: string, p: Float64Array): Prediction => ({
    name, distance: norm2(minus(theta, p)), fromMinNorm: norm2(minus(p, thetaStar)),
  });
  const list = [row('A⁺b (minimum norm)', thetaStar)];
  if (net.k !== 1) return { minNorm: thetaStar, list };
  const start = net.initialFactors();
  const theta0 = product(start);
  const alpha = net.lazyAlpha;
  if (alpha === 0) {
    list.push(row('projection of init', nearestSolution(pinvA, A, thetaStar, theta0)));
  }
  if (net.depth > 0) {
    const w1v = matvec(start[0]!, product(net.factors().slice(1)));
    const u = alpha === 0 ? w1v : w1v.map((x, i) => alpha * (x - theta0[i]!));
    list.push(row('first-layer prediction', nearestSolution(pinvA, A, thetaStar, u)));
  }
  return { minNorm: thetaStar, list };
}
