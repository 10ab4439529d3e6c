// A deep linear network θ = W1 W2 ⋯ Wh X whose weights live in Wasm memory from create to
// dispose, so a training step costs no copies. The descriptor block mirrors assembly/dln.ts.
import { Disposed, Overflow } from '../core/errors.js';
import { allocBytes, f64View } from '../core/memory.js';
import { wasm } from '../core/wasm.js';
import { Matrix } from '../linalg/matrix.js';
import { matmul } from '../linalg/products.js';
import { checkConfig, type NetworkShape } from './config.js';
import { geometryOf, type Geometry } from './geometry.js';
import { initialFactors } from './init.js';
import { metricsRow } from './metrics.js';
import { trainNetwork } from './train.js';
import type { MetricsRow, NetworkConfig, TrainOptions, TrainResult } from './types.js';

// Descriptor slots (f64 each), as in assembly/dln.ts.
const S = {
  H: 0, N: 1, D: 2, K: 3, A: 4, B: 5, R: 6, THETA0: 7, ALPHA: 8, THETA_EFF: 9, PARAMS: 10,
  VEL: 11, OUT_STEPS: 12, OUT_LOSS: 13, OUT_GRAD_SQ: 14, X: 15, FROZEN_X: 16, U_LAST: 17,
  THETA: 18, LAST_TRAINABLE: 19, FACTORED: 20, KA: 21, C: 22, G: 23, GR: 24, A_THETA0: 25,
  LAYER0: 28, LAYER_SLOTS: 6,
} as const;

/** Status codes of dlnTrain. */
export const KernelStatus = { budget: 0, loss: 1, gradient: 2, diverged: 3 } as const;

export interface KernelRun {
  status: number;
  steps: number;
  loss: number;
  gradSq: number;
}

// Backstop only: a network dropped without dispose() returns its blocks when collected.
const registry = new FinalizationRegistry<number[]>((blocks) => {
  for (const p of blocks) if (p !== 0) wasm().freeBytes(p);
});

/**
 * Create a network from a config (see NetworkConfig); same as `new DeepLinearNetwork(config)`.
 * @throws see checkConfig: named errors for every malformed field
 */
export function createNetwork(config: NetworkConfig): DeepLinearNetwork {
  return new DeepLinearNetwork(config);
}

export class DeepLinearNetwork {
  readonly n: number;
  readonly d: number;
  /** Columns of X and of B (1 for a vector target). */
  readonly k: number;
  readonly depth: number;
  readonly widths: readonly number[];
  readonly frozen: readonly boolean[];
  /** Lazy scaling α, or 0 when off. */
  readonly lazyAlpha: number;
  /** @internal */
  readonly shape: NetworkShape;
  /** @internal */
  readonly A: Matrix;
  private readonly start: Matrix[];
  private readonly blocks: number[] = [0, 0, 0];
  private readonly token = {};
  private readonly pd: number;
  private readonly paramsOffset: number;
  private readonly paramsLength: number;
  private readonly factorOffsets: number[];
  private cachedGeometry?: Geometry;
  private disposed = false;
  /** Updates applied since creation. */
  stepsTaken = 0;

