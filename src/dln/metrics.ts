// What a training run records at a step (MetricsRow): loss, norms of θ, its residual, its
// distance to A⁺b, its component in null(A), the parameter norm and the imbalances D_i (T3).
import { Matrix } from '../linalg/matrix.js';
import { matmul } from '../linalg/products.js';
import type { Geometry } from './geometry.js';
import type { MetricsRow } from './types.js';

export function norm(v: ArrayLike<number>): number {
  let scale = 0;
  for (let i = 0; i < v.length; i++) scale = Math.max(scale, Math.abs(v[i]!));
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i]! / scale) ** 2;
  return scale * Math.sqrt(s);
}

export function distance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const diff = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) diff[i] = a[i]! - b[i]!;
  return norm(diff);
}

/**
 * The imbalances D_i = W_iᵀW_i − W_{i+1}W_{i+1}ᵀ for i = 1 … h, with X in place of W_{h+1}
 * (Du et al. 2018; Arora et al. 2018): conserved by gradient flow, moved by O(η²) per GD step.
 * @param factors W1 … Wh, X
 */
export function imbalanceMatrices(factors: Matrix[]): Matrix[] {
  const out: Matrix[] = [];
  for (let i = 0; i + 1 < factors.length; i++) {
    const w = factors[i]!;
    const next = factors[i + 1]!;
    const gram = matmul(w, w, { transposeA: true, checkFinite: false });
    const outer = matmul(next, next, { transposeB: true, checkFinite: false });
    out.push(new Matrix(gram.rows, gram.cols, gram.data.map((v, j) => v - outer.data[j]!)));
  }
  return out;
}

/** Σ‖W_i‖²_F + ‖X‖²_F. */
export function parameterNorm(factors: Matrix[]): number {
  let s = 0;
  for (const f of factors) s += norm(f.data) ** 2;
  return s;
}

/**
 * Component of θ (d×k) outside the row space of A: θ − A⁺(Aθ), given Aθ.
 * @param aTheta Aθ, n×k row-major
 */
export function nullPart(g: Geometry, theta: Float64Array, aTheta: Float64Array, k: number) {
  const n = g.pinvA.cols;
  const back = matmul(g.pinvA, new Matrix(n, k, aTheta), { checkFinite: false }).data;
  return theta.map((v, i) => v - back[i]!);
}

/**
 * One MetricsRow from the state of a network.
 * @param residual R = Aθ − B, n×k row-major
 * @param targets B, n×k row-major
 */
export function metricsRow(
  step: number, loss: number, theta: Float64Array, residual: Float64Array,
  targets: Float64Array, factors: Matrix[], g: Geometry, k: number,
): MetricsRow {
  const aTheta = residual.map((r, i) => r + targets[i]!);
  return {
    step,
    loss,
    thetaNorm: norm(theta),
    residual: norm(residual),
    distanceToMinNorm: distance(theta, g.thetaStar),
    nullComponent: norm(nullPart(g, theta, aTheta, k)),
    paramNorm: parameterNorm(factors),
    imbalance: imbalanceMatrices(factors).map((m) => norm(m.data)),
  };
}
