// What a training run records at a step (MetricsRow): loss, norms of θ, its residual, its
// distance to A⁺b, its component in null(A), the parameter norm and the imbalances D_i (T3).
import { Overflow } from '../core/errors.js';
import { Matrix } from '../linalg/matrix.js';
import { matmul } from '../linalg/products.js';
import { checkChain, checkFactors } from './arguments.js';
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

/** Largest |entry| over some matrices. */
function maxAbs(ms: Matrix[]): number {
  let s = 0;
  for (const m of ms) for (const v of m.data) s = Math.max(s, Math.abs(v));
  return s;
}

/** D = WᵀW − NNᵀ as (D/c², c): scaled by the largest entry c when the grams could overflow. */
function imbalancePair(w: Matrix, next: Matrix): { d: Matrix; scale: number } {
  const c = maxAbs([w, next]);
  // Ordinary sizes keep the plain products (the same bits as every recorded run).
  const safe = c === 0 || (c > 1e-100 && c < 1e100);
  const [ws, ns] = safe ? [w, next] : [w, next].map((m) =>
    new Matrix(m.rows, m.cols, m.data.map((v) => v / c)));
  const gram = matmul(ws!, ws!, { transposeA: true, checkFinite: false });
  const outer = matmul(ns!, ns!, { transposeB: true, checkFinite: false });
  const d = new Matrix(gram.rows, gram.cols, gram.data.map((v, j) => v - outer.data[j]!));
  return { d, scale: safe ? 1 : c };
}

/** @internal Imbalances without checks, IEEE overflow included (for MetricsRow). */
export function imbalanceRaw(factors: Matrix[]): Matrix[] {
  const out: Matrix[] = [];
  for (let i = 0; i + 1 < factors.length; i++) {
    const { d, scale } = imbalancePair(factors[i]!, factors[i + 1]!);
    out.push(scale === 1 ? d : new Matrix(d.rows, d.cols, d.data.map((v) => v * scale * scale)));
  }
  return out;
}

function overflow(fn: string, what: string): Overflow {
  return new Overflow(`${fn}: ${what} leaves the f64 range (finite factors, result > 1.8e308)`);
}

/** @internal Checked imbalances for the public entry points, named fn in errors. */
export function imbalanceChecked(fn: string, factors: Matrix[], norms: true): number[];
export function imbalanceChecked(fn: string, factors: Matrix[], norms: false): Matrix[];
export function imbalanceChecked(
  fn: string, factors: Matrix[], norms: boolean,
): number[] | Matrix[] {
  checkFactors(fn, 'factors', factors);
  checkChain(fn, 'factors', factors);
  const out: (number | Matrix)[] = [];
  for (let i = 0; i + 1 < factors.length; i++) {
    const { d, scale } = imbalancePair(factors[i]!, factors[i + 1]!);
    const c2 = scale * scale;
    if (norms) {
      // ‖D‖ = c²‖D/c²‖, finite unless the true norm overflows.
      const v = scale === 1 ? norm(d.data) : scale * (scale * norm(d.data));
      if (!Number.isFinite(v)) throw overflow(fn, `‖D_${i + 1}‖_F`);
      out.push(v);
    } else {
      const m = new Matrix(d.rows, d.cols, d.data.map((v) => (scale === 1 ? v : v * c2)));
      if (m.data.some((v) => !Number.isFinite(v))) throw overflow(fn, `D_${i + 1}`);
      out.push(m);
    }
  }
  return out as number[] | Matrix[];
}

/**
 * The imbalances D_i = W_iᵀW_i − W_{i+1}W_{i+1}ᵀ for i = 1 … h, with X in place of W_{h+1}
 * (Du et al. 2018; Arora et al. 2018): conserved by gradient flow, moved by O(η²) per GD step.
 * @param factors W1 … Wh, X
 * @throws {ShapeMismatch} when the factors do not chain
 * @throws {Overflow} when an entry of some D_i leaves the f64 range
 */
export function imbalanceMatrices(factors: Matrix[]): Matrix[] {
  return imbalanceChecked('imbalanceMatrices', factors, false);
}

/** @internal Σ‖W_i‖²_F + ‖X‖²_F without checks (for MetricsRow). */
export function parameterNormRaw(factors: Matrix[]): number {
  let s = 0;
  for (const f of factors) s += norm(f.data) ** 2;
  return s;
}

/**
 * Σ‖W_i‖²_F + ‖X‖²_F, summed scaled by the largest entry so that only a true value beyond the
 * f64 range overflows.
 * @throws {Overflow} when the sum itself is beyond the f64 range
 */
export function parameterNorm(factors: Matrix[]): number {
  checkFactors('parameterNorm', 'factors', factors);
  const plain = parameterNormRaw(factors);
  if (Number.isFinite(plain) && plain > 1e-290) return plain;
  const c = maxAbs(factors);
  if (c === 0) return 0;
  let s = 0;
  for (const f of factors) for (const v of f.data) s += (v / c) ** 2;
  const out = c * (c * s);
  if (!Number.isFinite(out)) throw overflow('parameterNorm', 'Σ‖W_i‖²_F + ‖X‖²_F');
  return out;
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
    paramNorm: parameterNormRaw(factors),
    imbalance: imbalanceRaw(factors).map((m) => norm(m.data)),
  };
}