  /**
   * @param config A, b, widths, init, seed, and optionally frozen and lazyAlpha
   * @throws {InvalidArgument | RangeError | ShapeMismatch | NonFiniteInput} for a bad config,
   *   naming the field, the rule and the value received
   * @throws {Overflow} when the initial θ = W1⋯WhX or its loss is beyond the f64 range
   */
  constructor(config: NetworkConfig) {
    const shape = checkConfig(config);
    this.shape = shape;
    const { n, d, k, depth, shapes, frozen, lazyAlpha } = shape;
    this.n = n; this.d = d; this.k = k; this.depth = depth;
    this.widths = shape.widths; this.frozen = frozen; this.lazyAlpha = lazyAlpha;
    this.A = config.A.clone();
    this.start = initialFactors(shape, config.seed);

    // Layout in doubles; every block starts on a 16-byte boundary for v128 loads.
    let top = 0;
    const take = (len: number) => {
      const at = top;
      top += len + (len & 1);
      return at;
    };
    const oDesc = take(S.LAYER0 + S.LAYER_SLOTS * depth);
    const oA = take(n * d);
    const oB = take(n * k);
    const oR = take(n * k);
    const oTheta0 = lazyAlpha ? take(d * k) : -1;
    const oEff = lazyAlpha ? take(d * k) : -1;
    const oS = [0, ...shapes.slice(0, depth).map(([rows]) => take(rows * k))];
    const oU = [0, ...shapes.slice(0, depth).map(([rows]) => take(rows * k))];
    const oULast = take(shapes[depth]![0] * k);
    // The factored first layer (assembly/dln.ts, stepFactored) pays when n < d: buffers for
    // K = A·W1, the accumulated updates C, G = AAᵀ, Gρ and Aθ0.
    // The factored path needs G = AAᵀ in range; data near 1e154 overflows it, and those
    // networks take the plain path (same results, O(d·m1) per step for the first layer).
    let gram: Matrix | undefined;
    if (k === 1 && depth >= 1 && n < d) {
      try {
        gram = matmul(this.A, this.A, { transposeB: true });
      } catch {
        gram = undefined;
      }
    }
    const factored = gram !== undefined;
    const m1 = depth >= 1 ? shapes[0]![1] : 0;
    const oK = factored ? take(n * m1) : -1;
    const oC = factored ? take(n * m1) : -1;
    const oG = factored ? take(n * n) : -1;
    const oGr = factored ? take(n) : -1;
    const oATheta0 = factored && lazyAlpha ? take(n) : -1;
    this.factorOffsets = shapes.map(([r, c]) => take(r * c));
    this.paramsOffset = this.factorOffsets[0]!;
    this.paramsLength = top - this.paramsOffset;
    const base = allocBytes(top * 8);
    this.blocks[0] = base;
    registry.register(this, this.blocks, this.token);
    this.pd = base + 8 * oDesc;
    const at = (o: number) => base + 8 * o;

    const mem = f64View(base, top);
    mem.set(this.A.data, oA);
    mem.set(shape.targets, oB);
    this.start.forEach((f, i) => mem.set(f.data, this.factorOffsets[i]!));
    const desc = f64View(this.pd, S.LAYER0 + S.LAYER_SLOTS * depth);
    desc.fill(0);
    const pX = at(this.factorOffsets[depth]!);
    const pTheta = depth >= 1 ? at(oS[1]!) : pX;
    let last = 0;
    frozen.forEach((fz, i) => { if (!fz) last = i + 1; });
    Object.entries({
      H: depth, N: n, D: d, K: k, A: at(oA), B: at(oB), R: at(oR), THETA0: 0, ALPHA: 1,
      THETA_EFF: pTheta, PARAMS: at(this.paramsOffset), VEL: 0, X: pX,
      FROZEN_X: +frozen[depth]!, U_LAST: at(oULast), THETA: pTheta, LAST_TRAINABLE: last,
    }).forEach(([key, v]) => { desc[S[key as keyof typeof S]] = v; });
    if (gram) {
      mem.set(gram.data, oG);
      Object.entries({ FACTORED: 1, KA: at(oK), C: at(oC), G: at(oG), GR: at(oGr) })
        .forEach(([key, v]) => { desc[S[key as keyof typeof S]] = v; });
    }
    for (let i = 1; i <= depth; i++) {
      const [rows, cols] = shapes[i - 1]!;
      const o = S.LAYER0 + S.LAYER_SLOTS * (i - 1);
      desc[o] = at(this.factorOffsets[i - 1]!);
      desc[o + 1] = rows;
      desc[o + 2] = cols;
      desc[o + 3] = +frozen[i - 1]!;
      desc[o + 4] = i < depth ? at(oS[i + 1]!) : pX;
      desc[o + 5] = at(oU[i]!);
    }

    if (lazyAlpha) {
      // θ0 = θ(W0) from an unscaled forward pass, then switch the predictor to α(θ − θ0).
      wasm().dlnForward(this.pd);
      const view = f64View(base, top);
      view.copyWithin(oTheta0, depth >= 1 ? oS[1]! : this.factorOffsets[depth]!,
        (depth >= 1 ? oS[1]! : this.factorOffsets[depth]!) + d * k);
      const dv = f64View(this.pd, S.LAYER0);
      dv[S.THETA0] = at(oTheta0);
      dv[S.ALPHA] = lazyAlpha;
      dv[S.THETA_EFF] = at(oEff);
      const theta0All = f64View(at(oTheta0), d * k);
      const bad0 = theta0All.findIndex((v) => !Number.isFinite(v));
      if (bad0 >= 0) this.refuseStart(`θ0 = W1⋯WhX (entry [${bad0}] is ${theta0All[bad0]})`);
      if (factored) {
        const theta0 = f64View(at(oTheta0), d).slice();
        const aTheta0 = matmul(this.A, new Matrix(d, 1, theta0));
        f64View(at(oATheta0), n).set(aTheta0.data);
        f64View(this.pd, S.LAYER0)[S.A_THETA0] = at(oATheta0);
      }
    }

    // Finite factors and data can still multiply out beyond the f64 range (a huge init
    // scale, or A and θ both large): refuse them here rather than hand out θ or a loss that
    // is ±Infinity or NaN.
    const loss = wasm().dlnForward(this.pd);
    const theta = f64View(this.slot(S.THETA_EFF), d * k);
    const bad = theta.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0 || !Number.isFinite(loss)) {
      this.refuseStart(bad >= 0
        ? `θ = W1⋯WhX (entry [${bad}] is ${theta[bad]})`
        : `loss ½‖Aθ − b‖² (${loss})`);
    }
  }

  /** Free what the constructor allocated and refuse a start beyond the f64 range. */
  private refuseStart(what: string): never {
    this.dispose();
    throw new Overflow(
      `DeepLinearNetwork: the initial ${what} leaves the f64 range; lower config.init's ` +
        'scale or rescale config.A and config.b',
    );
  }

  /** True once dispose() has run. */
  get isDisposed(): boolean {
    return this.disposed;
  }

  private live(fn: string): void {
    if (this.disposed) {
      throw new Disposed(`DeepLinearNetwork.${fn}: the network was disposed; create a new one`);
    }
  }

  private slot(i: number): number {
    return f64View(this.pd, S.LAYER0)[i]!;
  }

  /**
   * The end-to-end solution θ = W1⋯Wh X (with lazy scaling, the predictor α(θ − θ0)), d·k
   * entries row-major (d×k).
   */
  theta(): Float64Array {
    this.live('theta');
    wasm().dlnForward(this.pd);
    return f64View(this.slot(S.THETA_EFF), this.d * this.k).slice();
  }

  /** The current factors W1 … Wh, X (X is m_h×k), as copies. */
  factors(): Matrix[] {
    this.live('factors');
    const base = this.blocks[0]!;
    return this.shape.shapes.map(([r, c], i) =>
      new Matrix(r, c, f64View(base + 8 * this.factorOffsets[i]!, r * c).slice()));
  }

  /** The factors at creation, W1 … Wh, X, as copies. */
  initialFactors(): Matrix[] {
    this.live('initialFactors');
    return this.start.map((f) => f.clone());
  }

  /** ½‖Aθ − B‖²_F at the current weights (with lazy scaling, divided by α²). */
  loss(): number {
    this.live('loss');
    return wasm().dlnForward(this.pd);
  }

  /** The residual Aθ − B (n×k row-major) at the current weights. */
  residual(): Float64Array {
    this.live('residual');
    wasm().dlnForward(this.pd);
    return f64View(this.slot(S.R), this.n * this.k).slice();
  }

  /**
   * The gradient of the loss with respect to every factor W1 … Wh, X (frozen ones included),
   * at the current weights: ∇W_i = U_i S_{i+1}ᵀ, ∇X = U_{h+1} (THEORY.md a3).
   */
  gradients(): Matrix[] {
    this.live('gradients');
    const k = wasm();
    const buf = allocBytes(this.paramsLength * 8);
    try {
      k.dlnGradients(this.pd, buf);
      return this.shape.shapes.map(([r, c], i) => new Matrix(r, c,
        f64View(buf + 8 * (this.factorOffsets[i]! - this.paramsOffset), r * c).slice()));
    } finally {
      k.freeBytes(buf);
    }
  }

  /** A⁺, θ* = A⁺B and σ_max(A)², computed on first use and kept. */
  geometry(): Geometry {
    this.live('geometry');
    this.cachedGeometry ??= geometryOf(this.A, this.shape.targets, this.k);
    return this.cachedGeometry;
  }

  /** The metrics of the current state (see MetricsRow). */
  metrics(): MetricsRow {
    this.live('metrics');
    const loss = this.loss();
    const theta = f64View(this.slot(S.THETA_EFF), this.d * this.k).slice();
    const residual = f64View(this.slot(S.R), this.n * this.k).slice();
    return metricsRow(this.stepsTaken, loss, theta, residual, this.shape.targets,
      this.factors(), this.geometry(), this.k);
  }

  /**
   * Train by gradient descent; see TrainOptions and train.ts for the stopping rules and the
   * 'auto' step.
   * @throws {Diverged} when the loss becomes non-finite or explodes; the network keeps the last
   *   weights whose loss was finite
   */
  train(opts: TrainOptions): TrainResult {
    this.live('train');
    return trainNetwork(this, opts);
  }

  /** @internal Run the Wasm training loop for up to `steps` updates. */
  runKernel(steps: number, eta: number, momentum: number, lossTol: number, gradTol: number,
    ceiling: number): KernelRun {
    this.live('runKernel');
    const status = wasm().dlnTrain(this.pd, steps, eta, momentum, lossTol, gradTol, ceiling);
    const d = f64View(this.pd, S.LAYER0);
    return { status, steps: d[S.OUT_STEPS]!, loss: d[S.OUT_LOSS]!, gradSq: d[S.OUT_GRAD_SQ]! };
  }

  /** @internal Allocate the velocity of heavy-ball momentum (zero) on first use. */
  ensureVelocity(): void {
    this.live('ensureVelocity');
    if (this.blocks[1] !== 0) return;
    const p = allocBytes(this.paramsLength * 8);
    f64View(p, this.paramsLength).fill(0);
    this.blocks[1] = p;
    f64View(this.pd, S.LAYER0)[S.VEL] = p;
  }

  /**
   * @internal Zero the velocity: plain gradient steps leave heavy-ball history stale, so the
   * next run with momentum starts from rest, as a fresh network would.
   */
  resetVelocity(): void {
    this.live('resetVelocity');
    if (this.blocks[1] !== 0) f64View(this.blocks[1]!, this.paramsLength).fill(0);
  }

  /** @internal Copy the parameters (and velocity) aside, or back. */
  snapshot(restore = false): void {
    this.live('snapshot');
    const k = wasm();
    const len = this.paramsLength * 8;
    if (this.blocks[2] === 0) this.blocks[2] = allocBytes(2 * len);
    const keep = this.blocks[2]!;
    const params = this.blocks[0]! + 8 * this.paramsOffset;
    const pairs: [number, number][] = [[params, keep]];
    if (this.blocks[1] !== 0) pairs.push([this.blocks[1]!, keep + len]);
    const bytes = new Uint8Array(k.memory.buffer);
    for (const [live, aside] of pairs) {
      if (restore) bytes.copyWithin(live, aside, aside + len);
      else bytes.copyWithin(aside, live, live + len);
    }
  }

  /** Free the Wasm memory now. Later calls throw Disposed; a second dispose does nothing. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    registry.unregister(this.token);
    const k = wasm();
    for (let i = 0; i < this.blocks.length; i++) {
      if (this.blocks[i] !== 0) k.freeBytes(this.blocks[i]!);
      this.blocks[i] = 0;
    }
  }

  [Symbol.dispose](): void {
    this.dispose();
  }
}
