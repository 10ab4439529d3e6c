// The 'auto' step size: a safe η from spectral estimates at initialization (THEORY.md (c) notes
// and (e) lessons).
//
//  - depth 0: the loss is the quadratic ½‖Aθ − b‖², curvature σ_max(A)²; η = 1/σ_max(A)².
//  - only X trained: the quadratic ½‖AWX − b‖², η = 1/σ_max(AW)².
//  - otherwise η = min(η_ntk, η_bal):
//    η_ntk = 0.5/λ, with λ = Σ_{i trainable} ‖S_{i+1}‖²·σ_max(A P_i)² ≥ λ_max of the tangent
//      kernel A M Aᵀ at initialization (T6), the curvature GD meets first;
//    η_bal = c/((h+1)·R^{2h/(h+1)}·σ_max(A)²), the curvature near a balanced solution of norm R
//      (Arora et al.'s preconditioner (h+1)‖θ‖^{2h/(h+1)}): R = ‖θ*‖ and c = 1 without lazy
//      scaling; R = ‖θ*‖/α and c = 0.5 with it, since the raw product must then travel θ*/α.
import { Matrix } from '../linalg/matrix.js';
import { matmul } from '../linalg/products.js';
import { spectralNormSq } from './geometry.js';
import { norm } from './metrics.js';
import type { DeepLinearNetwork } from './network.js';

/**
 * The step size that `step: 'auto'` resolves to for this network at its current weights.
 * @param net the network
 */
export function autoStep(net: DeepLinearNetwork): number {
  const eta = curvatureStep(net);
  if (net.A.data.every((v) => v === 0)) {
    throw new RangeError(
      "DeepLinearNetwork.train: option step: 'auto' cannot resolve a step: A is the zero " +
        "matrix, so the loss ½‖b‖² does not depend on θ and there is nothing to fit; give a " +
        "numeric 'step' to run anyway",
    );
  }
  if (!(eta > 0 && Number.isFinite(eta))) {
    throw new RangeError(
      `DeepLinearNetwork.train: option step: 'auto' cannot resolve a step: the estimate is ` +
        `${eta} (σ_max(A)² = ${net.geometry().sigmaMaxSq} leaves the f64 range); rescale A ` +
        "and b, or give a numeric 'step'",
    );
  }
  return eta;
}

function curvatureStep(net: DeepLinearNetwork): number {
  const { depth, frozen, lazyAlpha } = net;
  const geo = net.geometry();
  if (depth === 0) return 1 / geo.sigmaMaxSq;
  const f = net.factors();

  // Prefix images A P_i = A W1 ⋯ W_{i−1} and suffix norms ‖S_{i+1}‖ = ‖W_{i+1} ⋯ Wh X‖.
  const aPrefix: Matrix[] = [net.A];
  for (let i = 0; i < depth; i++) {
    aPrefix.push(matmul(aPrefix[i]!, f[i]!, { checkFinite: false }));
  }
  const suffixNormSq: number[] = new Array<number>(depth + 1);
  let s = f[depth]!;
  suffixNormSq[depth] = norm(s.data) ** 2;
  for (let i = depth - 1; i >= 0; i--) {
    if (i >= 1) s = matmul(f[i]!, s, { checkFinite: false });
    suffixNormSq[i] = i >= 1 ? norm(s.data) ** 2 : 0;
  }

  const onlyX = frozen.slice(0, depth).every(Boolean);
  if (onlyX) {
    const c = spectralNormSq(aPrefix[depth]!);
    return c > 0 ? 1 / c : 1 / geo.sigmaMaxSq;
  }

  let lambda = 0;
  for (let i = 0; i < depth; i++) {
    // Layer i + 1 (W_{i+1} in 1-based terms) sees prefix aPrefix[i] and suffix norm of factor i+1.
    if (!frozen[i]) lambda += suffixNormSq[i + 1]! * spectralNormSq(aPrefix[i]!);
  }
  if (!frozen[depth]) lambda += spectralNormSq(aPrefix[depth]!);
  const etaNtk = lambda > 0 ? 0.5 / lambda : Infinity;

  const thetaStarNorm = norm(geo.thetaStar);
  const radius = lazyAlpha ? thetaStarNorm / lazyAlpha : thetaStarNorm;
  const c = lazyAlpha ? 0.5 : 1;
  const bal = (depth + 1) * radius ** ((2 * depth) / (depth + 1)) * geo.sigmaMaxSq;
  const etaBal = bal > 0 ? c / bal : Infinity;
  const eta = Math.min(etaNtk, etaBal);
  return Number.isFinite(eta) ? eta : 1 / ((depth + 1) * geo.sigmaMaxSq);
}
