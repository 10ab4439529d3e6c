// The vocabulary of deep linear networks (see DESIGN.md, "Words"): θ = W1 W2 … Wh X, fitted to
// A θ = B by gradient descent on ½‖Aθ − B‖²_F. X has k columns (k = 1: θ and b are vectors).
import type { Matrix } from '../linalg/matrix.js';

export type InitKind =
  | 'gaussian' | 'orthogonal' | 'identity' | 'zero' | 'balancedRankOne' | 'custom';

/** How one factor (or every factor) starts. */
export interface FactorInit {
  kind: InitKind;
  /** initScale s: the factor is s times the unit-scale draw (default 1). */
  scale?: number;
  /**
   * Gaussian entries: 'width' draws s·N(0, 1/m) with m the factor's column count (its row count
   * for X), as THEORY.md's "Gaussian(s)"; 'unit' draws s·N(0, 1). Default 'width'.
   */
  variance?: 'width' | 'unit';
  /** The factor's exact starting value, for kind 'custom'. */
  value?: Matrix;
  /**
   * For kind 'balancedRankOne': the direction u0 ∈ R^d of W1's column space (normalized here);
   * a seeded random unit vector when omitted. The first factor that gives it sets it.
   */
  u0?: Float64Array;
}

export interface NetworkConfig {
  /** The n×d measurement matrix (n < d: underdetermined). */
  A: Matrix;
  /** Targets: a vector of length n, or an n×k matrix B. */
  b: Float64Array | Matrix;
  /** Hidden widths [m1 … mh]; depth h = widths.length; [] trains θ = X directly. */
  widths: number[];
  /** One init for every factor, or h + 1 of them in the order W1 … Wh, X. */
  init: FactorInit | FactorInit[];
  /** Seed of every random draw of the initialization. */
  seed: number;
  /** Per factor (h + 1 entries, W1 … Wh, X): true keeps that factor fixed. */
  frozen?: boolean[];
  /**
   * Chizat–Oyallon–Bach lazy scaling α in [1e-8, 1e8]: predictor α(θ(W) − θ(W0)), loss divided
   * by α². TrainOptions.lossTol is tested against that divided loss, so scale it too (a
   * predictor loss ε corresponds to lossTol = ε/α²).
   */
  lazyAlpha?: number;
}

export interface TrainOptions {
  /** Step size η, or 'auto' for a safe step from a spectral estimate at initialization. */
  step: number | 'auto';
  /** Step budget. */
  maxSteps: number;
  /** Stop when the loss falls below this (default 1e-25). */
  lossTol?: number;
  /**
   * Stop when the gradient norm falls below this (default 0: off). Set it for least-squares
   * problems (n > d, or b outside range(A)): their loss stays above lossTol, so without
   * gradTol a run ends only with the budget (converged: false, reason 'budget').
   */
  gradTol?: number;
  /** Record metrics every this many steps (default 0: first and last state only). */
  every?: number;
  /**
   * Heavy-ball momentum β in [0, 1) (default 0: plain gradient descent, the paper's). The
   * velocity carries over between calls with momentum; a call without it zeroes the velocity.
   */
  momentum?: number;
  /** false: record no MetricsRow at all, not even the first and last (for benchmarks). */
  record?: boolean;
}

/** One recorded state; `step` is the number of updates applied so far. */
export interface MetricsRow {
  step: number;
  loss: number;
  /** ‖θ‖ */
  thetaNorm: number;
  /** residual = ‖Aθ − b‖ */
  residual: number;
  /** distanceToMinNorm = ‖θ − A⁺b‖ */
  distanceToMinNorm: number;
  /** nullComponent = ‖(I − A⁺A)θ‖ */
  nullComponent: number;
  /** Σ‖Wi‖²_F + ‖X‖²_F */
  paramNorm: number;
  /** ‖D_i‖_F for i = 1 … h (T3): D_i = WiᵀWi − Wi+1Wi+1ᵀ, with X for Wh+1. */
  imbalance: number[];
}

export interface TrainResult {
  /** True when a tolerance was met; false when the budget ran out first. */
  converged: boolean;
  reason: 'loss' | 'gradient' | 'budget';
  /** Updates applied. */
  steps: number;
  /** The step size used (resolved when 'auto'). */
  stepSize: number;
  /** Final loss. */
  loss: number;
  history: MetricsRow[];
}
